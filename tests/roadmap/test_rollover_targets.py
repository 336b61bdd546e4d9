"""The roll-over's KPI targets for the new academic year: proposed from the programme's
table (roadmap.rollover_targets), written only when the curator confirms them — on the
screen or with `roll_over --confirm-targets`.

Today is frozen at 20.08.2027: the next academic year is 2027/2028."""

import datetime as dt
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from mentorship.lib.periods import ReportPeriod
from roadmap.models import Indicator, IndicatorTarget
from roadmap.rollover import roll_over_commit, roll_over_plan, roll_over_summary
from roadmap.rollover_targets import targets_confirm, targets_proposed
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 8, 20)
NEXT = ReportPeriod.academic_year(2027)
URL = "/roadmap/roll-over/"
TARGETS_URL = "/roadmap/roll-over/targets/"


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def _indicator(name, targets: dict[str, str], unit="%"):
    indicator = Indicator.objects.create(name=name, unit=unit, order=900)
    for period, value in targets.items():
        IndicatorTarget.objects.create(indicator=indicator, period=period, value=Decimal(value))
    return indicator


@pytest.fixture
def programme():
    """The programme's table: targets by calendar year, as the seeds write them."""
    return {
        "by_programme": _indicator(
            "Доля наставляемых (тест)", {"2026": "60", "2027": "70", "2028": "80"}
        ),
        "table_ended": _indicator("Доля наставников (тест)", {"2025": "40", "2026": "45"}),
        "set_already": _indicator(
            "Удовлетворённость (тест)", {"2028": "90", "2027/2028": "88"}
        ),
        "no_targets": _indicator("Без целей (тест)", {}),
    }


def test_targets_are_proposed_from_the_programmes_table(programme):
    proposed = {p.indicator.pk: (p.value, p.source) for p in targets_proposed(NEXT)}
    assert proposed == {
        # the calendar year the academic year is reported in
        programme["by_programme"].pk: (Decimal("80"), "по программе на 2028 год"),
        # the table has ended: the level reached is kept
        programme["table_ended"].pk: (Decimal("45"), "как за 2026 год"),
    }


def test_the_preview_lists_the_proposal_and_the_roll_over_writes_no_target(programme):
    PersonFactory(course=2)
    text = "\n".join(roll_over_summary(roll_over_plan(to="2027/2028", today=TODAY)))
    assert "Целевые показатели на 2027/2028 учебный год предлагаются по программе: 2;" in text
    assert "  Доля наставляемых (тест) — 80 % (по программе на 2028 год)" in text
    before = IndicatorTarget.objects.count()
    roll_over_commit(to="2027/2028", today=TODAY)
    assert IndicatorTarget.objects.count() == before
    # Still proposed after the roll-over, for the curator to confirm.
    assert len(roll_over_plan(to="2027/2028", today=TODAY).targets) == 2


def test_confirmation_writes_all_or_nothing_and_keeps_a_target_set_meanwhile(programme):
    by_programme, ended = programme["by_programme"], programme["table_ended"]
    with pytest.raises(ValidationError) as refused:
        targets_confirm(NEXT, {by_programme.pk: "82,5", ended.pk: "много"})
    assert refused.value.messages == [
        "«Доля наставников (тест)»: «много» — ожидается число (например, 70 или 72,5)."
    ]
    assert not IndicatorTarget.objects.filter(period=NEXT.key, indicator=by_programme).exists()
    IndicatorTarget.objects.create(indicator=ended, period=NEXT.key, value=Decimal("50"))
    written = targets_confirm(NEXT, {by_programme.pk: "82,5", ended.pk: "47"})
    assert [(t.indicator_id, t.value) for t in written] == [(by_programme.pk, Decimal("82.50"))]
    assert IndicatorTarget.objects.get(indicator=ended, period=NEXT.key).value == Decimal("50")
    target = IndicatorTarget.objects.get(indicator=by_programme, period=NEXT.key)
    assert target.history.get().history_change_reason == (
        "Целевые показатели на 2027/2028 учебный год"
    )


