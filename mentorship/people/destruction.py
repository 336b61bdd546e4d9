"""Destroying the personal data of people who withdrew their consent (152-ФЗ, ст. 21 ч. 5:
within 30 days of the withdrawal).

«Destroy» here is обезличивание in place: the Person row stays, so that pairs, surveys and
the KPIs of past years keep their counts, but nothing is left that names or reaches the
person — in the main tables, in the history tables (django-simple-history keeps every
earlier version of a row) and in the consent scans on disk. Each run records an act
(DestructionAct): who, when, and whose data by internal number — never by name.

What stays of the Person row, and why (only what the aggregates in roadmap.kpi need; every
other model's fields say in the registry, see below, why they may stay):
- kind, course, form of study, organisation, experience_years — the KPI denominators by
  category;
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
text answers in surveys — numeric answers stay for the averages — and the events of their
achievements: level, result and date stay), the legal representative's name and relation,
the withdrawal reason, every scan file, the login's names and email (the login is
deactivated, renamed and gets no usable password), the organisation's contact person when
that was this person, and the person's name in the admin change journal
(django.contrib.admin LogEntry: the object's name and the JSON change message; the entries
about their login too) and in the free texts of their pairs (meeting notes, plans,
results: those texts belong to the other member too, so only the name goes). Each run
also removes abandoned xlsx import uploads (they may list the person).

Where the fields are: each app declares its models' personal fields, and how each is
destroyed, in its own `privacy` module (the registry in mentorship.privacy; a test fails
on a field declared nowhere). This module destroys the Person row, the organisation's
contact and the journal itself, and walks the registry for the rest: the texts that lose
the name, the fields emptied or replaced, the files deleted — in the main tables and in
their history tables, earlier versions of rows deleted since included.

Another legal basis (Consent.withdrawal_basis, 152-ФЗ ст. 21 ч. 5 «если иное не
предусмотрено федеральным законом»): a student's record is kept by the college under
273-ФЗ «Об образовании в Российской Федерации». Then exactly RETAINED_FIELDS[basis] stay as
they were — no more — and everything else goes as above; the ОВЗ mark goes too (health data
next to a name needs the written consent that was withdrawn). The act records the basis and
the fields kept.

Every destroyed person gets a tombstone outside the database (mentorship.people.tombstones):
a restored backup older than the destruction is destroyed again on the next run.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass, field

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, Subquery
from django.utils import timezone

from mentorship import privacy
from mentorship.lib.text import name_key
from mentorship.privacy import How

from . import tombstones
from .models import (
    Consent,
    DestructionAct,
    DestructionActRow,
    MenteeProfile,
    MentorProfile,
    PartnerOrganisation,
    Person,
)
from .models.consents import RetentionBasis

logger = logging.getLogger(__name__)

RETENTION_DAYS = 30
PLACEHOLDER = "Удалено"
AUTOMATIC = "автоматически (ежедневная задача destroy_withdrawn)"

# Flags no aggregate needs: cleared. has_disability stays (the ОВЗ KPI, see above).
CLEARED_FLAGS = ("is_gifted", "hard_life_situation", "low_income_family", "rural", "orphan")

# What another legal basis keeps, and nothing else: the fixed list the act prints.
RETAINED_FIELDS = {
    RetentionBasis.EDUCATION: (
        "last_name",
        "first_name",
        "middle_name",
        "birth_date",
        "kind",
        "study_group",
        "course",
        "specialty",
    ),
}
RETAINED_LABELS = {
    RetentionBasis.EDUCATION: "ФИО, дата рождения, категория, группа, курс, специальность",
}
NAME_FIELDS = ("last_name", "first_name", "middle_name")


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
    Annotated with withdrawn_on (the latest withdrawal) and retention_basis (that
    withdrawal's other legal basis, "" if none)."""
    limit = today - dt.timedelta(days=RETENTION_DAYS)
    destroyed = DestructionActRow.objects.filter(person_id=OuterRef("pk"))
    latest = Consent.objects.filter(person=OuterRef("pk"), withdrawn_on__isnull=False).order_by(
        "-withdrawn_on", "-pk"
    )
    return (
        withdrawn_people()
        .annotate(
            withdrawn_on=Max("consents__withdrawn_on"),
            retention_basis=Subquery(latest.values("withdrawal_basis")[:1]),
        )
        .filter(withdrawn_on__lt=limit)
        .exclude(Exists(destroyed))
        .order_by("pk")
    )


