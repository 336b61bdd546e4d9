"""roadmap/schedule/: deadlines read and written as the seeds write them, and the date
logic — due dates, overdue, done on time — with today passed in, never the clock."""

import datetime as dt

import pytest

from roadmap import schedule
from roadmap.models import Activity
from roadmap.schedule import (
    CANCELLED,
    DATE,
    DONE,
    KINDS,
    MONTH,
    PERIOD,
    YEARLY,
    ActivityDates,
    Deadline,
    OnTime,
    Period,
    counts_between,
    deadline_of,
    deadline_parse,
    deadline_text,
    done_on_time,
    due_in_year,
    is_overdue,
    month_end,
    occurrence_states,
    occurrences,
    on_time_share,
    overdue_days,
)

D = dt.date
PLANNED, IN_PROGRESS = "planned", "in_progress"
# The seed 004 roadmap: June 2022 – June 2024.
PERIOD_2022_2024 = Period(D(2022, 6, 1), D(2024, 6, 30))


def test_schedule_constants_are_the_model_values():
    assert set(KINDS) == set(Activity.DeadlineKind.values)
    assert {DONE, CANCELLED, PLANNED, IN_PROGRESS} == set(Activity.Status.values)


# --- parsing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # seed 001
        ("01.09.2023-01.10.2023", Deadline(DATE, date=D(2023, 10, 1), start=D(2023, 9, 1))),
        ("01.11.2023", Deadline(DATE, date=D(2023, 11, 1))),
        ("До 01.12.2023", Deadline(DATE, date=D(2023, 12, 1))),
        ("До 30.05.2024", Deadline(DATE, date=D(2024, 5, 30))),
        ("01.09.2023-30.12.2023", Deadline(DATE, date=D(2023, 12, 30), start=D(2023, 9, 1))),
        # seed 004
        ("июнь 2022года", Deadline(MONTH, month=D(2022, 6, 1))),
        ("Сентябрь – октябрь 2022года", Deadline(MONTH, month=D(2022, 10, 1), start=D(2022, 9, 1))),
        ("сентябрь 2022года", Deadline(MONTH, month=D(2022, 9, 1))),
        ("Сентябрь октябрь 2022года", Deadline(MONTH, month=D(2022, 10, 1), start=D(2022, 9, 1))),
        ("Весь период", Deadline(PERIOD)),
        ("Октябрь, 2022", Deadline(MONTH, month=D(2022, 10, 1))),
        ("Ноябрь, 2022", Deadline(MONTH, month=D(2022, 11, 1))),
        ("Ноябрь, 2022- декабрь 2023", Deadline(MONTH, month=D(2023, 12, 1), start=D(2022, 11, 1))),
        ("Январь, 2024 – июнь, 2024", Deadline(MONTH, month=D(2024, 6, 1), start=D(2024, 1, 1))),
        # seed 000
        ("август \n2020", Deadline(MONTH, month=D(2020, 8, 1))),
        ("ноябрь2020", Deadline(MONTH, month=D(2020, 11, 1))),
        (
            "сентябрь \n2020,\nянварь-февраль\nежегодно",
            Deadline(YEARLY, months=(1, 2), start=D(2020, 9, 1), once=D(2020, 9, 30)),
        ),
        (
            "октябрь\n2020,\nфевраль\nежегодно",
            Deadline(YEARLY, months=(2,), start=D(2020, 10, 1), once=D(2020, 10, 31)),
        ),
        # «по мере необходимости» is never due: only November 2020 is a deadline
        ("ноябрь2020,\nежегодно по мере необходимости", Deadline(MONTH, month=D(2020, 11, 1))),
        (
            "ноябрь-\nдекабрь 2020,\nмарт-ноябрь\nежегодно",
            Deadline(
                YEARLY, months=tuple(range(3, 12)), start=D(2020, 11, 1), once=D(2020, 12, 31)
            ),
        ),
        ("в течение года, ежегодно", Deadline(YEARLY)),
        ("ежегодно,\n в течение года", Deadline(YEARLY)),
        ("июнь,\nдекабрь,\nежегодно", Deadline(YEARLY, months=(6, 12))),
        ("декабрь,\nежегодно", Deadline(YEARLY, months=(12,))),
        ("январь\nежегодно", Deadline(YEARLY, months=(1,))),
        # what the product writes, and other ways curators write
        ("15.10.2022", Deadline(DATE, date=D(2022, 10, 15))),
        ("не позднее 15.10.22", Deadline(DATE, date=D(2022, 10, 15))),
        ("до 1 октября 2023 г.", Deadline(DATE, date=D(2023, 10, 1))),
        ("2023-10-01", Deadline(DATE, date=D(2023, 10, 1))),
        ("октябрь 2022", Deadline(MONTH, month=D(2022, 10, 1))),
        ("в октябре 2022 г.", Deadline(MONTH, month=D(2022, 10, 1))),
        ("окт. 2022", Deadline(MONTH, month=D(2022, 10, 1))),
        ("ноябрь – февраль 2023", Deadline(MONTH, month=D(2023, 2, 1), start=D(2022, 11, 1))),
        ("15.09.2022 – октябрь 2022", Deadline(MONTH, month=D(2022, 10, 1), start=D(2022, 9, 15))),
        ("2023 год", Deadline(MONTH, month=D(2023, 12, 1))),
        ("ежегодно", Deadline(YEARLY)),
        ("ежегодно: май, сентябрь", Deadline(YEARLY, months=(5, 9))),
        ("Ежегодно: март – ноябрь", Deadline(YEARLY, months=tuple(range(3, 12)))),
        ("ежегодно, ноябрь – февраль", Deadline(YEARLY, months=(1, 2, 11, 12))),
        ("с сентября 2022 ежегодно: май", Deadline(YEARLY, months=(5,), start=D(2022, 9, 1))),
        ("в течение всего периода", Deadline(PERIOD)),
        ("весь период реализации программы", Deadline(PERIOD)),
        ("с 01.09.2022 весь период", Deadline(PERIOD, start=D(2022, 9, 1))),
    ],
)
def test_deadline_parse_reads_the_seeds_ways(text, expected):
    assert deadline_parse(text) == expected


