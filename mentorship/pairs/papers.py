"""The pairs' papers in the registry of mentorship.documents.papers: the four orders, the
printable individual plan and the participation agreements."""

from mentorship.documents.papers import Paper, register

from .agreement_paper import agreement_spec
from .plan_paper import plan_spec
from .views.orders import mentors_spec, pairs_spec, plans_spec, rewards_spec

register(
    Paper("order_pairs", "Приказ о закреплении наставнических пар (групп)", pairs_spec),
    Paper("order_mentors", "Приказ о назначении наставников", mentors_spec),
    Paper(
        "order_rewards", "Приказ о поощрении участников наставнической деятельности", rewards_spec
    ),
    Paper(
        "order_plans",
        "Приказ об утверждении индивидуальных планов развития наставляемых",
        plans_spec,
    ),
    Paper(
        "individual_plan",
        "Индивидуальный план наставнической пары (группы)",
        plan_spec,
        required_fields=("mentor", "rows"),
        by_pair=True,
    ),
    Paper(
        "agreement",
        "Соглашения об участии в программе наставничества (наставник, наставляемые, "
        "законные представители)",
        agreement_spec,
        required_fields=("agreements",),
        by_pair=True,
        pair_optional=True,
    ),
)
