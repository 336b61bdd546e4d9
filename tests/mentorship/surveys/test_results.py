"""Results on crafted data: response rate, distributions, text answers, the xlsx export,
satisfaction for a year (the KPI input), entry vs exit — selectors and pages."""

import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mentorship.lib.periods import ReportPeriod
from mentorship.surveys import results
from mentorship.surveys.metrics import SatisfactionValue
from mentorship.surveys.models import Invitation, Question
from tests.factories import PersonFactory, consented, pair_create

from .survey_data import (
    at,
    diagnostics,
    invite,
    questionnaire,
    respond,
    satisfaction_answer,
    wave_make,
)

pytestmark = pytest.mark.django_db

MENTOR, MENTEE = Invitation.Role.MENTOR, Invitation.Role.MENTEE


def person(**fields):
    return consented(PersonFactory(**fields))


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def mentee_wave():
    """Three mentees invited, two answered: scales, yes/no, choices and a text with HTML."""
    wave = wave_make("mentee-satisfaction", title="Удовлетворённость, май")
    questions = list(wave.questionnaire.questions.all())
    by_kind = {q.kind: q for q in reversed(questions)}  # the first question of each kind
    first = respond(
        invite(wave, person(last_name="Аверина")),
        {
            questions[0]: 10,
            questions[1]: 8,
            by_kind[Question.Kind.SINGLE]: ["раз в месяц"],
            by_kind[Question.Kind.MULTIPLE]: ["помощь в учёбе", "адаптация в коллективе"],
            by_kind[Question.Kind.YES_NO]: 1,
            by_kind[Question.Kind.LONG_TEXT]: "<b>Больше</b> встреч =1+1",
        },
        submitted_at=at(2025, 5, 20),
    )
    respond(
        invite(wave, person(last_name="Борисов")),
        {
            questions[0]: 6,
            by_kind[Question.Kind.SINGLE]: ["раз в месяц"],
            by_kind[Question.Kind.MULTIPLE]: ["помощь в учёбе"],
            by_kind[Question.Kind.YES_NO]: 0,
        },
        submitted_at=at(2025, 5, 21),
        source="paper",
    )
    invite(wave, person(last_name="Вяткина"))
    return wave, questions, by_kind, first


# --- one wave ------------------------------------------------------------------------------


def test_wave_results_numbers():
    wave, questions, by_kind, _first = mentee_wave()
    found = results.wave_results(wave)
    assert (found.counts.invited, found.counts.answered, found.counts.rate.percent) == (3, 2, 66.7)
    by_question = {item.question.pk: item for item in found.questions}
    assert [item.question.pk for item in found.questions] == [q.pk for q in questions]

    comfort = by_question[questions[0].pk]
    assert (comfort.answered, comfort.mean) == (2, 8.0)
    assert [(b.label, b.count, b.percent) for b in comfort.bars if b.count] == [
        ("6", 1, 50.0),
        ("10", 1, 50.0),
    ]
    assert len(comfort.bars) == 10
    assert by_question[questions[1].pk].answered == 1
    assert by_question[questions[2].pk].answered == 0

    yes_no = by_question[by_kind[Question.Kind.YES_NO].pk]
    assert [(b.label, b.count, b.percent) for b in yes_no.bars] == [
        ("да", 1, 50.0),
        ("нет", 1, 50.0),
    ]

    single = by_question[by_kind[Question.Kind.SINGLE].pk]
    assert [(b.label, b.count) for b in single.bars] == [
        ("реже раза в месяц", 0),
        ("раз в месяц", 2),
        ("2–3 раза в месяц", 0),
        ("каждую неделю", 0),
    ]
    several = by_question[by_kind[Question.Kind.MULTIPLE].pk]
    assert several.answered == 2
    counted = {b.label: (b.count, b.percent) for b in several.bars}
    assert counted["помощь в учёбе"] == (2, 100.0)
    assert counted["адаптация в коллективе"] == (1, 50.0)

    texts = by_question[by_kind[Question.Kind.LONG_TEXT].pk]
    assert (texts.answered, texts.texts) == (1, ["<b>Больше</b> встреч =1+1"])


