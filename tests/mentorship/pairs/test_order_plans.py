# ruff: noqa: F811 (the fixtures imported from test_orders are arguments here)
"""The order approving the mentees' individual plans («Об утверждении индивидуальных планов
развития наставляемых»): .docx read back with python-docx, its PDF twin by text, the
default selection, the admin actions on the plans list, `manage.py document`, who may get it;
on plans built once for the module (with no plans at all: test_order_plans_none.py)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorship.documents.models import ReportDownload
from mentorship.lib.docx import CONTENT_TYPE
from mentorship.pairs import admin as pairs_admin
from mentorship.pairs import documents, services
from mentorship.pairs.models import IndividualPlan
from tests.factories import pair_create
from tests.lib.pdf_files import pdf_text
from tests.mentorship.pairs.test_orders import (  # noqa: F401 (fixtures)
    TODAY,
    FakeModelAdmin,
    college_make,
    fixed_today,
    mentee_people,
    rename,
    two_pairs_make,
)
from tests.mentorship.pairs.test_orders_docx import _action_request, docx_text, table_rows
from tests.worlds import built_once

URL = "pairs:order-plans"


@pytest.fixture(scope="module")
def shared_plans(django_db_setup, django_db_blocker):
    """The college, two_pairs and plans_make, built once for the module on the tests' day
    inside a transaction rolled back at its end; each test's own transaction is a savepoint
    within it."""

    def make():
        college_make()
        return plans_make(two_pairs_make())

    with built_once(django_db_blocker, make, today=TODAY) as made:
        yield made


@pytest.fixture
def plans(shared_plans, db):
    """The plans of this module's world, fresh from the database."""
    return tuple(IndividualPlan.objects.get(pk=plan.pk) for plan in shared_plans)


def plans_make(two_pairs):
    """The plans of the two active pairs, and a plan of a pair still being formed."""
    group, pair = two_pairs
    forming = pair_create("student-student", start=dt.date(2025, 5, 5), activate=False)
    rename(mentee_people(forming)[0], "Орлов", "Пётр", "Ильич")
    return (
        services.plan_save(pair=group, goals="Подготовка к демонстрационному экзамену"),
        services.plan_save(pair=pair, goals="Адаптация в колледже"),
        services.plan_save(pair=forming, goals="Пока не утверждён"),
    )


def get(client, query=""):
    return client.get(f"{reverse(URL)}{query}")


def test_plans_docx_names_mentees_and_mentors_in_the_case_the_sentence_needs(
    plans, client_for, curator
):
    response = get(client_for(curator), "?format=docx&number=51-о&date=15.09.2025")

    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    assert ".docx" in response["Content-Disposition"]
    text = docx_text(response.content)
    assert "15.09.2025 № 51-о" in text and "г. Кемерово" in text
    assert "Об утверждении индивидуальных планов развития наставляемых" in text
    assert "ПРИКАЗЫВАЮ: 1. Утвердить индивидуальные планы развития наставляемых" in text
    # Mentors alphabetically (Ё as Е), the mentees in the genitive, the mentor too.
    assert (
        "1.1. индивидуальный план развития Щукиной Веры Павловны (группа ГЭ-24-1) под "
        "руководством наставника Ёлкина Максима Олеговича (форма наставничества «Студент – "
        "студент», срок 07.04.2025 – 02.01.2026);" in text
    )
    assert (
        "1.2. индивидуальный план развития Белова Ильи Андреевича (группа ГЭ-24-1), Юсуповой "
        "Дины Ринатовны (группа ГЭ-24-1) под руководством наставника Соколовой Анны "
        "Викторовны (форма наставничества «Педагог – студент», срок 17.03.2025 – "
        "12.12.2025)." in text
    )
    assert "возложить на куратора программы наставничества Е.Н. Петрову." in text
    assert "С приказом ознакомлены: Ёлкин Максим Олегович" in text
    assert "Директор ____________ А.В. Громов" in text
    assert "Орлов" not in text  # a pair still being formed: its plan is not approved yet

    rows = table_rows(response.content)
    assert rows[0] == [
        "№ п/п",
        "Наставляемый (наставляемые)",
        "Наставник",
        "Форма наставничества",
        "Срок плана",
    ]
    assert len(rows) == 3
    assert rows[1] == [
        "1",
        "Щукина Вера Павловна (группа ГЭ-24-1)",
        "Ёлкин Максим Олегович",
        "Студент – студент",
        "07.04.2025 – 02.01.2026",
    ]
    assert rows[2][0] == "2" and rows[2][2] == "Соколова Анна Викторовна"
    assert "Белов Илья Андреевич" in rows[2][1] and "Юсупова Дина Ринатовна" in rows[2][1]
    assert ReportDownload.objects.get().kind == "order_plans"


