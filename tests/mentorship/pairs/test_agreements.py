"""The participation agreements: each page of the .docx read back with python-docx (the
names declined as each sentence needs, the form, the period), the legal representative's
page for a mentee who was a minor on the pair's start date and none for an adult, blanks
when no representative's consent is on file, the PDF twin by its text, the admin actions
over a selection, `manage.py document agreement`, who may download them and the links."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn

from accounts.roles import Role
from mentorship.documents.models import ReportDownload
from mentorship.documents.papers import get_paper
from mentorship.documents.templates_docx import check_uploaded_template
from mentorship.lib.docx import CONTENT_TYPE, DocxTemplateError
from mentorship.pairs import agreement_paper
from mentorship.pairs.models import Pair
from mentorship.people.models import College, Consent
from tests.factories import ConsentFactory, UserFactory, pair_create
from tests.lib.pdf_files import pdf_text
from tests.worlds import built_once

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
MENTOR = "Смирнова Елена Викторовна"
ADULT = "Кузнецова Дарья Игоревна"
MINOR = "Петров Илья Андреевич"
PARENT = "Петрова Анна Сергеевна"


def _rename(person, full_name: str, **fields) -> None:
    person.last_name, person.first_name, person.middle_name = full_name.split()
    for name, value in fields.items():
        setattr(person, name, value)
    person.save()


@pytest.fixture(scope="module")
def shared_group(django_db_setup, django_db_blocker):
    """group_make once for the module, inside a transaction rolled back at its end; each
    test's own transaction is a savepoint within it, so what a test writes (other pairs,
    consents changed, logins) is gone before the next one."""
    with built_once(django_db_blocker, group_make) as group:
        yield group


@pytest.fixture
def group(shared_group, db):
    """The shared group fresh from the database: no test sees another's cached people."""
    return Pair.objects.get(pk=shared_group.pk)


def group_make():
    """A group of a mentor and two mentees: an adult, and one who was 17 on the start date
    and is 18 today (a minor for the agreement: the start date decides); the minor's latest
    valid consent names the mother, a newer withdrawn one the father."""
    college = College.get()
    college.city, college.director_name = "Кемерово", "А.В. Громов"
    college.save()
    pair = pair_create(mentees=2)
    adult, minor = pair.mentees.select_related("person").order_by("pk")
    _rename(pair.mentor.person, MENTOR)
    _rename(adult.person, ADULT, birth_date=dt.date(2000, 1, 1))
    born = pair.start_date.replace(year=pair.start_date.year - 18) + dt.timedelta(days=10)
    assert born <= TODAY.replace(year=TODAY.year - 18)  # an adult today
    _rename(minor.person, MINOR, birth_date=born)
    ConsentFactory(
        person=minor.person,
        representative_name=PARENT,
        representative_relation="мать",
        signed_on=TODAY - dt.timedelta(days=5),
    )
    ConsentFactory(
        person=minor.person,
        representative_name="Петров Андрей Иванович",
        representative_relation="отец",
        signed_on=TODAY - dt.timedelta(days=2),
        withdrawn_on=TODAY - dt.timedelta(days=1),
    )
    return pair


def url(*pairs, fmt="") -> str:
    ids = ",".join(str(pair.pk) for pair in pairs)
    return f"{reverse('pairs:agreement-print')}?ids={ids}" + (f"&format={fmt}" if fmt else "")


def period(pair) -> str:
    return f"{pair.start_date:%d.%m.%Y} – {pair.planned_end_date:%d.%m.%Y}"


def docx_pages(content: bytes) -> list[str]:
    """The document's text page by page (split at the page breaks), tables included."""
    body = Document(io.BytesIO(content)).element.body
    pages, words = [], []
    for element in body.iterchildren():
        if element.xpath('.//w:br[@w:type="page"]'):
            pages.append(" ".join(words))
            words = []
        words.extend(node.text or "" for node in element.iter(qn("w:t")))
    pages.append(" ".join(words))
    return [" ".join(page.split()) for page in pages]


