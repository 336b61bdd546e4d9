"""Opening a wave of a questionnaire for chosen people, closing it, mailing the links.

Who is invited is read from the pairs: a mentor through the pair they lead, a mentee
through their membership, each with the pair (the entry/exit comparison groups by its
form). Nobody without a valid consent to personal data processing is invited — the
survey stores their answers, so the rule that keeps them out of pairs keeps them out here
too; they come back as «не приглашены: нет согласия» for the page to name.

The partner organisations' questionnaire goes to organisations, not people: each one with a
contact person gets one link (Invitation.organisation), which the contact person opens and
answers for the organisation. No consent is asked of them — the organisation's contact is
the college's business correspondence under its agreement, entered by the curator; one
without a contact person comes back as «не приглашены: не указано контактное лицо».
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.roles import Role
from mentorship.lib.names import full_name
from mentorship.lib.text import clean_spaces
from mentorship.pairs.models import Pair, PairMembership
from mentorship.people.consent_rules import consent_holds_q
from mentorship.people.models import College, PartnerOrganisation, Person

from .models import Invitation, Questionnaire, Wave

logger = logging.getLogger(__name__)

NO_CONSENT = "нет согласия"
NO_CONTACT = "не указано контактное лицо"
Role_ = Invitation.Role

# Who answers each questionnaire, in the order a person with two roles is invited in:
# the diagnostics measure the mentee's growth first.
AUDIENCE_ROLES = {
    Questionnaire.Audience.MENTEE: (Role_.MENTEE,),
    Questionnaire.Audience.MENTOR: (Role_.MENTOR,),
    Questionnaire.Audience.PARTICIPANT: (Role_.MENTEE, Role_.MENTOR),
    Questionnaire.Audience.CURATOR: (Role_.CURATOR,),
    Questionnaire.Audience.PARTNER: (Role_.PARTNER,),
}


def audience_roles(questionnaire: Questionnaire) -> tuple[str, ...]:
    return AUDIENCE_ROLES[questionnaire.audience]


@dataclass(frozen=True)
class Invitee:
    """One person to invite, in a role, with the pair they answer about (None: no pair);
    or, with person_id None, a partner organisation (organisation_id) in the partner role."""

    person_id: int | None
    role: str
    pair_id: int | None = None
    name: str = ""
    pair_label: str = ""
    organisation_id: int | None = None

    @property
    def role_label(self) -> str:
        return Role_(self.role).label


@dataclass(frozen=True)
class NotInvited:
    person_id: int | None  # None: a partner organisation
    name: str
    role: str
    reason: str

    @property
    def role_label(self) -> str:
        return Role_(self.role).label


@dataclass(frozen=True)
class WaveSelection:
    """Which participants a wave goes to. Every empty filter means «any»; with no filter at
    all it is every participant of the current pairs (being formed or at work).

    pairs — these pairs and groups whatever their status; include_closed_pairs — also the
    finished and ended-early pairs (a survey after the pairs have closed)."""

    roles: tuple[str, ...] = ()
    forms: tuple[int, ...] = ()
    mentor_statuses: tuple[str, ...] = ()
    mentee_statuses: tuple[str, ...] = ()
    pairs: tuple[int, ...] = ()
    include_closed_pairs: bool = False


@dataclass
class SelectionPreview:
    invitees: list[Invitee]
    not_invited: list[NotInvited]

    def count(self, role: str) -> int:
        return sum(1 for invitee in self.invitees if invitee.role == role)

    @property
    def mentors(self) -> int:
        return self.count(Role_.MENTOR)

    @property
    def mentees(self) -> int:
        return self.count(Role_.MENTEE)

    @property
    def curators(self) -> int:
        return self.count(Role_.CURATOR)

    @property
    def partners(self) -> int:
        return self.count(Role_.PARTNER)

    @property
    def no_consent(self) -> list[NotInvited]:
        return [item for item in self.not_invited if item.reason == NO_CONSENT]

    @property
    def no_contact(self) -> list[NotInvited]:
        return [item for item in self.not_invited if item.reason == NO_CONTACT]


@dataclass
class InviteResult:
    created: int = 0
    already: int = 0
    not_invited: list[NotInvited] = field(default_factory=list)


# --- selection -----------------------------------------------------------------------------


def _pair_label(pk: int, form_name: str) -> str:
    return f"№ {pk}, {form_name}"


def participants_select(selection: WaveSelection, *, roles: Sequence[str]) -> list[Invitee]:
    """Mentors and mentees of the chosen pairs, each person once (two queries).

    A person in several pairs is invited with the current one started last; a person who
    is both a mentor and a mentee, in the first of roles."""
    wanted = [role for role in roles if not selection.roles or role in selection.roles]
    pairs = Pair.objects.all()
    if selection.pairs:
        pairs = pairs.filter(pk__in=selection.pairs)
    elif not selection.include_closed_pairs:
        pairs = pairs.filter(status__in=Pair.CURRENT_STATUSES)
    if selection.forms:
        pairs = pairs.filter(form__in=selection.forms)

    rows = []  # (role rank, not current, -start ordinal, -pair pk, invitee)
    if Role_.MENTOR in wanted:
        mentors = pairs
        if selection.mentor_statuses:
            mentors = mentors.filter(mentor__status__in=selection.mentor_statuses)
        rows += _candidates(wanted, Role_.MENTOR, mentors, pair="", person="mentor__person__")
    if Role_.MENTEE in wanted:
        memberships = PairMembership.objects.filter(pair__in=pairs.values("pk"))
        if not selection.pairs and not selection.include_closed_pairs:
            memberships = memberships.filter(is_current=True)
        if selection.mentee_statuses:
            memberships = memberships.filter(mentee__status__in=selection.mentee_statuses)
        rows += _candidates(
            wanted, Role_.MENTEE, memberships, pair="pair__", person="mentee__person__"
        )
    chosen: dict[int, tuple] = {}
    for row in sorted(rows, key=lambda row: row[0]):
        chosen.setdefault(row[1].person_id, row)
    return sorted((row[1] for row in chosen.values()), key=lambda i: (i.name, i.person_id))


def _candidates(roles, role, queryset, *, pair: str, person: str) -> list[tuple]:
    """(rank, invitee) of each row of queryset (pairs or memberships, one query); pair and
    person: the lookup prefixes from its model to the pair and to the person."""
    names = [f"{person}{part}" for part in ("last_name", "first_name", "middle_name")]
    rows = queryset.values(
        f"{pair}pk",
        f"{pair}status",
        f"{pair}start_date",
        f"{pair}form__name",
        f"{person}id",
        *names,
    ).order_by()
    candidates = []
    for values in rows:
        pair_id = values[f"{pair}pk"]
        rank = (
            roles.index(role),
            values[f"{pair}status"] not in Pair.CURRENT_STATUSES,
            -values[f"{pair}start_date"].toordinal(),
            -pair_id,
        )
        invitee = Invitee(
            person_id=values[f"{person}id"],
            role=role,
            pair_id=pair_id,
            name=full_name(*(values[name] for name in names)),
            pair_label=_pair_label(pair_id, values[f"{pair}form__name"]),
        )
        candidates.append((rank, invitee))
    return candidates


def curators_select() -> list[Invitee]:
    """The people whose login holds the curator's role (one query)."""
    people = (
        Person.objects.filter(user__is_active=True, user__groups__name=Role.CURATOR.label)
        .distinct()
        .order_by("last_name", "first_name", "middle_name", "pk")
    )
    return [
        Invitee(person_id=p.pk, role=Role_.CURATOR, name=p.full_name)
        for p in people.only("pk", "last_name", "first_name", "middle_name")
    ]


