"""The questionnaire form (every question kind's validation) and the services that store a
response: once per link, only while the wave is open, only with a consent."""

import datetime as dt
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mentorship.people.consent_rules import consent_holds
from mentorship.people.models import Consent
from mentorship.surveys import responses
from mentorship.surveys.forms.questionnaire import (
    INVALID_CHOICE,
    REQUIRED,
    questionnaire_form,
    questionnaire_form_class,
)
from mentorship.surveys.models import (
    Answer,
    Choice,
    Invitation,
    Question,
    Questionnaire,
    Response,
)
from mentorship.surveys.models.questionnaires import SCALE_INSTRUCTION
from mentorship.surveys.responses import (
    AlreadySubmitted,
    InvalidAnswers,
    NoConsent,
    SurveyClosed,
    SurveyNotStarted,
    invitation_by_token,
    invitation_check,
    invitations_with_check_facts,
    response_enter_paper,
    response_submit,
    response_submit_by_token,
)
from tests.factories import ConsentFactory, PersonFactory, UserFactory

from .factories import InvitationFactory, WaveFactory

pytestmark = pytest.mark.django_db

KINDS = [kind.value for kind in Question.Kind]
TODAY = timezone.localdate


@pytest.fixture
def every_kind():
    """A questionnaire with one required question of each kind, in the order of KINDS, and a
    second single-choice question whose options must not be accepted for the first."""
    questionnaire = Questionnaire.objects.create(
        code="every-kind", title="Все виды вопросов", purpose="satisfaction", audience="mentee"
    )
    for order, kind in enumerate(KINDS, start=1):
        question = Question.objects.create(
            questionnaire=questionnaire, order=order, kind=kind, text=f"Вопрос «{kind}»"
        )
        if kind in Question.CHOICE_KINDS:
            for n, text in enumerate(["первый", "второй", "третий"], start=1):
                Choice.objects.create(question=question, order=n, text=text)
    other = Question.objects.create(
        questionnaire=questionnaire, order=99, kind="single", text="Другой", required=False
    )
    Choice.objects.create(question=other, order=1, text="чужой вариант")
    return questionnaire


def question(questionnaire, kind) -> Question:
    return questionnaire.questions.filter(kind=kind).order_by("order").first()


def full_data(questionnaire, **overrides) -> dict:
    data = {}
    for q in questionnaire.questions.filter(required=True):
        first, second = (list(q.choices.values_list("pk", flat=True)) + [None, None])[:2]
        data[f"q_{q.pk}"] = {
            "scale": "7",
            "yes_no": "no",
            "single": str(first),
            "multiple": [str(first), str(second)],
            "short_text": "коротко",
            "long_text": "подробно",
        }[q.kind]
    data.update(overrides)
    return data


def field_of(questionnaire, kind) -> str:
    return f"q_{question(questionnaire, kind).pk}"


# --- the form ------------------------------------------------------------------------


def test_form_has_a_field_per_question_in_order(every_kind):
    form = questionnaire_form(questionnaire=every_kind)
    assert list(form.fields) == [f"q_{q.pk}" for q in every_kind.questions.order_by("order")]
    assert [form.fields[name].label for name in list(form.fields)[:2]] == [
        "1. Вопрос «scale»",
        "2. Вопрос «yes_no»",
    ]


def test_form_scale_question_carries_the_instruction(every_kind):
    form = questionnaire_form(questionnaire=every_kind)
    field = form.fields[field_of(every_kind, "scale")]
    assert SCALE_INSTRUCTION in field.help_text
    assert [value for value, _ in field.choices] == [str(n) for n in range(1, 11)]


def resolve(questionnaire, kind, raw):
    """Raw POST value with placeholders: "choice:<n>" is the n-th option of the question,
    "foreign" an option of another question of the same questionnaire."""
    if isinstance(raw, list):
        return [resolve(questionnaire, kind, item) for item in raw]
    if raw == "foreign":
        return str(questionnaire.questions.get(order=99).choices.get().pk)
    if isinstance(raw, str) and raw.startswith("choice:"):
        options = question(questionnaire, kind).choices.values_list("pk", flat=True)
        return str(list(options)[int(raw.split(":")[1])])
    return raw


