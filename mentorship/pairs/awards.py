"""Thank-you letters to partner organisations and participants' certificates (seed 000, 6.3
«Мотивация и поощрение участников программы»; seed 004, stage 7 «Благодарственные письма
партнерам»): papers of a year, one letter or certificate a page, as PDF or as a .docx filled
into the template (the college's own one from the admin, or templates/docx/KIND.docx).

Made through mentorship.documents.orders like the rewards order: the URL's `ids` (or an admin
action's selection), `year` (by default the year of `date`, or this one) and `date` to print.

- A letter thanks an organisation whose employees were mentors: its mentors (named in the
  dative, «выражаем благодарность кому»), how many pairs and groups they led in the year and
  how many mentees worked with them, the director's signature. Without a selection: every
  organisation whose mentors led pairs at work in the year (activated, not ended before
  it). An organisation chosen by hand with no such pairs still gets its letter, thanking it
  for the cooperation without the figures.
- A certificate is given to each participant — the mentor and each mentee — of the pairs,
  once a person and role: «выдан кому» (dative), in the role of a mentor of whom or a mentee
  of which mentor (genitive), the form and the period of each pair. Without a selection:
  the pairs finished in the year, as the rewards order (seed 000 puts certificates with the
  order of rewards in December; seed 004 gives them at the final event of stage 7, after
  the pairs have finished): a certificate attests a programme completed, not one under way.

A withdrawn consent takes a person out of both papers (mentorship.pairs.documents).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import timezone

from mentorship.documents.models import ReportDownload
from mentorship.documents.orders import OrderParams, OrderSpec
from mentorship.lib.names import decline_name, gender_of
from mentorship.lib.pdf import render_pdf
from mentorship.people.destruction import withdrawn_people
from mentorship.people.models import College, PartnerOrganisation, Person

from .documents import BLANK_DATE, as_queryset, pairs_with_people
from .models import Pair

MENTOR, MENTEE = "mentor", "mentee"
# A letter or a certificate is a page: 200 lay out in 8–12 s on a loaded 2-core machine, well
# inside the 30 s a web worker may be busy (an order's 400 rows fill some 20 pages). The
# .docx has no cap.
MAX_PDF_PAGES = 200


def paper_year(params: OrderParams) -> int:
    """The year a letter or certificate is of: asked for, or of its date, or this one."""
    return params.year or (params.date or timezone.localdate()).year


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _span(pair: Pair) -> str:
    # A no-break space keeps the dash after the first date, not at a line start.
    return f"{pair.start_date:%d.%m.%Y}\u00a0– {(pair.end_date or pair.planned_end_date):%d.%m.%Y}"


def _declined(person: Person, case: str) -> str:
    return decline_name(person.last_name, person.first_name, person.middle_name, case)


@dataclass(frozen=True)
class Signature:
    """What both papers print from the College card, and the date asked for."""

    college: str
    short_name: str
    city: str
    director_position: str
    director_name: str
    date: str  # ДД.ММ.ГГГГ, or a blank to fill in by hand

    @classmethod
    def of(cls, date: dt.date | None) -> Signature:
        college = College.get()
        return cls(
            college=college.full_name,
            short_name=college.short_name,
            city=college.city,
            director_position=college.director_position or "Директор",
            director_name=college.director_name or "____________________",
            date=f"{date:%d.%m.%Y}" if date else BLANK_DATE,
        )


# --- thank-you letters to partner organisations --------------------------------------------


@dataclass(frozen=True)
class PartnerLetter:
    organisation: str
    mentors: tuple[str, ...]  # «Иванову Ивану Ивановичу (пар и групп — 2, наставляемых — 3)»
    mentor_count: int
    pair_count: int  # pairs and groups led in the year
    mentee_count: int
    text: str  # the letter's running text


@dataclass(frozen=True)
class LettersPaper:
    rows: tuple[PartnerLetter, ...]
    selected: int
    year: int
    sign: Signature

    @property
    def filename(self) -> str:
        return f"Благодарственные письма партнёрам {self.year}.pdf"


def partner_pairs(year: int) -> QuerySet:
    """Pairs at work in the year whose mentor works at a partner organisation and has not
    withdrawn consent."""
    start, end = _year_bounds(year)
    return (
        Pair.objects.active_between(start, end)
        .filter(mentor__person__organisation__isnull=False)
        .exclude(mentor__person__in=withdrawn_people().values("pk"))
    )


def thanks_default(year: int) -> QuerySet:
    """Organisations a letter goes to when none are chosen: those whose mentors led pairs
    at work in the year."""
    return PartnerOrganisation.objects.filter(
        pk__in=partner_pairs(year).values("mentor__person__organisation")
    )


def _letter_text(sign: Signature, organisation: str, year: int, counts: tuple | None) -> str:
    text = (
        f"Администрация {sign.short_name} выражает искреннюю благодарность организации "
        f"{organisation} за сотрудничество и участие в реализации программы наставничества "
        f"в {year} году."
    )
    if counts:
        mentors, pairs, mentees = counts
        text += (
            " Сотрудники организации передавали наставляемым профессиональный опыт как "
            f"наставники: наставников — {mentors}, наставнических пар и групп — {pairs}, "
            f"наставляемых — {mentees}."
        )
    return text


def letters_data(organisations, params: OrderParams) -> LettersPaper:
    """One letter a page for each organisation, by name: three queries, however many."""
    year = paper_year(params)
    sign = Signature.of(params.date)
    chosen = list(as_queryset(organisations, PartnerOrganisation).order_by("name", "pk"))
    pairs = (
        partner_pairs(year)
        .filter(mentor__person__organisation__in=[org.pk for org in chosen])
        .select_related("mentor__person")
        .annotate(mentee_total=Count("memberships"))
        .order_by("mentor__person__name_key", "mentor__person__pk", "pk")
    )
    # organisation → mentor person → [pairs, mentees]
    work: dict[int, dict[Person, list[int]]] = {}
    for pair in pairs:
        person = pair.mentor.person
        counts = work.setdefault(person.organisation_id, {}).setdefault(person, [0, 0])
        counts[0] += 1
        counts[1] += pair.mentee_total
    rows = []
    for org in chosen:
        mentors = work.get(org.pk, {})
        pair_count = sum(c[0] for c in mentors.values())
        mentee_count = sum(c[1] for c in mentors.values())
        figures = (len(mentors), pair_count, mentee_count) if mentors else None
        rows.append(
            PartnerLetter(
                organisation=org.name,
                mentors=tuple(
                    f"{_declined(person, 'dative')} (пар и групп — {c[0]}, наставляемых — {c[1]})"
                    for person, c in mentors.items()
                ),
                mentor_count=len(mentors),
                pair_count=pair_count,
                mentee_count=mentee_count,
                text=_letter_text(sign, org.name, year, figures),
            )
        )
    return LettersPaper(rows=tuple(rows), selected=len(chosen), year=year, sign=sign)


def letters_pdf(paper: LettersPaper) -> bytes:
    return render_pdf("pairs/awards/thanks_partners.html", {"paper": paper})


def letters_docx_context(paper: LettersPaper) -> dict:
    """What templates/docx/thanks_partners.docx is filled with (templates/docx/build.py)."""
    return {
        **_sign_context(paper.sign),
        "year": paper.year,
        "letters": [
            {
                "organisation": letter.organisation,
                "text": letter.text,
                "mentors": list(letter.mentors),
                "mentor_count": letter.mentor_count,
                "pair_count": letter.pair_count,
                "mentee_count": letter.mentee_count,
            }
            for letter in paper.rows
        ],
    }


def _sign_context(sign: Signature) -> dict:
    return {
        "college": sign.college,
        "short_name": sign.short_name,
        "city": sign.city,
        "director_position": sign.director_position,
        "director_name": sign.director_name,
        "date": sign.date,
    }


def thanks_spec() -> OrderSpec:
    return OrderSpec(
        model=PartnerOrganisation,
        default=lambda params: thanks_default(paper_year(params)),
        build=letters_data,
        render=letters_pdf,
        nothing_chosen=(
            "Не выбрано ни одной организации: благодарственные письма некому адресовать. "
            "Отметьте организации в списке «Организации-партнёры» и выберите действие "
            "«Благодарственные письма выбранным организациям (PDF)». Без выбора письма "
            "получают организации, чьи сотрудники вели наставнические пары в {year} году, — "
            "таких нет."
        ),
        back_label="К списку организаций-партнёров",
        back_url=reverse("admin:people_partnerorganisation_changelist"),
        kind=ReportDownload.Kind.THANKS_PARTNERS,
        paper="thanks_partners",
        docx_context=letters_docx_context,
        year=paper_year,
        not_made_title="Письма не сформированы",
        pdf_pages=MAX_PDF_PAGES,
    )


# --- participants' certificates ------------------------------------------------------------


@dataclass(frozen=True)
class Certificate:
    name: str  # as stored: «Иванов Иван Иванович»
    name_dative: str  # «выдан кому»: «Иванову Ивану Ивановичу»
    role: str  # «наставник», «наставляемый» or «наставляемая»
    forms: str  # the forms of its pairs, «Педагог – студент»
    period: str  # the pairs' periods, «17.03.2025 – 30.05.2025»
    text: str  # «за участие … в роли наставника Белова Ильи Андреевича (…)»


@dataclass(frozen=True)
class CertificatesPaper:
    rows: tuple[Certificate, ...]
    selected: int
    year: int
    sign: Signature
    issued: str  # under the signature: the date asked for, or the year («2025 г.»)

    @property
    def filename(self) -> str:
        return f"Сертификаты участников {self.year}.pdf"


def certificates_default(year: int) -> QuerySet:
    """Pairs whose participants get certificates when none are chosen: those finished in
    the year (the rewards order's)."""
    return Pair.objects.filter(status=Pair.Status.FINISHED, end_date__year=year)


def _mentee_role(person: Person) -> str:
    return "наставляемая" if gender_of(person.middle_name) == "female" else "наставляемый"


def _role_genitive(role: str) -> str:
    return {"наставник": "наставника", "наставляемая": "наставляемой"}.get(role, "наставляемого")


def _joined(names: Iterable[str]) -> str:
    names = list(names)
    return ", ".join(names[:-1]) + f" и {names[-1]}" if len(names) > 1 else "".join(names)


def certificates_data(pairs, params: OrderParams) -> CertificatesPaper:
    """A certificate for each participant of the pairs — mentors first, then mentees, each
    alphabetically, once a person and role: three queries, however many pairs."""
    year = paper_year(params)
    sign = Signature.of(params.date)
    found = pairs_with_people(pairs)
    people: dict[tuple[str, int], dict] = {}

    def entry(role: str, person: Person) -> dict:
        return people.setdefault((role, person.pk), {"person": person, "parts": []})

    for pair in found:
        members = [membership.mentee.person for membership in pair.memberships.all()]
        terms = f"форма наставничества «{pair.form.name}», {_span(pair)}"
        mentor = pair.mentor.person
        if not pair.mentor_withdrawn and members:
            mentees = _joined(_declined(person, "genitive") for person in members)
            entry(MENTOR, mentor)["parts"].append((pair, f"{mentees} ({terms})"))
        for person in members:
            under = (
                f"под руководством наставника {_declined(mentor, 'genitive')} "
                if not pair.mentor_withdrawn
                else ""
            )
            entry(MENTEE, person)["parts"].append((pair, f"{under}({terms})"))

    rows = []
    for kind in (MENTOR, MENTEE):
        chosen = [value for (k, _), value in people.items() if k == kind]
        chosen.sort(key=lambda v: (v["person"].name_key, v["person"].pk))
        for value in chosen:
            person, parts = value["person"], value["parts"]
            role = "наставник" if kind == MENTOR else _mentee_role(person)
            as_role = f"в роли {_role_genitive(role)}"
            rows.append(
                Certificate(
                    name=person.full_name,
                    name_dative=_declined(person, "dative"),
                    role=role,
                    forms=", ".join(dict.fromkeys(pair.form.name for pair, _ in parts)),
                    period="; ".join(_span(pair) for pair, _ in parts),
                    text=(
                        "за участие в программе наставничества "
                        f"{as_role} " + f"; {as_role} ".join(text for _, text in parts) + "."
                    ),
                )
            )
    issued = f"{params.date:%d.%m.%Y}" if params.date else f"{year} г."
    return CertificatesPaper(
        rows=tuple(rows), selected=len(found), year=year, sign=sign, issued=issued
    )


def certificates_pdf(paper: CertificatesPaper) -> bytes:
    return render_pdf("pairs/awards/certificates.html", {"paper": paper})


def certificates_docx_context(paper: CertificatesPaper) -> dict:
    """What templates/docx/certificates.docx is filled with (templates/docx/build.py)."""
    return {
        **_sign_context(paper.sign),
        "year": paper.year,
        "issued": paper.issued,
        "certificates": [
            {
                "name": row.name,
                "name_dative": row.name_dative,
                "role": row.role,
                "forms": row.forms,
                "period": row.period,
                "text": row.text,
            }
            for row in paper.rows
        ],
    }


def certificates_spec() -> OrderSpec:
    return OrderSpec(
        model=Pair,
        default=lambda params: certificates_default(paper_year(params)),
        build=certificates_data,
        render=certificates_pdf,
        nothing_chosen=(
            "Не выбрано ни одной пары: сертификаты некому выдать. Отметьте пары в списке "
            "«Пары и группы» и выберите действие «Сертификаты участникам выбранных пар "
            "(PDF)». Без выбора сертификаты получают участники пар, завершивших работу в "
            "{year} году, — таких нет."
        ),
        back_label="К списку пар и групп",
        back_url=reverse("admin:pairs_pair_changelist"),
        kind=ReportDownload.Kind.CERTIFICATES,
        paper="certificates",
        docx_context=certificates_docx_context,
        year=paper_year,
        not_made_title="Сертификаты не сформированы",
        pdf_pages=MAX_PDF_PAGES,
    )
