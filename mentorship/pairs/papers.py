"""The pairs' papers in the registry of mentorship.documents.papers: the four orders, the
printable individual plan, the participation agreements (agreement_paper), the three
orders of the college (college_orders), the thank-you letters to partners and the
participants' certificates (awards)."""

from mentorship.documents.papers import Paper, register

from .agreement_paper import agreement_spec
from .awards import certificates_spec, thanks_spec
from .college_orders import curator_spec, final_event_spec, target_model_spec
from .plan_paper import plan_spec
from .views.orders import mentors_spec, pairs_spec, plans_spec, rewards_spec

# An order of the college has no appendix: its numbered items are the order.
COLLEGE_ORDER_FIELDS = ("number", "date", "items")

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
        counted="строк в таблице задач",
    ),
    Paper(
        "order_target_model",
        "Приказ о внедрении целевой модели наставничества",
        target_model_spec,
        required_fields=COLLEGE_ORDER_FIELDS,
        of_college=True,
        options=("year",),
        counted="пунктов приказа",
    ),
    Paper(
        "order_curator",
        "Приказ о назначении куратора внедрения целевой модели наставничества",
        curator_spec,
        required_fields=COLLEGE_ORDER_FIELDS,
        of_college=True,
        options=("year",),
        counted="пунктов приказа",
    ),
    Paper(
        "order_final_event",
        "Приказ о проведении итогового мероприятия программы наставничества",
        final_event_spec,
        required_fields=COLLEGE_ORDER_FIELDS,
        of_college=True,
        options=("year", "event_date", "place"),
        counted="пунктов приказа",
    ),
    Paper(
        "thanks_partners",
        "Благодарственные письма организациям-партнёрам",
        thanks_spec,
        required_fields=("letters",),
        counted="писем",
    ),
    Paper(
        "certificates",
        "Сертификаты участников программы наставничества",
        certificates_spec,
        required_fields=("certificates",),
        counted="сертификатов",
    ),
    Paper(
        "agreement",
        "Соглашения об участии в программе наставничества (наставник, наставляемые, "
        "законные представители)",
        agreement_spec,
        required_fields=("agreements",),
        by_pair=True,
        pair_optional=True,
        counted="соглашений",
    ),
)
