"""Entry vs exit diagnostics on crafted data built once for the module (entry_exit_make):
the rows paired by the rule, the page, the years. Apart from test_results.py, whose other
worlds (one wave, satisfaction) these participants would join."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorship.pairs.models import Pair
from mentorship.people.destruction import person_destroy
from mentorship.people.models import MentoringForm, Person
from mentorship.surveys import results
from mentorship.surveys.models import Answer, Invitation, Question, Response, Wave
from tests.factories import pair_create
from tests.worlds import built_once

from .survey_data import at, diagnostics, invite, respond, wave_make
from .test_results import MENTEE, person, text

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared_entry_exit(django_db_setup, django_db_blocker):
    """entry_exit_make once for the module, inside a transaction rolled back at its end;
    each test's own transaction is a savepoint within it."""
    with built_once(django_db_blocker, entry_exit_make) as made:
        yield tuple(someone.pk for someone in made)


@pytest.fixture
def entry_exit(shared_entry_exit, db):
    """Anna, Boris and Vera of this module's world, fresh from the database."""
    return tuple(Person.objects.get(pk=pk) for pk in shared_entry_exit)


# --- entry vs exit -------------------------------------------------------------------------


def entry_exit_make():
    """Two mentees of a teacher–student pair, one of a student–student pair, with entry
    and exit diagnostics; one exit without any entry."""
    entry, exit_ = wave_make("entry-diagnostics"), wave_make("exit-diagnostics")
    teacher_student = pair_create("teacher-student", mentees=2)
    student_student = pair_create("student-student")
    anna, boris = (m.mentee.person for m in teacher_student.memberships.order_by("pk"))
    vera = student_student.memberships.get().mentee.person
    old_entry = wave_make("entry-diagnostics")
    # an older entry of Anna's that the later one replaces
    diagnostics(old_entry, anna, {"motivation": 1, "teamwork": 1}, at=at(2023, 9, 1))
    diagnostics(
        entry, anna, {"motivation": 3, "teamwork": 5}, pair=teacher_student, at=at(2024, 9, 1)
    )
    diagnostics(
        exit_, anna, {"motivation": 7, "teamwork": 4}, pair=teacher_student, at=at(2025, 5, 1)
    )
    diagnostics(
        entry, boris, {"motivation": 6, "teamwork": 8}, pair=teacher_student, at=at(2024, 9, 2)
    )
    diagnostics(
        exit_, boris, {"motivation": 6, "teamwork": 6}, pair=teacher_student, at=at(2025, 5, 2)
    )
    diagnostics(exit_, vera, {"motivation": 9}, pair=student_student, at=at(2025, 5, 3))
    return anna, boris, vera


def test_entry_exit_rows_pair_each_exit_with_the_latest_entry_before_it(entry_exit):
    anna, boris, vera = entry_exit
    data = results.entry_exit_data()
    values = {
        (data.comparisons[r.participant].name, r.parameter): (r.entry, r.exit, r.form)
        for r in data.rows
    }
    assert values == {
        (anna.full_name, "motivation"): (3, 7, "Педагог – студент"),
        (anna.full_name, "teamwork"): (5, 4, "Педагог – студент"),
        (boris.full_name, "motivation"): (6, 6, "Педагог – студент"),
        (boris.full_name, "teamwork"): (8, 6, "Педагог – студент"),
        (vera.full_name, "motivation"): (None, 9, "Студент – студент"),
    }
    assert [code for code, _label in data.parameters][:2] == ["motivation", "career_clarity"]


def test_entry_exit_ignores_an_entry_after_the_exit(entry_exit):
    anna, _boris, _vera = entry_exit
    diagnostics(wave_make("entry-diagnostics"), anna, {"motivation": 10}, at=at(2025, 6, 1))
    data = results.entry_exit_data()
    entries = {r.entry for r in data.rows if data.comparisons[r.participant].name == anna.full_name}
    assert entries == {3, 5}


def test_entry_exit_by_year_of_the_exit(entry_exit):
    assert results.entry_exit_data(year=2024).rows == []
    assert len(results.entry_exit_data(year=2025).rows) == 5