def test_deadline_parse_takes_dates_from_excel_cells():
    assert deadline_parse(D(2023, 5, 30)) == Deadline(DATE, date=D(2023, 5, 30))
    assert deadline_parse(dt.datetime(2023, 5, 30, 0, 0)) == Deadline(DATE, date=D(2023, 5, 30))


def test_deadline_parse_month_without_year_takes_the_given_year():
    assert deadline_parse("октябрь", year=2023) == Deadline(MONTH, month=D(2023, 10, 1))
    assert deadline_parse("до 1 октября", year=2023) == Deadline(DATE, date=D(2023, 10, 1))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "срок не указан"),
        ("   ", "срок не указан"),
        ("октябрь", "укажите год"),
        ("ежемесячно", "не удалось разобрать срок «ежемесячно»"),
        ("I квартал 2023", "не удалось разобрать срок"),
        ("первое полугодие 2023", "не удалось разобрать срок"),
        ("32.01.2023", "не удалось разобрать срок"),
        ("октябрь 2022 – сентябрь 2022", "начало позже срока"),
        ("01.09.2023 – 01.10.2023 – 01.11.2023", "не удалось разобрать срок"),
        ("ежегодно весь период", "не удалось разобрать срок"),
        ("15", "не удалось разобрать срок"),
    ],
)
def test_deadline_parse_refuses_what_it_cannot_read(text, message):
    with pytest.raises(ValueError, match=message) as error:
        deadline_parse(text)
    # The message tells the curator what to write instead.
    if "разобрать" in message:
        assert "октябрь 2022" in str(error.value)