def people_tombstoned() -> dict[int, tombstones.Tombstone]:
    """People in the database whose destruction the tombstone file remembers but the
    database does not (a restored older backup): record number → tombstone."""
    stones = tombstones.tombstones_read()
    if not stones:
        return {}
    destroyed = DestructionActRow.objects.filter(person_id=OuterRef("pk"))
    found = {}
    rows = Person.objects.exclude(Exists(destroyed)).values_list("pk", "birth_date")
    for pk, birth_date in rows.iterator(chunk_size=2000):
        for key in tombstones.person_keys(pk, birth_date):
            if key in stones:
                found[pk] = stones[key]
                break
    return found


@dataclass
class Destroyed:
    """What one person's destruction removed, for the act."""

    items: list[str] = field(default_factory=list)
    files: int = 0
    # The files to delete once the database is done: (storage, name).
    pending: set[tuple] = field(default_factory=set)

    def text(self) -> str:
        return "; ".join(self.items)


def placeholder_values(person: Person, basis: str = "") -> dict:
    """The Person fields as they are after destruction (main and history rows alike).
    With another legal basis the fields it keeps are left out (left as they are)."""
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
    kept = RETAINED_FIELDS.get(basis, ())
    for name in kept:
        values.pop(name, None)
    if set(NAME_FIELDS) & set(kept):
        # The name stays, so do the keys built from it; health data next to a name needs
        # the consent that was withdrawn: the ОВЗ mark goes.
        values.pop("name_key")
        values.pop("natural_key")
        values["has_disability"] = False
    return values


def _person_destroy(person: Person, done: Destroyed, basis: str = "") -> None:
    values = placeholder_values(person, basis)
    # update(), not save(): save() would rebuild the keys from the names, and the
    # placeholder names are the same for everyone while natural_key is unique.
    # A new updated_at too: a person form opened before the destruction is refused as
    # stale (admin version check) instead of writing the personal data back.
    Person.objects.filter(pk=person.pk).update(**values, updated_at=timezone.now())
    # Every earlier version keeps the same anonymised values, birth year included.
    Person.history.filter(id=person.pk).update(**values)
    if basis:
        done.items.append(
            "телефон, email, должность, ОВЗ и социальные категории "
            f"(сохранено по основанию: {RETAINED_LABELS[basis]})"
        )
    else:
        done.items.append(
            "ФИО, дата рождения (оставлен год), телефон, email, группа, специальность, "
            "должность, социальные категории (кроме ОВЗ)"
        )


def _name_regex(person: Person, spell) -> re.Pattern | None:
    """How the journal may name the person — «Петрова Анна Игоревна», «Петрова А.И.»,
    «А. И. Петрова» — as one pattern over `spell`ed tokens (as they are, or as JSON
    escapes them). Full name first, so it is replaced whole."""
    first, middle, last = person.first_name, person.middle_name, person.last_name
    if not (last and first):
        return None
    initials = [f"{part[0]}." for part in (first, middle) if part]
    forms = [
        ([last, first, *([middle] if middle else [])], r"\s+"),
        ([last, *initials], r"\s*"),
        ([*initials, last], r"\s*"),
    ]
    alternatives = [sep.join(re.escape(spell(token)) for token in tokens) for tokens, sep in forms]
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _json_spelling(text: str) -> str:
    return json.dumps(text)[1:-1]


