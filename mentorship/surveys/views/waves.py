"""The curator's survey pages: waves, links, printing, e-mail, results and the two
monitoring views (satisfaction, entry vs exit). The director reads the results but opens,
closes and sends nothing, and never sees a personal link (it would let them answer as
someone else) nor exports answers with names.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from accounts.access import role_required
from accounts.roles import Role
from mentorship.documents.responses import download_response
from mentorship.lib import charts
from mentorship.lib.qr import qr_svg

from .. import kept, metrics, results, waves
from ..forms.waves import WaveCreateForm
from ..models import Invitation, Questionnaire, Response, Wave

PAGE_SIZE = 50
READERS = (Role.CURATOR, Role.DIRECTOR)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _wave(pk: int) -> Wave:
    return get_object_or_404(Wave.objects.select_related("questionnaire", "created_by"), pk=pk)


# --- waves ---------------------------------------------------------------------------------


@role_required(*READERS)
def wave_list(request):
    today = timezone.localdate()
    page = Paginator(results.wave_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        (wave, wave.state(today), metrics.response_rate(wave.answered, wave.invited))
        for wave in page.object_list
    ]
    return render(
        request,
        "surveys/wave_list.html",
        {"page": page, "rows": rows, "can_write": request.user.has_role(Role.CURATOR)},
    )


@role_required(Role.CURATOR)
def wave_create(request):
    """Two steps on one page: «Показать, кого пригласим», then «Открыть опрос»."""
    form = WaveCreateForm(request.POST or None)
    preview = fingerprint = None
    if request.method == "POST" and form.is_valid():
        questionnaire = form.cleaned_data["questionnaire"]
        selection = form.selection()
        fingerprint = _fingerprint(form)
        # A change of the conditions after the preview shows the new preview first.
        confirmed = request.POST.get("previewed") == fingerprint
        if request.POST.get("action") == "confirm" and confirmed:
            try:
                wave = waves.wave_open(
                    questionnaire=questionnaire,
                    title=form.cleaned_data["title"],
                    closes_on=form.cleaned_data["closes_on"],
                    selection=selection,
                    by=request.user,
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    f"Опрос «{wave.title}» открыт: персональных ссылок — {wave.invited_count}.",
                )
                for reason, names in _not_invited_by_reason(wave.not_invited):
                    messages.warning(request, f"Не приглашены: {reason} — {names}.")
                return redirect("surveys:wave-detail", wave.pk)
        preview = waves.wave_preview(questionnaire=questionnaire, selection=selection)
    return render(
        request,
        "surveys/wave_create.html",
        {
            "form": form,
            "preview": preview,
            "fingerprint": fingerprint,
            "for_curators": _audience(form) == Questionnaire.Audience.CURATOR,
            "for_partners": _audience(form) == Questionnaire.Audience.PARTNER,
        },
    )


def _audience(form: WaveCreateForm) -> str | None:
    if form.is_bound and form.is_valid():
        return form.cleaned_data["questionnaire"].audience
    return None


def _not_invited_by_reason(not_invited) -> list[tuple[str, str]]:
    """(reason, «name, name») for the warning after a wave opened; the consent's reason
    says what the consent is for."""
    by_reason: dict[str, list[str]] = {}
    for item in not_invited:
        by_reason.setdefault(item.reason, []).append(item.name)
    reasons = {waves.NO_CONSENT: "нет согласия на обработку персональных данных"}
    return [(reasons.get(reason, reason), ", ".join(names)) for reason, names in by_reason.items()]


def _fingerprint(form: WaveCreateForm) -> str:
    """A digest of the conditions the preview was made for."""
    data = form.cleaned_data
    parts = [
        data["questionnaire"].pk,
        data["title"],
        data["closes_on"].isoformat(),
        repr(form.selection()),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class InvitationRow:
    invitation: Invitation
    url: str

    @property
    def answered(self) -> bool:
        return hasattr(self.invitation, "response")


# A token reverse() puts into the personal link as it is (secrets.token_urlsafe's alphabet).
_PLAIN_TOKEN = re.compile(r"[A-Za-z0-9_-]+")


def _invitation_rows(request, wave: Wave, *, waiting_only: bool = False) -> list[InvitationRow]:
    base = request.build_absolute_uri("/")
    invitations = results.wave_invitations(wave)
    if waiting_only:
        invitations = invitations.filter(response__isnull=True)
    # The personal link's address made once and each token put in it: a reverse() a row was
    # ~15 % of a big wave's page (554 links at full size). Any other token goes through it.
    before, after = waves.invitation_url(base, "0").rsplit("/0/", 1)

    def url(token: str) -> str:
        if _PLAIN_TOKEN.fullmatch(token):
            return f"{before}/{token}/{after}"
        return waves.invitation_url(base, token)

    return [InvitationRow(invitation, url(invitation.token)) for invitation in invitations]


def invitation_rows_html(rows: list[InvitationRow]) -> str:
    """The wave's table body, exactly as the template's loop wrote it (tested against it):
    a wave of a big college invites hundreds of people, and the template engine's five
    cells a row were two thirds of the page (238 ms CPU for 554 links at full size)."""
    # The paper-entry address reversed once: invitations/<pk>/paper/ around each pk.
    before, after = reverse("surveys:paper-entry", args=[0]).rsplit("/0/", 1)
    # get_role_display() / get_source_display() built the choices' dict again for each call.
    roles = dict(Invitation._meta.get_field("role").flatchoices)
    sources = dict(Response._meta.get_field("source").flatchoices)
    parts = []
    for row in rows:
        inv = row.invitation
        details = escape(roles.get(inv.role, inv.role))
        if inv.organisation:
            details += f" · {escape(inv.organisation.contact_person)}"
        email = inv.respondent_email
        if email:
            details += f" · {escape(email)}"
        pair = f"№ {inv.pair.pk}, {escape(inv.pair.form.name)}" if inv.pair else "—"
        if row.answered:
            submitted = timezone.localtime(inv.response.submitted_at)
            answer = (
                '\n        <span class="badge text-bg-success">ответил(а)</span>\n'
                f'        <div class="small text-muted">{submitted:%d.%m.%Y}, '
                f"{escape(sources.get(inv.response.source, inv.response.source))}</div>\n      "
            )
            link = '<span class="text-muted">использована</span>'
        else:
            answer = (
                '\n        <span class="badge text-bg-light border">не ответил(а)</span>\n'
                "        \n"
                f'        <div class="small"><a href="{before}/{inv.pk}/{after}">'
                "внести с бумажной анкеты</a></div>\n      "
            )
            link = (
                '<span class="text-break font-monospace user-select-all">'
                f"{escape(row.url)}</span>"
            )
        if inv.email_sent_at:
            sent = f"отправлено {timezone.localtime(inv.email_sent_at):%d.%m.%Y %H:%M}"
        elif email:
            sent = "не отправлено"
        else:
            sent = '<span class="text-muted">нет адреса</span>'
        parts.append(
            f"\n  <tr>\n    <td>{escape(inv.respondent_name)}"
            f'<div class="small text-muted">{details}</div></td>\n'
            f'    <td class="d-none d-md-table-cell">{pair}</td>\n'
            f"    <td>\n      {answer}\n    </td>\n"
            f'    <td class="d-none d-lg-table-cell small">{sent}</td>\n'
            f'    <td class="small">{link}</td>\n  </tr>\n  '
        )
    return "".join(parts)


@role_required(Role.CURATOR)
def wave_detail(request, pk: int):
    wave = _wave(pk)
    rows = _invitation_rows(request, wave)
    waiting = [row for row in rows if not row.answered]
    links = "\n".join(
        f"{row.invitation.respondent_name} ({row.invitation.get_role_display()}): {row.url}"
        for row in waiting
    )
    return render(
        request,
        "surveys/wave_detail.html",
        {
            "wave": wave,
            "state": wave.state(timezone.localdate()),
            "counts": results.wave_counts(wave),
            "rows": rows,
            "rows_html": mark_safe(invitation_rows_html(rows)),  # escaped there, tested
            "links": links,
        },
    )


@role_required(Role.CURATOR)
@require_POST
def wave_send(request, pk: int):
    wave = _wave(pk)
    try:
        sent = waves.invitations_email(
            wave=wave,
            request_base_url=request.build_absolute_uri("/"),
            resend=request.POST.get("resend") == "1",
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if sent:
            messages.success(request, f"Отправлено писем: {sent}.")
        else:
            messages.info(
                request, "Писем для отправки нет: всем, у кого есть адрес, письмо уже ушло."
            )
    return redirect("surveys:wave-detail", wave.pk)


@role_required(Role.CURATOR)
@require_POST
def wave_close(request, pk: int):
    wave = _wave(pk)
    try:
        waves.wave_close(wave=wave, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"Опрос «{wave.title}» закрыт: ответы больше не принимаются.")
    return redirect("surveys:wave-detail", wave.pk)


@role_required(Role.CURATOR)
def wave_print(request, pk: int):
    """Cards to cut out and hand over: name, role, link and its QR code, for those who have
    not answered yet."""
    wave = _wave(pk)
    cards = [
        # segno's code as inline SVG, drawn on the server (nothing fetched), no user text in it
        (row, mark_safe(qr_svg(row.url)))  # noqa: S308
        for row in _invitation_rows(request, wave, waiting_only=True)
    ]
    return render(request, "surveys/wave_print.html", {"wave": wave, "cards": cards})


# --- results -------------------------------------------------------------------------------


@role_required(*READERS)
def wave_results(request, pk: int):
    wave = _wave(pk)
    return render(
        request,
        "surveys/results_wave.html",
        {
            "wave": wave,
            "state": wave.state(timezone.localdate()),
            "results": results.wave_results(wave),
            "can_write": request.user.has_role(Role.CURATOR),
        },
    )


@role_required(Role.CURATOR)
def wave_export(request, pk: int):
    filename, content = results.wave_export_xlsx(_wave(pk))
    return download_response(content, filename=filename, content_type=XLSX)


ALL_YEARS = "all"


def _year(request, choices: list[int], default: int | None) -> int | None:
    value = request.GET.get("year", "")
    if value.isdigit() and int(value) in choices:
        return int(value)
    return default


@role_required(*READERS)
def satisfaction(request):
    table = results.satisfaction_by_year()
    this_year = timezone.localdate().year
    years = sorted({row.year for row in table} | {this_year}, reverse=True)
    year = _year(request, years, table[0].year if table else this_year)
    chosen = next(
        (row for row in table if row.year == year),
        results.YearSatisfaction(year, metrics.NO_SATISFACTION_DATA, metrics.NO_SATISFACTION_DATA),
    )
    return render(
        request,
        "surveys/results_satisfaction.html",
        {"years": years, "year": year, "chosen": chosen, "table": table},
    )


# --- entry vs exit -------------------------------------------------------------------------

@dataclass(frozen=True)
class FormChart:
    """A form's mean change per parameter, as lib.charts draws it; each bar's item is the
    parameter's row of the table under the chart."""

    form: metrics.FormChange
    chart: charts.ChangeChart


