"""lib.prepared.PreparedQuery with select_for_update: still only in a transaction, as the
ORM requires. Transactional (the check is about autocommit), so in a file of its own."""

import pytest
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError

from mentorship.lib.prepared import PreparedQuery
from mentorship.surveys.models import Invitation
from tests.mentorship.surveys.factories import InvitationFactory

pytestmark = [
    pytest.mark.skipif(
        not connection.features.has_select_for_update, reason="the database has no row locks"
    ),
    # serialized_rollback brings back the shipped questionnaires the flush removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_select_for_update_still_needs_a_transaction():
    prepared = PreparedQuery(
        lambda _key, token: (
            Invitation.objects.select_for_update()
            .filter(token=token)
            .order_by()  # the default ordering joins the person: no FOR UPDATE through it
            .values_list("pk")
        )
    )
    invitation = InvitationFactory()
    with transaction.atomic():
        assert prepared.rows(None, invitation.token) == [(invitation.pk,)]
    with pytest.raises(TransactionManagementError):
        prepared.rows(None, invitation.token)