def _audit_destroy(person: Person, done: Destroyed) -> None:
    """The admin change journal: entries about the person's own records (their login's
    too: its name is built from theirs, «petrova.ai») lose their name; any other entry
    that names them (a pair «№ 5: Петрова А.И. — …», an inline in a change message) has
    the name replaced. change_message is JSON with non-ASCII escaped,
    so both spellings are searched and replaced. A namesake with the same initials may
    lose their name in an entry too: better that than a name left behind."""
    label = f"{PLACEHOLDER} № {person.pk}"
    own = [
        (Person, [person.pk]),
        (
            MentorProfile,
            list(MentorProfile.objects.filter(person=person).values_list("pk", flat=True)),
        ),
        (
            MenteeProfile,
            list(MenteeProfile.objects.filter(person=person).values_list("pk", flat=True)),
        ),
        (get_user_model(), [person.user_id] if person.user_id else []),
    ]
    changed = 0
    for model, ids in own:
        if ids:
            changed += LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=[str(pk) for pk in ids],
            ).update(object_repr=label)
    raw = _name_regex(person, str)
    escaped = _name_regex(person, _json_spelling)
    if raw is not None:
        last = person.last_name
        mention = (
            Q(object_repr__icontains=last)
            | Q(change_message__icontains=last)
            | Q(change_message__icontains=_json_spelling(last))
        )
        label_json = _json_spelling(label)
        for entry in LogEntry.objects.filter(mention).only("object_repr", "change_message"):
            object_repr = raw.sub(lambda _: label, entry.object_repr)
            message = escaped.sub(lambda _: label_json, entry.change_message)
            message = raw.sub(lambda _: label, message)
            if (object_repr, message) != (entry.object_repr, entry.change_message):
                entry.object_repr, entry.change_message = object_repr, message
                entry.save(update_fields=["object_repr", "change_message"])
                changed += 1
    if changed:
        done.items.append("имя в журнале изменений")


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


def _tables(model, where: Q) -> list:
    """The rows `where` selects in the model's table and in its history table: the
    registry writes each filter so that it holds on both."""
    tables = [model.objects.filter(where)]
    if hasattr(model, "history"):
        tables.append(model.history.filter(where))
    return tables


def _item(done: Destroyed, text: str) -> None:
    if text not in done.items:
        done.items.append(text)


def _names_scrub(person: Person, done: Destroyed) -> None:
    """The texts the person shares with others (privacy registry: SCRUB_NAME — a pair's
    notes, plans and results belong to the other member too) stay, but the person's name
    is replaced in them, in the main and the history tables."""
    raw = _name_regex(person, str)
    if raw is None:
        return
    label = f"{PLACEHOLDER} № {person.pk}"
    for entry in privacy.entries():
        fields = entry.names(How.SCRUB_NAME)
        if entry.rows is None or not fields:
            continue
        mention = Q()
        for name in fields:
            mention |= Q(**{f"{name}__icontains": person.last_name})
        changed = 0
        for rows in _tables(entry.model, entry.rows(person)):
            for row in rows.filter(mention).values("pk", *fields):
                new = {name: raw.sub(lambda _: label, row[name] or "") for name in fields}
                if any(new[name] != (row[name] or "") for name in fields):
                    rows.model.objects.filter(pk=row["pk"]).update(**new)
                    changed += 1
        if changed:
            _item(done, entry.item)


def _fields_destroy(entry: privacy.ModelPrivacy, where: Q, done: Destroyed) -> int:
    """The generic destruction of one registered model's rows of the person, in the main
    and the history tables: files noted for deletion, required texts replaced by the
    placeholder, the rest emptied. Returns how many rows it touched."""
    tables = _tables(entry.model, where)
    for name in entry.names(How.DELETE_FILE):
        storage = entry.model._meta.get_field(name).storage
        for rows in tables:
            for file in rows.exclude(**{name: ""}).values_list(name, flat=True):
                done.pending.add((storage, file))
    touched = 0
    for rows in tables:
        for name in entry.names(How.REPLACE):
            touched += rows.exclude(**{name: ""}).update(**{name: PLACEHOLDER})
        cleared = entry.names(How.CLEAR, How.DELETE_FILE)
        if cleared:
            touched += rows.update(**dict.fromkeys(cleared, ""))
    return touched


