"""The pairs app's pages: the curator's (namespace «pairs», under /pairs/) and the
participants' own cabinet (namespace «cabinet», under /cabinet/)."""

from django.urls import path

from .views import agreement_print, awards, cabinet, matching, orders, plan_print, status

app_name = "pairs"
urlpatterns = [
    path("<int:pk>/activate/", status.pair_activate_view, name="pair-activate"),
    path("<int:pk>/finish/", status.pair_finish_view, name="pair-finish"),
    path("<int:pk>/end-early/", status.pair_end_early_view, name="pair-end-early"),
    path("matching/", matching.matching_list, name="matching"),
    path("matching/proposal/", matching.matching_proposal, name="matching-proposal"),
    path("matching/<int:pk>/", matching.matching_mentee, name="matching-mentee"),
    path("new/", matching.pair_create_view, name="pair-create"),
    path("orders/pairs/", orders.order_pairs_view, name="order-pairs"),
    path("orders/mentors/", orders.order_mentors_view, name="order-mentors"),
    path("orders/rewards/", orders.order_rewards_view, name="order-rewards"),
    path("orders/plans/", orders.order_plans_view, name="order-plans"),
    path("plan/", plan_print.plan_print_view, name="plan-print"),
    path("papers/thanks-partners/", awards.thanks_partners_view, name="thanks-partners"),
    path("papers/certificates/", awards.certificates_view, name="certificates"),
    path("agreements/", agreement_print.agreement_print_view, name="agreement-print"),
]

cabinet_urlpatterns = (
    [
        path("", cabinet.pair_list, name="pairs"),
        path("<int:pk>/", cabinet.pair_detail, name="pair"),
        path("<int:pk>/tasks/<int:task_pk>/mark/", cabinet.task_mark, name="task-mark"),
        path("<int:pk>/meetings/<int:meeting_pk>/", cabinet.meeting_detail, name="meeting"),
    ],
    "cabinet",
)
