"""Survey maths without the database: satisfaction, response rate, distributions,
entry vs exit. Table-driven: each row is a case a curator could meet."""

import pytest

from mentorship.surveys import metrics
from mentorship.surveys.metrics import EntryExitRow, SatisfactionValue

# --- satisfaction --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "percent", "respondents", "share_8_plus", "mean"),
    [
        # nobody answered: no data, not 0 %
        ({}, None, 0, None, None),
        ({"a": []}, None, 0, None, None),
        # one respondent
        ({"a": [10]}, 100.0, 1, 100.0, 10.0),
        ({"a": [1]}, 10.0, 1, 0.0, 1.0),
        ({"a": [8, 8, 8]}, 80.0, 1, 100.0, 8.0),
        # own mean exactly 8 counts as «8 and more»; 7.99… does not
        ({"a": [7, 9]}, 80.0, 1, 100.0, 8.0),
        ({"a": [7, 8, 8]}, 76.7, 1, 0.0, 7.67),
        # every answer weighs the same in percent: (10 + 10 + 10 + 4) / 4 = 8.5
        ({"a": [10, 10, 10], "b": [4]}, 85.0, 2, 50.0, 8.5),
        # …while every respondent weighs the same in the share
        ({"a": [9, 9], "b": [5, 5], "c": [8, 6]}, 70.0, 3, 33.3, 7.0),
        # rounding half up to one decimal: mean 7.25 → 72.5; 2/3 → 66.7
        ({"a": [7, 7, 7, 8]}, 72.5, 1, 0.0, 7.25),
        ({"a": [8], "b": [9], "c": [1]}, 60.0, 3, 66.7, 6.0),
        # mean 6.6666… → 66.7 %
        ({"a": [6, 7, 7]}, 66.7, 1, 0.0, 6.67),
        # mean 5.55 → 55.5 % exactly (no float drift to 55.4)
        ({"a": [5] * 9 + [10], "b": [5] * 8 + [8, 8]}, 55.5, 2, 0.0, 5.55),
    ],
)
def test_satisfaction_formula(scores, percent, respondents, share_8_plus, mean):
    value = metrics.satisfaction(scores)
    assert value.percent == percent
    assert value.respondents == respondents
    assert value.share_8_plus == share_8_plus
    assert value.mean == mean
    assert value.has_data is (respondents > 0)


def test_satisfaction_from_totals_equals_from_scores():
    scores = {"a": [10, 9, 7], "b": [3, 4], "c": [8]}
    from_totals = metrics.satisfaction_from_totals([(26, 3), (7, 2), (8, 1)])
    assert from_totals == metrics.satisfaction(scores)
    assert from_totals == SatisfactionValue(
        percent=68.3, respondents=3, share_8_plus=66.7, mean=6.83, answers=6, high_scorers=2
    )


def test_satisfaction_empty_is_no_data_not_zero():
    assert metrics.satisfaction({}) == metrics.NO_SATISFACTION_DATA
    assert metrics.satisfaction_from_totals([(0, 0)]).percent is None


# --- rates and distributions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("answered", "invited", "percent"),
    [(0, 0, None), (0, 5, 0.0), (1, 3, 33.3), (2, 3, 66.7), (1, 8, 12.5), (7, 7, 100.0)],
)
def test_response_rate(answered, invited, percent):
    assert metrics.response_rate(answered, invited) == metrics.RateValue(answered, invited, percent)


def test_distribution_keeps_option_order_and_zero_bars():
    bars = metrics.distribution([(1, "да"), (0, "нет")], {0: 1}, answered=4)
    assert bars == [metrics.Bar("да", 0, 0.0), metrics.Bar("нет", 1, 25.0)]


def test_distribution_of_several_choices_may_exceed_hundred_percent():
    bars = metrics.distribution([(5, "а"), (6, "б")], {5: 3, 6: 2}, answered=3)
    assert [bar.percent for bar in bars] == [100.0, 66.7]


