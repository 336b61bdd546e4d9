"""The curator's screen «Перевод на новый учебный год»: the preview of the roll-over to the
next academic year (roadmap.rollover, the same lines `manage.py roll_over` prints) and its
confirmation. Only the curator: the roll-over changes people and pairs."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import role_required
from accounts.roles import Role
from mentorship.lib.numbers import number_text

from ..rollover import (
    RollOverError,
    roll_over_commit,
    roll_over_next,
    roll_over_plan,
    roll_over_summary,
)
from ..rollover_targets import targets_confirm


def _sections(lines: list[str]) -> list[dict]:
    """The summary's lines as the command prints them, grouped: each unindented line with
    the indented lines (the lists of people and pairs) that follow it."""
    sections = []
    for line in lines:
        if line.startswith(" ") and sections:
            sections[-1]["items"].append(line.strip())
        else:
            sections.append({"text": line, "items": []})
    return sections


def _page(
    request,
    *,
    target: str,
    today,
    error: str = "",
    status: int = 200,
    targets_error: str = "",
    typed: dict | None = None,
):
    context = {"academic_year": target, "error": error, "targets_error": targets_error}
    try:
        plan = roll_over_plan(to=target, today=today)
    except RollOverError as refusal:
        context["error"] = context["error"] or str(refusal)
        return render(request, "roadmap/roll_over.html", context, status=status)
    sections = _sections(roll_over_summary(plan))
    typed = typed or {}
    context |= {
        "plan": plan,
        # The proposed targets with what the curator typed, if a confirmation was refused.
        "targets": [
            {
                "proposed": proposed,
                "field": f"target-{proposed.indicator.pk}",
                "value": typed.get(proposed.indicator.pk, number_text(proposed.value)),
            }
            for proposed in plan.targets
        ],
        "done": plan.done,
        "title": sections[0]["text"],
        "overview": sections[1:],
        "details": [s for s in sections[1:] if s["items"]],
    }
    return render(request, "roadmap/roll_over.html", context, status=status)


@role_required(Role.CURATOR)
@require_http_methods(["GET", "HEAD", "POST"])
def roll_over(request):
    """GET: the preview for the next academic year (or the current one, catching up: see
    rollover.roll_over_next), writes nothing. POST: the roll-over to the year the curator
    previewed, if it is still the one offered."""
    today = timezone.localdate()
    target = roll_over_next(today)
    if request.method != "POST":
        return _page(request, target=target, today=today)
    previewed = request.POST.get("academic_year", "").strip()
    if previewed != target:
        # The page was opened before the new year began (or was forged): what the curator
        # saw is not what would be written now.
        error = (
            f"Перевод не выполнен: просмотр был подготовлен для {previewed or 'другого'} "
            f"учебного года, а теперь предлагается {target}. Проверьте изменения "
            "ниже и подтвердите перевод ещё раз."
        )
        return _page(request, target=target, today=today, error=error, status=409)
    try:
        plan = roll_over_commit(to=target, today=today, by=request.user)
    except RollOverError as refusal:
        return _page(request, target=target, today=today, error=str(refusal), status=409)
    except ValidationError as refusal:
        error = "Перевод не выполнен, ничего не записано: " + " ".join(refusal.messages)
        return _page(request, target=target, today=today, error=error, status=409)
    except IntegrityError:
        # Another roll-over to the same year was written at the same moment (its unique row).
        error = (
            f"Перевод не выполнен: перевод на {target} учебный год уже выполняется. "
            "Обновите страницу."
        )
        return _page(request, target=target, today=today, error=error, status=409)
    if plan.written is None:
        messages.info(request, roll_over_summary(plan)[0])
    else:
        counts = plan.counts()
        messages.success(
            request,
            f"Перевод на {plan.academic_year} учебный год выполнен. Переведены на следующий "
            f"курс: {counts['promoted']}; стали выпускниками: {counts['graduated']}; "
            f"школьники переведены: {counts['pupils_promoted']}; прекращено пар и групп: "
            f"{counts['pairs_ended']}."
            + (
                f" Создана дорожная карта «{plan.roadmap.created.title}»."
                if plan.roadmap is not None and plan.roadmap.created is not None
                else ""
            ),
        )
    return redirect("roadmap:roll-over")


@role_required(Role.CURATOR)
@require_POST
def roll_over_targets(request):
    """The new academic year's KPI targets, proposed from the programme's table, as the
    curator confirmed (and perhaps changed) them: all written or, if a value is not a
    number, none — the page comes back with what was typed."""
    today = timezone.localdate()
    target = roll_over_next(today)
    previewed = request.POST.get("academic_year", "").strip()
    try:
        plan = roll_over_plan(to=previewed, today=today)
    except RollOverError as refusal:
        return _page(request, target=target, today=today, error=str(refusal), status=409)
    if plan.done is None:
        error = (
            "Целевые показатели не записаны: сначала выполните перевод на "
            f"{plan.academic_year} учебный год."
        )
        return _page(request, target=target, today=today, error=error, status=409)
    typed = {
        p.indicator.pk: request.POST.get(f"target-{p.indicator.pk}", "").strip()
        for p in plan.targets
    }
    try:
        written = targets_confirm(plan.period, typed, reason=f"{plan.reason}: целевые показатели")
    except ValidationError as refusal:
        return _page(
            request,
            target=plan.academic_year,
            today=today,
            targets_error="Целевые показатели не записаны: " + " ".join(refusal.messages),
            typed=typed,
            status=400,
        )
    messages.success(
        request, f"Целевые показатели на {plan.period.label} записаны: {len(written)}."
    )
    return redirect("roadmap:roll-over")

