"""Rules about consents: when one holds, and what it must cover. Every app asks here.

- A person may take part on a day (a pair, a survey answer, a login, a KPI count) while a
  consent holds for them on that day: `consent_holds(person, on)` (`consent_holds_for(people,
  on)`: several people in one query), and `consent_holds_q(on)`
  for a whole queryset in one query; `consent_holds_among(...)` is the same rule over
  consents already in memory (the demo's and the bench's planned ones). A consent on file
  (`consent_on_file_q`: signed, not withdrawn, whoever signed it) is the weaker fact that
  keeps the data from destruction and is shown as the person's consent badge.

- Health data (ОВЗ / инвалидность) is a special category of personal data (152-ФЗ ст. 10):
  it may be entered only while a written consent that includes it is in force.
  `special_categories_check(person)` is the rule for any path that saves a person (an
  import row: call it after the row's values are set); `SpecialCategoryConsentFormSet`
  is the same rule for the person screen, where the consents are edited in the same form
  as the ОВЗ mark.
- A person who has turned 18 on a consent their legal representative signed needs a new
  consent of their own: `adult_consent_due()` lists them (the start page's «Требует
  внимания» and the people list filter «совершеннолетие наступило — нужно новое согласие»).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.lookups import LessThanOrEqual
from django.forms.models import BaseInlineFormSet

from mentorship.lib.dates import age_on

from .models import Consent, Person
from .models.persons import ADULT_AGE, adult_born_by, minor_on

SPECIAL_CONSENT_MISSING = (
    "Сведения об ОВЗ / инвалидности относятся к специальной категории персональных данных: "
    "их можно внести, только если действует письменное согласие, включающее сведения о "
    "здоровье. Приложите такое согласие (отметка «включает сведения о здоровье») или снимите "
    "отметку «ОВЗ / инвалидность»."
)


def special_consent_holds(consents: Iterable[Consent]) -> bool:
    """A consent in force that includes health data, among these."""
    return any(c.special_categories and c.withdrawn_on is None for c in consents)


def special_categories_check(person: Person, consents: Iterable[Consent] | None = None) -> None:
    """Raise ValidationError on has_disability unless the ОВЗ mark is covered.
    consents: the person's consents as they will be saved; default — those in the base."""
    if not person.has_disability:
        return
    if consents is None:
        consents = Consent.objects.filter(person=person) if person.pk else []
    if not special_consent_holds(consents):
        raise ValidationError({"has_disability": SPECIAL_CONSENT_MISSING})


class SpecialCategoryConsentFormSet(BaseInlineFormSet):
    """The consents inline of the person screen: with the ОВЗ mark on, at least one
    consent in force, not being deleted, must include health data."""

    def clean(self):
        super().clean()
        person = self.instance
        if not getattr(person, "has_disability", False):
            return
        consents = []
        for form in self.forms:
            if not getattr(form, "cleaned_data", None):
                continue  # an empty extra form, or one that failed its own checks
            if self.can_delete and self._should_delete_form(form):
                continue
            consents.append(form.instance)  # with the submitted values
        # Consents of the person that the form does not show (none in the admin) still count.
        shown = {c.pk for c in consents if c.pk} | {
            f.instance.pk for f in self.forms if f.instance.pk
        }
        if person.pk:
            consents += list(Consent.objects.filter(person=person).exclude(pk__in=shown))
        if not special_consent_holds(consents):
            raise ValidationError(SPECIAL_CONSENT_MISSING)


def adult_consent_due(people: QuerySet[Person] | None = None, *, today: dt.date):
    """People of 18 and over today whose consent in force was signed by a legal
    representative and who have signed none of their own since."""
    people = Person.objects.all() if people is None else people
    valid = Consent.objects.valid().filter(person=OuterRef("pk"))
    return (
        people.exclude(minor_on(today))
        .filter(Exists(valid.filter(signer=Consent.Signer.REPRESENTATIVE)))
        .exclude(Exists(valid.filter(signer=Consent.Signer.SELF)))
    )


