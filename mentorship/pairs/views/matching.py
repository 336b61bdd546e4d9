"""The curator's matching pages: the waiting list, a mentee's suggested mentors, forming a
pair, and a proposal for the whole list. Scores come from matching/, writes from
services.pair_create — the views only connect the two."""

import datetime as dt
from dataclasses import dataclass, replace
from html import escape  # what the template's autoescape runs on a str
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from accounts.access import role_required
from accounts.roles import Role
from mentorship.people.models import MenteeProfile, MentoringForm, MentorProfile

from .. import matching, rules, services
from ..forms.matching import FormChoiceForm, PairCreateForm, ProposalAcceptForm, WaitingFilterForm
from ..templatetags.matching_marks import reason_list, score_bar

PAGE_SIZE = 50
TOP_SUGGESTIONS = 10


def _waiting():
    return MenteeProfile.objects.filter(rules.waiting_mentees_q())


def pair_create_url(
    *, form_code: str, mentor_id: int | None = None, mentee_ids=(), path: str = ""
) -> str:
    """path: reverse("pairs:pair-create"), when a page links every row of a list to it."""
    params = [("form", form_code)]
    if mentor_id:
        params.append(("mentor", mentor_id))
    params += [("mentee", pk) for pk in mentee_ids]
    return f"{path or reverse('pairs:pair-create')}?{urlencode(params)}"


@role_required(Role.CURATOR)
def matching_list(request):
    """Mentees who wait for a mentor, with how many mentors suit each and the best score."""
    today = timezone.localdate()
    groups = list(
        _waiting()
        .exclude(person__study_group="")
        .order_by("person__study_group")
        .values_list("person__study_group", flat=True)
        .distinct()
    )
    filter_form = WaitingFilterForm(request.GET or None, groups=groups)
    # The page's ids and statuses, then its mentees read as values (mentee_needs): model
    # instances with their prefetched requests and memberships were a fifth of the page.
    waiting = matching.mentee_queryset(filter_form.filter(_waiting()), on=today)
    waiting = waiting.prefetch_related(None).select_related(None).values_list("pk", "status")
    page = Paginator(waiting, PAGE_SIZE).get_page(request.GET.get("page"))
    statuses = dict(page.object_list)
    needs = matching.mentee_needs(on=today, queryset=MenteeProfile.objects.filter(pk__in=statuses))
    form_specs = matching.form_specs()
    mentors = matching.mentor_candidates(on=today)
    rows = matching.waiting_rows(needs, statuses, mentors, form_specs)
    return render(
        request,
        "pairs/matching_list.html",
        {
            "filters": filter_form,
            "page": page,
            "rows": rows,
            "rows_html": mark_safe(waiting_rows_html(rows)),  # escaped there, tested
            "forms": form_specs,
        },
    )


def _mentee_url():
    """pk → the mentee's matching page, reversed once for a list's rows (pairs/matching/<pk>/
    around each pk)."""
    before, after = reverse("pairs:matching-mentee", args=[0]).rsplit("/0/", 1)
    return lambda pk: f"{before}/{pk:d}/{after}"