def test_wave_results_page_shows_bars_and_escaped_texts(client_for, curator):
    wave, _questions, _by_kind, _first = mentee_wave()
    page = client_for(curator).get(reverse("surveys:wave-results", args=[wave.pk]))
    html = page.content.decode()
    shown = text(page)
    assert "Ответили 2 из 3 — 66,7 %" in shown
    assert "&lt;b&gt;Больше&lt;/b&gt; встреч =1+1" in html and "<b>Больше</b>" not in html
    assert 'style="width: 50.0%"' in html  # CSS wants a point, whatever the locale
    assert "раз в месяц 2 (100,0 %)" in shown
    assert "средний балл 8,0" in shown
    assert reverse("surveys:wave-export", args=[wave.pk]) in html


def test_wave_results_page_for_director_without_export(client_for, director):
    wave, _questions, _by_kind, _first = mentee_wave()
    page = client_for(director).get(reverse("surveys:wave-results", args=[wave.pk]))
    assert page.status_code == 200
    assert reverse("surveys:wave-export", args=[wave.pk]) not in page.content.decode()
    assert "Аверина" not in text(page)  # answers without names


def test_wave_results_queries_do_not_grow(client_for, curator):
    wave, questions, by_kind, _first = mentee_wave()
    client = client_for(curator)

    def count(extra: int) -> int:
        for _ in range(extra):
            respond(
                invite(wave, person()),
                {
                    questions[0]: 5,
                    by_kind[Question.Kind.MULTIPLE]: ["помощь в учёбе"],
                    by_kind[Question.Kind.LONG_TEXT]: "хорошо",
                },
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("surveys:wave-results", args=[wave.pk])).status_code == 200
        return len(queries)

    assert count(1) == count(5)


# --- export --------------------------------------------------------------------------------


