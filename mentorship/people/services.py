"""Writes to the people bases. Views, admin and imports call these; they hold no workflow."""

import datetime as dt

from django.db import transaction

from .models import Consent


@transaction.atomic
def consents_withdraw(*, consents, on: dt.date, reason: str = "") -> int:
    """Withdraw the given still-valid consents on a date; returns how many were withdrawn.

    Saved one by one so that each withdrawal lands in the history with its author.
    """
    count = 0
    for consent in consents.select_for_update().filter(withdrawn_on__isnull=True):
        consent.withdrawn_on = max(on, consent.signed_on)
        consent.withdrawal_reason = reason or consent.withdrawal_reason
        consent.full_clean()
        consent.save(update_fields=["withdrawn_on", "withdrawal_reason"])
        count += 1
    return count