# --- text and round trips ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deadline", "text"),
    [
        (Deadline(DATE, date=D(2022, 10, 15)), "15.10.2022"),
        (Deadline(DATE, date=D(2023, 10, 1), start=D(2023, 9, 1)), "01.09.2023 – 01.10.2023"),
        (Deadline(MONTH, month=D(2022, 10, 1)), "октябрь 2022"),
        (Deadline(MONTH, month=D(2022, 10, 1), start=D(2022, 9, 1)), "сентябрь – октябрь 2022"),
        (
            Deadline(MONTH, month=D(2023, 12, 1), start=D(2022, 11, 1)),
            "ноябрь 2022 – декабрь 2023",
        ),
        (Deadline(MONTH, month=D(2022, 10, 1), start=D(2022, 9, 15)), "15.09.2022 – октябрь 2022"),
        (Deadline(YEARLY), "ежегодно"),
        (Deadline(YEARLY, months=(9, 5)), "ежегодно: май, сентябрь"),
        (Deadline(YEARLY, months=(1, 2)), "ежегодно: январь, февраль"),
        (Deadline(YEARLY, months=(3, 4, 5, 6, 7, 8, 9, 10, 11)), "ежегодно: март – ноябрь"),
        (Deadline(YEARLY, months=(1, 2, 3, 6, 12)), "ежегодно: январь – март, июнь, декабрь"),
        (
            Deadline(YEARLY, months=(1, 2), start=D(2020, 9, 1)),
            "с сентября 2020 ежегодно: январь, февраль",
        ),
        (Deadline(PERIOD), "весь период"),
        (Deadline(PERIOD, start=D(2022, 9, 15)), "с 15.09.2022 весь период"),
    ],
)
def test_deadline_text_and_back(deadline, text):
    assert deadline_text(deadline) == text
    assert deadline_parse(text) == deadline


def test_deadline_drops_a_start_that_adds_nothing():
    assert Deadline(DATE, date=D(2023, 1, 5), start=D(2023, 1, 5)).start is None
    assert Deadline(MONTH, month=D(2023, 1, 1), start=D(2023, 1, 1)).start is None
    assert deadline_text(Deadline(MONTH, month=D(2023, 1, 1), start=D(2023, 1, 1))) == "январь 2023"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kind": "weekly"},
        {"kind": DATE},
        {"kind": MONTH, "month": D(2022, 10, 15)},
        {"kind": YEARLY, "months": (0,)},
        {"kind": DATE, "date": D(2022, 10, 1), "start": D(2022, 10, 2)},
    ],
)
def test_deadline_refuses_inconsistent_values(kwargs):
    with pytest.raises(ValueError):
        Deadline(**kwargs)


def test_deadline_fields_set_the_activity_and_deadline_of_reads_them_back():
    deadline = Deadline(MONTH, month=D(2022, 10, 1), start=D(2022, 9, 1))
    activity = Activity(**deadline.fields())
    assert deadline.fields() == {
        "deadline_kind": MONTH,
        "deadline_date": None,
        "deadline_month": D(2022, 10, 1),
        "yearly_months": [],
        "start_date": D(2022, 9, 1),
    }
    assert deadline_of(activity) == deadline
    assert deadline_text(activity) == "сентябрь – октябрь 2022"
    yearly = Activity(**Deadline(YEARLY, months=(12, 6)).fields())
    assert deadline_text(yearly) == "ежегодно: июнь, декабрь"


# --- due dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "end"),
    [
        (D(2023, 2, 10), D(2023, 2, 28)),
        (D(2024, 2, 1), D(2024, 2, 29)),
        (D(2023, 12, 31), D(2023, 12, 31)),
    ],
)
def test_month_end(day, end):
    assert month_end(day) == end


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        (Deadline(DATE, date=D(2022, 10, 15)), [(2022, D(2022, 10, 15))]),
        (Deadline(MONTH, month=D(2023, 2, 1)), [(2023, D(2023, 2, 28))]),
        (Deadline(PERIOD), [(2024, D(2024, 6, 30))]),
        (Deadline(YEARLY, months=(5, 9)), [(2022, D(2022, 9, 30)), (2023, D(2023, 9, 30))]),
        # The roadmap starts in June 2022: February 2022 is before it, June 2024 is in it.
        (Deadline(YEARLY, months=(1, 2)), [(2023, D(2023, 2, 28)), (2024, D(2024, 2, 29))]),
        (
            Deadline(YEARLY, months=(6,)),
            [(2022, D(2022, 6, 30)), (2023, D(2023, 6, 30)), (2024, D(2024, 6, 30))],
        ),
        (Deadline(YEARLY), [(2022, D(2022, 12, 31)), (2023, D(2023, 12, 31))]),
        # Not due before the activity starts.
        (Deadline(YEARLY, months=(12,), start=D(2023, 1, 10)), [(2023, D(2023, 12, 31))]),
    ],
)
def test_occurrences_in_the_roadmap_period(deadline, expected):
    assert occurrences(deadline, PERIOD_2022_2024) == expected