def test_wave_export_xlsx_one_row_per_response(client_for, curator):
    wave, questions, by_kind, _first = mentee_wave()
    response = client_for(curator).get(reverse("surveys:wave-export", args=[wave.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:6] == ("ФИО", "Роль", "Пара / группа", "Форма", "Дата ответа", "Как получен")
    assert header[6] == f"1. {questions[0].text}"
    assert len(header) == 6 + len(questions) and len(rows) == 3
    column = {q.pk: 6 + index for index, q in enumerate(questions)}
    first, second = rows[1], rows[2]
    assert first[0].startswith("Аверина") and second[0].startswith("Борисов")
    assert first[1] == "наставляемый"
    assert first[4].date() == timezone.localdate(at(2025, 5, 20))
    assert (first[5], second[5]) == ("по ссылке", "с бумажной анкеты")
    assert (first[column[questions[0].pk]], second[column[questions[0].pk]]) == (10, 6)
    assert second[column[questions[1].pk]] is None
    assert first[column[by_kind[Question.Kind.YES_NO].pk]] == "да"
    assert (
        first[column[by_kind[Question.Kind.MULTIPLE].pk]]
        == "помощь в учёбе; адаптация в коллективе"
    )
    # a text that looks like a formula stays text
    cell = sheet.cell(row=2, column=column[by_kind[Question.Kind.LONG_TEXT].pk] + 1)
    assert (cell.value, cell.data_type) == ("<b>Больше</b> встреч =1+1", "s")


@pytest.mark.parametrize(
    "typed",
    ["=1+1", '=HYPERLINK("http://evil.example","нажми")', "+7 900 123-45-67", "-5", "@SUM(A1)"],
)
def test_wave_export_writes_formula_looking_answers_as_text(client_for, curator, typed):
    """RELIABILITY 35: what a person typed is never a formula in the curator's Excel."""
    wave = wave_make("mentee-satisfaction", title="Удовлетворённость, май")
    long_text = wave.questionnaire.questions.filter(kind=Question.Kind.LONG_TEXT).first()
    respond(invite(wave, person(last_name="Формулова")), {long_text: typed})
    response = client_for(curator).get(reverse("surveys:wave-export", args=[wave.pk]))
    assert response["Cache-Control"] == "no-store"
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    column = next(i for i, title in enumerate(header, 1) if title.endswith(long_text.text))
    cell = sheet.cell(row=2, column=column)
    assert (cell.value, cell.data_type) == (typed, "s")


@pytest.mark.parametrize(("role", "status"), [("director", 403), ("mentor", 403), ("mentee", 403)])
def test_wave_export_only_for_curator(client_for, request, role, status):
    wave = wave_make()
    response = client_for(request.getfixturevalue(role)).get(
        reverse("surveys:wave-export", args=[wave.pk])
    )
    assert response.status_code == status


# --- satisfaction --------------------------------------------------------------------------


def satisfaction_data():
    """2024: two mentees, one mentor; 2025: one mentee (answering twice), nothing else."""
    mentees = wave_make("mentee-satisfaction")
    mentors = wave_make("mentor-satisfaction")
    satisfaction_answer(mentees, person(), MENTEE, [10, 10, 9, 9, 8, 8], submitted_at=at(2024, 5))
    satisfaction_answer(
        mentees, person(), MENTEE, [5, 5, 6, 6, 7, 7], submitted_at=at(2024, 12, 31)
    )
    satisfaction_answer(mentors, person(teacher=True), MENTOR, [8] * 6, submitted_at=at(2024, 6))
    twice = person()
    satisfaction_answer(mentees, twice, MENTEE, [9, 9, 9], submitted_at=at(2025, 3))
    later = wave_make("mentee-satisfaction")
    satisfaction_answer(later, twice, MENTEE, [6, 6, 6], submitted_at=at(2025, 5))
    # not satisfaction items: the yes/no and choice questions do not count
    extra = invite(mentees, person())
    yes_no = questionnaire("mentee-satisfaction").questions.get(kind="yes_no", order=9)
    respond(extra, {yes_no: 1}, submitted_at=at(2024, 5))


def satisfaction_of(year: int, role: str) -> SatisfactionValue:
    """The KPI's satisfaction of one role for a calendar year."""
    year_period = ReportPeriod.calendar(year)
    return results.satisfaction_between(year_period.start, year_period.end, role)


@pytest.mark.parametrize(
    ("year", "role", "expected"),
    [
        # (54 + 36) / 12 = 7.5 → 75 %; own means 9 and 6 → one of two ≥ 8
        (2024, MENTEE, SatisfactionValue(75.0, 2, 50.0, 7.5, 12, 1)),
        (2024, MENTOR, SatisfactionValue(80.0, 1, 100.0, 8.0, 6, 1)),
        # one person twice in a year is one respondent, own mean (27 + 18) / 6 = 7.5
        (2025, MENTEE, SatisfactionValue(75.0, 1, 0.0, 7.5, 6, 0)),
        (2025, MENTOR, SatisfactionValue(None, 0, None)),
        (2023, MENTEE, SatisfactionValue(None, 0, None)),
    ],
)
def test_satisfaction_for_year(year, role, expected):
    satisfaction_data()
    assert satisfaction_of(year, role) == expected


def test_satisfaction_for_year_is_one_query():
    satisfaction_data()
    with CaptureQueriesContext(connection) as queries:
        satisfaction_of(2024, MENTEE)
    assert len(queries) == 1


def test_satisfaction_of_both_roles_is_one_query_and_agrees_with_each_role():
    satisfaction_data()
    start, end = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    with CaptureQueriesContext(connection) as queries:
        both = results.satisfaction_by_role_between(start, end)
    assert len(queries) == 1
    assert set(both) == {MENTEE, MENTOR}
    assert both[MENTEE].has_data and both[MENTOR].has_data
    for role in (MENTEE, MENTOR):
        assert both[role] == results.satisfaction_between(start, end, role)


def test_satisfaction_year_is_the_local_calendar_year():
    wave = wave_make("mentee-satisfaction")
    # 31.12.2024 23:30 in Moscow is already 2024-12-31 20:30 UTC — still 2024
    late = timezone.make_aware(
        timezone.datetime(2024, 12, 31, 23, 30), timezone.get_current_timezone()
    )
    satisfaction_answer(wave, person(), MENTEE, [10], submitted_at=late)
    assert satisfaction_of(2024, MENTEE).respondents == 1
    assert satisfaction_of(2025, MENTEE).respondents == 0


def test_satisfaction_by_year_agrees_with_satisfaction_for_year():
    satisfaction_data()
    table = results.satisfaction_by_year()
    assert [row.year for row in table] == [2025, 2024]
    for row in table:
        assert row.mentees == satisfaction_of(row.year, MENTEE)
        assert row.mentors == satisfaction_of(row.year, MENTOR)


def test_satisfaction_by_year_takes_the_local_year_and_skips_empty_years():
    wave = wave_make("mentee-satisfaction")
    moscow = timezone.get_current_timezone()
    # 31.12.2022 23:30 in Moscow is 20:30 UTC: 2022; 01.01.2025 00:30 in Moscow is
    # 31.12.2024 21:30 UTC: already 2025. Nothing in 2023 and 2024: no rows for them.
    answers = ((dt.datetime(2022, 12, 31, 23, 30), 10), (dt.datetime(2025, 1, 1, 0, 30), 6))
    for moment, score in answers:
        satisfaction_answer(
            wave, person(), MENTEE, [score], submitted_at=timezone.make_aware(moment, moscow)
        )
    table = results.satisfaction_by_year()
    assert [(row.year, row.mentees.mean) for row in table] == [(2025, 6.0), (2022, 10.0)]


def test_satisfaction_by_year_without_responses_is_empty():
    assert results.satisfaction_by_year() == []


def test_satisfaction_page(client_for, director):
    satisfaction_data()
    page = client_for(director).get(reverse("surveys:satisfaction"), {"year": 2024})
    shown = text(page)
    assert page.status_code == 200
    assert "Удовлетворённость участием в 2024 году" in shown
    assert "Наставляемые" in shown and "75,0 %" in shown and "ответили: 2 чел." in shown
    assert "поставили в среднем 8 и выше: 50,0 % (1 чел.)" in shown
    assert "2025 75,0 % 1 0,0 % нет данных" in shown  # the per-year table


def test_satisfaction_page_without_data_says_so(client_for, curator):
    shown = text(client_for(curator).get(reverse("surveys:satisfaction")))
    assert "нет данных" in shown and "Ответов на анкеты удовлетворённости пока нет." in shown


def test_satisfaction_page_queries_do_not_grow(client_for, curator):
    client = client_for(curator)

    def count(extra: int) -> int:
        wave = wave_make("mentee-satisfaction")
        for n in range(extra):
            satisfaction_answer(wave, person(), MENTEE, [7, 8], submitted_at=at(2020 + n))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("surveys:satisfaction")).status_code == 200
        return len(queries)

    assert count(1) == count(4)


# --- entry vs exit -------------------------------------------------------------------------


def test_entry_exit_page_queries_do_not_grow(client_for, curator):
    client = client_for(curator)
    entry, exit_ = wave_make("entry-diagnostics"), wave_make("exit-diagnostics")

    def count(extra: int) -> int:
        for _ in range(extra):
            pair = pair_create("teacher-student")
            mentee = pair.memberships.get().mentee.person
            diagnostics(entry, mentee, {"motivation": 4}, pair=pair, at=at(2024, 9))
            diagnostics(exit_, mentee, {"motivation": 6}, pair=pair, at=at(2025, 5))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("surveys:entry-exit")).status_code == 200
        return len(queries)

    assert count(1) == count(4)


