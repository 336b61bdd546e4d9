"""The demo programme's papers behind `manage.py load_demo`: the register of its documents
and the library of cases and methodical materials.

The register (fixtures/demo/papers.json): the programme's documents of the previous and the
running academic year — the Положение, the orders introducing the target model and
appointing the curator, the minutes of the pedagogical council, the programme, the orders
appointing mentors, rewarding participants and holding the final event, the thank-you
letters — each dated by the roadmap activity it is the result of (the day the demo roadmap,
demo/roadmap.py, has it done) or by a day of its academic year, and linked to the
activities it serves. Beside them the orders fixing the pairs (their numbers and dates as
the demo pairs carry them, linked to those pairs and to the roadmap's measure «Закрепление
пар / групп приказом») and the agreements with partner organisations (as the organisations'
cards have them). A document dated after the day of loading, or by an activity not done yet,
is left out. Some documents carry a signed scan: a small generated one-page PDF (scan_pdf),
stored through the register's own service (documents.register.document_register), so it
passes the checks of a scan uploaded on the screen and lands in private storage.

The library: 6–10 cases across the five forms (some «для РНЦ»), each written by a mentor of
the previous year's pairs of its form and added on a day of the previous or the running
year (never after the day of loading), and a few methodical materials with links to the
college's (.example) site.

Like the other parts, each is written whole or not at all: documents (cases) already in the
register (library) as planned are left as they are; a register or library holding other
rows (entered by hand, or the demo of another academic year) gets nothing and a note.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db.models import Count, Q
from django.utils import timezone

from mentorship.cases.models import Case, Material
from mentorship.documents.models import RegisteredDocument
from mentorship.documents.register import document_register
from mentorship.lib.dates import academic_year_label, academic_year_of
from mentorship.pairs.models import Pair
from mentorship.people.models import MentoringForm, Person
from roadmap.models import Activity

from .people import Plan
from .plan import CHANGE_REASON, SEED, load_json
from .roadmap import plan_roadmap

Kind = RegisteredDocument.Kind
Status = Activity.Status


# --- a scan ----------------------------------------------------------------------------------


def scan_pdf(seed: str) -> bytes:
    """A small one-page PDF that looks like a scanned signed document: a greyish sheet, lines
    of «text», a signature and a round stamp; drawn without fonts, a few hundred bytes. The
    same seed gives the same file."""
    rng = random.Random(f"{SEED}/scan/{seed}")
    ops = ["0.97 0.96 0.93 rg 0 0 595 842 re f", "0.3 0.3 0.32 rg"]
    ops.append(f"{200 + rng.randint(0, 20)} 780 {180 + rng.randint(0, 30)} 7 re f")  # heading
    y = 740
    while y > 300:
        if rng.random() < 0.15:
            y -= 14  # a paragraph break
        indent = 92 if rng.random() < 0.2 else 72
        ops.append(f"{indent} {y} {rng.randint(300, 452) - (indent - 72)} 4 re f")
        y -= 14
    # The signature: a scribble in blue ink.
    ops.append("0.12 0.2 0.55 RG 1.2 w 330 200 m")
    x = 330
    for _ in range(5):
        x += rng.randint(12, 22)
        ops.append(
            f"{x - 8} {200 + rng.randint(10, 26)} {x - 4} {200 - rng.randint(4, 12)} "
            f"{x} {200 + rng.randint(-2, 8)} c"
        )
    ops.append("S")
    # The stamp: two rings.
    cx, cy = 150 + rng.randint(0, 30), 200
    for r in (42, 34):
        k = 0.5523 * r
        ops.append(
            f"0.2 0.3 0.7 RG 1.5 w {cx + r} {cy} m "
            f"{cx + r} {cy + k} {cx + k} {cy + r} {cx} {cy + r} c "
            f"{cx - k} {cy + r} {cx - r} {cy + k} {cx - r} {cy} c "
            f"{cx - r} {cy - k} {cx - k} {cy - r} {cx} {cy - r} c "
            f"{cx + k} {cy - r} {cx + r} {cy - k} {cx + r} {cy} c S"
        )
    content = zlib.compress("\n".join(ops).encode("ascii"))
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<<>>>>",
        b"<</Length %d/Filter/FlateDecode>>stream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# --- the register ----------------------------------------------------------------------------


@dataclass
class DocumentPlan:
    kind: str
    number: str
    date: dt.date
    title: str
    note: str = ""
    scan: bool = False
    activities: list[int] = field(default_factory=list)  # saved roadmap activities
    pairs: list[int] = field(default_factory=list)  # saved pairs

    @property
    def key(self) -> tuple:
        return (self.kind, self.number, self.date, self.title)


def _year_label(day: dt.date) -> str:
    """The academic year a document of the day is about: August's papers prepare the year
    that opens on 1 September."""
    return academic_year_label(day.year if day.month == 8 else academic_year_of(day))


class _RegisterPlanner:
    def __init__(self, plan: Plan, today: dt.date):
        self.plan = plan
        self.today = today
        self.ref = load_json("papers.json")
        self.start = plan.academic_year.year  # the running academic year opens then
        self.short_name = plan.college["short_name"]
        # Dated by the demo roadmap's plan (not by what the curator has marked since), linked
        # to its saved activities found by their titles.
        roadmap_plan = plan_roadmap(plan.college, today)
        saved = dict(
            Activity.objects.filter(roadmap__title=roadmap_plan.title).values_list("title", "pk")
        )
        self.activities = [
            (saved[a.title], a.title, a.status, a.completed_on)
            for a in roadmap_plan.activities
            if a.title in saved
        ]

    def activity(self, start: str):
        """(pk, status, completed_on) of the demo roadmap's activity whose title starts so."""
        for pk, title, status, completed_on in self.activities:
            if title.startswith(start):
                return pk, status, completed_on
        return None

    def day(self, spec: dict) -> dt.date:
        first = self.start - (1 if spec["year"] == "previous" else 0)
        return dt.date(first if spec["month"] >= 8 else first + 1, spec["month"], spec["day"])

    def title(self, text: str, day: dt.date, **names) -> str:
        return text.format(year=_year_label(day), short_name=self.short_name, **names)

    def fixture_documents(self) -> list[DocumentPlan]:
        documents = []
        for spec in self.ref["documents"]:
            activities = []
            if "activity" in spec:
                found = self.activity(spec["activity"])
                if found is None or found[1] != Status.DONE:
                    continue
                activities.append(found[0])
                day = found[2]
            else:
                day = self.day(spec)
            activities += [a[0] for s in spec.get("links", []) if (a := self.activity(s))]
            documents.append(
                DocumentPlan(
                    kind=spec["kind"],
                    number=spec["number"],
                    date=day,
                    title=self.title(spec["title"], day),
                    note=spec.get("note", ""),
                    scan=spec.get("scan", False),
                    activities=activities,
                )
            )
        return documents

    def pair_orders(self) -> list[DocumentPlan]:
        """One order per number and date the demo's pairs carry, linked to its pairs."""
        spec = self.ref["pair_order"]
        found = self.activity(spec["activity"])
        activities = [found[0]] if found else []
        orders: dict[tuple, list[int]] = {}
        for pk, number, day in (
            Pair.objects.exclude(order_date=None)
            .values_list("pk", "order_number", "order_date")
            .order_by("order_date", "pk")
        ):
            orders.setdefault((number, day), []).append(pk)
        return [
            DocumentPlan(
                kind=Kind.ORDER,
                number=number.removeprefix("№").strip(),
                date=day,
                title=self.title(spec["title"], day),
                scan=i < spec["scanned"],
                activities=activities,
                pairs=pairs,
            )
            for i, ((number, day), pairs) in enumerate(orders.items())
        ]

    def agreements(self) -> list[DocumentPlan]:
        """The agreements the partner organisations' cards name."""
        spec = self.ref["partner_agreement"]
        found = self.activity(spec["activity"])
        signed = sorted(
            (o for o in self.plan.organisations if o["agreement_date"]),
            key=lambda o: (o["agreement_date"], o["name"]),
        )
        return [
            DocumentPlan(
                kind=Kind.PARTNER_AGREEMENT,
                number=o["agreement_number"],
                date=o["agreement_date"],
                title=self.title(spec["title"], o["agreement_date"], organisation=o["name"]),
                # The newest ones were scanned when signed.
                scan=i >= len(signed) - spec["scanned"],
                activities=[found[0]] if found else [],
            )
            for i, o in enumerate(signed)
        ]

    def build(self) -> list[DocumentPlan]:
        documents = self.fixture_documents() + self.pair_orders() + self.agreements()
        documents = [d for d in documents if d.date <= self.today]
        return sorted(documents, key=lambda d: (d.date, d.kind, d.number, d.title))