def with_facts(invitation, on=None):
    return invitations_with_check_facts(
        Invitation.objects.select_related("wave", "person").filter(pk=invitation.pk),
        on or TODAY(),
    ).get()


def test_the_facts_fetched_with_the_invitation_spare_the_checks_queries(
    invitation, django_assert_num_queries
):
    fetched = with_facts(invitation)
    with django_assert_num_queries(0):
        invitation_check(invitation=fetched)
    # Facts of another day are not used: the check asks the database (response, consent).
    yesterday = with_facts(invitation, TODAY() - dt.timedelta(days=1))
    with django_assert_num_queries(2):
        invitation_check(invitation=yesterday)


def test_the_link_read_by_token_is_the_querysets_with_the_facts_of_the_day_asked(
    invitation, django_assert_num_queries
):
    """invitation_by_token: one query compiled once per process and day (issue 16), the
    facts of the day it is asked for — a day that changes compiles it again, with the new
    day's dates (a consent signed today holds today, not yesterday)."""
    today, yesterday = TODAY(), TODAY() - dt.timedelta(days=1)
    invitation.person.consents.update(signed_on=today)
    with django_assert_num_queries(1):
        fetched = invitation_by_token(invitation.token)
    expected = with_facts(invitation)
    assert fetched.pk == invitation.pk and fetched.wave.questionnaire == expected.wave.questionnaire
    assert (fetched.check_facts_on, fetched.check_answered, fetched.check_consent_holds) == (
        today,
        False,
        True,
    )
    before = invitation_by_token(invitation.token, yesterday)
    assert (before.check_facts_on, before.check_consent_holds) == (yesterday, False)
    assert before.check_consent_holds is with_facts(invitation, yesterday).check_consent_holds
    assert invitation_by_token(invitation.token).check_consent_holds is True
    # Nothing is kept but the SQL: a response stored since is in the next read.
    response_submit(invitation=invitation, answers=answers_for(invitation.wave.questionnaire))
    assert invitation_by_token(invitation.token).check_answered is True
    assert invitation_by_token("x" * 65) is None
    assert invitation_by_token("no-such-token") is None


def test_a_response_stored_after_the_facts_were_fetched_is_still_refused(invitation, every_kind):
    """The facts are as of the fetch; the service checks again under the row lock."""
    fetched = with_facts(invitation)
    invitation_check(invitation=fetched)  # no response yet
    response_submit(invitation=invitation, answers=answers_for(every_kind))
    with pytest.raises(AlreadySubmitted):
        response_submit(invitation=fetched, answers=answers_for(every_kind, scale=1))
    assert Response.objects.count() == 1


def test_a_consent_withdrawn_after_the_facts_were_fetched_is_still_refused(
    invitation, every_kind
):
    fetched = with_facts(invitation)
    invitation.person.consents.update(withdrawn_on=TODAY())
    with pytest.raises(NoConsent):
        response_submit(invitation=fetched, answers=answers_for(every_kind))
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    ("age", "signer", "withdrawn"),
    [
        (16, Consent.Signer.REPRESENTATIVE, False),
        (16, Consent.Signer.SELF, False),  # a minor's own signature is not enough
        (30, Consent.Signer.SELF, False),
        (30, Consent.Signer.SELF, True),
        (None, None, False),  # no consent at all
    ],
)
def test_the_fetched_consent_fact_is_rules_consent_holds(every_kind, age, signer, withdrawn):
    born = TODAY() - dt.timedelta(days=int((age or 20) * 365.25) + 10)
    person = PersonFactory(birth_date=born)
    if signer:
        ConsentFactory(
            person=person,
            signer=signer,
            signed_on=TODAY() - dt.timedelta(days=30),
            withdrawn_on=TODAY() if withdrawn else None,
        )
    invitation = InvitationFactory(person=person, wave=WaveFactory(questionnaire=every_kind))
    fetched = with_facts(invitation)
    assert fetched.check_consent_holds is consent_holds(person, TODAY())
    if consent_holds(person, TODAY()):
        invitation_check(invitation=fetched)
    else:
        with pytest.raises(NoConsent):
            invitation_check(invitation=fetched)