def test_entry_exit_page(entry_exit, client_for, director):
    anna, _boris, vera = entry_exit
    page = client_for(director).get(reverse("surveys:entry-exit"))
    html = page.content.decode()
    shown = text(page)
    assert page.status_code == 200
    # teacher–student: changes +4, −1, 0, −2 → mean +0,25; Anna improved on average
    assert "Педагог – студент Сравнили: 2 · среднее изменение +0,25 балла" in shown
    assert "улучшили результат в среднем: 1 из 2" in shown
    assert "Без входной диагностики (не сравниваются): 1." in shown
    assert html.count("<svg") == 1  # one chart: the student–student form has nothing to compare
    assert 'class="up"' in html and 'class="down"' in html
    assert (
        "<title>Оцените своё умение работать в команде. — среднее изменение -1,50</title>" in html
    )
    assert "3 → 7 (+4)" in shown and "5 → 4 (-1)" in shown
    assert "— → 9" in shown
    assert anna.full_name in shown and vera.full_name in shown


def test_entry_exit_page_shows_the_latest_exit_year_unless_all_are_asked(
    entry_exit, client_for, curator
):
    anna, _boris, vera = entry_exit
    exit_ = wave_make("exit-diagnostics")
    diagnostics(exit_, anna, {"motivation": 8}, at=at(2023, 5, 4))  # an older year's exit
    client = client_for(curator)

    latest = client.get(reverse("surveys:entry-exit"))
    assert latest.context["year"] == 2025
    assert len(latest.context["participant_names"]) == 3
    assert '<option value="2025" selected>' in latest.content.decode()

    every = client.get(reverse("surveys:entry-exit"), {"year": "all"})
    assert every.context["year"] is None
    assert len(every.context["participant_names"]) == 4
    assert '<option value="all" selected>все годы</option>' in every.content.decode()

    older = client.get(reverse("surveys:entry-exit"), {"year": "2023"})
    assert older.context["participant_names"] == [anna.full_name]


def latest_entry_pairs(between=None) -> dict[tuple[int, str], tuple]:
    """The pairing rule written out plainly over every row, as the tests' yardstick for
    results.exits_with_entry: (exit response id, parameter) → (the latest entry response
    of the same person strictly before the exit — of equal times the last recorded — or
    None, that entry's number to the parameter or None, the exit's number), for every exit
    answer with a number to a parameter (of the local days between[0]..between[1])."""
    from mentorship.lib.history import moments_between
    from mentorship.surveys.models import Answer, Questionnaire, Response

    def responses(purpose):
        return Response.objects.filter(invitation__wave__questionnaire__purpose=purpose)

    numbers = {
        (response_id, code): number
        for response_id, code, number in Answer.objects.filter(number__isnull=False)
        .exclude(question__parameter="")
        .values_list("response_id", "question__parameter", "number")
    }
    entries = list(
        responses(Questionnaire.Purpose.ENTRY).values_list(
            "pk", "invitation__person_id", "submitted_at"
        )
    )
    exits = responses(Questionnaire.Purpose.EXIT)
    if between is not None:
        exits = exits.filter(submitted_at__range=moments_between(*between))
    pairs = {}
    for exit_id, person_id, exit_at in exits.values_list(
        "pk", "invitation__person_id", "submitted_at"
    ):
        before = [(at, pk) for pk, who, at in entries if who == person_id and at < exit_at]
        entry_id = max(before)[1] if before else None
        for (response_id, code), number in numbers.items():
            if response_id == exit_id:
                pairs[(exit_id, code)] = (entry_id, numbers.get((entry_id, code)), number)
    return pairs