def change_chart(
    form: metrics.FormChange, labels: dict[str, str], numbers: dict[str, int]
) -> FormChart:
    items = []
    for index, parameter in enumerate(form.parameters):
        label = labels.get(parameter.parameter, parameter.parameter)
        title = label
        if parameter.mean_change is not None:
            change = f"{parameter.mean_change:+.2f}".replace(".", ",")
            title = f"{label} — среднее изменение {change}"
        items.append(
            charts.ChangeInput(
                number=numbers.get(parameter.parameter, index + 1),
                label=label,
                title=title,
                value=parameter.mean_change,
                item=parameter,
            )
        )
    return FormChart(form=form, chart=charts.change_chart(items))


@dataclass(frozen=True)
class ParticipantRow:
    comparison: results.Comparison
    cells: list[metrics.ParameterChange | None]


def _number(value) -> str:
    """A value as the template prints it: integers as they are, others localized."""
    return str(value) if type(value) is int else str(formats.localize(value))


def _change(value: float) -> str:
    """{{ value|floatformat:"-1" }}: a whole change without decimals."""
    return str(int(value)) if value == int(value) else str(floatformat(value, "-1"))


def _cell_html(cell: metrics.ParameterChange | None) -> str:
    if cell is None:
        return '\n    <td class="text-center text-nowrap">\n      \n    </td>\n    '
    change = cell.change
    css = ""
    if change is not None:
        css = " table-success" if change > 0 else " table-danger" if change < 0 else ""
    if cell.entry is None:
        content = f"— → {_number(cell.exit)}"
    else:
        sign = "+" if change > 0 else ""
        content = (
            f"{_number(cell.entry)} → {_number(cell.exit)}<br>"
            f'<span class="text-muted">({sign}{_change(change)})</span>'
        )
    return f'\n    <td class="text-center text-nowrap{css}">\n      {content}\n    </td>\n    '