def plan_register(plan: Plan, today: dt.date) -> list[DocumentPlan]:
    """The demo register of `today` (see the module doc); reads the saved roadmap and pairs."""
    return _RegisterPlanner(plan, today).build()


def _latest(today: dt.date) -> dt.datetime:
    """The latest moment the demo of `today` may date a row: now, or the end of its working
    day when the demo is loaded for a day before today."""
    return min(timezone.now(), timezone.make_aware(dt.datetime.combine(today, dt.time(18, 0))))


def _registered_at(day: dt.date) -> dt.datetime:
    """Entered into the register the working day after it was signed, in the morning."""
    after = day + dt.timedelta(days=1)
    while after.weekday() >= 5:
        after += dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(after, dt.time(9, 30)))


def load_register(plan: Plan, people: dict[str, Person], result, today: dt.date) -> None:
    """Write the demo register (see the module doc) after the roadmap and the pairs."""
    documents = plan_register(plan, today)
    existing = set(RegisteredDocument.objects.values_list("kind", "number", "date", "title"))
    if {d.key for d in documents} <= existing:
        return
    if existing:
        result.notes.append(
            "Реестр документов не заполнен: в нём уже есть другие документы (внесённые вручную "
            "или демо-данные, загруженные раньше в другом учебном году)."
        )
        return
    curator = people["curator"].user
    scans = 0
    for document in documents:
        scan = None
        if document.scan:
            scan = ContentFile(scan_pdf(f"{document.kind}/{document.number}/{document.date}"))
            scan.name = "скан.pdf"
            scans += 1
        saved = document_register(
            kind=document.kind,
            number=document.number,
            date=document.date,
            title=document.title,
            scan=scan,
            note=document.note,
            by=curator,
            activity_ids=document.activities,
            pair_ids=document.pairs,
        )
        at = min(_registered_at(document.date), _latest(today))
        RegisteredDocument.objects.filter(pk=saved.pk).update(registered_at=at)
        saved.history.update(history_date=at, history_change_reason=CHANGE_REASON)
    result.created[RegisteredDocument._meta.verbose_name_plural] += len(documents)