def test_distribution_without_answers_has_no_percent():
    assert metrics.distribution([(1, "1")], {}, answered=0) == [metrics.Bar("1", 0, None)]


@pytest.mark.parametrize(
    ("counts", "mean"), [({}, None), ({7: 1}, 7.0), ({10: 1, 5: 2}, 6.67), ({1: 1, 2: 1}, 1.5)]
)
def test_mean_of_counts(counts, mean):
    assert metrics.mean_of_counts(counts) == mean


# --- entry vs exit -------------------------------------------------------------------------

S_S = "студент – студент"
T_T = "педагог – педагог"


def row(participant, form, parameter, entry, exit_):
    return EntryExitRow(participant, form, parameter, entry, exit_)


@pytest.mark.parametrize(
    ("entry", "exit_", "change", "improved"),
    [(3, 7, 4.0, True), (7, 3, -4.0, False), (5, 5, 0.0, False), (None, 6, None, False)],
)
def test_entry_exit_change_per_participant_and_parameter(entry, exit_, change, improved):
    summary = metrics.entry_exit([row("a", S_S, "motivation", entry, exit_)])
    (only,) = summary.changes
    assert (only.entry, only.exit, only.change, only.improved) == (entry, exit_, change, improved)


def test_entry_exit_per_form_mean_change_and_improved():
    summary = metrics.entry_exit(
        [
            row("a", S_S, "motivation", 3, 7),  # +4
            row("a", S_S, "teamwork", 5, 4),  # −1  → a: mean +1.5, improved
            row("b", S_S, "motivation", 6, 6),  # 0
            row("b", S_S, "teamwork", 8, 6),  # −2  → b: mean −1, not improved
            row("c", S_S, "motivation", None, 9),  # no entry: listed, not compared
            row("d", T_T, "motivation", 4, 5),  # +1
        ],
        parameter_order=["teamwork", "motivation"],
    )
    assert len(summary.changes) == 6
    assert summary.without_entry == 1
    teachers, students = summary.by_form  # forms in alphabetical order
    assert students.form == S_S
    assert students.participants == 2
    assert students.mean_change == 0.25  # (4 − 1 + 0 − 2) / 4
    assert students.improved == 1
    teamwork, motivation = students.parameters  # in the questionnaire's order
    assert (teamwork.parameter, teamwork.compared, teamwork.mean_change) == ("teamwork", 2, -1.5)
    assert (teamwork.improved, teamwork.unchanged, teamwork.worsened) == (0, 0, 2)
    assert (motivation.compared, motivation.mean_change) == (2, 2.0)
    assert (motivation.improved, motivation.unchanged, motivation.worsened) == (1, 1, 0)
    assert (teachers.participants, teachers.mean_change, teachers.improved) == (1, 1.0, 1)


@pytest.mark.parametrize(
    ("rows", "forms", "without_entry"),
    [
        ([], [], 0),
        ([row("a", S_S, "m", None, 5)], [], 1),
        # a participant with one parameter compared is not «without entry»
        ([row("a", S_S, "m", None, 5), row("a", S_S, "t", 4, 5)], [S_S], 0),
    ],
)
def test_entry_exit_edges(rows, forms, without_entry):
    summary = metrics.entry_exit(rows)
    assert [form.form for form in summary.by_form] == forms
    assert summary.without_entry == without_entry


def test_entry_exit_mean_change_rounds_half_up_to_two_places():
    rows = [row(p, S_S, "m", 1, 1 + d) for p, d in zip("abc", [1, 0, 0], strict=True)]
    (form,) = metrics.entry_exit(rows).by_form
    assert form.mean_change == 0.33
    rows = [row(p, S_S, "m", 1, 1 + d) for p, d in zip("abc", [1, 1, 0], strict=True)]
    assert metrics.entry_exit(rows).by_form[0].mean_change == 0.67