# A participant's row up to their name: _ROW_START, the name, the row's tail.
_ROW_START = "\n  <tr>\n    <td>"
# The name of a person gone since the kept rows were made (the next visit makes them again).
_GONE = "—"


def rows_with_names(tails: list[tuple[int, str]], names: dict[int, str]) -> str:
    """The table body of participant_row_tails() with each person's name put back (_GONE
    for one gone since)."""
    escape_name = html.escape
    return "".join(
        f"{_ROW_START}{escape_name(names.get(person, _GONE))}{tail}" for person, tail in tails
    )


def participant_row_tails(rows: list[ParticipantRow]) -> list[tuple[int, str]]:
    """Each row's person and the row's HTML after the name: what the entry/exit page keeps
    between visits, so that no name is kept (rows_with_names puts them back). With the
    names, the participants' table body exactly as the template's loop wrote it (tested
    against it): thousands of rows of eight cells took the template engine 70 % of the
    page (4.6 of 6.3 s under cProfile at full size); the values are escaped here.

    Django's escape() goes through keep_lazy's wrapper on every call (a check of each
    argument for a lazy string): 3 calls a row were 40 % of this function's 17 ms for a
    year's 1,182 rows at full size. The names go straight to html.escape (what escape()
    calls: rows_with_names), the roles, forms and dates — a few dozen values — are written
    once each, and the cells are looked up in the loop itself, not through a call per cell:
    17 → 5 ms."""
    tails = []
    parts: list[str] = []
    append = parts.append
    # A cell's text depends on its values alone, and a scale has few of them: each cell
    # is written once (the types in the key: 7 and 7.0 print differently).
    empty = _cell_html(None)
    written: dict[tuple, str] = {}
    roles: dict[str, str] = {}
    forms: dict[str, str] = {}
    dates: dict[dt.date | None, str] = {None: "—"}
    for row in rows:
        comparison = row.comparison
        role = roles.get(comparison.role)
        if role is None:
            role = roles[comparison.role] = html.escape(comparison.role_label)
        form = forms.get(comparison.form)
        if form is None:
            form = forms[comparison.form] = html.escape(comparison.form)
        if comparison.pair_id:
            form += f'<div class="text-muted">№ {_number(comparison.pair_id)}</div>'
        entry_on, exit_on = comparison.entry_on, comparison.exit_on
        entry = dates.get(entry_on)
        if entry is None:
            entry = dates[entry_on] = f"{entry_on:%d.%m.%Y}"
        exit_ = dates.get(exit_on)
        if exit_ is None:
            exit_ = dates[exit_on] = f"{exit_on:%d.%m.%Y}"
        parts.clear()
        append(
            f'<div class="text-muted">{role}</div></td>\n'
            f"    <td>{form}</td>\n"
            f'    <td class="text-nowrap">{entry}<br>→ {exit_}</td>\n    '
        )
        for cell in row.cells:
            if cell is None:
                append(empty)
                continue
            key = (type(cell.entry), cell.entry, type(cell.exit), cell.exit, cell.change)
            text = written.get(key)
            if text is None:
                text = written[key] = _cell_html(cell)
            append(text)
        append("\n  </tr>\n  ")
        tails.append((comparison.person_id, "".join(parts)))
    return tails


