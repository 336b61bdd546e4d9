"""manage.py load_demo, the programme's papers (mentorship/demo/papers.py, partners.py): the
register of documents linked to the roadmap and the pairs, with a few signed scans; the
library of cases and methodical materials; the partner organisations' questionnaire with
answers.

The demo is loaded once for the module (inside a transaction rolled back at the end); every
test runs in its own savepoint on top of it.
"""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from mentorship.cases.collection import region_cases
from mentorship.cases.models import Case, Material
from mentorship.demo.load import build_plan
from mentorship.demo.papers import scan_pdf
from mentorship.demo.partners import plan_partner_wave
from mentorship.documents.models import RegisteredDocument
from mentorship.lib.dates import academic_year_start
from mentorship.lib.periods import ReportPeriod
from mentorship.lib.scans import check_scan
from mentorship.pairs.models import Pair
from mentorship.people.models import MentorProfile, PartnerOrganisation
from mentorship.surveys.models import Answer, Invitation, Response, Wave
from mentorship.surveys.results import wave_results
from roadmap.models import Activity
from tests.lib.pdf_files import pdf_pages
from tests.mentorship.demo.loaded.conftest import load_again

pytestmark = pytest.mark.django_db

Kind = RegisteredDocument.Kind
FORMS = {"student-student", "student-pupil", "teacher-teacher", "teacher-student"}


def counts() -> dict[str, int]:
    models = (
        RegisteredDocument,
        RegisteredDocument.activities.through,
        RegisteredDocument.pairs.through,
        Case,
        Material,
        Wave,
        Invitation,
        Response,
        Answer,
        Answer.choices.through,
    )
    result = {m._meta.label: m.objects.count() for m in models}
    result["history of documents.RegisteredDocument"] = RegisteredDocument.history.count()
    return result


def test_the_register_holds_the_programmes_documents(loaded, today):
    documents = RegisteredDocument.objects.all()
    assert 15 <= documents.count() <= 45
    assert {
        Kind.REGULATION,
        Kind.ORDER,
        Kind.COUNCIL_MINUTES,
        Kind.PROGRAMME,
        Kind.PARTNER_AGREEMENT,
        Kind.THANK_YOU_LETTER,
    } <= set(documents.values_list("kind", flat=True))
    running = academic_year_start(today)
    assert documents.filter(date__lt=running).count() >= 10  # the past academic year's
    assert documents.filter(date__gte=running).exists()  # and the running one's
    assert not documents.filter(date__gt=today).exists()
    assert not documents.filter(kind=Kind.ORDER, number="").exists()
    assert not documents.filter(number__startswith="№").exists()  # the register adds «№»
    assert set(documents.values_list("registered_by", flat=True)) == {"kurator"}
    for document in documents:
        document.full_clean()
        assert "{" not in document.title
        assert document.registered_at.date() > document.date or document.date == today
    # The order that introduced the target model is the roadmap measure's result, signed the
    # day the measure was done.
    order = documents.get(kind=Kind.ORDER, title__startswith="О внедрении целевой модели")
    [activity] = order.activities.all()
    assert activity.title.startswith("Издание приказа «О внедрении целевой модели")
    assert activity.status == Activity.Status.DONE and activity.completed_on == order.date
    # The activities the register confirms are those its documents serve.
    assert Activity.objects.filter(documents__isnull=False).distinct().count() >= 8


def test_the_orders_of_the_pairs_are_registered_with_their_pairs(loaded):
    ordered = Pair.objects.exclude(order_date=None)
    assert ordered.exists()
    for pair in ordered.prefetch_related("documents"):
        [order] = pair.documents.all()
        assert order.kind == Kind.ORDER
        assert (f"№ {order.number}", order.date) == (pair.order_number, pair.order_date)
        assert order.title.startswith("О закреплении наставнических пар и групп")
    assert not Pair.objects.filter(order_date=None, documents__isnull=False).exists()
    orders = RegisteredDocument.objects.filter(pairs__isnull=False).distinct()
    assert orders.count() == len(set(ordered.values_list("order_number", "order_date")))
    assert all(o.activities.filter(title__startswith="Закрепление пар").exists() for o in orders)


def test_the_agreements_with_partners_are_registered(loaded):
    signed = PartnerOrganisation.objects.exclude(agreement_date=None)
    agreements = RegisteredDocument.objects.filter(kind=Kind.PARTNER_AGREEMENT)
    assert sorted(agreements.values_list("number", "date")) == sorted(
        signed.values_list("agreement_number", "agreement_date")
    )
    for organisation in signed:
        assert agreements.filter(title__endswith=organisation.name).count() == 1