def test_submit_with_the_forms_questions_reads_them_no_more(
    invitation, every_kind, django_assert_num_queries
):
    questions = list(every_kind.questions.prefetch_related("choices"))
    answers = answers_for(every_kind)
    with CaptureQueriesContext(connection) as read_here:
        response_submit(invitation=invitation, answers=answers)
    Response.objects.all().delete()
    with CaptureQueriesContext(connection) as given:
        response_submit(invitation=invitation, answers=answers, questions=questions)
    assert len(given) == len(read_here) - 2  # the questions and their choices
    assert Response.objects.get().answers.count() == len(KINDS)


def test_submit_refuses_questions_of_another_questionnaire(invitation, every_kind):
    other = Questionnaire.objects.create(
        code="other", title="Другая", purpose="satisfaction", audience="mentee"
    )
    stranger = Question.objects.create(questionnaire=other, order=1, kind="scale", text="?")
    with pytest.raises(ValueError):
        response_submit(invitation=invitation, answers={}, questions=[stranger])
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("scale", "1", 1),
        ("scale", "10", 10),
        ("yes_no", "yes", True),
        ("yes_no", "no", False),
        ("single", "choice:1", "choice:1"),
        ("multiple", ["choice:0", "choice:2"], ["choice:0", "choice:2"]),
        ("short_text", "  12 пар  ", "12 пар"),
        ("short_text", "я" * 300, "я" * 300),
        ("long_text", "строка 1\nстрока 2", "строка 1\nстрока 2"),
        ("long_text", "ё" * 5000, "ё" * 5000),
    ],
    ids=[
        "scale-1",
        "scale-10",
        "yes",
        "no",
        "single",
        "multiple",
        "short-stripped",
        "short-300",
        "long-lines",
        "long-5000",
    ],
)
def test_form_accepts_valid_answer(every_kind, kind, raw, expected):
    name = field_of(every_kind, kind)
    data = full_data(every_kind, **{name: resolve(every_kind, kind, raw)})
    form = questionnaire_form(questionnaire=every_kind, data=data)
    assert form.is_valid(), form.errors
    value = form.cleaned_data[name]
    if kind in Question.CHOICE_KINDS:
        value = [str(c.pk) for c in value] if kind == "multiple" else str(value.pk)
    assert value == resolve(every_kind, kind, expected)


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        ("scale", "0", INVALID_CHOICE),
        ("scale", "11", INVALID_CHOICE),
        ("scale", "7.5", INVALID_CHOICE),
        ("scale", "семь", INVALID_CHOICE),
        ("yes_no", "maybe", INVALID_CHOICE),
        ("single", "foreign", INVALID_CHOICE),
        ("single", "999999", INVALID_CHOICE),
        ("single", "<b>1</b>", INVALID_CHOICE),
        ("multiple", ["choice:0", "foreign"], INVALID_CHOICE),
        ("multiple", ["999999"], INVALID_CHOICE),
        ("short_text", "я" * 301, "не больше 300 знаков (сейчас 301)"),
        ("long_text", "ж" * 5001, "не больше 5000 знаков (сейчас 5001)"),
        ("long_text", "ж" * 10_000, "не больше 5000 знаков (сейчас 10000)"),
    ]
    + [(kind, "" if kind != "multiple" else [], REQUIRED) for kind in KINDS],
    ids=[
        "scale-0",
        "scale-11",
        "scale-fraction",
        "scale-word",
        "yes-no-other",
        "single-foreign-option",
        "single-unknown-id",
        "single-html",
        "multiple-foreign",
        "multiple-unknown",
        "short-301",
        "long-5001",
        "long-10k",
    ]
    + [f"{kind}-required" for kind in KINDS],
)
def test_form_rejects_invalid_answer_in_russian(every_kind, kind, raw, message):
    name = field_of(every_kind, kind)
    data = full_data(every_kind, **{name: resolve(every_kind, kind, raw)})
    form = questionnaire_form(questionnaire=every_kind, data=data)
    assert not form.is_valid()
    assert list(form.errors) == [name]
    assert message in form.errors[name][0]


