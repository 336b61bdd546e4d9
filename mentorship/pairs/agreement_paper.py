"""The participation agreements («соглашение об участии в программе наставничества») of
pairs and groups, filled from the bases: for each pair the mentor's agreement, each
mentee's, and for a mentee who is a minor on the pair's start date (Person.is_minor) the one
the legal representative signs — each on its own page, as PDF or as a .docx filled into the
template (the college's own one from the admin, or templates/docx/agreement.docx).

One kind for the three agreements: they are signed together when a pair starts, share the
college, the form, the period and the signature block, and differ by the party and its
rights and duties — which the template writes out per role (`a.role`), so a college edits
one document. The representative's name and relation come from the mentee's latest valid
consent signed by a representative; without one the page has blanks to fill by hand and
says why.

Made through mentorship.documents.orders: the URL's `ids` (or `manage.py document agreement
--pair ID`) name the pairs; without them, the pairs starting (forming and active). A
participant gets only the pages that concern them (their own agreement, a mentee also their
representative's): the others name other people.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from itertools import groupby

from django.db.models import QuerySet
from django.urls import reverse

from mentorship.documents.models import ReportDownload
from mentorship.documents.orders import OrderParams, OrderSpec
from mentorship.lib.names import decline_full_name
from mentorship.lib.pdf import render_pdf
from mentorship.people.models import College, Consent, Person

from .agreement_terms import COLLEGE_DUTIES, TERM_CLAUSE, TERMS
from .documents import order_pairs_default, pairs_with_people
from .models import Pair
from .plan_paper import pair_period

MENTOR, MENTEE, REPRESENTATIVE = "mentor", "mentee", "representative"
# What the signature block calls the party, by role.
PARTY_LABELS = {
    MENTOR: "Наставник",
    MENTEE: "Наставляемый",
    REPRESENTATIVE: "Законный представитель",
}
# Who the page is for, under the title.
ROLE_HEADINGS = {
    MENTOR: "наставник",
    MENTEE: "наставляемый",
    REPRESENTATIVE: "законный представитель несовершеннолетнего наставляемого",
}
BLANK_NAME = "_" * 40
BLANK_RELATION = "_" * 16
# Pairs in one PDF: 3–4 pages a pair, ~50 ms a page — about 10 s, as an order of 400 rows.
AGREEMENTS_PDF_CAP = 50
NO_REPRESENTATIVE = (
    "Сведения о законном представителе не внесены: нет действующего согласия на обработку "
    "персональных данных, подписанного законным представителем. Впишите его фамилию, имя, "
    "отчество и кем он приходится наставляемому от руки."
)


@dataclass(frozen=True)
class Agreement:
    """One page: who signs it and the names its sentences need, declined."""

    pair_id: int
    person_id: int  # whom the page concerns: the mentor, or the mentee (also for the parent)
    role: str  # MENTOR, MENTEE or REPRESENTATIVE
    party: str  # the signer's full name, or a blank line to fill by hand
    relation: str  # the representative's relation to the mentee («мать»), or a blank
    note: str  # why the page has blanks, if it has
    mentor: str
    mentor_accusative: str
    mentor_genitive: str
    mentor_instrumental: str
    mentee: str  # the mentee of the page (mentee and representative pages)
    mentee_accusative: str
    mentee_genitive: str
    mentees_genitive: str  # every mentee of the pair (the mentor's page)
    form: str
    period: str

    @property
    def party_label(self) -> str:
        return PARTY_LABELS[self.role]

    @property
    def heading(self) -> str:
        return ROLE_HEADINGS[self.role]

    @property
    def terms(self) -> list[tuple[str, list[str]]]:
        return TERMS[self.role]

    def context(self) -> dict:
        """The page as the .docx template reads it (templates/docx/build.py)."""
        return {**asdict(self), "party_label": self.party_label, "heading": self.heading}


@dataclass(frozen=True)
class AgreementsPaper:
    rows: tuple[Agreement, ...]  # the pages, pair by pair
    selected: int  # the pairs found of those asked for
    pair_ids: tuple[int, ...]
    organisation: str
    city: str
    director_position: str
    director_name: str

    @property
    def filename(self) -> str:
        if len(self.pair_ids) == 1:
            return f"Соглашения об участии, пара {self.pair_ids[0]}.pdf"
        return "Соглашения об участии в программе наставничества.pdf"


def _representatives(people: list[Person]) -> dict[int, Consent]:
    """Each person's latest valid consent signed by a legal representative (one query)."""
    consents = (
        Consent.objects.valid()
        .filter(person__in=[person.pk for person in people], signer=Consent.Signer.REPRESENTATIVE)
        .order_by("person_id", "-signed_on", "-pk")
    )
    return {person_id: next(found) for person_id, found in groupby(consents, lambda c: c.person_id)}


