# ruff: noqa: F811 (the fixtures imported from test_cabinet are arguments here)
"""The printable individual plan: the .docx read back with python-docx, its PDF twin by its
text, `manage.py document individual_plan --pair`, who may download it (the office reads
every pair's plan, a participant only their own pair's: another's is 404) and the links."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document

from mentorship.documents.models import ReportDownload
from mentorship.pairs.models import PlanTask
from tests.factories import pair_create
from tests.lib.pdf_files import pdf_text
from tests.mentorship.pairs.test_cabinet import (  # noqa: F401 (fixtures)
    TODAY,
    login_for,
    shared_world,
    world,
)

pytestmark = pytest.mark.django_db


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


def table_rows(content: bytes) -> list[list[str]]:
    table = Document(io.BytesIO(content)).tables[-1]
    return [[" ".join(cell.text.split()) for cell in row.cells] for row in table.rows]


def plan_url(pair, fmt="") -> str:
    return f"{reverse('pairs:plan-print')}?ids={pair.pk}" + (f"&format={fmt}" if fmt else "")


def names(world):
    """The mentor's name and the mentees' names in pk order (as world["a_mentees"])."""
    a = world["a"]
    return a.mentor.person.full_name, [m.person.full_name for m in world["a_mentees"]]


def alphabetical(world) -> str:
    """The mentees as the plan lists them: by last name, first name."""
    people = sorted(
        (m.person for m in world["a_mentees"]), key=lambda p: (p.last_name, p.first_name, p.pk)
    )
    return ", ".join(p.full_name for p in people)


def test_docx_holds_the_pair_the_goals_the_tasks_and_signatures(client_for, world, director):
    shared = world["a_shared"]
    shared.done, shared.done_on = True, TODAY
    shared.save()
    response = client_for(director).get(plan_url(world["a"], "docx"))
    assert response.status_code == 200
    text = docx_text(response.content)
    mentor, mentees = names(world)
    assert f"Наставник: {mentor}" in text
    assert f"Наставляемый (наставляемые): {alphabetical(world)}" in text
    assert f"Форма наставничества: {world['a'].form.name}" in text
    assert f"Период: {world['a'].start_date:%d.%m.%Y} – " in text
    assert "Цели: Освоить профессию горнорабочего" in text
    assert f"Наставник ______________ / {mentor}" in text
    assert f"Наставляемый ______________ / {alphabetical(world)}" in text
    rows = table_rows(response.content)
    assert rows[0] == ["№ п/п", "Задача", "Чья задача", "Срок", "Отметка о выполнении"]
    assert rows[1] == [
        "1",
        "Экскурсия на шахту",
        "вся пара (группа)",
        f"{TODAY:%d.%m.%Y}",
        f"выполнена {TODAY:%d.%m.%Y}",
    ]
    assert rows[2][1] == "Реферат 1" and rows[2][2] == mentees[0]
    assert rows[2][4] == "не выполнена"
    assert len(rows) == 4
    assert ReportDownload.objects.get().kind == "individual_plan"


def test_pdf_twin_has_the_same_text(client_for, world):
    response = client_for(world["mentor_a"]).get(plan_url(world["a"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    mentor, mentees = names(world)
    assert "ИНДИВИДУАЛЬНЫЙ ПЛАН" in text
    assert mentor in text and mentees[1] in text
    assert "Экскурсия на шахту" in text and "Реферат 2" in text
    assert "Освоить профессию горнорабочего" in text
    assert "Наставник ______________" in text


def test_a_participant_prints_only_their_own_pairs_plan(client_for, world):
    mentee = client_for(world["mentee_a1"])
    assert mentee.get(plan_url(world["a"], "docx")).status_code == 200
    assert mentee.get(plan_url(world["b"], "docx")).status_code == 404
    mentor = client_for(world["mentor_a"])
    assert mentor.get(plan_url(world["b"], "docx")).status_code == 404
    both = f"{reverse('pairs:plan-print')}?ids={world['a'].pk},{world['b'].pk}&format=docx"
    assert mentor.get(both).status_code == 404
    assert client_for(world["mentor_b"]).get(plan_url(world["b"], "docx")).status_code == 200
    assert ReportDownload.objects.count() == 2


def test_administrator_is_refused(client_for, world, administrator):
    assert client_for(administrator).get(plan_url(world["a"])).status_code == 403


def test_a_pair_without_a_plan_says_so(client_for, curator):
    pair = pair_create()
    response = client_for(curator).get(plan_url(pair, "docx"))
    assert response.status_code == 200
    assert "Печатать нечего" in response.content.decode()
    assert not ReportDownload.objects.exists()


def test_links_in_the_cabinet_and_on_the_admin_page(client_for, world, curator):
    a = world["a"]
    cabinet = client_for(world["mentee_a1"]).get(reverse("cabinet:pair", args=[a.pk]))
    assert f'href="{plan_url(a)}"' in cabinet.content.decode()
    admin = client_for(curator).get(reverse("admin:pairs_pair_change", args=[a.pk]))
    html = admin.content.decode()
    assert f'href="{plan_url(a)}"' in html
    assert f'href="{plan_url(a)}&amp;format=docx"' in html


def test_command_needs_the_pair_and_writes_the_plan(world, tmp_path, capsys):
    target = tmp_path / "plan.docx"
    with pytest.raises(CommandError, match="Укажите пару: --pair"):
        call_command("document", "individual_plan", "--output", str(target))
    with pytest.raises(CommandError, match="Нет пары с номером 999999"):
        call_command("document", "individual_plan", "--pair", "999999", "--output", str(target))
    assert not target.exists()
    call_command(
        "document", "individual_plan", "--pair", str(world["a"].pk), "--output", str(target)
    )
    assert "Экскурсия на шахту" in docx_text(target.read_bytes())
    pdf_file = tmp_path / "plan.pdf"
    call_command(
        "document", "individual_plan", "--pair", str(world["b"].pk), "--output", str(pdf_file)
    )
    assert names_b(world) in pdf_text(pdf_file.read_bytes())
    assert "строк в таблице задач: 3" in capsys.readouterr().out


def names_b(world) -> str:
    return world["b"].mentor.person.full_name


def test_other_kinds_ignore_pair(world, tmp_path):
    target = tmp_path / "order.docx"
    call_command("document", "order_pairs", "--pair", str(world["b"].pk), "--output", str(target))
    text = docx_text(target.read_bytes())
    assert world["a"].mentor.person.full_name in text


def test_a_plan_without_tasks_prints_an_empty_table_to_fill_by_hand(world, client_for, curator):
    PlanTask.objects.filter(plan__pair=world["a"]).delete()
    response = client_for(curator).get(plan_url(world["a"], "docx"))
    assert response.status_code == 200
    assert "Цели: Освоить профессию горнорабочего" in docx_text(response.content)
    rows = table_rows(response.content)
    assert rows[0] == ["№ п/п", "Задача", "Чья задача", "Срок", "Отметка о выполнении"]
    assert rows[1:] == [[str(n), "", "", "", ""] for n in range(1, 6)]
    pdf = client_for(curator).get(plan_url(world["a"]))
    assert pdf.status_code == 200
    assert "Освоить профессию горнорабочего" in pdf_text(pdf.content)
    assert ReportDownload.objects.filter(kind="individual_plan").count() == 2
