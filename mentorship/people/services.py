"""Writes to the people bases. Views, admin and imports call these; they hold no workflow."""

import datetime as dt

from django.db import transaction


@transaction.atomic
def consents_withdraw(*, consents, on: dt.date, reason: str = "", basis: str = "") -> int:
    """Withdraw the given still-valid consents on a date; returns how many were withdrawn.
    basis: another legal ground to keep part of the data (Consent.Basis), if any — the
    destruction 30 days later then keeps exactly what it allows.

    Saved one by one so that each withdrawal lands in the history with its author.
    """
    count = 0
    for consent in consents.select_for_update().filter(withdrawn_on__isnull=True):
        consent.withdrawn_on = max(on, consent.signed_on)
        consent.withdrawal_reason = reason or consent.withdrawal_reason
        consent.withdrawal_basis = basis or consent.withdrawal_basis
        consent.full_clean()
        consent.save(update_fields=["withdrawn_on", "withdrawal_reason", "withdrawal_basis"])
        count += 1
    return count


def free_form_code() -> str:
    """A code for a form the curator added without one: «form-6», the first number free."""
    from .models import MentoringForm

    taken = set(MentoringForm.objects.values_list("code", flat=True))
    number = len(taken) + 1
    while f"form-{number}" in taken:
        number += 1
    return f"form-{number}"


@transaction.atomic
def mentoring_form_save(form) -> None:
    """Save a form of mentoring (a new one gets a free code) under MentoringForm's rules:
    ValidationError with the curator's words if one is broken, nothing written."""
    if not form.code:
        form.code = free_form_code()
    form.full_clean()
    form.save()