def waiting_rows_html(rows: list[matching.WaitingRow]) -> str:
    """The waiting list's table body, exactly as the template's loop wrote it (tested
    against it): the loop's fifteen nodes a row were a sixth of the page at full size."""
    mentee_url = _mentee_url()
    warning = ' class="table-warning"'
    parts = []
    for row in rows:
        need = row.need
        url = mentee_url(need.id)
        group = escape(need.study_group)
        course = f"{need.course} курс" if need.course else ""
        form = escape(row.desired_form_name)
        flags = "".join(f'<span class="badge text-bg-danger">{escape(f)}</span>' for f in row.flags)
        if row.best:
            mentor = escape(row.best.mentor.name)
            best = (
                f"{score_bar(row.best.total)}\n"
                f'        <div class="small text-muted">{mentor}</div>\n      '
            )
        else:
            reason = capfirst(row.unmatched_reason)
            best = (
                '\n        <span class="badge text-bg-warning text-wrap text-start">'
                "без пары — продолжить поиск и сопровождение</span>\n"
                f'        <div class="small">{escape(reason)}</div>\n      '
            )
        parts.append(
            f"\n  <tr{warning if row.without_mentor else ''}>\n"
            "    <td>\n"
            f'      <a href="{url}">{escape(need.name)}</a>\n'
            f'      <div class="small text-muted">{escape(row.status_label)}</div>\n'
            '      <div class="small text-muted d-md-none">'
            f"{group + ' · ' if group else ''}{course + ' · ' if course else ''}"
            f"{form or 'форма не выбрана'}</div>\n"
            f"      {flags}\n"
            "    </td>\n"
            f'    <td class="d-none d-md-table-cell">{group or "—"}'
            f"{', ' + course if course else ''}</td>\n"
            f'    <td class="d-none d-md-table-cell">{form or "не выбрана"}</td>\n'
            f'    <td class="text-center">{row.candidates:d}</td>\n'
            f"    <td>\n      {best}\n    </td>\n"
            '    <td class="text-end d-none d-sm-table-cell"><a class="btn btn-outline-primary'
            f' btn-sm" href="{url}">Подобрать</a></td>\n'
            "  </tr>\n  "
        )
    return "".join(parts)


@role_required(Role.CURATOR)
def matching_mentee(request, pk: int):
    """The mentors suggested for one mentee, best first, each with the reasons."""
    today = timezone.localdate()
    profile = get_object_or_404(matching.mentee_queryset(on=today), pk=pk)
    form_specs = matching.form_specs()
    need = matching.mentee_need(profile, on=today)
    fitting = matching.forms_for(replace(need, desired_form=None), form_specs)
    chosen = request.GET.get("form")
    if chosen in form_specs:
        need = replace(need, desired_form=chosen)
    mentors = matching.mentor_candidates(on=today)
    pool = matching.MentorPool(mentors, form_specs)
    show_all = bool(request.GET.get("all"))
    total_found, found = matching.ranked_suggestions(
        need, mentors, form_specs, pool=pool, limit=None if show_all else TOP_SUGGESTIONS
    )
    rows = [
        (
            match,
            pair_create_url(
                form_code=match.form.code, mentor_id=match.mentor.id, mentee_ids=[need.id]
            ),
        )
        for match in found
    ]
    return render(
        request,
        "pairs/matching_mentee.html",
        {
            "profile": profile,
            "need": need,
            "rows": rows,
            "total_found": total_found,
            "show_all": show_all,
            "unmatched_reason": ""
            if found
            else matching.why_unmatched(need, mentors, form_specs, pool=pool),
            "tried_forms": matching.forms_for(need, form_specs),
            "fitting_forms": fitting,
            "chosen_form": need.desired_form,
            "desired_form": profile.desired_form,
        },
    )


@role_required(Role.CURATOR)
def pair_create_view(request):
    """Form a pair or group: first the form of mentoring, then the people and the dates."""
    mentor_ids, mentee_ids = request.GET.getlist("mentor"), request.GET.getlist("mentee")
    mentoring_form = MentoringForm.objects.filter(code=request.GET.get("form") or "").first()
    if mentoring_form is None:
        wanted = (
            MenteeProfile.objects.filter(pk__in=[i for i in mentee_ids if i.isdigit()])
            .exclude(desired_form=None)
            .values_list("desired_form__code", flat=True)
            .first()
        )
        choice_form = FormChoiceForm(initial={"form": wanted})
        return render(
            request,
            "pairs/pair_form.html",
            {"chooser": choice_form, "mentor_ids": mentor_ids, "mentee_ids": mentee_ids},
        )
    pair_form = PairCreateForm(
        request.POST or None,
        mentoring_form=mentoring_form,
        prefill_mentor=mentor_ids,
        prefill_mentees=mentee_ids,
    )
    if request.method == "POST" and pair_form.is_valid():
        data = pair_form.cleaned_data
        try:
            pair = services.pair_create(
                mentor=data["mentor"],
                mentees=list(data["mentees"]),
                form=mentoring_form,
                role_model=data["role_model"],
                start_date=data["start_date"],
                planned_end_date=data["planned_end_date"],
                order_number=data["order_number"],
                order_date=data["order_date"],
                by=request.user,
            )
        except ValidationError as error:  # PairRuleError among them
            for message in error.messages:
                pair_form.add_error(None, message)
        else:
            names = ", ".join(m.person.full_name for m in data["mentees"])
            kind = "Группа" if len(data["mentees"]) > 1 else "Пара"
            messages.success(
                request,
                f"{kind} № {pair.pk} сформирована: наставник {data['mentor'].person.full_name}, "
                f"{'наставляемые' if len(data['mentees']) > 1 else 'наставляемый'} {names}. "
                "Статус — «формируется»; после приказа переведите её в «активна».",
            )
            return redirect(reverse("admin:pairs_pair_change", args=[pair.pk]))
    return render(
        request,
        "pairs/pair_form.html",
        {
            "form": pair_form,
            "mentoring_form": mentoring_form,
            "change_form_url": f"{reverse('pairs:pair-create')}?"
            + urlencode([("mentee", pk) for pk in mentee_ids]),
        },
    )