@pytest.mark.parametrize("kind", KINDS)
def test_form_optional_question_may_stay_empty(every_kind, kind):
    q = question(every_kind, kind)
    q.required = False
    q.save()
    data = full_data(every_kind)
    data.pop(f"q_{q.pk}", None)
    form = questionnaire_form(questionnaire=every_kind, data=data)
    assert form.is_valid(), form.errors
    assert form.answers()[q] in (None, "", [])


@pytest.mark.parametrize(("kind", "radios"), [("scale", 10), ("yes_no", 2)])
def test_form_draws_scale_and_yes_no_as_radio_buttons(every_kind, kind, radios):
    form = questionnaire_form(questionnaire=every_kind)
    widget = form.fields[field_of(every_kind, kind)].widget
    assert widget.is_buttons and getattr(widget, "is_scale", False) == (kind == "scale")
    assert str(form[field_of(every_kind, kind)]).count('type="radio"') == radios


# --- the services --------------------------------------------------------------------


def answers_for(questionnaire, **by_kind):
    """Service answers for every required question (a mapping question → value)."""
    answers = {}
    for q in questionnaire.questions.filter(required=True).prefetch_related("choices"):
        choices = list(q.choices.all())
        answers[q] = by_kind.get(
            q.kind,
            {
                "scale": 8,
                "yes_no": True,
                "single": choices[:1] and choices[0],
                "multiple": choices[:2],
                "short_text": "12 пар",
                "long_text": "Больше практики.",
            }[q.kind],
        )
    return answers


@pytest.fixture
def invitation(every_kind):
    return InvitationFactory(wave=WaveFactory(questionnaire=every_kind))


def test_submit_stores_one_response_with_every_kind_of_answer(invitation, every_kind):
    answers = answers_for(every_kind)
    response = response_submit(invitation=invitation, answers=answers)

    assert Response.objects.get() == response
    assert response.source == Response.Source.ONLINE and response.entered_by is None
    stored = {a.question.kind: a for a in response.answers.select_related("question")}
    assert set(stored) == set(KINDS)
    assert stored["scale"].number == 8
    assert stored["yes_no"].number == 1
    assert list(stored["single"].choices.all()) == [answers[question(every_kind, "single")]]
    assert (
        list(stored["multiple"].choices.order_by("order"))
        == answers[question(every_kind, "multiple")]
    )
    assert stored["short_text"].text == "12 пар"
    assert stored["long_text"].text == "Больше практики."


def test_submit_stores_no_as_zero(invitation, every_kind):
    response = response_submit(invitation=invitation, answers=answers_for(every_kind, yes_no=False))
    assert response.answers.get(question__kind="yes_no").number == 0


def test_submit_writes_no_row_for_an_unanswered_optional_question(invitation, every_kind):
    q = question(every_kind, "long_text")
    q.required = False
    q.save()
    response = response_submit(invitation=invitation, answers=answers_for(every_kind) | {q: ""})
    assert not response.answers.filter(question=q).exists()
    assert response.answers.count() == len(KINDS) - 1


def test_submit_keeps_html_exactly_as_typed(invitation, every_kind):
    script = '<script>alert("x")</script> & <b>жирный</b>'
    response = response_submit(
        invitation=invitation, answers=answers_for(every_kind, long_text=script)
    )
    assert response.answers.get(question__kind="long_text").text == script


def test_submit_twice_is_refused_and_stores_one_response(invitation, every_kind):
    response_submit(invitation=invitation, answers=answers_for(every_kind))
    with pytest.raises(AlreadySubmitted) as refused:
        response_submit(invitation=invitation, answers=answers_for(every_kind, scale=1))
    assert refused.value.message == "Эта анкета уже заполнена. Спасибо!"
    assert Response.objects.count() == 1
    assert Answer.objects.get(question__kind="scale").number == 8


def test_submit_racing_past_the_check_meets_the_database_constraint(invitation, every_kind):
    """The one-to-one is the last line: with the check skipped, the IntegrityError of a
    second response still becomes a polite AlreadySubmitted, and nothing more is stored."""
    response_submit(invitation=invitation, answers=answers_for(every_kind))
    with mock.patch.object(responses, "invitation_check"), pytest.raises(AlreadySubmitted):
        response_submit(invitation=invitation, answers=answers_for(every_kind))
    assert Response.objects.count() == 1
    assert Answer.objects.count() == len(KINDS)