def test_due_in_year():
    yearly = Deadline(YEARLY, months=(5, 9))
    assert due_in_year(yearly, PERIOD_2022_2024, 2023) == D(2023, 9, 30)
    assert due_in_year(yearly, PERIOD_2022_2024, 2024) is None
    assert due_in_year(Deadline(DATE, date=D(2022, 10, 15)), PERIOD_2022_2024, 2023) is None
    assert due_in_year(Deadline(PERIOD), PERIOD_2022_2024, 2024) == D(2024, 6, 30)


# --- overdue, with today frozen ---------------------------------------------------------------

OCT_15 = Deadline(DATE, date=D(2022, 10, 15))
OCTOBER = Deadline(MONTH, month=D(2022, 10, 1), start=D(2022, 9, 1))
WHOLE = Deadline(PERIOD)
MAY_SEPT = Deadline(YEARLY, months=(5, 9))


def item(deadline, status=PLANNED, completed_on=None, year_done=None):
    return ActivityDates(deadline, PERIOD_2022_2024, status, completed_on, year_done or {})


@pytest.mark.parametrize(
    ("dates", "today", "days"),
    [
        # a date: due that day, overdue the day after
        (item(OCT_15), D(2022, 10, 15), 0),
        (item(OCT_15), D(2022, 10, 16), 1),
        (item(OCT_15, IN_PROGRESS), D(2022, 11, 15), 31),
        (item(OCT_15, DONE, D(2022, 10, 20)), D(2022, 11, 15), 0),  # done late: not overdue
        (item(OCT_15, CANCELLED), D(2023, 1, 1), 0),
        # a month: due on its last day
        (item(OCTOBER), D(2022, 10, 31), 0),
        (item(OCTOBER), D(2022, 11, 1), 1),
        (item(OCTOBER, DONE, D(2022, 10, 3)), D(2023, 11, 1), 0),
        (item(OCTOBER, CANCELLED), D(2023, 11, 1), 0),
        # the whole period: due when the roadmap ends
        (item(WHOLE, IN_PROGRESS), D(2024, 6, 30), 0),
        (item(WHOLE, IN_PROGRESS), D(2024, 7, 2), 2),
        (item(WHOLE, CANCELLED), D(2024, 7, 2), 0),
        # yearly: every year on its own, counted from the earliest missed year
        (item(MAY_SEPT), D(2022, 9, 30), 0),
        (item(MAY_SEPT), D(2022, 10, 1), 1),
        (item(MAY_SEPT, year_done={2022: D(2022, 9, 1)}), D(2023, 9, 30), 0),
        (item(MAY_SEPT, year_done={2022: D(2022, 9, 1)}), D(2023, 10, 1), 1),
        (item(MAY_SEPT, year_done={2023: D(2023, 9, 1)}), D(2023, 10, 1), 366),
        (item(MAY_SEPT, year_done={2022: D(2022, 12, 1)}), D(2023, 1, 1), 0),  # done late
        (item(MAY_SEPT, year_done={2022: D(2022, 9, 1), 2023: D(2023, 9, 2)}), D(2025, 1, 1), 0),
        (item(MAY_SEPT, CANCELLED), D(2024, 1, 1), 0),
        (item(MAY_SEPT, DONE), D(2024, 1, 1), 0),  # closed as a whole
    ],
)
def test_overdue_by_deadline_kind(dates, today, days):
    assert overdue_days(dates, today) == days
    assert is_overdue(dates, today) is (days > 0)


def test_occurrence_states_tell_late_from_on_time():
    states = occurrence_states(
        item(MAY_SEPT, year_done={2022: D(2022, 9, 30), 2023: D(2023, 10, 5)}), D(2024, 1, 1)
    )
    assert [(s.year, s.done, s.late_days, s.overdue_days) for s in states] == [
        (2022, True, 0, 0),
        (2023, True, 5, 0),
    ]
    [state] = occurrence_states(item(OCT_15, DONE, D(2022, 10, 20)), D(2023, 1, 1))
    assert (state.done, state.late_days, state.is_overdue) == (True, 5, False)


def test_status_not_done_ignores_a_stale_completion_date():
    assert is_overdue(item(OCT_15, IN_PROGRESS, D(2022, 10, 1)), D(2022, 11, 1))