def test_some_documents_carry_a_signed_scan_in_private_storage(loaded, demo_media):
    documents = RegisteredDocument.objects.all()
    scanned = documents.exclude(scan="")
    assert 3 <= scanned.count() < documents.count()
    curator = Client()
    curator.force_login(User.objects.get(username="kurator"))
    for document in scanned:
        path = demo_media / "register" / document.scan.name
        assert path.is_file()
        content = path.read_bytes()
        assert len(content) < 4096 and pdf_pages(content) == 1
        with document.scan.open("rb") as scan:
            check_scan(scan, what="Скан документа")  # the screen's own check
    # The curator downloads one through the register's view.
    document = scanned.first()
    response = curator.get(reverse("documents:scan", args=[document.scan.name]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_generated_scan_is_a_valid_pdf_and_the_same_for_the_same_seed():
    first, again, other = scan_pdf("order/248-о"), scan_pdf("order/248-о"), scan_pdf("x")
    assert first == again and first != other
    assert pdf_pages(first) == 1
    upload = ContentFile(first, name="скан.pdf")
    check_scan(upload, what="Скан документа")


def test_cases_across_the_forms_with_some_for_the_regional_centre(loaded, today):
    cases = Case.objects.select_related("form")
    assert 6 <= cases.count() <= 10
    assert FORMS | {"employer-student"} == set(cases.values_list("form__code", flat=True))
    region = cases.filter(for_region=True)
    assert 0 < region.count() < cases.count()
    mentors = {m.person.full_name for m in MentorProfile.objects.select_related("person")}
    for case in cases:
        case.full_clean()
        assert case.author in mentors
        assert case.created_at <= timezone.now()
        assert case.tag_list
        assert "lorem" not in (case.problem + case.actions + case.result).casefold()
    # The running year's package for the regional centre takes the cases marked for it.
    running = ReportPeriod.of_day(today, academic=True)
    in_package = {c["title"] for c in region_cases(running)}
    assert in_package
    assert in_package == set(
        region.filter(created_at__date__gte=running.start).values_list("title", flat=True)
    )
    previous = ReportPeriod.of_day(running.start - dt.timedelta(days=1), academic=True)
    assert region_cases(previous)


def test_methodical_materials_for_mentors(loaded):
    materials = Material.objects.all()
    assert 3 <= materials.count() <= 8
    assert materials.filter(form=None).exists() and materials.exclude(form=None).exists()
    for material in materials:
        material.full_clean()
        assert material.link.startswith("https://") and material.description


def test_the_partners_answer_their_questionnaire(loaded, today):
    wave = Wave.objects.get(questionnaire__code="partner")
    assert academic_year_start(today) <= wave.opened_on < today
    invitations = wave.invitations.all()
    assert invitations.count() == PartnerOrganisation.objects.exclude(contact_person="").count()
    assert set(invitations.values_list("role", flat=True)) == {Invitation.Role.PARTNER}
    answered = invitations.filter(response__isnull=False).count()
    assert invitations.count() * 0.6 <= answered < invitations.count()
    # «Results per organisation» show each invited organisation, most with their answers.
    results = wave_results(wave)
    rows = results.organisations
    assert len(rows) == invitations.count()
    with_answers = [row for row in rows if row.values is not None]
    assert len(with_answers) == answered
    assert all(any(v not in ("", None) for v in row.values) for row in with_answers)
    assert any(row.values is None for row in rows)
    scores = Answer.objects.filter(
        response__invitation__wave=wave, question__kind="scale"
    ).values_list("number", flat=True)
    assert scores and 6.5 <= sum(scores) / len(scores) <= 9.5


def test_a_second_run_changes_nothing(loaded):
    text = load_again(counts)
    assert "создано: 0, изменено: 0" in text
    assert "Реестр документов программы:" in text
    assert "Кейсы и лучшие практики:" in text
    assert "Анкета организаций-партнёров" in text


def test_other_documents_in_the_register_are_left_alone(loaded):
    """A document the demo does not know (renumbered by hand): the register is not filled
    again."""
    document = RegisteredDocument.objects.filter(kind=Kind.ORDER).first()
    RegisteredDocument.objects.filter(pk=document.pk).update(number="999-о")
    assert "Реестр документов не заполнен" in load_again(counts)


def test_other_cases_in_the_library_are_left_alone(loaded):
    Case.objects.filter(pk=Case.objects.first().pk).update(title="Свой кейс куратора")
    assert "Кейсы и методические материалы не добавлены" in load_again(counts)


def test_another_partner_wave_is_left_alone(loaded):
    wave = Wave.objects.get(questionnaire__code="partner")
    Wave.objects.filter(pk=wave.pk).update(opened_on=wave.opened_on - dt.timedelta(days=1))
    assert "Анкета партнёров не добавлена" in load_again(counts)


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2025, 9, 1),
        dt.date(2025, 9, 20),
        dt.date(2025, 10, 20),
        dt.date(2026, 3, 15),
        dt.date(2026, 8, 31),
    ],
)
def test_the_partner_wave_plan_holds_on_any_day(day):
    """No database: on any day the wave opens in the running academic year, no later than
    the day, and nobody answers outside its days or after yesterday; the same day, the same
    plan."""
    plan = build_plan(day)
    wave = plan_partner_wave(plan, day)
    assert academic_year_start(day) <= wave.opened_on <= day
    assert wave.opened_on < wave.closes_on
    first = academic_year_start(day).year
    assert wave.title.endswith(f"{first}/{first + 1} учебный год")
    names = [name for name, _ in wave.invitations]
    assert names == sorted(o["name"] for o in plan.organisations if o["contact_person"])
    answered = [at for _, at in wave.invitations if at is not None]
    for at in answered:
        assert wave.opened_on <= at.date() <= min(wave.closes_on, day - dt.timedelta(days=1))
    if day - wave.opened_on >= dt.timedelta(days=7):
        assert len(answered) >= 0.6 * len(names)
    assert plan_partner_wave(build_plan(day), day) == wave