@pytest.mark.parametrize(
    ("wave", "error"),
    [
        ({"closes_on": lambda: TODAY() - dt.timedelta(days=1)}, SurveyClosed),
        ({"closed_early_at": lambda: timezone.now() - dt.timedelta(hours=1)}, SurveyClosed),
        (
            {
                "opened_on": lambda: TODAY() + dt.timedelta(days=1),
                "closes_on": lambda: TODAY() + dt.timedelta(days=10),
            },
            SurveyNotStarted,
        ),
    ],
    ids=["expired", "closed-early", "not-yet-open"],
)
def test_submit_outside_the_wave_dates_is_refused_and_stores_nothing(every_kind, wave, error):
    invitation = InvitationFactory(
        wave=WaveFactory(questionnaire=every_kind, **{k: f() for k, f in wave.items()})
    )
    with pytest.raises(error):
        response_submit(invitation=invitation, answers=answers_for(every_kind))
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_submit_on_the_closing_day_is_accepted(every_kind):
    invitation = InvitationFactory(wave=WaveFactory(questionnaire=every_kind, closes_on=TODAY()))
    assert response_submit(invitation=invitation, answers=answers_for(every_kind))


@pytest.mark.parametrize(
    "person",
    [
        lambda: PersonFactory(),
        lambda: ConsentFactory(withdrawn_on=TODAY()).person,
        lambda: ConsentFactory(signed_on=TODAY() + dt.timedelta(days=1)).person,
        # A minor's own signature is not a consent: a legal representative signs it.
        lambda: (
            ConsentFactory(
                person=PersonFactory(birth_date=TODAY() - dt.timedelta(days=16 * 366)),
                signer=Consent.Signer.SELF,
                representative_name="",
            ).person
        ),
    ],
    ids=["no-consent", "withdrawn", "signed-later", "minor-self-signed"],
)
def test_submit_without_a_valid_consent_is_refused_and_stores_nothing(every_kind, person):
    invitation = InvitationFactory(wave=WaveFactory(questionnaire=every_kind), person=person())
    with pytest.raises(NoConsent) as refused:
        response_submit(invitation=invitation, answers=answers_for(every_kind))
    assert "нет согласия на обработку персональных данных" in refused.value.message
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda q, a: a.pop(question(q, "scale")),
            "Не отвечен обязательный вопрос «Вопрос «scale»».",
        ),
        (lambda q, a: a.update({question(q, "scale"): 11}), "от 1 до 10"),
        (lambda q, a: a.update({question(q, "scale"): "7"}), "не подходит к его типу"),
        (lambda q, a: a.update({question(q, "yes_no"): "да"}), "не подходит к его типу"),
        (
            lambda q, a: a.update({question(q, "single"): q.questions.get(order=99).choices.get()}),
            "выбран вариант не из списка",
        ),
        (lambda q, a: a.update({question(q, "multiple"): [0]}), "выбран вариант не из списка"),
        (lambda q, a: a.update({question(q, "short_text"): "я" * 301}), "длиннее 300 знаков"),
        (lambda q, a: a.update({question(q, "long_text"): "я" * 10_000}), "длиннее 5000 знаков"),
        (
            lambda q, a: a.update({Question.objects.exclude(questionnaire=q).first(): 5}),
            "не из этой анкеты",
        ),
    ],
    ids=[
        "required-missing",
        "scale-11",
        "scale-str",
        "yes-no-str",
        "foreign-choice",
        "unknown-choice",
        "short-301",
        "long-10k",
        "foreign-question",
    ],
)
def test_submit_rejects_answers_that_do_not_fit_and_stores_nothing(
    invitation, every_kind, change, message
):
    answers = answers_for(every_kind)
    change(every_kind, answers)
    with pytest.raises(InvalidAnswers) as refused:
        response_submit(invitation=invitation, answers=answers)
    assert message in refused.value.message
    assert not Response.objects.exists()


# --- paper ---------------------------------------------------------------------------


def test_paper_entry_is_stored_as_paper_by_the_curator(invitation, every_kind):
    curator = UserFactory()
    response = response_enter_paper(
        invitation=invitation, answers=answers_for(every_kind), by=curator
    )
    assert response.source == Response.Source.PAPER and response.entered_by == curator
    assert response.answers.count() == len(KINDS)