@pytest.mark.parametrize(
    ("due", "completed_on", "expected"),
    [
        (D(2022, 10, 15), D(2022, 10, 15), True),
        (D(2022, 10, 15), D(2022, 9, 1), True),
        (D(2022, 10, 15), D(2022, 10, 16), False),
        (D(2022, 10, 15), None, False),
    ],
)
def test_done_on_time(due, completed_on, expected):
    assert done_on_time(due, completed_on) is expected


# --- the share done on time -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dates", "year", "today", "expected"),
    [
        (item(OCT_15, DONE, D(2022, 10, 15)), 2022, D(2023, 1, 1), (1, 1)),
        (item(OCT_15, DONE, D(2022, 10, 16)), 2022, D(2023, 1, 1), (1, 0)),
        (item(OCT_15), 2022, D(2023, 1, 1), (1, 0)),
        (item(OCT_15), 2022, D(2022, 10, 1), (0, 0)),  # not due yet
        (item(OCT_15, DONE, D(2022, 9, 1)), 2022, D(2022, 10, 1), (0, 0)),
        (item(OCT_15), 2023, D(2024, 1, 1), (0, 0)),  # due in another year
        (item(OCT_15, CANCELLED), 2022, D(2023, 1, 1), (0, 0)),
        (item(MAY_SEPT, year_done={2023: D(2023, 9, 1)}), 2023, D(2024, 1, 1), (1, 1)),
        (item(MAY_SEPT, year_done={2023: D(2023, 9, 1)}), 2022, D(2024, 1, 1), (1, 0)),
        (
            item(MAY_SEPT, DONE, year_done={2023: D(2023, 9, 1)}),
            2022,
            D(2024, 1, 1),
            (0, 0),
        ),
        (item(WHOLE, DONE, D(2024, 6, 1)), 2024, D(2024, 7, 1), (1, 1)),
    ],
)
def test_counts_between_over_a_calendar_year(dates, year, today, expected):
    assert counts_between(dates, D(year, 1, 1), D(year, 12, 31), today) == expected


def test_on_time_share():
    items = [
        item(OCT_15, DONE, D(2022, 10, 1)),
        item(OCT_15, DONE, D(2022, 10, 30)),
        item(OCTOBER),
        item(OCTOBER, CANCELLED),
        item(MAY_SEPT, year_done={2022: D(2022, 9, 30)}),
    ]
    share = on_time_share(items, 2022, D(2023, 1, 1))
    assert share == OnTime(on_time=2, due=4)
    assert share.percent == 50


@pytest.mark.parametrize(
    ("on_time", "due", "percent"), [(12, 15, 80), (2, 3, 67), (1, 8, 13), (0, 0, None), (0, 4, 0)]
)
def test_on_time_percent_rounds_half_up(on_time, due, percent):
    assert OnTime(on_time, due).percent == percent


@pytest.mark.parametrize(
    ("text", "expected_month"),
    [
        ("май", dt.date(2026, 5, 1)),  # a September–June roadmap: May of its second year
        ("октябрь", dt.date(2025, 10, 1)),
    ],
)
def test_deadline_in_period_takes_the_year_the_month_falls_in(text, expected_month):
    period = schedule.Period(dt.date(2025, 9, 1), dt.date(2026, 6, 30))
    assert schedule.deadline_in_period(text, period).month == expected_month


def test_deadline_in_period_reads_a_month_of_several_years_as_every_year():
    # Seed 003 (2020–2024): «сентябрь», «май», «август - сентябрь» are every year's.
    period = schedule.Period(dt.date(2025, 1, 1), dt.date(2026, 12, 31))
    assert schedule.deadline_in_period("май", period) == Deadline(YEARLY, months=(5,))
    assert schedule.deadline_in_period("август - сентябрь", period) == Deadline(
        YEARLY, months=(8, 9)
    )


# --- the seeds' other wordings (issue 13) ------------------------------------------------------

SEED_003_PERIOD = Period(D(2020, 9, 1), D(2024, 12, 31))