# --- who may read --------------------------------------------------------------------------

READ_PAGES = [
    "surveys:wave-list",
    "surveys:wave-results",
    "surveys:satisfaction",
    "surveys:entry-exit",
]


def page_url(name):
    if name == "surveys:wave-results":
        return reverse(name, args=[wave_make().pk])
    return reverse(name)


@pytest.mark.parametrize("name", READ_PAGES + ["surveys:wave-export"])
def test_result_pages_send_anonymous_to_login(client, name):
    url = reverse(name, args=[wave_make().pk]) if name == "surveys:wave-export" else page_url(name)
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", READ_PAGES)
@pytest.mark.parametrize(
    ("role", "status"),
    [("mentor", 403), ("mentee", 403), ("outsider", 403), ("director", 200), ("curator", 200)],
)
def test_result_pages_for_curator_and_director(client_for, request, name, role, status):
    user = request.getfixturevalue(role)
    assert client_for(user).get(page_url(name)).status_code == status


def test_response_years_newest_first_without_empty_years():
    wave = wave_make("mentee-satisfaction")
    for year in (2022, 2025):
        satisfaction_answer(wave, person(), MENTEE, [7], submitted_at=at(year))
    assert results.response_years() == [2025, 2022]


# The participants' loop as the entry/exit template wrote it before the rows were made in
# Python (views.waves.participant_row_tails, with the names put back by rows_with_names): the
# same text for the same rows.
OLD_PARTICIPANT_LOOP = """{% for row in participants %}
  <tr>
    <td>{{ row.comparison.name }}<div class="text-muted">{{ row.comparison.role_label }}</div></td>
    <td>{{ row.comparison.form }}{% if row.comparison.pair_id %}<div class="text-muted">№ {{ row.comparison.pair_id }}</div>{% endif %}</td>
    <td class="text-nowrap">{% if row.comparison.entry_on %}{{ row.comparison.entry_on|date:"d.m.Y" }}{% else %}—{% endif %}<br>→ {{ row.comparison.exit_on|date:"d.m.Y" }}</td>
    {% for cell in row.cells %}
    <td class="text-center text-nowrap{% if cell.change > 0 %} table-success{% elif cell.change < 0 %} table-danger{% endif %}">
      {% if cell %}{% if cell.entry is None %}— → {{ cell.exit }}{% else %}{{ cell.entry }} → {{ cell.exit }}<br><span class="text-muted">({% if cell.change > 0 %}+{% endif %}{{ cell.change|floatformat:"-1" }})</span>{% endif %}{% endif %}
    </td>
    {% endfor %}
  </tr>
  {% endfor %}"""  # noqa: E501