def _records_destroy(person: Person, done: Destroyed) -> None:
    """Every registered model's rows of the person (privacy registry): cleared, replaced,
    their files noted for deletion — or destroyed by the model's own destroy()."""
    for entry in privacy.entries():
        if entry.rows is None or not entry.names(How.CLEAR, How.REPLACE, How.DELETE_FILE):
            continue
        where = entry.rows(person)
        if entry.destroy is not None:
            touched = entry.destroy(entry.model.objects.filter(where))
        else:
            touched = _fields_destroy(entry, where, done)
        if touched:
            _item(done, entry.item)


def person_destroy(person: Person, basis: str = "") -> Destroyed:
    """Anonymise one person everywhere (keeping only what `basis` allows); the caller
    holds the transaction. Files are deleted last, so a database failure before them
    leaves the scans in place."""
    done = Destroyed()
    _contacts_destroy(person, done)
    if not set(NAME_FIELDS) & set(RETAINED_FIELDS.get(basis, ())):
        _audit_destroy(person, done)
        _names_scrub(person, done)
    _person_destroy(person, done, basis)
    _records_destroy(person, done)
    for storage, name in sorted(done.pending, key=lambda item: item[1]):
        if storage.exists(name):
            storage.delete(name)
            done.files += 1
    return done


@dataclass
class Due:
    person: Person
    withdrawn_on: dt.date
    basis: str
    repeated: bool  # a tombstone brought them back: destroyed once already


def _work(today: dt.date) -> list[Due]:
    """Everyone due by the 30 days, then everyone a tombstone names (a restored backup)."""
    stones = people_tombstoned()
    work = []
    for person in people_due(today=today).select_related("user"):
        basis = person.retention_basis or ""
        work.append(Due(person, person.withdrawn_on, basis, person.pk in stones))
    seen = {item.person.pk for item in work}
    again = Person.objects.filter(pk__in=set(stones) - seen).select_related("user").order_by("pk")
    for person in again:
        stone = stones[person.pk]
        work.append(Due(person, stone.withdrawn_on, stone.basis, True))
    return work


def _withdraw_again(item: Due) -> None:
    """The backup predates the withdrawal: its consents look in force. Withdraw them as
    the tombstone says, before anything else sees them."""
    for consent in Consent.objects.filter(person=item.person, withdrawn_on__isnull=True):
        Consent.objects.filter(pk=consent.pk).update(
            withdrawn_on=max(item.withdrawn_on, consent.signed_on),
            withdrawal_basis=item.basis,
        )


def people_destroy_withdrawn(*, today: dt.date, by=None) -> list[DestructionAct]:
    """Destroy the data of everyone due on `today` and of everyone a tombstone names;
    return the act (none if nobody was due).

    One transaction per person: a failure leaves that person untouched (logged, still due,
    retried on the next run — the command reports them) and the others done. The act is
    created with the first person destroyed. The tombstone is written inside the
    transaction: if it cannot be written, the destruction is rolled back and retried.
    """
    from mentorship.imports.uploads import import_tmp_purge

    # Abandoned xlsx uploads may list the people destroyed below.
    import_tmp_purge()
    act = None
    known = tombstones.tombstones_read()
    for item in _work(today):
        person = item.person
        new_act = act is None
        try:
            with transaction.atomic():
                if new_act:
                    act = DestructionAct.objects.create(
                        performed_on=today,
                        performed_by=by,
                        performed_by_label=_by_label(by),
                    )
                if item.repeated:
                    _withdraw_again(item)
                done = person_destroy(person, item.basis)
                destroyed = done.text()
                if item.repeated:
                    destroyed = "повторно, после восстановления из резервной копии: " + destroyed
                DestructionActRow.objects.create(
                    act=act,
                    person_id=person.pk,
                    kind=person.kind,
                    consent_withdrawn_on=item.withdrawn_on,
                    destroyed=destroyed,
                    files_deleted=done.files,
                    legal_basis=item.basis,
                    kept=RETAINED_LABELS.get(item.basis, ""),
                    repeated=item.repeated,
                )
                if not tombstones.person_keys(person.pk, person.birth_date) & set(known):
                    tombstones.tombstone_write(
                        pk=person.pk,
                        birth_date=person.birth_date,
                        withdrawn_on=item.withdrawn_on,
                        basis=item.basis,
                        destroyed_on=today,
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
