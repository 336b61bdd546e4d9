"""The printable individual plan of a pair: the mentee(s), the mentor, the form, the period,
the goals, the tasks with their deadlines and marks done, and the signature lines — as PDF
or as a .docx filled into the template (the college's own one from the admin, or
templates/docx/individual_plan.docx). Made through mentorship.documents.orders: the URL's
`ids` (or `manage.py document individual_plan --pair ID`) names the one pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from mentorship.documents.models import ReportDownload
from mentorship.documents.orders import OrderParams, OrderSpec
from mentorship.lib.pdf import render_pdf
from mentorship.people.models import College

from .models import IndividualPlan, Pair, PairMembership, PlanTask

# A plan without tasks yet still prints: its table has this many empty rows to fill by hand.
BLANK_TASK_ROWS = 5
_BLANK_TASK = {"title": "", "whose": "", "due": "", "done": ""}


@dataclass(frozen=True)
class PlanPaper:
    pair: Pair | None
    plan: IndividualPlan | None
    rows: tuple[dict, ...]  # the tasks; blank rows when the plan has none (none without a plan)
    selected: int
    organisation: str
    mentor: str
    mentees: tuple[str, ...]
    form: str
    period: str

    @property
    def goals(self) -> str:
        return self.plan.goals if self.plan else ""

    @property
    def filename(self) -> str:
        return f"Индивидуальный план, пара {self.pair.pk}.pdf" if self.pair else "План.pdf"


def pair_period(pair: Pair) -> str:
    """«ДД.ММ.ГГГГ – ДД.ММ.ГГГГ»: from the start to the end (or the planned end)."""
    end = pair.end_date or pair.planned_end_date
    return f"{pair.start_date:%d.%m.%Y} – {end:%d.%m.%Y}"


def plan_paper(objects: QuerySet, params: OrderParams | None = None) -> PlanPaper:
    """The plan of the pair asked for (the first of objects); its tasks by deadline, or
    blank rows to fill by hand when it has none yet."""
    found = list(
        objects.select_related("mentor__person", "form", "plan")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=PairMembership.objects.select_related("mentee__person").order_by(
                    "mentee__person__last_name", "mentee__person__first_name", "pk"
                ),
            )
        )
        .order_by("pk")[:2]
    )
    pair = found[0] if found else None
    plan = getattr(pair, "plan", None) if pair else None
    rows = []
    if plan is not None:
        tasks = PlanTask.objects.filter(plan=plan).select_related("mentee__person")
        for task in tasks:
            rows.append(
                {
                    "title": task.title,
                    "whose": task.mentee.person.full_name if task.mentee else "вся пара (группа)",
                    "due": f"{task.due_date:%d.%m.%Y}",
                    "done": f"выполнена {task.done_on:%d.%m.%Y}" if task.done else "не выполнена",
                }
            )
    if plan is not None and not rows:
        rows = [_BLANK_TASK] * BLANK_TASK_ROWS
    return PlanPaper(
        pair=pair,
        plan=plan,
        rows=tuple(rows),
        selected=len(found),
        organisation=College.get().full_name,
        mentor=pair.mentor.person.full_name if pair else "",
        mentees=tuple(m.mentee.person.full_name for m in pair.memberships.all()) if pair else (),
        form=pair.form.name if pair else "",
        period=pair_period(pair) if pair else "",
    )


def plan_pdf(paper: PlanPaper) -> bytes:
    return render_pdf("pairs/plan_print.html", {"paper": paper})


def plan_docx_context(paper: PlanPaper) -> dict:
    """What templates/docx/individual_plan.docx is filled with (templates/docx/build.py)."""
    return {
        "organisation": paper.organisation,
        "mentor": paper.mentor,
        "mentees": ", ".join(paper.mentees),
        "form": paper.form,
        "period": paper.period,
        "goals": paper.goals,
        "rows": list(paper.rows),
    }


def plan_spec() -> OrderSpec:
    return OrderSpec(
        model=Pair,
        default=lambda params: Pair.objects.none(),
        build=plan_paper,
        render=plan_pdf,
        nothing_chosen=(
            "Печатать нечего: укажите пару, у которой составлен индивидуальный план "
            "(в командной строке — --pair НОМЕР)."
        ),
        back_label="К списку пар и групп",
        back_url=reverse("admin:pairs_pair_changelist"),
        kind=ReportDownload.Kind.INDIVIDUAL_PLAN,
        paper="individual_plan",
        docx_context=plan_docx_context,
    )