def test_each_agreement_on_its_own_page_with_names_in_case(client_for, curator, group):
    response = client_for(curator).get(url(group, fmt="docx"))
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    mentor, adult, minor, parent = docx_pages(response.content)

    assert "(наставник)" in mentor
    assert "Кемерово, «___» ____________ 20___ г." in mentor
    assert "в лице руководителя (Директор А.В. Громов)" in mentor
    assert f"и {MENTOR} (далее — Наставник)" in mentor
    assert (
        "Колледж включает Смирнову Елену Викторовну в программу наставничества в качестве "
        "наставника Кузнецовой Дарьи Игоревны, Петрова Ильи Андреевича по форме наставничества "
        f"«{group.form.name}» на период {period(group)}."
    ) in mentor
    assert "Наставник обязуется:" in mentor and "Наставляемый обязуется" not in mentor
    assert f"____________ / {MENTOR}" in mentor

    assert f"и {ADULT} (далее — Наставляемый)" in adult
    assert "Колледж включает Кузнецову Дарью Игоревну в программу наставничества" in adult
    assert "работает с наставником Смирновой Еленой Викторовной" in adult
    assert f"на период {period(group)}" in adult
    assert "Наставляемый обязуется:" in adult

    assert "Колледж включает Петрова Илью Андреевича в программу наставничества" in minor
    assert f"____________ / {MINOR}" in minor

    assert "(законный представитель несовершеннолетнего наставляемого)" in parent
    assert (
        f"и {PARENT}, законный представитель (мать) несовершеннолетнего наставляемого "
        "Петрова Ильи Андреевича (далее — Законный представитель)"
    ) in parent
    assert (
        "даёт согласие на участие Петрова Ильи Андреевича (далее — Наставляемый) в программе "
        "наставничества под руководством наставника Смирновой Елены Викторовны"
    ) in parent
    assert "Законный представитель обязуется:" in parent
    assert f"____________ / {PARENT}" in parent
    assert "Петров Андрей Иванович" not in " ".join(docx_pages(response.content))

    download = ReportDownload.objects.get()
    assert download.kind == "agreement" and download.rows == 4


def test_an_adult_mentee_has_no_representative_page(client_for, curator, group):
    adult = group.mentees.get(person__last_name="Кузнецова").person
    minor = group.mentees.get(person__last_name="Петров").person
    minor.birth_date = adult.birth_date
    minor.save()
    pages = docx_pages(client_for(curator).get(url(group, fmt="docx")).content)
    assert len(pages) == 3
    assert not any("Законный представитель" in page for page in pages)


def test_without_a_representatives_consent_the_page_has_blanks_and_says_so(
    client_for, curator, group
):
    minor = group.mentees.get(person__last_name="Петров").person
    Consent.objects.filter(person=minor).update(withdrawn_on=None)
    Consent.objects.filter(person=minor, representative_relation="отец").delete()
    Consent.objects.filter(person=minor).update(
        signer=Consent.Signer.SELF, representative_name="", representative_relation=""
    )
    parent = docx_pages(client_for(curator).get(url(group, fmt="docx")).content)[-1]
    assert "Сведения о законном представителе не внесены" in parent
    assert f"и {'_' * 40}, законный представитель ({'_' * 16})" in parent
    assert "Петрова Ильи Андреевича" in parent
    assert PARENT not in parent


def test_a_mentee_who_withdrew_the_consent_is_left_out(client_for, curator, group):
    adult = group.mentees.get(person__last_name="Кузнецова").person
    Consent.objects.filter(person=adult).update(withdrawn_on=TODAY)
    pages = docx_pages(client_for(curator).get(url(group, fmt="docx")).content)
    assert len(pages) == 3
    assert "Кузнецов" not in " ".join(pages)
    assert "в качестве наставника Петрова Ильи Андреевича по форме" in pages[0]


def test_pdf_twin_has_the_same_text(client_for, curator, group):
    response = client_for(curator).get(url(group))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Колледж включает Смирнову Елену Викторовну" in text
    assert "работает с наставником Смирновой Еленой Викторовной" in text
    assert f"{PARENT}, законный представитель (мать)" in text
    assert "под руководством наставника Смирновой Елены Викторовны" in text
    assert f"на период {period(group)}" in text
    assert "4 из 4" in text and "5 из" not in text  # one page each


def test_admin_actions_print_a_selection(client_for, curator, group):
    other = pair_create()
    changelist = reverse("admin:pairs_pair_changelist")
    client = client_for(curator)
    chosen = {"_selected_action": [group.pk, other.pk], "index": "0"}
    response = client.post(changelist, {"action": "agreements_docx", **chosen})
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    text = " ".join(docx_pages(response.content))
    assert MENTOR in text and other.mentor.person.full_name in text
    response = client.post(changelist, {"action": "agreements_pdf", **chosen})
    assert response.status_code == 302
    assert response["Location"] == url(*sorted([group, other], key=lambda pair: pair.pk))