@dataclass(frozen=True)
class ProposalRow:
    match: matching.Match
    key: str  # what the accept buttons post: "mentee:mentor:form"
    change_url: str
    reject_url: str


def proposal_rows_html(rows: list[ProposalRow]) -> str:
    """The proposal's table body, exactly as the template's loop wrote it (tested against
    it): a big college's proposal has hundreds of pairs, and the template engine's cells
    took 60-75 of its ~250 ms at full size (353 pairs)."""
    parts = []
    for row in rows:
        match = row.match
        key = escape(row.key)
        mentee = escape(match.mentee.name)
        parts.append(
            "\n    <tr>\n"
            '      <td><input class="form-check-input" type="checkbox" name="row"'
            f' value="{key}" aria-label="Отметить пару {mentee}"></td>\n'
            f'      <td>{mentee}<div class="small text-muted">{escape(match.form.name)}</div>'
            "</td>\n"
            f"      <td>{escape(match.mentor.name)}</td>\n"
            f"      <td>{score_bar(match.total)}</td>\n"
            f"      <td>{reason_list(match.reasons)}</td>\n"
            '      <td class="text-end text-nowrap">\n'
            f'        <button type="submit" name="one" value="{key}"'
            ' class="btn btn-success btn-sm">Принять</button>\n'
            '        <a class="btn btn-outline-secondary btn-sm"'
            f' href="{escape(row.change_url)}">Изменить</a>\n'
            '        <a class="btn btn-outline-danger btn-sm"'
            f' href="{escape(row.reject_url)}">Отклонить</a>\n'
            "      </td>\n"
            "    </tr>\n    "
        )
    return "".join(parts)


def unmatched_rows_html(unmatched) -> str:
    """The proposal's mentees left without a pair, as the template's loop wrote them."""
    mentee_url = _mentee_url()
    parts = []
    for item in unmatched:
        mentee = item.mentee
        consent = (
            "" if mentee.consent_ok else ' <span class="badge text-bg-danger">нет согласия</span>'
        )
        parts.append(
            '\n  <tr class="table-warning">\n'
            f"    <td>{escape(mentee.name)}{consent}</td>\n"
            f"    <td>{escape(capfirst(item.reason))}</td>\n"
            '    <td class="text-end"><a class="btn btn-outline-primary btn-sm"'
            f' href="{mentee_url(mentee.id)}">Подобрать</a></td>\n'
            "  </tr>\n  "
        )
    return "".join(parts)


def _rejected(request) -> frozenset[tuple[int, int]]:
    pairs = set()
    for value in request.GET.getlist("reject"):
        mentee, _, mentor = value.partition("-")
        if mentee.isdigit() and mentor.isdigit():
            pairs.add((int(mentee), int(mentor)))
    return frozenset(pairs)


def _proposal(form_specs, form_code: str, rejected, on: dt.date) -> matching.Proposal:
    mentees = _waiting()
    if form_code:
        form_specs = {form_code: form_specs[form_code]}
        mentees = mentees.filter(desired_form__code=form_code)
    return matching.propose(
        matching.mentee_needs(on=on, queryset=mentees),
        matching.mentor_candidates(on=on),
        form_specs,
        rejected=rejected,
    )


