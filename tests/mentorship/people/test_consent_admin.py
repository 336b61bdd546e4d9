"""The curator's consent screens enforce the consent policy (RELIABILITY 57): from 14 to 18
both the representative and the minor sign; the ОВЗ mark needs a consent covering health
data — on the consent card and on the person screen with its consents inline."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorship.people.consent_rules import SPECIAL_CONSENT_MISSING
from mentorship.people.models import Consent
from tests.factories import ConsentFactory, MenteeProfileFactory, PersonFactory

pytestmark = pytest.mark.django_db


def consent_post(person, **overrides):
    data = {
        "person": person.pk,
        "signer": Consent.Signer.REPRESENTATIVE,
        "signed_on": timezone.localdate().strftime("%d.%m.%Y"),
        "representative_name": "Петрова Анна Ивановна",
        "representative_relation": "мать",
        "withdrawal_reason": "",
        "withdrawal_basis": "",
    }
    data.update(overrides)
    return data


def test_a_fifteen_year_old_must_sign_too(client_for, curator):
    fifteen = timezone.localdate() - dt.timedelta(days=int(15.5 * 365.25))
    person = PersonFactory(birth_date=fifteen)
    client = client_for(curator)
    url = reverse("admin:people_consent_add")

    refused = client.post(url, consent_post(person))
    assert refused.status_code == 200
    assert "signed_by_subject" in refused.context["adminform"].form.errors
    assert not Consent.objects.filter(person=person).exists()

    accepted = client.post(url, consent_post(person, signed_by_subject="on"))
    assert accepted.status_code == 302
    assert Consent.objects.get(person=person).signed_by_subject


def test_the_consent_fields_of_the_policy_are_on_both_screens(client_for, curator):
    person = PersonFactory()
    client = client_for(curator)
    card = client.get(reverse("admin:people_consent_add")).context["adminform"].form
    assert {"signed_by_subject", "withdrawal_basis"} <= set(card.fields)
    screen = client.get(reverse("admin:people_person_change", args=[person.pk]))
    inline = next(
        f for f in screen.context["inline_admin_formsets"] if f.opts.model is Consent
    )
    assert {"signed_by_subject", "withdrawal_basis"} <= set(inline.formset.form.base_fields)
    assert "SpecialCategoryConsentFormSet" in [c.__name__ for c in type(inline.formset).__mro__]


def test_the_person_screen_refuses_ovz_without_a_health_data_consent(client_for, curator):
    """The formset rule itself, through the screen's own formset class."""
    from django.contrib import admin

    from mentorship.people.admin import ConsentInline

    person = PersonFactory(adult=True)
    person.has_disability = True
    inline = ConsentInline(person.__class__, admin.site)
    request = type("R", (), {"user": curator})()
    FormSet = inline.get_formset(request, person)
    prefix = FormSet.get_default_prefix()
    data = {
        f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-signer": Consent.Signer.SELF,
        f"{prefix}-0-signed_on": timezone.localdate().strftime("%d.%m.%Y"),
    }
    formset = FormSet(data, instance=person, prefix=prefix)
    assert not formset.is_valid()
    assert SPECIAL_CONSENT_MISSING in formset.non_form_errors()

    data[f"{prefix}-0-special_categories"] = "on"
    assert FormSet(data, instance=person, prefix=prefix).is_valid()


def test_a_person_form_opened_before_the_destruction_cannot_write_the_data_back(
    client_for, curator
):
    from mentorship.people.destruction import people_destroy_withdrawn
    from mentorship.people.services import consents_withdraw
    from tests.factories import consented

    person = consented(PersonFactory(adult=True, last_name="Отозвавшийся"))
    client = client_for(curator)
    url = reverse("admin:people_person_change", args=[person.pk])
    page = client.get(url)
    opened = page.context["adminform"].form
    prefixes = [inline.formset.prefix for inline in page.context["inline_admin_formsets"]]
    withdrawn = timezone.localdate() - dt.timedelta(days=40)
    consents_withdraw(consents=Consent.objects.filter(person=person), on=withdrawn)
    people_destroy_withdrawn(today=timezone.localdate())

    data = {
        name: value
        for name, value in opened.initial.items()
        if value is not None and not isinstance(value, (list, dt.date))
    }
    data["birth_date"] = opened.initial["birth_date"].strftime("%d.%m.%Y")
    for prefix in prefixes:  # the inlines: nothing changed in them
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = "0"
    response = client.post(url, data)
    # Refused as stale, what was typed kept on the screen; the base stays anonymised.
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    person.refresh_from_db()
    assert person.last_name != "Отозвавшийся"


def test_consent_list_and_people_list_filter_by_a_consent_in_force(client_for, curator):
    kept = PersonFactory(last_name="Действующая")
    gone = PersonFactory(last_name="Отозванная")
    ConsentFactory(person=kept)
    ConsentFactory(person=gone, withdrawn_on=timezone.localdate())
    client = client_for(curator)
    consents = client.get(reverse("admin:people_consent_changelist"), {"state": "valid"})
    assert [c.person for c in consents.context["cl"].result_list] == [kept]
    people = client.get(reverse("admin:people_person_changelist"), {"consent": "valid"})
    assert list(people.context["cl"].result_list) == [kept]
    people = client.get(reverse("admin:people_person_changelist"), {"consent": "withdrawn"})
    assert list(people.context["cl"].result_list) == [gone]
    # The mentees' list reaches the person through person__ (the same rule).
    profiles = [MenteeProfileFactory(person=kept), MenteeProfileFactory(person=gone)]
    mentees = client.get(reverse("admin:people_menteeprofile_changelist"), {"consent": "valid"})
    assert list(mentees.context["cl"].result_list) == profiles[:1]
