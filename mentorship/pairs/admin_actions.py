"""Admin actions that turn a selection in a list into an order draft (views_orders).

They only redirect: the order views check the role (curator only) and build the PDF, so a
link and an action lead to the same checks. Shown to those who may change the base (the
curator); the director, who only views, does not see them.

Wired in by the admin classes: PairAdmin.actions = [order_pairs_pdf, order_rewards_pdf],
MentorProfileAdmin.actions = [order_mentors_pdf].
"""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse

from .views_orders import MAX_IDS


def _redirect(modeladmin, request, queryset, url_name: str):
    ids = list(queryset.order_by("pk").values_list("pk", flat=True)[: MAX_IDS + 1])
    if len(ids) > MAX_IDS:
        modeladmin.message_user(
            request,
            f"В один приказ — не больше {MAX_IDS} записей. Сузьте выбор фильтром и "
            "сформируйте приказ частями.",
            messages.WARNING,
        )
        return None
    # Digits and commas need no escaping; %2C would make a long selection longer still.
    return HttpResponseRedirect(f"{reverse(url_name)}?ids={','.join(map(str, ids))}")


@admin.action(description="Приказ о закреплении выбранных пар (PDF)", permissions=["change"])
def order_pairs_pdf(modeladmin, request, queryset):
    return _redirect(modeladmin, request, queryset, "pairs:order-pairs")


@admin.action(
    description="Приказ о поощрении участников выбранных пар (PDF)", permissions=["change"]
)
def order_rewards_pdf(modeladmin, request, queryset):
    return _redirect(modeladmin, request, queryset, "pairs:order-rewards")


@admin.action(description="Приказ о назначении выбранных наставников (PDF)", permissions=["change"])
def order_mentors_pdf(modeladmin, request, queryset):
    return _redirect(modeladmin, request, queryset, "pairs:order-mentors")
