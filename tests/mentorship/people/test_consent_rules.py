"""What a consent must cover (RELIABILITY 57): the ОВЗ mark only with a written
special-category consent in force, and a person who turned 18 on a representative's
consent flagged for a new one. The signing rules by age are in test_models.py."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.urls import reverse

from mentorship.office.attention import attention_items
from mentorship.pairs.summary import pairs_summary
from mentorship.people import selectors as people_selectors
from mentorship.people.consent_rules import (
    SPECIAL_CONSENT_MISSING,
    SpecialCategoryConsentFormSet,
    adult_consent_due,
    consent_holders,
    consent_holds,
    consent_holds_among,
    consent_holds_q,
    special_categories_check,
)
from mentorship.people.models import Consent, MenteeProfile, Person
from tests.factories import ConsentFactory, MenteeProfileFactory, PersonFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 21)

ConsentFormSet = inlineformset_factory(
    Person,
    Consent,
    formset=SpecialCategoryConsentFormSet,
    fields=["signer", "signed_on", "representative_name", "special_categories", "withdrawn_on"],
    extra=0,
)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def formset(person, *consents, existing=()):
    """The consents inline as the person screen posts it: existing ones then new ones."""
    data = {
        "consents-TOTAL_FORMS": str(len(existing) + len(consents)),
        "consents-INITIAL_FORMS": str(len(existing)),
    }
    rows = [{"id": c.pk, **values} for c, values in existing] + list(consents)
    for index, row in enumerate(rows):
        defaults = {"signer": "self", "signed_on": "01.09.2026", "representative_name": ""}
        for name, value in (defaults | row).items():
            if value is True:
                value = "on"
            if value is False or value is None:
                continue
            data[f"consents-{index}-{name}"] = value
    return ConsentFormSet(data, instance=person, prefix="consents")


def ovz(**kwargs):
    return PersonFactory(adult=True, has_disability=True, **kwargs)


def test_ovz_without_any_consent_is_not_savable():
    person = ovz()
    with pytest.raises(ValidationError) as excinfo:
        special_categories_check(person)
    assert excinfo.value.message_dict["has_disability"] == [SPECIAL_CONSENT_MISSING]
    bound = formset(person)
    assert not bound.is_valid()
    assert SPECIAL_CONSENT_MISSING in bound.non_form_errors()


def test_ovz_with_an_ordinary_consent_is_not_savable():
    person = ovz()
    ConsentFactory(person=person, signer="self", representative_name="")
    with pytest.raises(ValidationError):
        special_categories_check(person)
    assert not formset(person, {"special_categories": False}).is_valid()


def test_ovz_with_a_written_special_category_consent_is_savable():
    person = ovz()
    ConsentFactory(person=person, signer="self", representative_name="", special_categories=True)
    special_categories_check(person)
    assert formset(ovz(), {"special_categories": True}).is_valid()  # entered in the same form


def test_a_withdrawn_or_deleted_special_consent_does_not_cover():
    person = ovz()
    special = ConsentFactory(
        person=person, signer="self", representative_name="", special_categories=True
    )
    deleting = formset(person, existing=[(special, {"special_categories": True, "DELETE": True})])
    assert not deleting.is_valid()
    withdrawing = formset(
        person,
        existing=[(special, {"special_categories": True, "withdrawn_on": "01.11.2026"})],
    )
    assert not withdrawing.is_valid()
    Consent.objects.filter(pk=special.pk).update(withdrawn_on=dt.date(2026, 11, 1))
    with pytest.raises(ValidationError):
        special_categories_check(person)


def test_without_the_ovz_mark_no_special_consent_is_needed():
    person = PersonFactory(adult=True)
    special_categories_check(person)
    assert formset(person).is_valid()


# --- turning 18 ----------------------------------------------------------------------------


@pytest.fixture
def grown_up():
    """18 since 01.10.2026; the mother signed in 2024."""
    person = PersonFactory(birth_date=dt.date(2008, 10, 1), last_name="Выросшая")
    ConsentFactory(person=person, signed_on=dt.date(2024, 9, 1), signed_by_subject=True)
    return person


def test_turning_18_on_a_representatives_consent_is_flagged(grown_up):
    still_minor = PersonFactory(birth_date=dt.date(2009, 1, 1))
    ConsentFactory(person=still_minor, signed_on=dt.date(2024, 9, 1))
    renewed = PersonFactory(birth_date=dt.date(2008, 1, 1))
    ConsentFactory(person=renewed, signed_on=dt.date(2024, 9, 1))
    ConsentFactory(person=renewed, signer="self", representative_name="", signed_on=TODAY)
    withdrawn = PersonFactory(birth_date=dt.date(2008, 1, 1))
    ConsentFactory(person=withdrawn, signed_on=dt.date(2024, 9, 1), withdrawn_on=TODAY)
    assert list(adult_consent_due(today=TODAY)) == [grown_up]
    # The day before the birthday she was not yet due.
    assert not adult_consent_due(today=dt.date(2026, 9, 30)).exists()


def test_turning_18_is_on_the_start_page_and_the_list_filter(grown_up, client_for, curator):
    found = {
        item.key: item
        for item in attention_items(
            user=curator,
            bases=people_selectors.bases_summary(),
            pairs=pairs_summary(),
            today=TODAY,
        )
    }
    item = found["adult_consent"]
    assert item.count == 1
    assert item.label.startswith("Исполнилось 18 лет, а согласие подписал законный представитель")
    assert item.url == reverse("admin:people_person_changelist") + "?consent=adult_renew"
    PersonFactory(last_name="Другая", adult=True)
    page = client_for(curator).get(item.url).content.decode()
    assert "совершеннолетие наступило — нужно новое согласие" in page
    assert "Выросшая" in page and "Другая" not in page


# --- the signing rule on a form --------------------------------------------------------------


def consent_form(fields):
    from django.forms import modelform_factory

    return modelform_factory(Consent, fields=fields)


def test_consent_form_with_the_second_signature_box_enforces_it():
    minor = PersonFactory(birth_date=dt.date(2010, 5, 1))  # 16 on 01.09.2026
    data = {
        "person": minor.pk,
        "signer": "representative",
        "signed_on": "01.09.2026",
        "representative_name": "Петрова Ольга Ивановна",
    }
    fields = ["person", "signer", "signed_on", "representative_name", "signed_by_subject"]
    form = consent_form(fields)(data)
    assert not form.is_valid()
    assert "и законный представитель, и сам обучающийся" in form.errors["signed_by_subject"][0]
    assert consent_form(fields)(data | {"signed_by_subject": "on"}).is_valid()


def test_a_consent_screen_without_the_box_does_not_break(client_for, curator):
    """A form that does not show «подписано также самим несовершеннолетним» (the admin
    until it lists the field) saves as before instead of failing with a 500."""
    minor = PersonFactory(birth_date=dt.date(2010, 5, 1))
    form = consent_form(["person", "signer", "signed_on", "representative_name"])(
        {
            "person": minor.pk,
            "signer": "representative",
            "signed_on": "01.09.2026",
            "representative_name": "Петрова Ольга Ивановна",
        }
    )
    assert form.is_valid(), form.errors
    response = client_for(curator).post(
        reverse("admin:people_consent_add"),
        {
            "person": minor.pk,
            "signer": "representative",
            "signed_on": "01.09.2025",
            "representative_name": "Петрова Ольга Ивановна",
            "representative_relation": "мать",
            "withdrawn_on": "",
            "withdrawal_reason": "",
        },
    )
    assert response.status_code in (200, 302)


# --- when a consent holds --------------------------------------------------------------------

ON = dt.date(2026, 6, 1)
ADULT, MINOR, TURNED_18 = dt.date(2000, 1, 1), dt.date(2010, 1, 1), dt.date(2008, 1, 1)
EIGHTEEN_ON_THE_DAY = ON.replace(year=ON.year - 18)
EIGHTEEN_TOMORROW = EIGHTEEN_ON_THE_DAY + dt.timedelta(days=1)


@pytest.mark.parametrize(
    "born, signer, signed_on, withdrawn_on, holds, held_then",
    [
        (ADULT, "self", dt.date(2026, 5, 1), None, True, True),
        # signed the day after: nothing held on the day
        (ADULT, "self", dt.date(2026, 6, 2), None, False, False),
        # withdrawn later: it held then, it does not hold now
        (ADULT, "self", dt.date(2026, 5, 1), dt.date(2026, 9, 1), False, True),
        (ADULT, "self", dt.date(2026, 5, 1), ON, False, False),
        # a minor's own signature is not enough (Consent.clean refuses it; an old row may not)
        (MINOR, "self", dt.date(2026, 5, 1), None, False, False),
        (MINOR, "representative", dt.date(2026, 5, 1), None, True, True),
        (TURNED_18, "representative", dt.date(2024, 9, 1), None, True, True),
        # 18 on the day itself signs for themself; the day before their birthday they cannot
        (EIGHTEEN_ON_THE_DAY, "self", dt.date(2026, 5, 1), None, True, True),
        (EIGHTEEN_TOMORROW, "self", dt.date(2026, 5, 1), None, False, False),
    ],
)
def test_consent_holds_one_rule_for_a_person_and_a_queryset(
    born, signer, signed_on, withdrawn_on, holds, held_then
):
    person = PersonFactory(birth_date=born)
    Consent.objects.create(
        person=person,
        signer=signer,
        representative_name="" if signer == "self" else "Иванова Мария Петровна",
        signed_on=signed_on,
        withdrawn_on=withdrawn_on,
    )
    profile = MenteeProfileFactory(person=person)
    assert consent_holds(person, ON) is holds
    assert Person.objects.filter(consent_holds_q(ON)).exists() is holds
    profiles = MenteeProfile.objects.filter(consent_holds_q(ON, person_path="person__"))
    assert list(profiles) == ([profile] if holds else [])
    then = Person.objects.filter(consent_holds_q(ON, as_it_stood=True))
    assert then.exists() is held_then
    # The same rule as a sub-select of the holders' ids (the KPI counts use it).
    assert Person.objects.filter(id__in=consent_holders(ON)).exists() is holds
    assert Person.objects.filter(id__in=consent_holders(ON, as_it_stood=True)).exists() is (
        held_then
    )


def test_consent_holds_for_nobody_without_a_consent():
    person = PersonFactory(birth_date=ADULT)
    assert not consent_holds(person, ON)
    assert not Person.objects.filter(consent_holds_q(ON, as_it_stood=True)).exists()
    assert not consent_holders(ON, as_it_stood=True).exists()


# --- one rule, two forms: in the database and in memory -----------------------------------


@pytest.mark.parametrize("as_it_stood", [False, True])
@pytest.mark.parametrize(
    ("age", "signer", "signed_days_ago", "withdrawn_days_ago"),
    [
        (12, Consent.Signer.REPRESENTATIVE, 30, None),
        (16, Consent.Signer.SELF, 30, None),  # a minor's own signature is not enough
        (30, Consent.Signer.SELF, 30, None),
        (30, Consent.Signer.SELF, 30, 10),  # withdrawn before the day
        (30, Consent.Signer.SELF, 30, 0),  # withdrawn on the day
        (30, Consent.Signer.SELF, 30, -10),  # withdrawn after the day: counts only as it stood
        (30, Consent.Signer.SELF, -5, None),  # signed only after the day
    ],
)
def test_consent_rule_in_memory_agrees_with_the_query(
    age, signer, signed_days_ago, withdrawn_days_ago, as_it_stood
):
    person = PersonFactory(birth_date=dt.date(TODAY.year - age, 6, 1))
    consent = ConsentFactory(
        person=person,
        signer=signer,
        signed_on=TODAY - dt.timedelta(days=signed_days_ago),
        withdrawn_on=(
            None if withdrawn_days_ago is None else TODAY - dt.timedelta(days=withdrawn_days_ago)
        ),
    )
    holds = consent_holds_q(TODAY, as_it_stood=as_it_stood)
    in_database = Person.objects.filter(pk=person.pk).filter(holds).exists()
    in_memory = consent_holds_among(
        [consent], birth_date=person.birth_date, on=TODAY, as_it_stood=as_it_stood
    )
    assert in_memory is in_database
    holders = consent_holders(TODAY, as_it_stood=as_it_stood)
    assert holders.filter(person_id=person.pk).exists() is in_database


def test_consent_holds_asks_about_the_persons_own_age_not_a_list_of_all_minors(
    django_assert_num_queries,
):
    """One query, and the minors' rule as a condition on the consent's own person: as
    "not among all the minors" the database listed every minor of the college for each
    person asked about (issue 16: a survey link asks on every GET and POST)."""
    person = PersonFactory(birth_date=ADULT)
    ConsentFactory(person=person, signer="self", signed_on=dt.date(2026, 5, 1))
    with django_assert_num_queries(1) as captured:
        assert consent_holds(person, ON)
    sql = captured.captured_queries[0]["sql"]
    assert sql.count('FROM "people_person"') == 1  # the person asked about, no list


def test_consent_holds_q_reads_the_age_from_the_row_asked_about_not_through_a_join():
    """Issue 16: the sub-select looks up the row's own consents only. Joined to each
    consent's person, it made PostgreSQL hash every consent of the college with its person
    for a list of mentors (the matching page: 33 → 20 ms at full size)."""
    sql = str(MenteeProfile.objects.filter(consent_holds_q(ON, person_path="person__")).query)
    inner = sql[sql.index("EXISTS(") : sql.index(" LIMIT 1)")]
    assert 'FROM "people_consent" U0 WHERE' in inner and "JOIN" not in inner