def test_an_empty_value_leaves_the_indicator_without_a_target(programme):
    written = targets_confirm(
        NEXT, {programme["by_programme"].pk: "", programme["table_ended"].pk: "45"}
    )
    assert [t.indicator_id for t in written] == [programme["table_ended"].pk]
    # No value at all (None, as a script may pass) is empty too, not the text «None».
    assert targets_confirm(NEXT, {programme["by_programme"].pk: None}) == []


def test_a_confirmed_value_is_read_as_the_kpi_tables_import_reads_a_target(programme):
    """One rule for a target: «не менее 70 %» is 70, and a third decimal is refused, not
    rounded away without a word."""
    by_programme, ended = programme["by_programme"], programme["table_ended"]
    with pytest.raises(ValidationError) as refused:
        targets_confirm(NEXT, {by_programme.pk: "82,555"})
    assert refused.value.messages == [
        "«Доля наставляемых (тест)»: «82,555» — не больше двух знаков после запятой."
    ]
    written = targets_confirm(NEXT, {by_programme.pk: "не менее 70 %", ended.pk: "1 000"})
    assert {t.indicator_id: t.value for t in written} == {
        by_programme.pk: Decimal("70.00"),
        ended.pk: Decimal("1000.00"),
    }


def test_command_confirms_the_targets_after_the_roll_over(programme):
    with pytest.raises(CommandError, match="после перевода на новый учебный год: добавьте"):
        call_command("roll_over", "--to", "2027/2028", "--confirm-targets")
    assert not IndicatorTarget.objects.filter(period=NEXT.key).exclude(value=88).exists()
    out = StringIO()
    call_command("roll_over", "--to", "2027/2028", "--commit", "--confirm-targets", stdout=out)
    assert "Целевые показатели на 2027/2028 учебный год записаны: 2." in out.getvalue()
    assert dict(
        IndicatorTarget.objects.filter(period=NEXT.key).values_list("indicator__name", "value")
    ) == {
        "Доля наставляемых (тест)": Decimal("80.00"),
        "Доля наставников (тест)": Decimal("45.00"),
        "Удовлетворённость (тест)": Decimal("88.00"),
    }
    out = StringIO()
    call_command("roll_over", "--to", "2027/2028", "--confirm-targets", stdout=out)
    assert "Целевые показатели на 2027/2028 учебный год: записывать нечего." in out.getvalue()


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_curator_confirms_the_targets_on_the_screen(client_for, curator, programme):
    client = client_for(curator)
    # Before the roll-over the targets are only in the preview's lines.
    refused = client.post(TARGETS_URL, {"academic_year": "2027/2028"})
    assert refused.status_code == 409
    assert "сначала выполните перевод на 2027/2028 учебный год" in _text(refused)
    client.post(URL, {"academic_year": "2027/2028"})
    page = _text(client.get(URL))
    assert "Целевые показатели на 2027/2028 учебный год" in page
    assert "по программе на 2028 год" in page
    field = f"target-{programme['by_programme'].pk}"
    other = f"target-{programme['table_ended'].pk}"
    bad = client.post(TARGETS_URL, {"academic_year": "2027/2028", field: "85,5", other: "сорок"})
    assert bad.status_code == 400
    assert (
        "«Доля наставников (тест)»: «сорок» — ожидается число (например, 70 или 72,5)."
    ) in _text(bad)
    # What the curator typed stays in the form; nothing is written.
    assert 'value="сорок"' in bad.content.decode()
    assert 'value="85,5"' in bad.content.decode()
    assert not IndicatorTarget.objects.filter(period=NEXT.key).exclude(value=88).exists()
    done = client.post(
        TARGETS_URL, {"academic_year": "2027/2028", field: "85,5", other: "40"}, follow=True
    )
    assert "Целевые показатели на 2027/2028 учебный год записаны: 2." in _text(done)
    assert IndicatorTarget.objects.get(
        indicator=programme["by_programme"], period=NEXT.key
    ).value == Decimal("85.50")
    assert "предложить нечего" in _text(client.get(URL))


def test_the_director_cannot_confirm_targets(client_for, director, programme):
    response = client_for(director).post(TARGETS_URL, {"academic_year": "2027/2028"})
    assert response.status_code == 403