def test_paper_entry_after_an_online_response_is_refused(invitation, every_kind):
    response_submit(invitation=invitation, answers=answers_for(every_kind))
    with pytest.raises(AlreadySubmitted):
        response_enter_paper(
            invitation=invitation, answers=answers_for(every_kind), by=UserFactory()
        )
    assert Response.objects.get().source == Response.Source.ONLINE


@pytest.mark.parametrize(
    ("closed_days_ago", "early", "accepted"),
    [(1, False, True), (30, False, True), (31, False, False), (30, True, True), (31, True, False)],
    ids=["yesterday", "grace-last-day", "grace-over", "early-grace-last-day", "early-grace-over"],
)
def test_paper_entry_after_closing_is_allowed_for_the_grace_period(
    every_kind, closed_days_ago, early, accepted
):
    closed = TODAY() - dt.timedelta(days=closed_days_ago)
    wave = WaveFactory(
        questionnaire=every_kind,
        opened_on=closed - dt.timedelta(days=60),
        # Closed early: the closing date is still ahead, the early close is what counts.
        closes_on=TODAY() + dt.timedelta(days=5) if early else closed,
        closed_early_at=(
            timezone.make_aware(dt.datetime.combine(closed, dt.time(12))) if early else None
        ),
    )
    invitation = InvitationFactory(wave=wave)
    assert responses.PAPER_GRACE_DAYS == 30
    if accepted:
        response_enter_paper(
            invitation=invitation, answers=answers_for(every_kind), by=UserFactory()
        )
        assert Response.objects.count() == 1
    else:
        with pytest.raises(SurveyClosed) as refused:
            response_enter_paper(
                invitation=invitation, answers=answers_for(every_kind), by=UserFactory()
            )
        assert "не позже 30 дней после закрытия" in refused.value.message
        assert not Response.objects.exists()


def test_paper_entry_without_consent_is_refused(every_kind):
    invitation = InvitationFactory(
        wave=WaveFactory(questionnaire=every_kind), person=PersonFactory()
    )
    with pytest.raises(NoConsent):
        response_enter_paper(
            invitation=invitation, answers=answers_for(every_kind), by=UserFactory()
        )
    assert not Response.objects.exists()


def test_the_forms_questions_and_choices_are_read_in_order_without_joins(
    every_kind, django_assert_num_queries
):
    """Two queries on the questions' and choices' own tables (issue 16: the default
    orderings joined the questionnaire to sort by its title), in the order the curator set
    — not the order of creation."""
    first = question(every_kind, "scale")
    first.order = 100
    first.save()
    multiple = question(every_kind, "multiple")
    last_choice = multiple.choices.order_by("pk").first()
    last_choice.order = 100
    last_choice.save()
    with CaptureQueriesContext(connection) as read:
        form = questionnaire_form(questionnaire=every_kind)
    assert len(read) == 2
    assert all("JOIN" not in query["sql"] for query in read.captured_queries)
    expected = list(every_kind.questions.order_by("order", "pk"))
    assert list(form.questions.values()) == expected
    assert list(form.fields)[-1] == f"q_{first.pk}"
    offered = [value for value, _label in form.fields[f"q_{multiple.pk}"].choices]
    assert offered[-1] == str(last_choice.pk)
    assert offered == [str(c.pk) for c in multiple.choices.order_by("order", "pk")]