def test_plans_pdf_twin_says_the_same(plans, client_for, curator):
    response = get(client_for(curator), "?number=51-о&date=15.09.2025")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "ПРИКАЗ 15.09.2025 № 51-о г. Кемерово" in text
    assert "Об утверждении индивидуальных планов развития наставляемых" in text
    assert "1. Утвердить индивидуальные планы развития наставляемых" in text
    assert "Приложение к приказу от 15.09.2025 № 51-о" in text
    for name in ("Белов Илья Андреевич", "Соколова Анна Викторовна", "Ёлкин Максим Олегович"):
        assert name in text
    assert "07.04.2025 – 02.01.2026" in text
    assert "Орлов" not in text


def test_plans_order_takes_only_the_chosen_plans(plans, client_for, curator):
    group_plan, _, forming_plan = plans
    response = get(client_for(curator), f"?format=docx&ids={group_plan.pk},{forming_plan.pk}")

    rows = table_rows(response.content)
    assert len(rows) == 3
    assert "Белов Илья Андреевич" in rows[2][1] and "Орлов Пётр Ильич" in rows[1][1]
    assert all("Щукина" not in row[1] for row in rows)


def test_plans_order_of_a_missing_plan_is_404(plans, client_for, curator):
    assert get(client_for(curator), "?ids=999999").status_code == 404


# --- the screen: the plans list in the admin --------------------------------------------------


def test_plans_list_offers_both_orders_to_the_curator_alone(plans, client_for, curator, director):
    url = reverse("admin:pairs_individualplan_changelist")
    curator_page = client_for(curator).get(url).content.decode()
    assert "Приказ об утверждении выбранных планов (PDF)" in curator_page
    assert "Приказ об утверждении выбранных планов (Word, .docx)" in curator_page

    response = client_for(director).get(url)
    assert response.status_code == 200
    assert "Приказ об утверждении выбранных планов" not in response.content.decode()


def test_plans_docx_action_serves_the_selected_plans(plans, curator):
    group_plan, _, _ = plans
    response = pairs_admin.order_plans_docx(
        FakeModelAdmin(), _action_request(curator), IndividualPlan.objects.filter(pk=group_plan.pk)
    )

    assert response["Content-Type"] == CONTENT_TYPE
    assert [row[2] for row in table_rows(response.content)[1:]] == ["Соколова Анна Викторовна"]


def test_plans_pdf_action_leads_to_the_order_of_the_selected_plans(plans, curator):
    response = pairs_admin.order_plans_pdf(
        FakeModelAdmin(), _action_request(curator), IndividualPlan.objects.all()
    )

    ids = ",".join(str(plan.pk) for plan in sorted(plans, key=lambda plan: plan.pk))
    assert response.url == f"{reverse(URL)}?ids={ids}"


# --- manage.py document ----------------------------------------------------------------------


def test_document_command_makes_the_plans_order_in_both_forms(plans, tmp_path, capsys):
    call_command("document", "--list")
    assert (
        "order_plans\tПриказ об утверждении индивидуальных планов развития наставляемых"
        in capsys.readouterr().out
    )
    docx_file, pdf_file = tmp_path / "plans.docx", tmp_path / "plans.pdf"
    call_command("document", "order_plans", "--output", str(docx_file), "--number", "7-о")
    call_command("document", "order_plans", "--output", str(pdf_file), "--date", "01.10.2025")

    text = docx_text(docx_file.read_bytes())
    assert "№ 7-о" in text and "Щукиной Веры Павловны" in text and "Орлов" not in text
    pdf = pdf_text(pdf_file.read_bytes())
    assert "01.10.2025" in pdf and "Щукина Вера Павловна" in pdf


def test_plans_order_data_costs_the_same_queries_however_many_plans(plans):
    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            data = documents.order_plans_data(documents.order_plans_default())
        return len(captured), len(data.rows)

    before, rows_before = queries()
    another = pair_create("teacher-student", mentees=3, start=dt.date(2025, 2, 3))
    services.plan_save(pair=another, goals="Наставничество в группе")
    after, rows_after = queries()

    assert rows_after == rows_before + 1
    assert after == before