def partners_select() -> list[Invitee]:
    """Every partner organisation, by name (one query); those without a contact person are
    left out by partners_split."""
    return [
        Invitee(person_id=None, role=Role_.PARTNER, name=name, organisation_id=pk)
        for pk, name in PartnerOrganisation.objects.order_by("name", "pk").values_list(
            "pk", "name"
        )
    ]


def wave_select(*, questionnaire: Questionnaire, selection: WaveSelection) -> list[Invitee]:
    """Everyone a selection covers for this questionnaire, before the consent check."""
    roles = audience_roles(questionnaire)
    if roles == (Role_.CURATOR,):
        return curators_select()
    if roles == (Role_.PARTNER,):
        return partners_select()
    return participants_select(selection, roles=roles)


def partners_split(invitees: Sequence[Invitee]) -> tuple[list[Invitee], list[NotInvited]]:
    """(organisations that have a contact person to answer, those that have not) — one
    query; names filled in."""
    organisations = {
        row["pk"]: row
        for row in PartnerOrganisation.objects.filter(
            pk__in={i.organisation_id for i in invitees}
        ).values("pk", "name", "contact_person")
    }
    allowed, refused = [], []
    for invitee in invitees:
        row = organisations.get(invitee.organisation_id)
        if row is None:
            raise ValidationError(
                f"Организации-партнёра с номером {invitee.organisation_id} нет в базе."
            )
        if row["contact_person"].strip():
            allowed.append(
                Invitee(None, Role_.PARTNER, name=row["name"], organisation_id=row["pk"])
            )
        else:
            refused.append(NotInvited(None, row["name"], Role_.PARTNER, NO_CONTACT))
    return allowed, refused