def test_the_pdf_takes_fewer_pairs_than_an_order_the_docx_any(
    client_for, curator, group, monkeypatch, tmp_path
):
    monkeypatch.setattr(agreement_paper, "AGREEMENTS_PDF_CAP", 1)
    other = pair_create()
    response = client_for(curator).get(url(group, other))
    assert response.status_code == 400
    assert "Выбрано записей: 2. В один документ в PDF — не больше 1" in response.content.decode()
    with pytest.raises(CommandError, match="Без выбора в документ попадает записей: 2"):
        call_command("document", "agreement", "--output", str(tmp_path / "all.pdf"))
    assert client_for(curator).get(url(group)).status_code == 200
    response = client_for(curator).get(url(group, other, fmt="docx"))
    assert response.status_code == 200 and len(docx_pages(response.content)) == 4 + 3


def test_command_writes_one_pair_or_the_pairs_starting(group, tmp_path, capsys):
    other = pair_create()
    finished = pair_create()
    Pair.objects.filter(pk=finished.pk).update(status=Pair.Status.FINISHED, end_date=TODAY)
    one = tmp_path / "one.docx"
    call_command("document", "agreement", "--pair", str(group.pk), "--output", str(one))
    text = " ".join(docx_pages(one.read_bytes()))
    assert "Смирнову Елену Викторовну" in text and other.mentor.person.full_name not in text
    assert "соглашений: 4" in capsys.readouterr().out
    every = tmp_path / "every.pdf"
    call_command("document", "agreement", "--output", str(every))
    text = pdf_text(every.read_bytes())
    assert MENTOR in text and other.mentor.person.full_name in text
    assert finished.mentor.person.full_name not in text
    with pytest.raises(CommandError, match="Нет пары с номером 999999"):
        call_command("document", "agreement", "--pair", "999999", "--output", str(one))


def test_the_director_and_the_administrator_are_refused(client_for, group, director, administrator):
    assert client_for(director).get(url(group, fmt="docx")).status_code == 403
    assert client_for(administrator).get(url(group, fmt="docx")).status_code == 403
    assert not ReportDownload.objects.exists()


def _login(person, role, username):
    user = UserFactory(username=username, role=role)
    person.user = user
    person.save()
    return user


def test_a_participant_gets_only_their_own_pages_of_their_own_pair(client_for, group):
    other = pair_create()
    minor = group.mentees.get(person__last_name="Петров").person
    mentee = client_for(_login(minor, Role.MENTEE, "minor"))
    pages = docx_pages(mentee.get(url(group, fmt="docx")).content)
    assert len(pages) == 2
    assert "(наставляемый)" in pages[0] and f"/ {MINOR}" in pages[0]
    assert f"/ {PARENT}" in pages[1]
    assert "Кузнецов" not in " ".join(pages) and "(наставник)" not in " ".join(pages)
    assert mentee.get(url(other, fmt="docx")).status_code == 404
    assert mentee.get(url(group, other, fmt="docx")).status_code == 404
    assert mentee.get(reverse("pairs:agreement-print")).status_code == 404

    mentor = client_for(_login(group.mentor.person, Role.MENTOR, "mentor_a"))
    pages = docx_pages(mentor.get(url(group, fmt="docx")).content)
    assert len(pages) == 1 and "(наставник)" in pages[0]
    assert mentor.get(url(other, fmt="docx")).status_code == 404


def test_links_on_the_pair_page_and_in_the_cabinet(client_for, curator, director, group):
    change = reverse("admin:pairs_pair_change", args=[group.pk])
    html = client_for(curator).get(change).content.decode()
    assert f'href="{url(group)}"' in html
    assert f'href="{url(group)}&amp;format=docx"' in html
    assert url(group) not in client_for(director).get(change).content.decode()
    mentee = _login(group.mentees.get(person__last_name="Петров").person, Role.MENTEE, "m")
    cabinet = client_for(mentee).get(reverse("cabinet:pair", args=[group.pk]))
    assert f'href="{url(group)}"' in cabinet.content.decode()


def test_a_replaced_template_must_hold_the_agreements():
    plan_template = get_paper("individual_plan").default_template
    with pytest.raises(DocxTemplateError, match=r"В шаблоне нет поля \{\{ agreements \}\}"):
        check_uploaded_template("agreement", plan_template.read_bytes())
