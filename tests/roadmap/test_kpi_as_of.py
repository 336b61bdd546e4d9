"""Facts as they were: a past period's KPIs and report count people as they stood at its end
(their simple-history rows as of that moment), whatever happened to them since — the
roll-over to a new academic year, a graduation, a year more of experience, an ОВЗ mark."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mentorship.lib.history import end_of_day, start_of_day
from mentorship.pairs.models import Pair
from mentorship.people.models import (
    MenteeProfile,
    PartnerOrganisation,
    Person,
)
from roadmap.kpi import kpi_values_for_year, organisation_counts, people_counts
from roadmap.report import report_data_build, report_json_render
from roadmap.rollover import roll_over_commit
from tests.factories import PersonFactory
from tests.history_dates import history_back_date

from .report_data import TODAY, YEAR, pair, year_make

pytestmark = pytest.mark.django_db

D = dt.date
Kind = Person.Kind


def report_json(year: int = YEAR) -> dict:
    found = json.loads(report_json_render(report_data_build(year, today=TODAY)))
    found.pop("generated_on")
    return found


def _kpi_numbers(year: int = YEAR) -> list[tuple]:
    return [
        (row.computation, row.numerator, row.denominator, row.value)
        for row in kpi_values_for_year(year, today=TODAY)
    ]


# --- the acceptance test -------------------------------------------------------------


def test_a_past_year_reads_the_same_after_the_roll_over_and_later_changes():
    made = year_make()
    # Courses, so that the roll-over has students to promote and to graduate: a mentee of
    # the year's running pair graduates (and the roll-over ends the pair), another moves up.
    special = made["special"]
    by_name = {p.last_name: p for p in Person.objects.all()}
    for name, course in [("Студентов", 4), ("Безпары", 2), (special.last_name, 2)]:
        by_name[name].course = course
        by_name[name].save()
    young = by_name["Учителев"]
    young.experience_years = 3  # a young teacher (0–3 years) in 2025
    young.save()
    # Everything above as it was entered: before 2025.
    history_back_date(D(2023, 1, 1))
    kpi_before, report_before = _kpi_numbers(), report_json()
    assert report_before["has_data"]

    plan = roll_over_commit(to="2026/2027", today=D(2026, 8, 20))
    assert plan.counts()["graduated"] == 2  # Студентов (4th course) and Старшекурсник
    assert plan.counts()["pairs_ended"] == 1
    # Later changes, each through the model as a screen makes them (dated now, in 2026 or
    # after): a student graduates by hand, a teacher's experience grows, an ОВЗ mark is set.
    leaver = Person.objects.get(last_name="Безпары")
    leaver.kind, leaver.course, leaver.study_form = Kind.ALUMNUS, None, ""
    leaver.graduated_on = D(2026, 12, 1)
    leaver.save()
    young.refresh_from_db()
    young.experience_years += 1
    young.save()
    pupil = Person.objects.get(last_name="Школьников")
    pupil.has_disability = True
    pupil.save()
    assert timezone.now() > end_of_day(D(YEAR, 12, 31))  # «now» is after the year

    assert _kpi_numbers() == kpi_before
    assert report_json() == report_before
    # The changes are real: the registry as it is now counts otherwise.
    now = people_counts(timezone.localdate().year)
    then = people_counts(YEAR)
    assert (then["students"], then["young_teachers"]) == (4, 1)
    assert (now["students"], now["young_teachers"]) == (1, 0)


# --- the rules, one test each ----------------------------------------------------------------


def _teacher_pair(mentee: Person, start: dt.date) -> Pair:
    mentor = PersonFactory(teacher=True)
    return pair(mentor, [mentee], "teacher-student", start)


def test_a_change_after_the_periods_end_is_not_seen():
    student = PersonFactory(has_disability=False)
    history_back_date(D(YEAR, 1, 1))
    student.has_disability = True
    student.study_form = Person.StudyForm.EXTRAMURAL
    student.save()  # now: after the year
    counts = people_counts(YEAR)
    assert (counts["students"], counts["disabled_students"]) == (1, 0)
    assert people_counts(timezone.localdate().year)["disabled_students"] == 1


def test_a_person_first_recorded_after_the_period_and_no_participant_is_not_counted():
    PersonFactory()  # recorded now
    early = PersonFactory()
    history_back_date(D(YEAR, 6, 1), Person)
    PersonFactory()  # recorded now, after the year
    MenteeProfile.objects.create(person=early)  # in the bank only now
    counts = people_counts(YEAR)
    assert counts["students"] == 2
    assert counts["base_participants"] == 0
    assert people_counts(timezone.localdate().year)["students"] == 3


def test_a_participant_entered_later_counts_by_their_first_recorded_state():
    """A college that starts using the product after the year enters that year's pair: the
    mentee counts as first entered (a full-time student with ОВЗ), not as changed since."""
    mentee = PersonFactory(has_disability=True)
    _teacher_pair(mentee, D(YEAR, 3, 1))
    mentee.kind, mentee.course, mentee.study_form = Kind.ALUMNUS, None, ""
    mentee.save()  # graduated: a second row, later still
    counts = people_counts(YEAR)
    assert counts["participants"] == 2
    assert (counts["student_mentees"], counts["students"]) == (1, 1)
    assert (counts["disabled_student_mentees"], counts["disabled_students"]) == (1, 1)
    # Their profiles entered later too: in the year's banks by their first state.
    assert counts["base_participants"] == 2


def test_someone_deleted_before_the_periods_end_is_not_counted_after_it_is():
    gone_before = PersonFactory()
    gone_after = PersonFactory()
    history_back_date(D(YEAR, 1, 1))
    gone_before.delete()
    Person.history.filter(history_type="-").update(history_date=start_of_day(D(YEAR, 5, 1)))
    gone_after.delete()  # now, after the year
    assert people_counts(YEAR)["students"] == 1
    assert people_counts(timezone.localdate().year)["students"] == 0


def test_organisations_as_they_stood():
    kept = PartnerOrganisation.objects.create(name="АО «Шахта»")
    PartnerOrganisation.objects.create(name="ООО «Разрез»")
    employee = PersonFactory(
        kind=Kind.EMPLOYEE, course=None, study_group="", specialty="", organisation=kept
    )
    history_back_date(D(YEAR, 1, 1))
    mentee = PersonFactory()
    pair(employee, [mentee], "employer-student", D(YEAR, 2, 1))
    later = PartnerOrganisation.objects.create(name="ПАО «Уголь»")  # after the year
    employee.organisation = later  # moved to another partner after the year
    employee.save()
    assert organisation_counts(YEAR) == {"organisations": 2, "organisations_gave_mentors": 1}
    now = organisation_counts(timezone.localdate().year)
    assert now == {"organisations": 3, "organisations_gave_mentors": 1}


def test_the_people_family_stays_one_query_with_the_history():
    for n in range(3):
        _teacher_pair(PersonFactory(), D(YEAR, 3, n + 1))
    history_back_date(D(YEAR, 1, 1))
    with CaptureQueriesContext(connection) as queries:
        people_counts(YEAR)
        organisation_counts(YEAR)
    assert len(queries) == 2
    # Each sub-select of a flag is worked out once for all the counts (lib.database.fenced):
    # the consents are read once, not once per count that asks for the consent.
    people_sql = queries.captured_queries[0]["sql"]
    assert people_sql.count('FROM "people_consent"') == 1


def test_the_roll_over_ahead_of_the_year_dates_its_changes_at_the_years_first_day():
    """Run in August, the roll-over takes effect on 1 September 00:00 (Moscow time): a
    report on the academic year that is ending still sees the courses it had."""
    promoted = PersonFactory(course=1)
    graduate = PersonFactory(course=4)
    made = _teacher_pair(graduate, D(2026, 2, 1))
    history_back_date(D(2026, 1, 1))
    roll_over_commit(to="2026/2027", today=D(2026, 8, 20))
    first_day = timezone.make_aware(dt.datetime(2026, 9, 1))
    for person_ in (promoted, graduate):
        assert person_.history.latest().history_date == first_day
    ended = made.history.get(status=Pair.Status.ENDED_EARLY)
    assert ended.history_date == first_day
    mentee = MenteeProfile.objects.get(person=graduate)
    assert mentee.history.latest().history_date == first_day
    assert mentee.status == MenteeProfile.Status.FINISHED
    before = Person.history.as_of(end_of_day(D(2026, 8, 31)))
    assert before.get(pk=graduate.pk).kind == Kind.STUDENT
    assert before.get(pk=promoted.pk).course == 1