def test_the_kept_form_class_draws_and_checks_as_a_form_built_from_the_questions(
    every_kind, django_assert_num_queries
):
    """questionnaire_form_class (issue 16): made once per process and questions_revision,
    the same fields, drawn version and answers as a form built from the questions; every
    form gets its own copies of the fields (a form drawn with errors changes nothing for
    the next); a new revision builds a new class from the questions as they are then."""
    every_kind.refresh_from_db()
    form_class = questionnaire_form_class(every_kind)
    with django_assert_num_queries(0):
        assert questionnaire_form_class(every_kind) is form_class
    built = questionnaire_form(questionnaire=every_kind)
    kept = form_class()
    assert list(kept.fields) == list(built.fields)
    assert kept.fields_version == built.fields_version
    assert [str(f.label) for f in kept.fields.values()] == [
        str(f.label) for f in built.fields.values()
    ]
    assert kept.questions == built.questions
    fresh = form_class()
    for name, field in kept.fields.items():
        assert field is not fresh.fields[name] and field.widget is not fresh.fields[name].widget
        assert field.widget.attrs is not fresh.fields[name].widget.attrs
        field.widget.attrs["class"] = "is-invalid"  # as crispy does while drawing errors
        field.error_messages["required"] = "другое"
    again = form_class()
    assert again.fields_version == built.fields_version
    assert all("is-invalid" not in f.widget.attrs.get("class", "") for f in again.fields.values())
    assert all(f.error_messages["required"] == REQUIRED for f in again.fields.values())
    assert [list(f.widget.choices) for f in again.fields.values() if hasattr(f, "choices")] == [
        list(f.widget.choices) for f in built.fields.values() if hasattr(f, "choices")
    ]
    assert str(form_class()) == str(questionnaire_form(questionnaire=every_kind))
    data = {
        name: "8" if q.kind == "scale" else "yes" if q.kind == "yes_no" else "ответ"
        for name, q in built.questions.items()
        if q.kind not in Question.CHOICE_KINDS
    }
    for name, q in built.questions.items():
        if q.kind in Question.CHOICE_KINDS:
            first = str(q.choices.all()[0].pk)
            data[name] = first if q.kind == "single" else [first]
    bound_kept = form_class(data)
    bound_built = questionnaire_form(questionnaire=every_kind, data=data)
    assert bound_kept.is_valid() and bound_built.is_valid()
    assert bound_kept.answers() == bound_built.answers()
    scale = question(every_kind, "scale")
    scale.text = "Новый текст вопроса"
    scale.save()
    every_kind.refresh_from_db()
    changed = questionnaire_form_class(every_kind)
    assert changed is not form_class
    assert "Новый текст вопроса" in str(changed().fields[f"q_{scale.pk}"].label)


def test_submit_by_token_reads_the_link_once_under_its_lock_and_asks_for_the_answers_last(
    invitation, every_kind, django_assert_num_queries
):
    """response_submit_by_token (issue 16: a person's POST): the lock, the invitation with
    its facts, then — the link checked — the answers from the caller; stored once."""
    asked = []

    def answers_of(fetched):
        asked.append(fetched)
        return answers_for(every_kind), list(every_kind.questions.prefetch_related("choices"))

    for token in ("no-such-token", "x" * 65):
        assert response_submit_by_token(token=token, answers_of=answers_of) == (None, None)
    assert asked == []
    # A form with errors: the link checked, nothing stored.
    found, stored = response_submit_by_token(token=invitation.token, answers_of=lambda _i: None)
    assert (found.pk, stored) == (invitation.pk, None) and not Response.objects.exists()
    found, stored = response_submit_by_token(token=invitation.token, answers_of=answers_of)
    assert [i.pk for i in asked] == [invitation.pk] and found.pk == invitation.pk
    assert asked[0].check_answered is False and asked[0].check_facts_on == TODAY()
    assert Response.objects.get() == stored and stored.source == Response.Source.ONLINE
    assert stored.answers.count() == len(KINDS)
    assert stored.history.count() == 1
    # Refused before the answers are asked for: a used link, then a closed wave.
    with pytest.raises(AlreadySubmitted):
        response_submit_by_token(token=invitation.token, answers_of=answers_of)
    other = InvitationFactory(wave=WaveFactory(questionnaire=every_kind))
    other.wave.closed_early_at = timezone.now()
    other.wave.save()
    with pytest.raises(SurveyClosed):
        response_submit_by_token(token=other.token, answers_of=answers_of)
    assert len(asked) == 1 and Response.objects.count() == 1


def test_submit_by_token_refuses_answers_that_do_not_fit_and_stores_nothing(
    invitation, every_kind
):
    questions = list(every_kind.questions.prefetch_related("choices"))
    answers = answers_for(every_kind)
    del answers[question(every_kind, "scale")]
    with pytest.raises(InvalidAnswers):
        response_submit_by_token(
            token=invitation.token, answers_of=lambda _i: (answers, questions)
        )
    assert not Response.objects.exists()