def consent_on_file_q(*, person_path: str = "") -> Exists:
    """A consent on file that is not withdrawn, for a queryset of Person (person_path "") or
    of a model that leads to Person (e.g. "person__" for the profiles). The signing policy
    was checked when the consent was entered, so who signed it is not asked again here."""
    return Exists(Consent.objects.valid().filter(person=OuterRef(f"{person_path}pk")))


def consent_holds_q(on: dt.date, *, person_path: str = "", as_it_stood: bool = False) -> Exists:
    """The consent rule as a queryset expression (one query for a whole list): a consent
    signed by the day `on` and not withdrawn; for a person under 18 on that day, one signed
    by a legal representative. person_path leads from the queryset's model to Person ("" for
    Person, "person__" for the profiles). as_it_stood: judge the file as it stood on `on` (a
    withdrawal after that day does not count), for reports on a past period; by default a
    withdrawal on any day counts, as it does for everything done today."""
    # The person asked about is the outer row: their age is read there, not through a join
    # of each consent to its person inside the sub-select. With that join PostgreSQL
    # hashed every consent of the college with its person for each list (≈ 11 ms of the
    # matching page's 13,600 consents); without it, it looks up the row's own consents.
    adult = LessThanOrEqual(OuterRef(f"{person_path}birth_date"), adult_born_by(on))
    holding = _signed_and_kept(on, as_it_stood=as_it_stood).filter(
        Q(signer=Consent.Signer.REPRESENTATIVE) | Q(adult),
        person=OuterRef(f"{person_path}pk"),
    )
    return Exists(holding)


def consent_holders(on: dt.date, *, as_it_stood: bool = False) -> QuerySet:
    """The ids of the people for whom consent_holds_q holds, as a sub-select
    (`Q(id__in=consent_holders(day))`): one pass over the consents, for a count over many
    people where a sub-select per person would cost more."""
    return _holding_consents(on, as_it_stood=as_it_stood).values("person_id")


def _signed_and_kept(on: dt.date, *, as_it_stood: bool) -> QuerySet[Consent]:
    """The consents signed by the day and not withdrawn (as_it_stood: not by the day),
    whoever signed them."""
    consents = Consent.objects.all() if as_it_stood else Consent.objects.valid()
    consents = consents.filter(signed_on__lte=on).order_by()
    if as_it_stood:
        consents = consents.exclude(withdrawn_on__lte=on)
    return consents


def _holding_consents(on: dt.date, *, as_it_stood: bool) -> QuerySet[Consent]:
    """The consents that make consent_holds_q hold on the day."""
    consents = _signed_and_kept(on, as_it_stood=as_it_stood)
    # Not a minor on the day, asked of the consent's own person through the join (birth_date
    # is never empty) — not as "not among all the minors", which made the database list
    # every minor of the college for each person it asked about.
    adult = ~minor_on(on, through="person__")
    return consents.filter(Q(signer=Consent.Signer.REPRESENTATIVE) | adult)


def consent_holds(person: Person, on: dt.date) -> bool:
    """consent_holds_q for one person (one query)."""
    return Person.objects.filter(pk=person.pk).filter(consent_holds_q(on)).exists()


def consent_holds_for(people: Iterable[Person], on: dt.date) -> set[int]:
    """consent_holds for several people in one query: the ids of those it holds for."""
    ids = [person.pk for person in people]
    if not ids:
        return set()
    holders = Person.objects.filter(pk__in=ids).filter(consent_holds_q(on)).order_by()
    return set(holders.values_list("pk", flat=True))


def consent_holds_among(
    consents: Iterable, *, birth_date: dt.date, on: dt.date, as_it_stood: bool = False
) -> bool:
    """consent_holds_q over consents in memory (anything with signed_on, withdrawn_on and
    signer, e.g. the consents a generator plans before it writes them)."""
    minor = age_on(birth_date, on) < ADULT_AGE
    return any(
        consent.signed_on <= on
        and (consent.withdrawn_on is None or as_it_stood and consent.withdrawn_on > on)
        and (not minor or consent.signer == Consent.Signer.REPRESENTATIVE)
        for consent in consents
    )
