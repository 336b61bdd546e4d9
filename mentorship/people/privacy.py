"""The people base's personal data for the privacy registry (mentorship.privacy): what the
destruction of a person who withdrew their consent does to each field, and why the rest
may stay. The order of the entries is the order of the destruction act's lines.

The person's own row and an organisation's contact person are destroyed by
mentorship.people.destruction itself (the placeholder values, the other legal basis, a
contact matched by name); the login too is the people base's concern: a person is linked
to it here, accounts knows nothing of people.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat

from mentorship.privacy import How, ModelPrivacy, destroyed, free, kept, register

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

WRITTEN = "when the row was written"
KPI = "an aggregate of past years needs it; without the name it points at nobody"
CHOICE = "a choice from a fixed list, counted in the aggregates; names nobody"


def _logins_destroy(rows) -> int:
    """The login: deactivated, no usable password, names and e-mail gone, renamed."""
    return rows.update(
        is_active=False,
        first_name="",
        last_name="",
        email="",
        username=Concat(Value("udaleno-"), Cast("pk", output_field=CharField())),
        password=make_password(None),
    )


register(
    ModelPrivacy(
        Person,
        fields=(
            destroyed("last_name", How.REPLACE),
            destroyed("first_name", How.REPLACE),
            destroyed("middle_name", How.CLEAR),
            destroyed("birth_date", How.COARSEN_DATE),
            kept("kind", "the KPI denominators by category"),
            destroyed("study_group", How.CLEAR),
            kept("course", "the KPI denominators by course"),
            kept("study_form", "the KPI denominators of full-time students"),
            destroyed("specialty", How.CLEAR),
            destroyed("position", How.CLEAR),
            kept("experience_years", "the KPI of mentors' experience"),
            kept("organisation", "the KPI of partner organisations' staff"),
            destroyed("phone", How.CLEAR),
            destroyed("email", How.CLEAR),
            kept("graduated_on", "the KPI of alumni: who graduated in which year"),
            kept("has_disability", "the ОВЗ share of past years (обезличенные данные)"),
            destroyed("is_gifted", How.CLEAR),
            destroyed("hard_life_situation", How.CLEAR),
            destroyed("low_income_family", How.CLEAR),
            destroyed("rural", How.CLEAR),
            destroyed("orphan", How.CLEAR),
            destroyed("name_key", How.REPLACE),
            destroyed("natural_key", How.REPLACE),
            free("created_at", WRITTEN),
            free("updated_at", WRITTEN),
        ),
    ),
    ModelPrivacy(
        PartnerOrganisation,
        fields=(
            free("name", "an organisation, not a person"),
            free("inn", "an organisation's tax number"),
            free("agreement_number", "the college's agreement with the organisation"),
            free("agreement_date", "the college's agreement with the organisation"),
            # Cleared only when the contact is the person destroyed (matched by name).
            destroyed("contact_person", How.CLEAR),
            destroyed("phone", How.CLEAR),
            destroyed("email", How.CLEAR),
            free("address", "an organisation's address"),
        ),
    ),
    ModelPrivacy(
        MentorProfile,
        fields=(
            kept("status", CHOICE),
            destroyed("useful_for", How.CLEAR),
            kept("interview_date", KPI),
            free("appointment_order", "the number of the college's order"),
            kept("appointment_date", KPI),
            destroyed("notes", How.CLEAR),
            free("created_at", WRITTEN),
        ),
        rows=lambda person: Q(person=person),
        item="анкета наставника и заметки куратора, номера удостоверений",
    ),
    ModelPrivacy(
        MentorTraining,
        fields=(
            free("course_title", "a training programme, the same for every mentor in it"),
            free("provider", "an organisation"),
            kept("completed_on", "the KPI of trained mentors"),
            destroyed("certificate", How.CLEAR),
        ),
        rows=lambda person: Q(mentor__person=person),
        item="анкета наставника и заметки куратора, номера удостоверений",
    ),
    ModelPrivacy(
        MenteeProfile,
        fields=(
            kept("status", CHOICE),
            destroyed("notes", How.CLEAR),
            free("created_at", WRITTEN),
        ),
        rows=lambda person: Q(person=person),
        item="заметки куратора и описания запросов наставляемого",
    ),
    ModelPrivacy(
        MenteeRequest,
        fields=(
            destroyed("description", How.CLEAR),
            kept("raised_by", CHOICE),
            kept("raised_on", KPI),
        ),
        rows=lambda person: Q(mentee__person=person),
        item="заметки куратора и описания запросов наставляемого",
    ),
    ModelPrivacy(
        Consent,
        fields=(
            kept("signer", "the consent share of past years"),
            # A representative's consent must name someone (a check constraint).
            destroyed("representative_name", How.REPLACE),
            destroyed("representative_relation", How.CLEAR),
            kept("signed_on", "the consent share of past years"),
            destroyed("scan", How.DELETE_FILE),
            kept("withdrawn_on", "the consent share of past years; the act's date"),
            destroyed("withdrawal_reason", How.CLEAR),
            kept("withdrawal_basis", "the legal basis the act records"),
            free("created_at", WRITTEN),
        ),
        rows=lambda person: Q(person=person),
        item=(
            "ФИО и родство законного представителя, причина отзыва, сканы согласий "
            "(даты согласий сохранены)"
        ),
    ),
    ModelPrivacy(
        get_user_model(),
        fields=(
            destroyed("password", How.REPLACE),
            free("last_login", "the login is disabled and renamed"),
            destroyed("username", How.REPLACE),
            destroyed("first_name", How.CLEAR),
            destroyed("last_name", How.CLEAR),
            destroyed("email", How.CLEAR),
            destroyed("is_active", How.CLEAR),
            free("date_joined", "the login is disabled and renamed"),
        ),
        rows=lambda person: Q(person=person),
        destroy=_logins_destroy,
        item="учётная запись (отключена, имя и email удалены)",
    ),
    ModelPrivacy(
        DestructionAct,
        fields=(
            free("performed_on", "the act's date"),
            free("performed_at", WRITTEN),
            kept(
                "performed_by_label",
                "the act must say which office worker destroyed the data",
            ),
        ),
    ),
    ModelPrivacy(
        DestructionActRow,
        fields=(
            free("kind", "the act names the person by internal number and category only"),
            free("consent_withdrawn_on", "the act names the person by internal number only"),
            free("destroyed", "what was destroyed, never whose"),
            free("legal_basis", "a choice from a fixed list"),
            free("kept", "a fixed text per legal basis"),
        ),
    ),
)
