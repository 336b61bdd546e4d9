"""The curator moves a pair through its statuses: activate (by order), finish, end early."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.access import role_required
from accounts.roles import Role

from .. import services
from ..forms.status import PairActivateForm, PairEndEarlyForm, PairFinishForm
from ..models import Pair

ACTIONS = {
    "activate": (
        PairActivateForm,
        "Начать работу пары",
        lambda pair, data, user: services.pair_activate(
            pair=pair,
            on=data["on"],
            order_number=data["order_number"],
            order_date=data["order_date"],
            by=user,
        ),
        "Пара переведена в статус «активна».",
    ),
    "finish": (
        PairFinishForm,
        "Завершить работу пары",
        lambda pair, data, user: services.pair_finish(
            pair=pair, on=data["on"], result_summary=data["result_summary"], by=user
        ),
        "Пара завершила работу. Данные остаются в базах для отчёта.",
    ),
    "end-early": (
        PairEndEarlyForm,
        "Прекратить работу пары досрочно",
        lambda pair, data, user: services.pair_end_early(
            pair=pair, on=data["on"], reason=data["reason"], by=user
        ),
        "Работа пары прекращена. Наставляемые снова ожидают наставника.",
    ),
}


def _status_view(request, pk: int, action: str):
    form_class, title, run, done_message = ACTIONS[action]
    pair = get_object_or_404(
        Pair.objects.select_related("mentor__person", "form", "role_model"), pk=pk
    )
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run(pair, form.cleaned_data, request.user)
        except services.PairRuleError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, done_message)
            return redirect(reverse("admin:pairs_pair_change", args=[pair.pk]))
    mentees = pair.mentees.select_related("person")
    return render(
        request,
        "pairs/pair_status_form.html",
        {"pair": pair, "mentees": mentees, "form": form, "title": title},
    )


@role_required(Role.CURATOR)
def pair_activate_view(request, pk: int):
    return _status_view(request, pk, "activate")


@role_required(Role.CURATOR)
def pair_finish_view(request, pk: int):
    return _status_view(request, pk, "finish")


@role_required(Role.CURATOR)
def pair_end_early_view(request, pk: int):
    return _status_view(request, pk, "end-early")
