"""A report period's counts kept between requests (roadmap.kpi.kept): the second reading asks
the database less, and any change to the data shows at once — through the product's writes
and through the in-place writes that leave no history row (bulk inserts, the destruction of
personal data, a tombstone's withdrawal, a question's edit)."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorship.lib.periods import ReportPeriod
from mentorship.pairs import services as pair_services
from mentorship.pairs.models import Pair, PairMembership, PairStatusChange
from mentorship.people.destruction import person_destroy
from mentorship.people.models import Consent, MenteeProfile, MentoringForm, Person
from mentorship.people.models.consents import RetentionBasis
from mentorship.surveys.models import Answer, Invitation, Question, Questionnaire, Response, Wave
from roadmap.kpi import counts as kpi_counts
from roadmap.kpi import kpi_series_and_counts, kpi_values_for_year
from tests.mentorship.surveys.survey_data import (
    at,
    diagnostics,
    satisfaction_answer,
    wave_make,
)
from tests.worlds import built_once

from .report_data import TODAY, YEAR, person, year_make

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(scope="module")
def year_world(django_db_setup, django_db_blocker):
    """The hand-counted year, built once for the module inside a transaction rolled back at
    its end; each test's own transaction is a savepoint within it, so what a test changes
    (a pair moved, a person destroyed, a form renamed) is gone before the next one."""
    with built_once(django_db_blocker, year_make) as world:
        yield world


@pytest.fixture
def year_data(year_world, db):
    """The world's objects read afresh: a test that moves a pair changes its own copy, not
    the next test's."""
    return {name: type(made).objects.get(pk=made.pk) for name, made in year_world.items()}


def values() -> dict:
    return {
        row.computation: (row.numerator, row.denominator, row.actual, row.note)
        for row in kpi_values_for_year(YEAR, today=TODAY)
    }


def counted_afresh() -> dict:
    cache.clear()
    return values()


