# ruff: noqa: F811 (the fixtures imported from test_orders are arguments here)
"""The order approving the mentees' individual plans with no plans at all (apart from
test_order_plans.py, whose plans are built once for the module)."""

import pytest
from django.core.management import CommandError, call_command

from mentorship.documents.models import ReportDownload
from tests.mentorship.pairs.test_order_plans import get
from tests.mentorship.pairs.test_orders import (  # noqa: F401 (fixtures)
    college,
    fixed_today,
)


def test_plans_order_with_no_plans_says_why_in_russian(college, client_for, curator):
    response = get(client_for(curator), "?format=docx")

    assert response.status_code == 200
    assert "Не выбрано ни одного индивидуального плана" in response.content.decode()
    assert not ReportDownload.objects.exists()


def test_document_command_without_plans_writes_nothing(college, tmp_path):
    out = tmp_path / "plans.docx"
    with pytest.raises(CommandError, match="Не выбрано ни одного индивидуального плана"):
        call_command("document", "order_plans", "--output", str(out))
    assert not out.exists()