def participant_rows_html(rows) -> str:
    """The table body the entry/exit page shows for these rows: their tails, the names put
    back."""
    from mentorship.surveys.views.waves import participant_row_tails, rows_with_names

    names = {row.comparison.person_id: row.comparison.name for row in rows}
    return rows_with_names(participant_row_tails(rows), names)


def test_participant_rows_html_is_what_the_template_wrote():
    from django.template import Context, Template

    from mentorship.surveys.metrics import ParameterChange
    from mentorship.surveys.views.waves import ParticipantRow

    def cell(entry, exit_, change):
        return ParameterChange(1, "форма", "p", entry, exit_, change)

    rows = [
        ParticipantRow(
            results.Comparison(
                person_id=1,
                name='<b>О\'Нил & "Ко"</b>',
                role=MENTEE,
                pair_id=12345,
                form="Студент – студент <i>",
                exit_on=dt.date(2025, 6, 3),
                entry_on=dt.date(2024, 9, 1),
            ),
            [cell(6, 9, 3.0), cell(7, 7, 0.0), cell(8, 5, -3.0), cell(None, 4, None), None],
        ),
        ParticipantRow(
            results.Comparison(
                person_id=2,
                name="Иванова Анна",
                role=MENTOR,
                pair_id=None,
                form=results.NO_PAIR_FORM,
                exit_on=dt.date(2026, 1, 9),
                entry_on=None,
            ),
            [cell(6.5, 8, 1.5), cell(9, 7.5, -1.5), None],
        ),
        # The first row's role, form and exit day again (written once, kept), no pair.
        ParticipantRow(
            results.Comparison(
                person_id=3,
                name="Петров & сын",
                role=MENTEE,
                pair_id=None,
                form="Студент – студент <i>",
                exit_on=dt.date(2025, 6, 3),
                entry_on=dt.date(2025, 6, 3),
            ),
            [cell(6, 9, 3.0), None, cell(None, 4, None)],
        ),
    ]
    old = Template(OLD_PARTICIPANT_LOOP).render(Context({"participants": rows}))
    assert participant_rows_html(rows) == old
    assert participant_rows_html([]) == ""


def test_participant_rows_html_writes_each_kind_of_value_as_it_is():
    """The cells are written once per value (participant_row_tails keeps them): a whole
    and a fractional value of the same size still print differently."""
    from django.template import Context, Template

    from mentorship.surveys.metrics import ParameterChange
    from mentorship.surveys.views.waves import ParticipantRow

    comparison = results.Comparison(
        person_id=4,
        name="Иванова Анна",
        role=MENTEE,
        pair_id=7,
        form="Студент – студент",
        exit_on=dt.date(2025, 6, 3),
        entry_on=dt.date(2024, 9, 1),
    )
    cells = [
        ParameterChange(1, "форма", "p", 7, 8, 1.0),
        ParameterChange(1, "форма", "p", 7.0, 8.0, 1.0),
        ParameterChange(1, "форма", "p", 7, 8, 1.0),
        ParameterChange(1, "форма", "p", None, 8, None),
        None,
        ParameterChange(1, "форма", "p", None, 8.0, None),
    ]
    rows = [ParticipantRow(comparison, cells), ParticipantRow(comparison, cells[::-1])]
    old = Template(OLD_PARTICIPANT_LOOP).render(Context({"participants": rows}))
    assert participant_rows_html(rows) == old


def test_a_row_whose_person_is_gone_shows_a_dash_not_an_error():
    """The kept rows may name a person deleted since (between the fingerprint and the names
    being read): the row stays, with «—» for the name."""
    from mentorship.surveys.views.waves import rows_with_names

    tails = [(1, "<td>A</td></tr>"), (2, "<td>B</td></tr>")]
    body = rows_with_names(tails, {1: "Иванова <Анна>"})
    assert "Иванова &lt;Анна&gt;<td>A</td></tr>" in body
    assert "<td>—<td>B</td></tr>" in body