def queries_of(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_a_period_is_counted_once_then_read_back(year_data):
    counted = queries_of(values)
    kept = queries_of(values)
    # people, organisations, satisfaction, plans: kept; the roadmap's two queries are not.
    assert kept == counted - 4
    assert values() == counted_afresh()


def test_a_running_period_is_kept_and_shows_a_change_at_once(year_data):
    running = TODAY.year

    def mentee_satisfaction():
        rows = kpi_values_for_year(running, today=TODAY)
        return {row.computation: row for row in rows}["mentee_satisfaction"].actual

    first = queries_of(mentee_satisfaction)
    assert queries_of(mentee_satisfaction) == first - 4
    before = mentee_satisfaction()
    wave = wave_make("mentee-satisfaction", opened_on=D(2026, 2, 1), closes_on=D(2026, 3, 1))
    who = Person.objects.get(last_name="Школьников")
    satisfaction_answer(wave, who, Invitation.Role.MENTEE, [3], submitted_at=at(2026, 2, 10))
    after = mentee_satisfaction()
    assert after != before
    cache.clear()
    assert mentee_satisfaction() == after


def test_the_chart_keeps_every_period_begun(year_data):
    periods = [2024, YEAR, TODAY.year, TODAY.year + 1]
    first = queries_of(lambda: kpi_series_and_counts(periods, today=TODAY))
    again = queries_of(lambda: kpi_series_and_counts(periods, today=TODAY))
    # Three periods begun (2027 has none): the people's, organisations' and plans' counts a
    # query each per period, satisfaction one query for the three.
    assert again == first - (3 * 3 + 1)


MENTEE = Invitation.Role.MENTEE


@pytest.mark.parametrize(
    "periods",
    [
        [ReportPeriod.calendar(year) for year in (2023, 2024, 2025, 2026)],
        [ReportPeriod.academic_year(year) for year in (2023, 2024, 2025)],
        # Overlapping: each period in a query of its own.
        [ReportPeriod.calendar(2025), ReportPeriod.academic_year(2024)],
    ],
)
def test_satisfaction_of_periods_is_each_periods_own(year_data, periods):
    """The periods' satisfaction read together is what each period gives alone, the answers
    on a period's first and last moments included."""
    add_response(year_data)
    wave = wave_make("mentee-satisfaction", opened_on=D(2024, 12, 1), closes_on=D(2025, 1, 1))
    who = Person.objects.get(last_name="Школьников")
    last, first = dt.datetime(2024, 12, 31, 23, 59, 59), dt.datetime(2025, 1, 1)
    satisfaction_answer(wave, who, MENTEE, [9], submitted_at=timezone.make_aware(last))
    wave = wave_make("mentee-satisfaction", opened_on=D(2025, 1, 1), closes_on=D(2025, 2, 1))
    satisfaction_answer(wave, who, MENTEE, [2], submitted_at=timezone.make_aware(first))
    together = kpi_counts.satisfaction_counts_of_periods(periods)
    assert together == {period: kpi_counts.satisfaction_counts(period) for period in periods}
    assert any(found["mentee_respondents"] for found in together.values())


def add_response(data):
    wave = wave_make("mentee-satisfaction", opened_on=D(2025, 9, 1), closes_on=D(2025, 10, 1))
    who = Person.objects.get(last_name="Школьников")
    satisfaction_answer(wave, who, Invitation.Role.MENTEE, [1], submitted_at=at(2025, 9, 10))


def move_a_pair_out(data):
    pair = data["teacher_student"]
    pair.start_date = D(2026, 2, 1)
    pair.planned_end_date = D(2026, 12, 1)
    pair.save()


def add_a_membership_in_bulk(data):
    # bulk_create writes no history row: the table's highest id shows it.
    newcomer = person("Новичков", D(2008, 2, 2))
    profile = MenteeProfile.objects.create(person=newcomer)
    pair = data["teacher_student"]
    PairMembership.objects.bulk_create(
        [PairMembership(pair=pair, mentee=profile, form=pair.form, joined_on=pair.start_date)]
    )


def destroy_a_person(data):
    # Rewrites the person and their history in place, no history row: kept for education,
    # the name stays and the ОВЗ mark goes.
    person_destroy(Person.objects.get(last_name="Особенная"), RetentionBasis.EDUCATION)


def sign_a_consent(data):
    Consent.objects.create(
        person=Person.objects.get(last_name="Студентов"),
        signer=Consent.Signer.REPRESENTATIVE,
        representative_name="Представитель",
        signed_on=D(2025, 1, 10),
    )


def withdraw_a_consent_in_place(data):
    # A tombstone's withdrawal (people.destruction): update(), no history row.
    Consent.objects.update(withdrawn_on=D(2025, 3, 1))


def edit_a_question(data):
    question = Question.objects.filter(
        is_satisfaction=True, questionnaire__code="mentee-satisfaction"
    ).first()
    question.is_satisfaction = False
    question.save()
    assert Questionnaire.objects.exists()


def two_responses(data):
    add_response(data)
    wave = wave_make("mentee-satisfaction", opened_on=D(2025, 11, 1), closes_on=D(2025, 12, 1))
    who = Person.objects.get(last_name="Школьников")
    satisfaction_answer(wave, who, Invitation.Role.MENTEE, [2], submitted_at=at(2025, 11, 10))


def delete_the_first_responses_wave(data):
    # Neither a wave nor an invitation has a history, and the later wave's rows keep every
    # highest id: the cascade deletes the response, which writes its history row, and the
    # answers go with it.
    Wave.objects.filter(opened_on=D(2025, 9, 1)).delete()


def delete_a_membership_below_the_highest_id(data):
    # Every highest id stays (the bulk-inserted membership's is above) and no COUNT(*) is
    # read: the queryset's delete() writes a history row per row (simple-history's
    # post_delete).
    PairMembership.objects.filter(pair=data["teacher_student"]).exclude(
        mentee__person__last_name="Новичков"
    ).delete()


def nothing(data):
    pass


@pytest.mark.parametrize(
    ("prepare", "change"),
    [
        (nothing, add_response),
        (nothing, move_a_pair_out),
        (nothing, add_a_membership_in_bulk),
        (nothing, destroy_a_person),
        (sign_a_consent, withdraw_a_consent_in_place),
        (nothing, edit_a_question),
        (two_responses, delete_the_first_responses_wave),
        (add_a_membership_in_bulk, delete_a_membership_below_the_highest_id),
    ],
)
def test_a_change_to_the_data_shows_at_once(year_data, prepare, change):
    prepare(year_data)
    before = values()
    assert values() == before  # read back
    change(year_data)
    after = values()
    assert after != before
    assert after == counted_afresh()


def test_the_dashboard_shows_a_new_answer_at_once(client_for, director, year_data):
    client = client_for(director)

    def satisfaction():
        page = client.get(reverse("reports:dashboard"), {"year": YEAR})
        assert page.status_code == 200
        rows = {line.row.computation: line.row for line in page.context["dash"].kpi}
        return rows["mentee_satisfaction"].actual

    before = satisfaction()
    assert satisfaction() == before  # the past year's counts read back
    add_response(year_data)
    after = satisfaction()
    assert after != before
    cache.clear()
    assert satisfaction() == after


# --- the dashboard's entry/exit panel, kept under the same fingerprint ---------------------


def entry_exit_page(client):
    page = client.get(reverse("reports:dashboard"), {"year": YEAR})
    assert page.status_code == 200
    return page.context["dash"].figures.entry_exit


def exit_wave() -> Wave:
    return Wave.objects.get(questionnaire__code="exit-diagnostics")


def a_new_exit_response(data):
    who = Person.objects.get(last_name="Старшекурсник")
    diagnostics(exit_wave(), who, {"motivation": 2}, pair=data["student_pupil"], at=at(2025, 5, 9))


def a_new_entry_response(data):
    # The pupil exited with no entry before: now there is one, and the change is counted.
    entry = Wave.objects.get(questionnaire__code="entry-diagnostics")
    who = Person.objects.get(last_name="Школьников")
    diagnostics(entry, who, {"motivation": 5}, pair=data["student_pupil"], at=at(2025, 2, 9))


def an_answer_changed_with_its_response(data):
    # Answers are written with their response (no history of their own): a rewrite of one
    # saves its response again, which writes the response's history row.
    response = Response.objects.get(
        invitation__wave=exit_wave(), invitation__person__last_name="Студентов"
    )
    response.answers.filter(number__isnull=False).update(number=1)
    response.save()


def a_response_deleted_with_its_answers(data):
    Response.objects.get(
        invitation__wave=exit_wave(), invitation__person__last_name="Студентов"
    ).delete()


def a_pairs_form_changed(data):
    pair = data["teacher_student"]
    pair.form = MentoringForm.objects.get(code="student-student")
    pair.save()


def a_form_renamed_in_place(data):
    # No history, every id stays: the forms' rows themselves are in the fingerprint.
    MentoringForm.objects.filter(code="teacher-student").update(name="Педагог и студент")


def the_forms_reordered_in_place(data):
    # «Педагог – студент» (4) moves before «Студент – ученик» (2).
    MentoringForm.objects.filter(code="teacher-student").update(order=0)


def a_questions_parameter_edited(data):
    question = Question.objects.get(questionnaire__code="exit-diagnostics", parameter="teamwork")
    question.parameter = ""
    question.save()


def the_exit_wave_deleted(data):
    exit_wave().delete()


def the_mentee_destroyed(data):
    # Personal data destroyed in place: the responses stay, the panel holds no name.
    person_destroy(Person.objects.get(last_name="Особенная"), RetentionBasis.EDUCATION)


def an_exit_response_bulk_created(data):
    # bulk_create writes no history row: the tables' highest ids show it.
    who = Person.objects.get(last_name="Старшекурсник")
    invitation = Invitation.objects.create(
        wave=exit_wave(), person=who, role=Invitation.Role.MENTOR, pair=data["student_pupil"]
    )
    (response,) = Response.objects.bulk_create(
        [Response(invitation=invitation, submitted_at=at(2025, 5, 9))]
    )
    question = Question.objects.get(questionnaire__code="exit-diagnostics", parameter="motivation")
    Answer.objects.bulk_create([Answer(response=response, question=question, number=1)])


@pytest.mark.parametrize(
    ("change", "changes"),
    [
        (a_new_exit_response, True),
        (a_new_entry_response, True),
        (an_answer_changed_with_its_response, True),
        (a_response_deleted_with_its_answers, True),
        (a_pairs_form_changed, True),
        (a_form_renamed_in_place, True),
        (the_forms_reordered_in_place, True),
        (a_questions_parameter_edited, True),
        (the_exit_wave_deleted, True),
        (the_mentee_destroyed, False),
        (an_exit_response_bulk_created, True),
    ],
)
def test_the_dashboards_entry_exit_shows_a_change_at_once(
    client_for, director, year_data, change, changes
):
    client = client_for(director)
    before = entry_exit_page(client)
    assert before.has_data
    assert entry_exit_page(client) == before  # read back
    change(year_data)
    after = entry_exit_page(client)
    assert (after != before) == changes
    cache.clear()
    assert entry_exit_page(client) == after


def test_a_warm_dashboard_asks_less(client_for, director, year_data):
    client = client_for(director)
    cold = queries_of(lambda: entry_exit_page(client))
    warm = queries_of(lambda: entry_exit_page(client))
    # Warm, the KPI families' counts of the chart's four periods begun (the people's,
    # organisations' and plans' a query each per period, satisfaction one for all), the
    # entry/exit panel's three queries and the participants panel's four are kept (28 warm
    # queries before the entry/exit panel was, 25 before the participants panel was); the
    # fingerprint is read with the indicators, so a cold visit asks no query more. The
    # roadmap's activities and their yearly marks are read once for the four periods, not
    # once for each (44 cold and 21 warm before), and so are the answers of satisfaction
    # (40 cold before).
    assert (cold, warm) == (37, 17)


def test_a_survey_answer_makes_only_the_survey_figures_again(client_for, director, year_data):
    """An answer to a survey changes the surveys' part of the fingerprint alone: the
    satisfaction counts and the entry/exit panel are made again, the people's, the
    organisations' and the plans' counts and the participants panel (none reads a survey
    table) are read back — no query reads the people's history — and the page is what the
    data gives."""
    client = client_for(director)

    def dashboard():
        page = client.get(reverse("reports:dashboard"), {"year": YEAR})
        assert page.status_code == 200
        dash = page.context["dash"]
        return [(line.row.computation, line.row.actual) for line in dash.kpi], dash.figures

    cold = queries_of(dashboard)
    warm = queries_of(dashboard)
    before = dashboard()
    a_new_exit_response(year_data)
    with CaptureQueriesContext(connection) as queries:
        after = dashboard()
    assert after != before
    assert warm < len(queries) < cold
    # (The indicators' query reads the fingerprint, the people's history's MAX among it.)
    counted = [query["sql"] for query in queries if "kept_fp_" not in query["sql"]]
    assert counted and not [sql for sql in counted if "historicalperson" in sql]
    cache.clear()
    assert dashboard() == after


# --- the dashboard's participants panel, kept under the same fingerprint -------------------


def participants_page(client, year=YEAR):
    page = client.get(reverse("reports:dashboard"), {"year": year})
    assert page.status_code == 200
    return page.context["dash"].figures.participants


# The people's state is read as of the period's end, and an edit's history row is dated now:
# an edit of a person shows in the running year (RUNNING), not in 2025.
RUNNING = dt.date.today().year


def a_pair_ended_early(data):
    # A status change dated in the year: the pair's status at the year's end.
    pair_services.pair_end_early(
        pair=data["teacher_student"], on=D(2025, 6, 30), reason="Перевод в другой колледж"
    )


def a_status_change_bulk_created(data):
    # No history row and the pair untouched: the status changes' highest id shows it.
    pair = data["teacher_student"]
    PairStatusChange.objects.bulk_create(
        [
            PairStatusChange(
                pair=pair,
                from_status=pair.status,
                to_status=Pair.Status.ENDED_EARLY,
                changed_on=D(2025, 7, 1),
                reason="Перевод в другой колледж",
            )
        ]
    )


def a_mentees_category_changed(data):
    who = Person.objects.get(last_name="Студентов")
    who.has_disability = True
    who.save()


def a_mentees_birth_date_corrected(data):
    # Born in 2008: of age at the running year's end; born in 2012: a minor.
    who = Person.objects.get(last_name="Студентов")
    who.birth_date = D(2012, 1, 1)
    who.save()


@pytest.mark.parametrize(
    ("change", "year", "changes"),
    [
        (a_pair_ended_early, YEAR, True),
        (a_status_change_bulk_created, YEAR, True),
        (move_a_pair_out, YEAR, True),
        (add_a_membership_in_bulk, YEAR, True),
        (destroy_a_person, YEAR, True),
        (a_form_renamed_in_place, YEAR, True),
        (a_mentees_category_changed, RUNNING, True),
        (a_mentees_birth_date_corrected, RUNNING, True),
        (a_mentees_category_changed, YEAR, False),
        (nothing, YEAR, False),
    ],
)
def test_the_dashboards_participants_show_a_change_at_once(
    client_for, director, year_data, change, year, changes
):
    client = client_for(director)
    before = participants_page(client, year)
    assert before.has_data
    assert participants_page(client, year) == before  # read back
    change(year_data)
    after = participants_page(client, year)
    assert (after != before) == changes
    cache.clear()
    assert participants_page(client, year) == after