def _pair_agreements(pair: Pair, consents: dict[int, Consent]) -> list[Agreement]:
    mentor = pair.mentor.person.full_name
    people = [membership.mentee.person for membership in pair.memberships.all()]
    common = {
        "pair_id": pair.pk,
        "mentor": mentor,
        "mentor_accusative": decline_full_name(mentor, "accusative"),
        "mentor_genitive": decline_full_name(mentor, "genitive"),
        "mentor_instrumental": decline_full_name(mentor, "instrumental"),
        "mentees_genitive": ", ".join(
            decline_full_name(person.full_name, "genitive") for person in people
        ),
        "form": pair.form.name,
        "period": pair_period(pair),
    }
    pages = [
        Agreement(
            person_id=pair.mentor.person.pk,
            role=MENTOR,
            party=mentor,
            relation="",
            note="",
            mentee="",
            mentee_accusative="",
            mentee_genitive="",
            **common,
        )
    ]
    for person in people:
        mentee = {
            "person_id": person.pk,
            "mentee": person.full_name,
            "mentee_accusative": decline_full_name(person.full_name, "accusative"),
            "mentee_genitive": decline_full_name(person.full_name, "genitive"),
        }
        pages.append(
            Agreement(role=MENTEE, party=person.full_name, relation="", note="", **mentee, **common)
        )
        if person.is_minor(pair.start_date):
            consent = consents.get(person.pk)
            pages.append(
                Agreement(
                    role=REPRESENTATIVE,
                    party=consent.representative_name if consent else BLANK_NAME,
                    relation=(consent.representative_relation if consent else "") or BLANK_RELATION,
                    note="" if consent else NO_REPRESENTATIVE,
                    **mentee,
                    **common,
                )
            )
    return pages


def agreements_paper(
    objects: QuerySet, params: OrderParams | None = None, *, person_id: int | None = None
) -> AgreementsPaper:
    """The agreements of the pairs asked for, pair by pair (by the mentor's name); a pair
    whose mentor withdrew the consent has none, a mentee who withdrew is left out (as in
    the orders). person_id: only the pages that concern this person."""
    pairs = pairs_with_people(Pair.objects.filter(pk__in=objects.values("pk")))
    people = [m.mentee.person for pair in pairs for m in pair.memberships.all()]
    consents = _representatives(people)
    rows = []
    for pair in pairs:
        if pair.mentor_withdrawn or not pair.memberships.all():
            continue  # nobody left to sign with who has not withdrawn
        rows.extend(_pair_agreements(pair, consents))
    if person_id is not None:
        rows = [row for row in rows if row.person_id == person_id]
    college = College.get()
    return AgreementsPaper(
        rows=tuple(rows),
        selected=len(pairs),
        pair_ids=tuple(pair.pk for pair in pairs),
        organisation=college.full_name,
        city=college.city,
        director_position=college.director_position,
        director_name=college.director_name,
    )


def agreements_pdf(paper: AgreementsPaper) -> bytes:
    return render_pdf(
        "pairs/agreement_print.html",
        {"paper": paper, "college_duties": COLLEGE_DUTIES, "term_clause": TERM_CLAUSE},
    )


def agreements_docx_context(paper: AgreementsPaper) -> dict:
    """What templates/docx/agreement.docx is filled with (templates/docx/build.py)."""
    return {
        "organisation": paper.organisation,
        "city": paper.city,
        "director_position": paper.director_position,
        "director_name": paper.director_name,
        "agreements": [row.context() for row in paper.rows],
    }


def agreement_spec(*, person_id: int | None = None) -> OrderSpec:
    """The agreements as a paper; person_id: a participant's own pages only."""
    return OrderSpec(
        model=Pair,
        default=lambda params: order_pairs_default(),
        build=lambda objects, params: agreements_paper(objects, params, person_id=person_id),
        render=agreements_pdf,
        nothing_chosen=(
            "Соглашения составить не для кого: отметьте пары в списке «Пары и группы» и "
            "выберите действие «Соглашения об участии выбранных пар». Без выбора в документ "
            "входят все формирующиеся и активные пары — сейчас таких нет (или их участники "
            "отозвали согласия)."
        ),
        back_label="К списку пар и групп",
        back_url=reverse("admin:pairs_pair_changelist"),
        kind=ReportDownload.Kind.AGREEMENT,
        paper="agreement",
        docx_context=agreements_docx_context,
        pdf_cap=AGREEMENTS_PDF_CAP,
        what="документ",
    )