def invitees_split(
    invitees: Sequence[Invitee], *, on: dt.date
) -> tuple[list[Invitee], list[NotInvited]]:
    """consent_split for people, partners_split for organisations (two queries at most)."""
    people = [i for i in invitees if i.organisation_id is None]
    organisations = [i for i in invitees if i.organisation_id is not None]
    allowed, refused = consent_split(people, on=on) if people else ([], [])
    if organisations:
        more_allowed, more_refused = partners_split(organisations)
        allowed += more_allowed
        refused += more_refused
    return allowed, refused


def consent_split(
    invitees: Sequence[Invitee], *, on: dt.date
) -> tuple[list[Invitee], list[NotInvited]]:
    """(those who may be invited, those who may not) — one query; names filled in."""
    people = {
        row["pk"]: row
        for row in Person.objects.filter(pk__in={i.person_id for i in invitees})
        .annotate(consent_ok=consent_holds_q(on))
        .values("pk", "last_name", "first_name", "middle_name", "consent_ok")
    }
    allowed, refused = [], []
    for invitee in invitees:
        row = people.get(invitee.person_id)
        if row is None:
            raise ValidationError(f"Человека с номером {invitee.person_id} нет в базе.")
        name = invitee.name or full_name(row["last_name"], row["first_name"], row["middle_name"])
        if row["consent_ok"]:
            allowed.append(
                Invitee(invitee.person_id, invitee.role, invitee.pair_id, name, invitee.pair_label)
            )
        else:
            refused.append(NotInvited(invitee.person_id, name, invitee.role, NO_CONSENT))
    return allowed, refused


def wave_preview(
    *, questionnaire: Questionnaire, selection: WaveSelection, on: dt.date | None = None
) -> SelectionPreview:
    """Who a wave would go to and who it would leave out — what the page shows before the
    curator confirms."""
    on = on or timezone.localdate()
    allowed, refused = invitees_split(
        wave_select(questionnaire=questionnaire, selection=selection), on=on
    )
    return SelectionPreview(invitees=allowed, not_invited=refused)


# --- services ------------------------------------------------------------------------------


def _as_invitee(item) -> Invitee:
    if isinstance(item, Invitee):
        return item
    if isinstance(item, PartnerOrganisation):
        return Invitee(None, Role_.PARTNER, name=item.name, organisation_id=item.pk)
    person, pair, role = item
    return Invitee(
        person_id=getattr(person, "pk", person),
        role=str(role),
        pair_id=getattr(pair, "pk", pair),
    )


def wave_invite(
    *, wave: Wave, invitees: Iterable[Invitee | tuple], on: dt.date | None = None
) -> InviteResult:
    """Give personal links to those of invitees who have a valid consent and none yet.

    Safe to repeat: a person already invited keeps their link (and the database's unique
    wave + person constraint holds even if two requests race)."""
    on = on or timezone.localdate()
    if not wave.is_open(on):
        raise ValidationError("Опрос закрыт: приглашать в него больше нельзя.")
    invitees = [_as_invitee(item) for item in invitees]
    allowed_roles = audience_roles(wave.questionnaire)
    wrong = {i.role for i in invitees} - set(allowed_roles)
    if wrong:
        roles = ", ".join(Role_(r).label if r in Role_.values else r for r in sorted(wrong))
        raise ValidationError(
            f"Анкету «{wave.questionnaire.title}» заполняют "
            f"{wave.questionnaire.get_audience_display()}, а приглашены: {roles}."
        )
    allowed, refused = invitees_split(invitees, on=on)
    result = InviteResult(not_invited=refused)
    with transaction.atomic():
        # Keys: ("p", person id) or ("o", organisation id) — one link per respondent.
        existing = {
            ("o", organisation) if organisation is not None else ("p", person)
            for person, organisation in wave.invitations.values_list("person_id", "organisation_id")
        }
        new = {}
        for invitee in allowed:
            if invitee.organisation_id is not None:
                key = ("o", invitee.organisation_id)
            else:
                key = ("p", invitee.person_id)
            if key in existing or key in new:
                result.already += key in existing
                continue
            new[key] = Invitation(
                wave=wave,
                person_id=invitee.person_id,
                organisation_id=invitee.organisation_id,
                pair_id=invitee.pair_id,
                role=invitee.role,
            )
        Invitation.objects.bulk_create(new.values(), ignore_conflicts=True)
        result.created = len(new)
    return result