@pytest.mark.parametrize("year", [None, 2025])
def test_entry_exit_data_pairs_by_the_rule(entry_exit, year):
    """entry_exit_data reads a row per response with a column per parameter; its pairs are
    the rule's over the answers (latest_entry_pairs): with an exit response without any
    scale answer,
    a latest entry without an answer to the parameter, two entries at the same moment
    (the last recorded counts) and an entry after the exit."""
    anna, boris, vera = entry_exit
    entry, exit_ = wave_make("entry-diagnostics"), wave_make("exit-diagnostics")
    silent = person()
    diagnostics(entry, silent, {"teamwork": 2}, at=at(2024, 9, 3))
    respond(invite(exit_, silent, MENTEE), {}, submitted_at=at(2025, 5, 4))
    # Boris's latest entry before his exit answers teamwork only.
    diagnostics(wave_make("entry-diagnostics"), boris, {"teamwork": 9}, at=at(2025, 1, 10))
    # Vera: two entries of one moment; the later recorded one is hers.
    diagnostics(wave_make("entry-diagnostics"), vera, {"motivation": 2}, at=at(2025, 2, 1))
    diagnostics(wave_make("entry-diagnostics"), vera, {"motivation": 4}, at=at(2025, 2, 1))
    diagnostics(wave_make("entry-diagnostics"), anna, {"motivation": 10}, at=at(2025, 6, 1))
    between = (dt.date(year, 1, 1), dt.date(year, 12, 31)) if year else None
    expected = {
        key: (entry, number)
        for key, (_entry_id, entry, number) in latest_entry_pairs(between).items()
    }
    data = results.entry_exit_data(year=year)
    assert {(r.participant, r.parameter): (r.entry, r.exit) for r in data.rows} == expected
    assert len(expected) == 5
    by_name = {
        (data.comparisons[r.participant].name, r.parameter): (r.entry, r.exit) for r in data.rows
    }
    assert by_name[(vera.full_name, "motivation")] == (4, 9)
    assert by_name[(boris.full_name, "motivation")] == (None, 6)
    assert by_name[(anna.full_name, "motivation")] == (3, 7)


def test_exits_with_entry_pair_by_the_rule(entry_exit):
    """A row per exit response (exits_with_entry: the dashboard's and the page's) pairs
    exactly as the rule written plainly (latest_entry_pairs): the latest entry strictly
    before the exit, of two
    at the same moment the last recorded, none after it; an exit response with no number
    to a parameter is left out, an entry without that parameter gives None."""
    anna, boris, _vera = entry_exit
    entry, exit_ = wave_make("entry-diagnostics"), wave_make("exit-diagnostics")
    # Boris: a second entry at the same moment as his first — the later recorded counts.
    diagnostics(entry, boris, {"motivation": 2}, at=at(2024, 9, 2))
    # Anna: an entry after her exit — never paired with it.
    diagnostics(entry, anna, {"motivation": 10, "teamwork": 10}, at=at(2025, 6, 1))
    silent = person()
    diagnostics(entry, silent, {"teamwork": 2}, at=at(2024, 9, 3))
    respond(invite(exit_, silent, MENTEE), {}, submitted_at=at(2025, 5, 4))
    between = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    expected = {
        key: (entry_id, entry)
        for key, (entry_id, entry, _number) in latest_entry_pairs(between).items()
    }
    data = results.exits_with_entry(between=between)
    codes = [code for code, _label in data.parameters]
    assert codes == [code for code, _label in results.entry_exit_parameters()]
    found = {}
    for exit_ in data.exits:
        for code, number, entry_number in zip(
            codes, exit_.numbers, exit_.entry_numbers, strict=True
        ):
            if number is not None:
                found[(exit_.response_id, code)] = (exit_.entry_response, entry_number)
    assert found == expected
    numbers = {number for _entry, number in found.values()}
    assert numbers >= {2, 5, None} and 10 not in numbers  # Boris's tie, Anna's 2024, Vera


# --- the page kept under the data's fingerprint ---------------------------------------------

SHOWN = (
    "years",
    "year",
    "compared",
    "without_entry",
    "parameters",
    "participant_names",
    "participant_rows",
)


def shown(client, **params) -> dict:
    page = client.get(reverse("surveys:entry-exit"), params)
    assert page.status_code == 200
    return {key: page.context[key] for key in SHOWN}


def exit_wave() -> Wave:
    return Wave.objects.filter(questionnaire__code="exit-diagnostics").earliest("pk")


def exit_response(who) -> Response:
    return Response.objects.get(invitation__wave=exit_wave(), invitation__person=who)


def a_new_exit_response(anna, boris, vera):
    diagnostics(exit_wave(), person(), {"motivation": 2}, at=at(2025, 5, 9))


def a_new_entry_response(anna, boris, vera):
    # Vera exited with no entry before: now she is compared.
    diagnostics(wave_make("entry-diagnostics"), vera, {"motivation": 5}, at=at(2025, 2, 9))