@role_required(*READERS)
def entry_exit(request):
    """The exits of a year (or of all years) beside their entries. Everything shown but the
    names is made from the data alone and kept under its fingerprint (kept.py: one query to
    read it), so a visit after the first asks the fingerprint and the names until the data
    changes: at full size (1,182 exits in a year) making the page took ×2.9 the bare admin
    list."""
    fingerprint = kept.read_fingerprint().whole  # the page reads the surveys
    years, latest = kept.kept_or_made(
        "surveys:entry-exit:years",
        fingerprint,
        lambda: (results.response_years(), results.latest_exit_year()),
    )
    # The latest year with exit answers by default: every year at once is one long table
    # (thousands of rows in a big college), there on request («все годы»).
    if request.GET.get("year") == ALL_YEARS:
        year = None
    else:
        year = _year(request, years, latest)
    shown = kept.kept_or_made(
        f"surveys:entry-exit:{year or ALL_YEARS}", fingerprint, lambda: _entry_exit_shown(year)
    )
    # The names are read on every visit, never kept: a person's destroyed data must not
    # stay in a worker's memory under a fingerprint the data has moved on from.
    tails = shown.pop("participant_tails")
    names = results.names_of({person for person, _tail in tails})
    return render(
        request,
        "surveys/results_entry_exit.html",
        {
            "years": years,
            "year": year,
            "all_years": ALL_YEARS,
            **shown,
            "participant_names": [names.get(person, _GONE) for person, _tail in tails],
            "participant_rows": mark_safe(rows_with_names(tails, names)),  # noqa: S308
        },
    )


def _entry_exit_shown(year: int | None) -> dict:
    """What the entry/exit page shows of a year (None: of all years), ready to be kept:
    texts and small objects, the participants' table as its rows' HTML after the names
    (participant_row_tails), no name in any of it."""
    data = results.entry_exit_data(year=year)
    order = [code for code, _label in data.parameters]
    summary = metrics.entry_exit(data.rows, parameter_order=order)
    labels = data.parameter_labels
    # Parameters that have exit answers but no exit question any more go after the others.
    for change in summary.changes:
        if change.parameter not in labels:
            labels[change.parameter] = change.parameter
            order.append(change.parameter)
    numbers = {code: index for index, code in enumerate(order, start=1)}
    by_participant: dict[int, dict[str, metrics.ParameterChange]] = {}
    for change in summary.changes:
        by_participant.setdefault(change.participant, {})[change.parameter] = change
    participants = [
        ParticipantRow(
            comparison=data.comparisons[participant],
            cells=[cells.get(code) for code in order],
        )
        for participant, cells in by_participant.items()
    ]
    return {
        "compared": bool(summary.changes),
        "without_entry": summary.without_entry,
        "charts": [change_chart(form, labels, numbers) for form in summary.by_form],
        "parameters": [(numbers[code], code, labels[code]) for code in order],
        "participant_tails": participant_row_tails(participants),
    }
