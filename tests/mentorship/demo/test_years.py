"""The demo college has lived three academic years, moved on by the product's roll-over."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from mentorship.demo.load import load
from mentorship.people.models import Person
from roadmap.models import AcademicYearRollOver, IndicatorYearData, ReportApproval
from tests.lib.pdf_files import pdf_text

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 7)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded on TODAY, once for the module (rolled back at its end); every test
    runs in its own savepoint on top of it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load(TODAY)
        transaction.set_rollback(True)


def test_the_college_was_rolled_over_into_each_of_its_years(demo):
    done = dict(AcademicYearRollOver.objects.values_list("academic_year", "counts"))
    assert sorted(done) == ["2025/2026", "2026/2027"]
    # Last June's alumni graduated in the first roll-over; every student still studying
    # moved up a course each time.
    assert done["2025/2026"]["graduated"] == 3
    assert (
        done["2026/2027"]["promoted"]
        == Person.objects.filter(kind=Person.Kind.STUDENT, course__gte=2).count()
    )
    assert any("прожил 3 учебных года" in note for note in demo.notes)


def test_a_fourth_year_student_has_the_history_of_three_years(demo):
    student = Person.objects.filter(kind=Person.Kind.STUDENT, course=4).first()
    courses = [
        (timezone.localdate(row.history_date), row.course)
        for row in student.history.order_by("history_date", "history_id")
    ]
    # Recorded on the first day of each year: the roll-overs ran ahead, on 31 August.
    assert courses == [
        (dt.date(2024, 9, 1), 2),
        (dt.date(2025, 9, 1), 3),
        (dt.date(2026, 9, 1), 4),
    ]


def test_first_years_were_enrolled_when_their_year_opened(demo):
    first_year = Person.objects.filter(kind=Person.Kind.STUDENT, course=1).first()
    recorded = first_year.history.order_by("history_date").first()
    assert recorded.history_type == "+"
    assert timezone.localdate(recorded.history_date) == dt.date(2026, 9, 1)
    assert recorded.course == 1


def test_alumni_of_the_demo_years_graduated_through_the_roll_over(demo):
    graduates = Person.objects.filter(kind=Person.Kind.ALUMNUS, graduated_on__isnull=False)
    assert set(graduates.values_list("graduated_on", flat=True)) == {dt.date(2025, 6, 30)}
    for alumnus in graduates:
        first = alumnus.history.order_by("history_date").first()
        assert (first.kind, first.course) == (Person.Kind.STUDENT, 4)


def test_the_past_is_written_once(demo):
    again = load(TODAY)
    assert AcademicYearRollOver.objects.count() == 2
    assert sum(again.created.values()) == 0
    assert sum(again.updated.values()) == 0


def test_the_director_approved_the_year_that_ended(demo):
    approval = ReportApproval.objects.get()
    assert (approval.period, approval.version, approval.approved_by_name) == (
        "2025/2026",
        1,
        "Андрей Кравченко",
    )
    text = " ".join(pdf_text(bytes(approval.pdf)).split())
    assert "за 2025/2026 учебный год" in text
    # The region's figures of the year that ended were entered: every regional share has a
    # value and a status.
    assert "нет регионального знаменателя" not in text
    assert text.count("знаменатель, внесённый за 2025/2026 учебный год") == 4


def test_the_running_year_asks_the_curator_for_the_regions_figures(demo):
    from django.contrib.auth import get_user_model

    from mentorship.office.attention import attention_items
    from mentorship.pairs.summary import pairs_summary
    from mentorship.people import selectors

    curator = get_user_model().objects.get(username="kurator")
    items = {
        item.key: item
        for item in attention_items(
            user=curator, bases=selectors.bases_summary(), pairs=pairs_summary(), today=TODAY
        )
    }
    item = items["regional_denominators"]
    assert (item.label, item.count) == (
        "Показателей без регионального знаменателя за 2026 год",
        4,
    )
    # The demo entered 2024, 2025 and the academic years 2024/2025 and 2025/2026.
    entered = IndicatorYearData.objects.filter(denominator__isnull=False)
    assert sorted(set(entered.values_list("period", flat=True))) == [
        "2024",
        "2024/2025",
        "2025",
        "2025/2026",
    ]
    assert any("Отчёт за 2025/2026 учебный год утверждён директором" in n for n in demo.notes)
