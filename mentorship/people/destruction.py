"""Destroying the personal data of people who withdrew their consent (152-ФЗ, ст. 21 ч. 5:
within 30 days of the withdrawal).

«Destroy» here is обезличивание in place: the Person row stays, so that pairs, surveys and
the KPIs of past years keep their counts, but nothing is left that names or reaches the
person — in the main tables, in the history tables (django-simple-history keeps every
earlier version of a row) and in the consent scans on disk. Each run records an act
(DestructionAct): who, when, and whose data by internal number — never by name.

What stays, and why (only what the aggregates in roadmap.kpi need):
- kind, course, organisation, experience_years — the KPI denominators by category;
- the birth year: the date becomes 1 July of the same year. The KPIs count ages as «the age
  reached in the year» (born in years Y−19 … Y−10), so they do not change;
- has_disability (ОВЗ) — the ОВЗ share of past years is counted from it. It is a special
  category, but what is left is обезличенные данные kept for statistics (ст. 6 ч. 1 п. 9):
  without the name, contacts, group, the day of birth, account, scans and free texts it no
  longer points at anyone. The other social flags (ТЖС, малоимущие, сирота, одарённый,
  сельская местность) no KPI needs: they are cleared;
- consent dates (signed, withdrawn): the «participants with a consent» share of past years.

What goes: names, patronymic, day and month of birth, phone, email, study group, specialty,
position, the social flags above, every free text about the person (curator's notes,
«чем могу быть полезен», request descriptions, training certificate numbers, the person's
text answers in surveys — numeric answers stay for the averages), the legal
representative's name and relation, the withdrawal reason, every scan file, the login's
names and email (the login is deactivated and gets no usable password), and the
organisation's contact person when that was this person.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, Max, OuterRef

from mentorship.lib.text import name_key

from .models import (
    Consent,
    DestructionAct,
    DestructionActRow,
    MenteeProfile,
    MenteeRequest,
    MentorProfile,
    MentorTraining,
    PartnerOrganisation,
    Person,
)

logger = logging.getLogger(__name__)

RETENTION_DAYS = 30
PLACEHOLDER = "Удалено"
AUTOMATIC = "автоматически (ежедневная задача destroy_withdrawn)"

# Flags no aggregate needs: cleared. has_disability stays (the ОВЗ KPI, see above).
CLEARED_FLAGS = ("is_gifted", "hard_life_situation", "low_income_family", "rural", "orphan")


def withdrawn_people():
    """People who gave a consent and have none left in force: withdrawn. Those who never
    gave one (just entered, the paper is on its way) are not in it."""
    return (
        Person.objects.with_consent_state()
        .filter(has_valid_consent=False)
        .filter(Exists(Consent.objects.filter(person=OuterRef("pk"))))
    )


def people_due(*, today: dt.date):
    """Withdrawn more than RETENTION_DAYS days before today, and not destroyed yet.
    Annotated with withdrawn_on: the latest withdrawal."""
    limit = today - dt.timedelta(days=RETENTION_DAYS)
    destroyed = DestructionActRow.objects.filter(person_id=OuterRef("pk"))
    return (
        withdrawn_people()
        .annotate(withdrawn_on=Max("consents__withdrawn_on"))
        .filter(withdrawn_on__lt=limit)
        .exclude(Exists(destroyed))
        .order_by("pk")
    )


@dataclass
class Destroyed:
    """What one person's destruction removed, for the act."""

    items: list[str] = field(default_factory=list)
    files: int = 0

    def text(self) -> str:
        return "; ".join(self.items)


def placeholder_values(person: Person) -> dict:
    """The Person fields as they are after destruction (main and history rows alike)."""
    key = f"{name_key(PLACEHOLDER)}-{person.pk}"
    values = {
        "last_name": PLACEHOLDER,
        "first_name": f"№ {person.pk}",
        "middle_name": "",
        "birth_date": dt.date(person.birth_date.year, 7, 1),
        "phone": "",
        "email": "",
        "study_group": "",
        "specialty": "",
        "position": "",
        "name_key": key,
        "natural_key": f"{key}|",
    }
    values.update(dict.fromkeys(CLEARED_FLAGS, False))
    return values


def _person_destroy(person: Person, done: Destroyed) -> None:
    values = placeholder_values(person)
    # update(), not save(): save() would rebuild the keys from the names, and the
    # placeholder names are the same for everyone while natural_key is unique.
    Person.objects.filter(pk=person.pk).update(**values)
    # Every earlier version keeps the same anonymised values, birth year included.
    Person.history.filter(id=person.pk).update(**values)
    done.items.append(
        "ФИО, дата рождения (оставлен год), телефон, email, группа, специальность, должность, "
        "социальные категории (кроме ОВЗ)"
    )