def _accept(request, accept_form: ProposalAcceptForm, keys: list[str]) -> None:
    """Form each accepted pair on its own: one refused by the rules does not stop the rest."""
    parsed = []
    for key in keys:
        parts = key.split(":")
        if len(parts) == 3 and parts[0].isdigit() and parts[1].isdigit():
            parsed.append((int(parts[0]), int(parts[1]), parts[2]))
    mentees = MenteeProfile.objects.select_related("person").in_bulk([p[0] for p in parsed])
    mentors = MentorProfile.objects.select_related("person").in_bulk([p[1] for p in parsed])
    mentoring_forms = MentoringForm.objects.in_bulk([p[2] for p in parsed], field_name="code")
    data = accept_form.cleaned_data
    created = []
    for mentee_id, mentor_id, code in parsed:
        mentee, mentor = mentees.get(mentee_id), mentors.get(mentor_id)
        mentoring_form = mentoring_forms.get(code)
        if not (mentee and mentor and mentoring_form):
            messages.error(request, "Предложение устарело: кого-то из пары уже нет в базе.")
            continue
        try:
            pair = services.pair_create(
                mentor=mentor,
                mentees=[mentee],
                form=mentoring_form,
                start_date=data["start_date"],
                planned_end_date=data["planned_end_date"],
                order_number=data["order_number"],
                order_date=data["order_date"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(
                request,
                f"Пара «{mentor.person.full_name} — {mentee.person.full_name}» не сформирована. "
                + " ".join(error.messages),
            )
        else:
            created.append(f"№ {pair.pk} {mentor.person.short_name} — {mentee.person.short_name}")
    if created:
        messages.success(request, f"Сформировано пар: {len(created)} ({'; '.join(created)}).")


@role_required(Role.CURATOR)
def matching_proposal(request):
    """«Предложение для всего списка»: each waiting mentee at most one mentor, within places;
    the curator accepts, changes or rejects it pair by pair."""
    today = timezone.localdate()
    form_specs = matching.form_specs()
    form_code = request.GET.get("form", "")
    if form_code not in form_specs:
        form_code = ""
    rejected = _rejected(request)
    accept_form = ProposalAcceptForm(request.POST or None)
    if request.method == "POST":
        keys = [request.POST["one"]] if request.POST.get("one") else request.POST.getlist("row")
        if not keys:
            messages.warning(request, "Отметьте пары, которые нужно сформировать.")
            return redirect(request.get_full_path())
        if accept_form.is_valid():
            _accept(request, accept_form, keys)
            return redirect(request.get_full_path())
    proposal = _proposal(form_specs, form_code, rejected, today)
    base = [("form", form_code)] if form_code else []
    base += [("reject", f"{a}-{b}") for a, b in sorted(rejected)]
    # Once for the page, not for each of its hundreds of rows.
    create_path = reverse("pairs:pair-create")
    kept = f"{urlencode(base)}&" if base else ""
    rows = [
        ProposalRow(
            match=match,
            key=f"{match.mentee.id}:{match.mentor.id}:{match.form.code}",
            change_url=pair_create_url(
                form_code=match.form.code,
                mentor_id=match.mentor.id,
                mentee_ids=[match.mentee.id],
                path=create_path,
            ),
            # urlencode(base + [reject]): the pair's own rejection after the kept ones.
            reject_url=f"?{kept}{urlencode([('reject', f'{match.mentee.id}-{match.mentor.id}')])}",
        )
        for match in proposal.matches
    ]
    return render(
        request,
        "pairs/matching_proposal.html",
        {
            "forms": form_specs.values(),
            "form_code": form_code,
            "rows": rows,
            "rows_html": mark_safe(proposal_rows_html(rows)),  # escaped there, tested
            "unmatched": proposal.unmatched,
            "unmatched_html": mark_safe(unmatched_rows_html(proposal.unmatched)),
            "accept_form": accept_form,
            "rejected_count": len(rejected),
            "reset_url": "?" + urlencode([("form", form_code)] if form_code else []),
        },
    )
