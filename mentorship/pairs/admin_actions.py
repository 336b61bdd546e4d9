"""Admin actions that turn a selection of pairs into an order draft (views.orders); the
mentors' order action is the people admin's, made the same way."""

from mentorship.documents.orders import order_selection_action

order_pairs_pdf = order_selection_action(
    name="order_pairs_pdf",
    description="Приказ о закреплении выбранных пар (PDF)",
    url_name="pairs:order-pairs",
)
order_rewards_pdf = order_selection_action(
    name="order_rewards_pdf",
    description="Приказ о поощрении участников выбранных пар (PDF)",
    url_name="pairs:order-rewards",
)