@pytest.mark.parametrize(
    ("text", "expected", "note"),
    [
        # seed 002: durations with no date are «без фиксированного срока», with a note
        ("В течение первого месяца реализации программы", Deadline(schedule.NONE),
         "не содержит дат"),
        ("по итогам", Deadline(schedule.NONE), "не содержит дат"),
        ("По завершению плана мероприятий персонализированной программы наставничества в "
         "полном объеме", Deadline(schedule.NONE), "не содержит дат"),
        ("", Deadline(schedule.NONE), "срок не указан"),
        # «по мере необходимости» is never due
        ("ежегодно по мере необходимости", Deadline(schedule.NONE), "без фиксированного срока"),
        ("по мере необходимости", Deadline(schedule.NONE), "без фиксированного срока"),
        ("ноябрь2020, ежегодно по мере необходимости", Deadline(MONTH, month=D(2020, 11, 1)),
         "«по мере необходимости» — без фиксированного срока"),
        # seed 003: «постоянно» is the whole period; a month without a year, every year
        ("постоянно", Deadline(PERIOD), ""),
        ("В течение всех этапов", Deadline(PERIOD), ""),
        ("сентябрь", Deadline(YEARLY, months=(9,)), "без года прочитан как «ежегодно: сентябрь»"),
        ("август - сентябрь", Deadline(YEARLY, months=(8, 9)), "в каждом году дорожной карты"),
        ("май", Deadline(YEARLY, months=(5,)), "в каждом году"),
        # what the curator may type
        ("без фиксированного срока", Deadline(schedule.NONE), "без фиксированного срока"),
        ("15.10.2022", Deadline(DATE, date=D(2022, 10, 15)), ""),
    ],
)  # fmt: skip
def test_deadline_read_accepts_the_seeds_wordings(text, expected, note):
    deadline, said = schedule.deadline_read(text, SEED_003_PERIOD)
    assert deadline == expected
    assert (note in said) if note else said == ""


@pytest.mark.parametrize(
    "text",
    [
        "каждый квартал",
        "ежемесячно",
        "32.01.2023",
        "15",
        # a yearly duty whose month is misspelt is not «без фиксированного срока»
        "ежегодно: сентяборь",
        "ежегодно, по итогам года",
    ],
)
def test_deadline_read_still_refuses_bad_dates_and_unheld_recurrences(text):
    with pytest.raises(ValueError, match="не удалось разобрать срок"):
        schedule.deadline_read(text, SEED_003_PERIOD)


@pytest.mark.parametrize(
    "deadline",
    [
        Deadline(schedule.NONE),
        Deadline(YEARLY, months=(1, 2), start=D(2020, 9, 1), once=D(2020, 9, 30)),
        Deadline(YEARLY, months=tuple(range(3, 12)), start=D(2020, 11, 1), once=D(2020, 12, 31)),
        Deadline(YEARLY, months=(5,), start=D(2022, 9, 1)),
    ],
)
def test_deadline_text_reads_back_to_the_same_deadline(deadline):
    assert deadline_parse(deadline_text(deadline)) == deadline


def test_without_fixed_deadline_is_never_due_nor_overdue():
    item = ActivityDates(Deadline(schedule.NONE), SEED_003_PERIOD, PLANNED)
    assert occurrences(item.deadline, SEED_003_PERIOD) == []
    assert not is_overdue(item, D(2030, 1, 1))
    assert on_time_share([item], 2022, D(2030, 1, 1)).due == 0
    assert deadline_text(item.deadline) == "без фиксированного срока"


def test_one_off_date_before_yearly_months_is_kept_and_due():
    # Seed 000: «сентябрь 2020, январь-февраль ежегодно» — September 2020 is not lost.
    deadline = deadline_parse("сентябрь \n2020,\nянварь-февраль\nежегодно")
    assert occurrences(deadline, SEED_003_PERIOD) == [
        (2020, D(2020, 9, 30)),
        (2021, D(2021, 2, 28)),
        (2022, D(2022, 2, 28)),
        (2023, D(2023, 2, 28)),
        (2024, D(2024, 2, 29)),
    ]
    item = ActivityDates(deadline, SEED_003_PERIOD, PLANNED)
    assert overdue_days(item, D(2020, 10, 10)) == 10
    assert deadline_of(
        Activity(deadline_kind=YEARLY, yearly_months=[1, 2], deadline_date=D(2020, 9, 30),
                 start_date=D(2020, 9, 1))
    ) == deadline  # fmt: skip