def an_answer_changed_with_its_response(anna, boris, vera):
    response = exit_response(anna)
    response.answers.filter(number__isnull=False).update(number=1)
    response.save()


def a_response_deleted_with_its_answers(anna, boris, vera):
    exit_response(boris).delete()


def a_pairs_form_changed(anna, boris, vera):
    pair = Pair.objects.get(memberships__mentee__person=vera)
    pair.form = MentoringForm.objects.get(code="teacher-student")
    pair.save()


def a_form_renamed_in_place(anna, boris, vera):
    MentoringForm.objects.filter(code="teacher-student").update(name="Педагог и студент")


def a_person_renamed(anna, boris, vera):
    anna.last_name = "Новикова"
    anna.save()


def a_person_destroyed(anna, boris, vera):
    # No ground to keep the name: it is scrubbed in place, without a history row.
    person_destroy(vera)


def a_questions_parameter_edited(anna, boris, vera):
    question = Question.objects.get(questionnaire__code="exit-diagnostics", parameter="teamwork")
    question.parameter = ""
    question.save()


def the_exit_wave_deleted(anna, boris, vera):
    exit_wave().delete()


def an_exit_response_bulk_created(anna, boris, vera):
    # bulk_create writes no history row: the tables' highest ids show it.
    invitation = Invitation.objects.create(wave=exit_wave(), person=person(), role=MENTEE)
    (response,) = Response.objects.bulk_create(
        [Response(invitation=invitation, submitted_at=at(2025, 5, 9))]
    )
    question = Question.objects.get(questionnaire__code="exit-diagnostics", parameter="motivation")
    Answer.objects.bulk_create([Answer(response=response, question=question, number=1)])


@pytest.mark.parametrize(
    "change",
    [
        a_new_exit_response,
        a_new_entry_response,
        an_answer_changed_with_its_response,
        a_response_deleted_with_its_answers,
        a_pairs_form_changed,
        a_form_renamed_in_place,
        a_person_renamed,
        a_person_destroyed,
        a_questions_parameter_edited,
        the_exit_wave_deleted,
        an_exit_response_bulk_created,
    ],
)
def test_the_kept_page_shows_a_change_at_once(entry_exit, client_for, curator, change):
    """Each write that changes what the page shows is shown on the next visit: the page
    kept under the data's fingerprint is never the one before the change."""
    client = client_for(curator)
    before = shown(client, year="all")
    assert before["compared"]
    assert shown(client, year="all") == before  # read back
    change(*entry_exit)
    after = shown(client, year="all")
    assert after != before
    cache.clear()
    assert shown(client, year="all") == after  # what the data gives now


def test_a_second_visit_reads_the_kept_page(entry_exit, client_for, director):
    """The years, the latest exit year and the pairing (six queries) are asked on the first
    visit only; later visits read the fingerprint and the names, and show what a page made
    afresh shows."""
    client = client_for(director)

    def visit() -> int:
        with CaptureQueriesContext(connection) as queries:
            shown(client)
        return len(queries)

    cold, warm = visit(), visit()
    assert warm == cold - 6
    kept_page = shown(client)
    cache.clear()
    assert shown(client) == kept_page


def test_no_name_is_kept(entry_exit, client_for, curator):
    """The kept page holds no person's name: they are read on every visit, so a person's
    destroyed data does not stay in a worker's memory under an old fingerprint."""
    page = shown(client_for(curator), year="all")
    assert {someone.full_name for someone in entry_exit} <= set(page["participant_names"])
    kept_values = list(cache._cache.values())  # LocMemCache: each value pickled
    assert len(kept_values) >= 2  # the years and the page
    for someone in entry_exit:
        assert not any(someone.last_name.encode() in value for value in kept_values)


def test_a_change_writes_the_kept_page_over(entry_exit, client_for, curator):
    """A name keeps one page, the latest: after a change the page made anew takes the old
    one's place instead of piling up beside it (megabytes each at full size)."""
    client = client_for(curator)
    before = shown(client, year="all")
    entries = len(cache._cache)  # LocMemCache
    a_new_exit_response(*entry_exit)
    after = shown(client, year="all")
    assert after != before
    assert len(cache._cache) == entries