def wave_open(
    *,
    questionnaire: Questionnaire,
    title: str,
    closes_on: dt.date,
    by,
    selection: WaveSelection | None = None,
    people_with_pairs_and_roles: Iterable[Invitee | tuple] | None = None,
    opened_on: dt.date | None = None,
) -> Wave:
    """Open a wave and give each chosen person a personal link.

    Choose people by a selection (no selection and no list: every current participant the
    questionnaire is for; for the partners' questionnaire every partner organisation with a
    contact person), or pass (person, pair, role) triples or PartnerOrganisation objects.
    Those left out (no consent, no contact person) are on the returned wave as `not_invited`
    (list of NotInvited), the number of links made as `invited_count`."""
    if selection is not None and people_with_pairs_and_roles is not None:
        raise ValueError("Pass a selection or a list of people, not both.")
    opened_on = opened_on or timezone.localdate()
    if not questionnaire.is_active:
        raise ValidationError(f"Анкета «{questionnaire.title}» не используется.")
    if people_with_pairs_and_roles is None:
        invitees = wave_select(questionnaire=questionnaire, selection=selection or WaveSelection())
    else:
        invitees = [_as_invitee(item) for item in people_with_pairs_and_roles]
    if not invitees:
        if audience_roles(questionnaire) == (Role_.PARTNER,):
            raise ValidationError("Приглашать некого: в базе нет ни одной организации-партнёра.")
        raise ValidationError("Никто не выбран: под эти условия не подходит ни один участник.")
    with transaction.atomic():
        wave = Wave(
            questionnaire=questionnaire,
            title=clean_spaces(title),
            opened_on=opened_on,
            closes_on=closes_on,
            created_by=by,
        )
        if closes_on and closes_on < opened_on:
            raise ValidationError({"closes_on": "Дата окончания раньше даты открытия."})
        wave.full_clean()
        wave.save()
        result = wave_invite(wave=wave, invitees=invitees, on=opened_on)
        if not result.created:
            if audience_roles(questionnaire) == (Role_.PARTNER,):
                raise ValidationError(
                    "Приглашать некого: ни у одной организации-партнёра не указано контактное "
                    "лицо. Заполните его в карточке организации."
                )
            raise ValidationError(
                "Приглашать некого: ни у кого из выбранных нет действующего согласия на "
                "обработку персональных данных."
            )
    wave.not_invited = result.not_invited
    wave.invited_count = result.created
    return wave


def wave_close(*, wave: Wave, by) -> Wave:
    """Stop accepting answers now. Closing a closed wave changes nothing."""
    if wave.closed_early_at is not None:
        return wave
    today = timezone.localdate()
    if today > wave.closes_on:
        raise ValidationError(
            f"Приём ответов уже закончился {wave.closes_on:%d.%m.%Y}: закрывать нечего."
        )
    # Wave has no closed_by field: who closed it goes to the log.
    Wave.objects.filter(pk=wave.pk, closed_early_at__isnull=True).update(
        closed_early_at=timezone.now()
    )
    wave.refresh_from_db(fields=["closed_early_at"])
    logger.info("Wave %s closed early by %s", wave.pk, getattr(by, "pk", by))
    return wave


# --- links and e-mail ----------------------------------------------------------------------


# An invitation whose respondent (the person, or the organisation) has an e-mail address.
HAS_EMAIL = Q(person__isnull=False, person__email__gt="") | Q(
    organisation__isnull=False, organisation__email__gt=""
)


