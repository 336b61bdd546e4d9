"""Order drafts as PDF or .docx (`format=docx`). They are the curator's working documents:
the director signs the printed order, so only the curator downloads drafts (the director,
mentors, mentees: 403).

The URL parameters, limits, download and journal are mentorship.documents.orders'; here
each order says what it lists. The rewards order also takes `year` (of the achievements;
by default the year of the date, or this one).
"""

from django.urls import reverse
from django.utils import timezone

from accounts.access import role_required
from accounts.roles import Role
from mentorship.documents.models import ReportDownload
from mentorship.documents.orders import OrderParams, OrderSpec, order_response
from mentorship.people.models import MentorProfile

from .. import documents
from ..models import IndividualPlan, Pair


def _rewards_year(params: OrderParams) -> int:
    return params.year or (params.date or timezone.localdate()).year


def pairs_spec() -> OrderSpec:
    return OrderSpec(
        model=Pair,
        default=lambda params: documents.order_pairs_default(),
        build=lambda objects, params: documents.order_pairs_data(
            objects, number=params.number, date=params.date
        ),
        render=documents.order_pdf_render,
        nothing_chosen=(
            "Не выбрано ни одной пары: в приказ о закреплении нечего включить. Отметьте "
            "пары в списке «Пары и группы» и выберите действие «Приказ о закреплении "
            "выбранных пар (PDF)». Без выбора в приказ входят все формирующиеся и активные "
            "пары — сейчас таких нет."
        ),
        back_label="К списку пар и групп",
        back_url=reverse("admin:pairs_pair_changelist"),
        kind=ReportDownload.Kind.ORDER_PAIRS,
        paper="order_pairs",
        docx_context=documents.order_docx_context,
    )


def mentors_spec() -> OrderSpec:
    return OrderSpec(
        model=MentorProfile,
        default=lambda params: documents.order_mentors_default(),
        build=lambda objects, params: documents.order_mentors_data(
            objects, number=params.number, date=params.date
        ),
        render=documents.order_pdf_render,
        nothing_chosen=(
            "Не выбрано ни одного наставника: в приказ о назначении нечего включить. Отметьте "
            "наставников в «Банке наставников» и выберите действие «Приказ о назначении "
            "выбранных наставников (PDF)». Без выбора в приказ входят утверждённые и "
            "действующие наставники — сейчас таких нет."
        ),
        back_label="К банку наставников",
        back_url=reverse("admin:people_mentorprofile_changelist"),
        kind=ReportDownload.Kind.ORDER_MENTORS,
        paper="order_mentors",
        docx_context=documents.order_docx_context,
    )


def rewards_spec() -> OrderSpec:
    return OrderSpec(
        model=Pair,
        default=lambda params: documents.order_rewards_default(_rewards_year(params)),
        build=lambda objects, params: documents.order_rewards_data(
            objects, number=params.number, date=params.date, year=_rewards_year(params)
        ),
        render=documents.order_pdf_render,
        nothing_chosen=(
            "Не выбрано ни одной пары: в приказ о поощрении некого включить. Отметьте пары в "
            "списке «Пары и группы» и выберите действие «Приказ о поощрении участников "
            "выбранных пар (PDF)». Без выбора в приказ входят пары, завершившие работу в "
            "{year} году, — таких нет."
        ),
        back_label="К списку пар и групп",
        back_url=reverse("admin:pairs_pair_changelist"),
        kind=ReportDownload.Kind.ORDER_REWARDS,
        paper="order_rewards",
        docx_context=documents.order_docx_context,
        year=_rewards_year,
    )


def plans_spec() -> OrderSpec:
    return OrderSpec(
        model=IndividualPlan,
        default=lambda params: documents.order_plans_default(),
        build=lambda objects, params: documents.order_plans_data(
            objects, number=params.number, date=params.date
        ),
        render=documents.order_pdf_render,
        nothing_chosen=(
            "Не выбрано ни одного индивидуального плана: в приказ об утверждении нечего "
            "включить. Отметьте планы в списке «Индивидуальные планы» и выберите действие "
            "«Приказ об утверждении выбранных планов (PDF)». Без выбора в приказ входят планы "
            "активных пар — сейчас таких нет."
        ),
        back_label="К списку индивидуальных планов",
        back_url=reverse("admin:pairs_individualplan_changelist"),
        kind=ReportDownload.Kind.ORDER_PLANS,
        paper="order_plans",
        docx_context=documents.order_docx_context,
    )


@role_required(Role.CURATOR)
def order_pairs_view(request):
    return order_response(request, pairs_spec())


@role_required(Role.CURATOR)
def order_mentors_view(request):
    return order_response(request, mentors_spec())


@role_required(Role.CURATOR)
def order_rewards_view(request):
    return order_response(request, rewards_spec())


@role_required(Role.CURATOR)
def order_plans_view(request):
    return order_response(request, plans_spec())