# --- the library -----------------------------------------------------------------------------


def _authors(plan: Plan) -> dict[str, list[str]]:
    """Form code -> the handles of the mentors of the previous year's pairs in it, in the
    order of their first pair."""
    out: dict[str, list[str]] = {}
    for pair in plan.programme.pairs:
        if pair.year == "previous" and pair.mentor not in out.setdefault(pair.form, []):
            out[pair.form].append(pair.mentor)
    return out


def load_library(plan: Plan, people: dict[str, Person], result, today: dt.date) -> None:
    """Write the demo cases and methodical materials (see the module doc)."""
    ref = load_json("papers.json")
    forms = {f.code: f for f in MentoringForm.objects.all()}
    cases = [c for c in ref["cases"] if c["form"] in forms]
    materials = [m for m in ref["materials"] if m["form"] is None or m["form"] in forms]
    existing = set(Case.objects.values_list("title", flat=True)) | set(
        Material.objects.values_list("title", flat=True)
    )
    if {row["title"] for row in cases + materials} <= existing:
        return
    if existing:
        result.notes.append(
            "Кейсы и методические материалы не добавлены: в библиотеке уже есть другие."
        )
        return
    start = plan.academic_year.year
    authors = _authors(plan)
    site = load_json("roadmap.json")["site"].format(domain=plan.college["email_domain"])
    latest = _latest(today)
    for spec in cases:
        added = spec["added"]
        first = start - (1 if added["year"] == "previous" else 0)
        day = dt.date(first if added["month"] >= 8 else first + 1, added["month"], added["day"])
        handles = authors.get(spec["form"], [])
        author = people[handles[spec["author"] % len(handles)]].full_name if handles else ""
        case = Case(
            title=spec["title"],
            form=forms[spec["form"]],
            problem=spec["problem"],
            actions=spec["actions"],
            result=spec["result"],
            author=author,
            tags=spec["tags"],
            for_region=spec["for_region"],
        )
        case.full_clean()
        case.save()
        at = min(timezone.make_aware(dt.datetime.combine(day, dt.time(15, 10))), latest)
        Case.objects.filter(pk=case.pk).update(created_at=at, updated_at=at)
    for spec in materials:
        material = Material(
            title=spec["title"],
            form=forms.get(spec["form"]),
            description=spec["description"],
            link=f"{site}/{spec['path']}",
            tags=spec["tags"],
        )
        material.full_clean()
        material.save()
        day = min(today, dt.date(start - 1, 11, 20))
        Material.objects.filter(pk=material.pk).update(
            created_at=timezone.make_aware(dt.datetime.combine(day, dt.time(11, 0)))
        )
    result.created[Case._meta.verbose_name_plural] += len(cases)
    result.created[Material._meta.verbose_name_plural] += len(materials)


# --- reporting -------------------------------------------------------------------------------


def summary_lines() -> list[str]:
    """Lines of the load_demo summary about the register and the library, as the database
    has them."""
    register = RegisteredDocument.objects.aggregate(
        total=Count("pk"),
        scans=Count("pk", filter=~Q(scan="")),
    )
    linked_activities = RegisteredDocument.objects.filter(activities__isnull=False)
    orders = RegisteredDocument.objects.filter(pairs__isnull=False).distinct()
    ordered = Pair.objects.filter(documents__isnull=False).distinct()
    cases = Case.objects.aggregate(total=Count("pk"), region=Count("pk", filter=Q(for_region=True)))
    lines = []
    if register["total"]:
        lines.append(
            f"  Реестр документов программы: {register['total']} (со сканами "
            f"{register['scans']}); подтверждают мероприятия дорожной карты — "
            f"{linked_activities.distinct().count()}, касаются пар — {orders.count()} "
            f"(пар и групп в них {ordered.count()})."
        )
    if cases["total"] or Material.objects.exists():
        lines.append(
            f"  Кейсы и лучшие практики: {cases['total']} (для РНЦ {cases['region']}), "
            f"методических материалов {Material.objects.count()}."
        )
    return lines