def invitation_path(token: str) -> str:
    """The personal link's path: the public filling page's, /s/<token>/ until it exists."""
    try:
        return reverse("surveys_public:fill", args=[token])
    except NoReverseMatch:
        return f"/s/{token}/"


def invitation_url(base_url: str, token: str) -> str:
    return base_url.rstrip("/") + invitation_path(token)


def invitation_email_build(*, invitation: Invitation, url: str, college: College) -> EmailMessage:
    wave = invitation.wave
    if invitation.organisation_id is not None:
        return _partner_email_build(invitation=invitation, url=url, college=college)
    person = invitation.person
    address = " ".join(p for p in (person.first_name, person.middle_name) if p)
    subject = f"«{wave.questionnaire.title}» — ваша персональная ссылка"
    body = (
        f"Здравствуйте, {address}!\n\n"
        f"Просим вас заполнить анкету программы наставничества в {college.short_name}: "
        f"«{wave.questionnaire.title}» ({wave.title}).\n\n"
        f"Ваша персональная ссылка:\n{url}\n\n"
        "Ссылка открывается без логина и пароля и действует один раз: после отправки "
        "ответов анкету нельзя заполнить повторно. Пожалуйста, не пересылайте её.\n\n"
        f"Ответы принимаются по {wave.closes_on:%d.%m.%Y} включительно.\n\n"
        "Если письмо пришло вам по ошибке, просто удалите его.\n\n"
        f"Куратор программы наставничества, {college.short_name}"
    )
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])


def _partner_email_build(*, invitation: Invitation, url: str, college: College) -> EmailMessage:
    wave = invitation.wave
    organisation = invitation.organisation
    subject = f"«{wave.questionnaire.title}» — ссылка для {organisation.name}"
    body = (
        f"Здравствуйте, {organisation.contact_person}!\n\n"
        f"{college.short_name} благодарит {organisation.name} за участие в программе "
        "наставничества и просит вас от имени организации заполнить анкету "
        f"«{wave.questionnaire.title}» ({wave.title}).\n\n"
        f"Персональная ссылка вашей организации:\n{url}\n\n"
        "Ссылка открывается без логина и пароля, в том числе с телефона, и действует один "
        "раз: после отправки ответов анкету нельзя заполнить повторно.\n\n"
        f"Ответы принимаются по {wave.closes_on:%d.%m.%Y} включительно.\n\n"
        "Если письмо пришло вам по ошибке, просто удалите его.\n\n"
        f"Куратор программы наставничества, {college.short_name}"
    )
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [organisation.email])


def invitations_email(*, wave: Wave, request_base_url: str, resend: bool = False) -> int:
    """Mail each invitee with an address their link; returns how many letters went.

    Only those who have not answered; a letter already sent is not sent again unless
    resend. Each invitation is claimed by a conditional UPDATE before its letter goes, so
    two clicks at once still send one letter; a letter that fails is released for a retry.
    """
    if not wave.is_open():
        raise ValidationError("Опрос закрыт: письма со ссылками больше не рассылаются.")
    invitations = (
        wave.invitations.filter(response__isnull=True)
        .filter(HAS_EMAIL)
        .select_related("person", "organisation", "wave__questionnaire")
        .order_by("pk")
    )
    if not resend:
        invitations = invitations.filter(email_sent_at__isnull=True)
    college = College.get()
    sent = 0
    with get_connection() as connection:
        for invitation in invitations:
            previous = invitation.email_sent_at
            now = timezone.now()
            claimed = Invitation.objects.filter(pk=invitation.pk, email_sent_at=previous)
            if previous is None:
                claimed = Invitation.objects.filter(pk=invitation.pk, email_sent_at__isnull=True)
            if not claimed.update(email_sent_at=now):
                continue  # another request has just sent it
            message = invitation_email_build(
                invitation=invitation,
                url=invitation_url(request_base_url, invitation.token),
                college=college,
            )
            message.connection = connection
            try:
                message.send()
            except (smtplib.SMTPException, OSError):
                logger.exception("Invitation %s: the letter was not sent", invitation.pk)
                Invitation.objects.filter(pk=invitation.pk).update(email_sent_at=previous)
                continue
            sent += 1
    return sent