def _contacts_destroy(person: Person, done: Destroyed) -> None:
    """An organisation's contact person who is this person: the contact goes."""
    if not person.organisation_id:
        return
    own = {person.name_key, name_key(person.short_name)}
    contact = {"contact_person": "", "phone": "", "email": ""}
    org = PartnerOrganisation.objects.filter(pk=person.organisation_id).first()
    if org is None or name_key(org.contact_person) not in own:
        return
    PartnerOrganisation.objects.filter(pk=org.pk).update(**contact)
    versions = PartnerOrganisation.history.filter(id=org.pk)
    ids = [v.pk for v in versions if name_key(v.contact_person) in own]
    PartnerOrganisation.history.filter(pk__in=ids).update(**contact)
    done.items.append("контактное лицо организации")


def _profiles_destroy(person: Person, done: Destroyed) -> None:
    mentor = MentorProfile.objects.filter(person=person)
    if mentor.exists():
        texts = {"useful_for": "", "notes": ""}
        mentor.update(**texts)
        MentorProfile.history.filter(person_id=person.pk).update(**texts)
        MentorTraining.objects.filter(mentor__person=person).update(certificate="")
        done.items.append("анкета наставника и заметки куратора, номера удостоверений")
    mentee = MenteeProfile.objects.filter(person=person)
    if mentee.exists():
        mentee.update(notes="")
        MenteeProfile.history.filter(person_id=person.pk).update(notes="")
        MenteeRequest.objects.filter(mentee__person=person).update(description="")
        done.items.append("заметки куратора и описания запросов наставляемого")


def _consents_destroy(person: Person, done: Destroyed) -> list[tuple]:
    """Clear the consents' names and reasons; return the scan files to delete (storage,
    name) — those of the rows and of their earlier versions."""
    consents = Consent.objects.filter(person=person)
    files = set()
    for consent in consents:
        if consent.scan:
            files.add((consent.scan.storage, consent.scan.name))
    storage = Consent._meta.get_field("scan").storage
    for name in (
        Consent.history.filter(person_id=person.pk).exclude(scan="").values_list("scan", flat=True)
    ):
        files.add((storage, name))
    # A representative's consent must name someone (a check constraint): the placeholder.
    for qs in (consents, Consent.history.filter(person_id=person.pk)):
        qs.exclude(representative_name="").update(representative_name=PLACEHOLDER)
        qs.update(representative_relation="", withdrawal_reason="", scan="")
    done.items.append(
        "ФИО и родство законного представителя, причина отзыва, сканы согласий "
        "(даты согласий сохранены)"
    )
    return sorted(files, key=lambda item: item[1])


def _account_destroy(person: Person, done: Destroyed) -> None:
    user = person.user
    if user is None:
        return
    user.is_active = False
    user.first_name = user.last_name = user.email = ""
    user.username = f"udaleno-{user.pk}"
    user.set_unusable_password()
    user.save()
    done.items.append("учётная запись (отключена, имя и email удалены)")


def _surveys_destroy(person: Person, done: Destroyed) -> None:
    from mentorship.surveys.models import Answer

    answers = Answer.objects.filter(response__invitation__person=person).exclude(text="")
    if answers.update(text=""):
        done.items.append("текстовые ответы анкет (числовые оценки сохранены)")


def person_destroy(person: Person) -> Destroyed:
    """Anonymise one person everywhere; the caller holds the transaction. Files are
    deleted last, so a database failure before them leaves the scans in place."""
    done = Destroyed()
    _contacts_destroy(person, done)
    _person_destroy(person, done)
    _profiles_destroy(person, done)
    files = _consents_destroy(person, done)
    _account_destroy(person, done)
    _surveys_destroy(person, done)
    for storage, name in files:
        if storage.exists(name):
            storage.delete(name)
            done.files += 1
    return done


def people_destroy_withdrawn(*, today: dt.date, by=None) -> list[DestructionAct]:
    """Destroy the data of everyone due on `today`; return the act (none if nobody was due).

    One transaction per person: a failure leaves that person untouched (logged, still due,
    retried on the next run — the command reports them) and the others done. The act is
    created with the first person destroyed.
    """
    act = None
    for person in people_due(today=today).select_related("user"):
        new_act = act is None
        try:
            with transaction.atomic():
                if new_act:
                    act = DestructionAct.objects.create(
                        performed_on=today,
                        performed_by=by,
                        performed_by_label=_by_label(by),
                    )
                done = person_destroy(person)
                DestructionActRow.objects.create(
                    act=act,
                    person_id=person.pk,
                    kind=person.kind,
                    consent_withdrawn_on=person.withdrawn_on,
                    destroyed=done.text(),
                    files_deleted=done.files,
                )
        except Exception:
            logger.exception("Не удалось уничтожить персональные данные человека № %s", person.pk)
            if new_act:
                act = None  # rolled back together with the person
    return [act] if act else []


def _by_label(by) -> str:
    if by is None:
        return AUTOMATIC
    return by.get_full_name() or by.get_username()
