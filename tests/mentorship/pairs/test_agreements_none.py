"""`manage.py document agreement` with no pair at work says there is nobody to draw an
agreement for. Apart from tests/mentorship/pairs/test_agreements.py, whose group is built
once for the whole module and would be at work here."""

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_command_without_current_pairs_says_so(tmp_path):
    target = tmp_path / "none.docx"
    with pytest.raises(CommandError, match="Соглашения составить не для кого"):
        call_command("document", "agreement", "--output", str(target))
    assert not target.exists()
    call_command("document", "--list")
