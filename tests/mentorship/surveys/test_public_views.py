"""The personal link /s/<token>/: what a person sees and what the database holds, for a good
answer and for every way it can go wrong (RELIABILITY, surveys)."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from mentorship.surveys.models import Answer, Invitation, Question, Response
from mentorship.surveys.models.questionnaires import SCALE_INSTRUCTION
from tests.factories import PersonFactory, consented

from .factories import InvitationFactory, WaveFactory, answers_post

pytestmark = pytest.mark.django_db

ALREADY = "Эта анкета уже заполнена. Спасибо!"
THANKS = "Спасибо! Ваши ответы сохранены."
CLOSED = "Приём ответов по этой анкете завершён"
NO_CONSENT = (
    "Анкета недоступна: нет согласия на обработку персональных данных. Обратитесь к куратору."
)
REQUIRED = "Ответьте на этот вопрос."


@pytest.fixture
def invitation():
    person = consented(
        PersonFactory(last_name="Кузнецова", first_name="Алёна", middle_name="Игоревна")
    )
    return InvitationFactory(person=person)


def fill_url(invitation: Invitation) -> str:
    return reverse("surveys_public:fill", kwargs={"token": invitation.token})


def done_url(invitation: Invitation) -> str:
    return reverse("surveys_public:done", kwargs={"token": invitation.token})


def page_text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def checked(text: str, question: Question) -> list[str]:
    """The values of the question's radios and checkboxes drawn checked."""
    inputs = re.findall(rf'<input[^>]*name="q_{question.pk}"[^>]*>', text)
    return [re.search(r'value="([^"]*)"', tag).group(1) for tag in inputs if " checked" in tag]


def questions(invitation, kind):
    return invitation.wave.questionnaire.questions.filter(kind=kind)


# --- a good answer -------------------------------------------------------------------


def test_fill_shows_title_intro_and_the_first_name_only(client, invitation):
    response = client.get(fill_url(invitation))
    assert response.status_code == 200
    text = page_text(response)
    questionnaire = invitation.wave.questionnaire
    assert questionnaire.title in text
    assert "Здравствуйте, Алёна!" in text
    assert "Кузнецова" not in text and "Игоревна" not in text
    assert invitation.person.birth_date.strftime("%d.%m.%Y") not in text
    assert text.count(SCALE_INSTRUCTION) == questions(invitation, "scale").count()
    # No office navigation or login links on a public page.
    assert "Выйти" not in text and "/login/" not in text
    assert all(f'name="q_{q.pk}"' in text for q in questionnaire.questions.all())


def test_fill_pages_are_not_cached_indexed_or_referred(client, invitation):
    for response in (
        client.get(fill_url(invitation)),
        client.get("/s/" + "x" * 43 + "/"),
    ):
        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"].startswith("noindex")
        # Not "no-referrer": browsers would then send `Origin: null` and fail the CSRF check.
        assert response["Referrer-Policy"] == "same-origin"


def test_fill_post_stores_the_answers_and_redirects_to_thanks(client, invitation):
    response = client.post(fill_url(invitation), answers_post(invitation.wave.questionnaire))
    assert response.status_code == 302 and response["Location"] == done_url(invitation)

    stored = Response.objects.get()
    assert stored.invitation == invitation and stored.source == Response.Source.ONLINE
    assert stored.answers.count() == invitation.wave.questionnaire.questions.count()
    assert set(stored.answers.filter(question__kind="scale").values_list("number", flat=True)) == {
        7
    }

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and THANKS in page_text(thanks)
    assert "no-store" in thanks["Cache-Control"]


def test_done_before_answering_leads_back_to_the_form(client, invitation):
    response = client.get(done_url(invitation))
    assert response.status_code == 302 and response["Location"] == fill_url(invitation)


# --- validation ----------------------------------------------------------------------


def test_fill_missing_required_answer_keeps_the_other_answers(client, invitation):
    questionnaire = invitation.wave.questionnaire
    first_scale, second_scale = questions(invitation, "scale")[:2]
    single = questions(invitation, "single").get()
    long_text = questions(invitation, "long_text").get()
    chosen = single.choices.order_by("order")[2]
    data = answers_post(
        questionnaire,
        **{
            f"q_{first_scale.pk}": None,
            f"q_{second_scale.pk}": "3",
            f"q_{single.pk}": str(chosen.pk),
            f"q_{long_text.pk}": "Мой длинный ответ",
        },
    )
    response = client.post(fill_url(invitation), data)

    assert response.status_code == 200
    text = page_text(response)
    assert text.count(REQUIRED) == 1
    assert checked(text, second_scale) == ["3"]
    assert checked(text, single) == [str(chosen.pk)]
    assert "Мой длинный ответ</textarea>" in text
    assert not Response.objects.exists()


def test_fill_forged_choice_is_a_form_error_not_a_500(client, invitation):
    single = questions(invitation, "single").get()
    multiple = questions(invitation, "multiple").get()
    data = answers_post(
        invitation.wave.questionnaire,
        **{f"q_{single.pk}": "999999", f"q_{multiple.pk}": ["abc", "'; DROP TABLE x; --"]},
    )
    response = client.post(fill_url(invitation), data)
    assert response.status_code == 200
    assert page_text(response).count("Выберите вариант из предложенных.") == 2
    assert not Response.objects.exists()


def test_fill_ten_thousand_characters_is_refused_with_a_russian_message(client, invitation):
    long_text = questions(invitation, "long_text").get()
    data = answers_post(invitation.wave.questionnaire, **{f"q_{long_text.pk}": "щ" * 10_000})
    response = client.post(fill_url(invitation), data)
    assert response.status_code == 200
    assert "Ответ слишком длинный: не больше 5000 знаков (сейчас 10000)." in page_text(response)
    assert not Response.objects.exists()


SCRIPT = '<script>alert("взлом")</script>'


def test_fill_html_in_a_text_answer_is_redrawn_escaped(client, invitation):
    long_text = questions(invitation, "long_text").get()
    scale = questions(invitation, "scale").first()
    data = answers_post(
        invitation.wave.questionnaire, **{f"q_{long_text.pk}": SCRIPT, f"q_{scale.pk}": None}
    )
    text = page_text(client.post(fill_url(invitation), data))
    assert SCRIPT not in text
    assert "&lt;script&gt;alert(&quot;взлом&quot;)&lt;/script&gt;" in text


def test_fill_html_in_a_text_answer_is_stored_as_typed(client, invitation):
    long_text = questions(invitation, "long_text").get()
    data = answers_post(invitation.wave.questionnaire, **{f"q_{long_text.pk}": SCRIPT})
    assert client.post(fill_url(invitation), data).status_code == 302
    assert Answer.objects.get(question=long_text).text == SCRIPT


# --- one response per link -----------------------------------------------------------


def test_fill_double_submit_stores_one_response_and_thanks_again(client, invitation):
    data = answers_post(invitation.wave.questionnaire)
    first = client.post(fill_url(invitation), data)
    second = client.post(fill_url(invitation), data)

    assert first.status_code == 302
    assert second.status_code == 200
    assert ALREADY in page_text(second) and "уже отправлены" in page_text(second)
    assert Response.objects.count() == 1
    assert Answer.objects.count() == invitation.wave.questionnaire.questions.count()


def test_fill_reload_and_back_after_submit_create_no_duplicate(client, invitation):
    data = answers_post(invitation.wave.questionnaire)
    client.post(fill_url(invitation), data, follow=True)
    # Reload of the thank-you page, back to the form, and a resubmit with other answers.
    assert THANKS in page_text(client.get(done_url(invitation)))
    back = client.get(fill_url(invitation))
    assert back.status_code == 200 and ALREADY in page_text(back)
    assert 'name="q_' not in page_text(back)
    scale = questions(invitation, "scale").first()
    resubmit = client.post(fill_url(invitation), {**data, f"q_{scale.pk}": "1"})
    assert resubmit.status_code == 200 and ALREADY in page_text(resubmit)
    assert Response.objects.count() == 1
    assert Answer.objects.get(question=scale).number == 7


def test_fill_with_another_persons_token_answers_for_that_person_only(client, invitation):
    other = InvitationFactory(wave=invitation.wave)
    client.post(fill_url(other), answers_post(invitation.wave.questionnaire))
    assert Response.objects.get().invitation == other
    assert client.get(fill_url(invitation)).status_code == 200  # still open for its owner


# --- links that do not open ----------------------------------------------------------


def test_tokens_are_long_random_and_url_safe(invitation):
    tokens = {InvitationFactory().token for _ in range(20)} | {invitation.token}
    assert len(tokens) == 21
    assert all(len(token) >= 40 and re.fullmatch(r"[A-Za-z0-9_-]+", token) for token in tokens)


def _tampered(token: str) -> str:
    return token[:-1] + ("A" if token[-1] != "A" else "B")


@pytest.mark.parametrize("method", ["get", "post"])
def test_unknown_or_tampered_token_is_a_404_that_names_no_one(client, invitation, method):
    questionnaire = invitation.wave.questionnaire
    pages = []
    # %00: a NUL the database refuses in a text parameter (was a 500 on PostgreSQL).
    tokens = (_tampered(invitation.token), "x" * 43, "x" * 500, "%27%20OR%201=1", "ab%00cd")
    for token in tokens:
        response = getattr(client, method)(f"/s/{token}/", answers_post(questionnaire))
        assert response.status_code == 404
        pages.append(page_text(response))
    assert len(set(pages)) == 1, "every unknown link gets the very same page"
    assert "Анкета не найдена" in pages[0]
    assert "Алёна" not in pages[0] and questionnaire.title not in pages[0]
    assert not Response.objects.exists()


def test_done_with_an_unknown_token_is_a_404(client, invitation):
    assert client.get(f"/s/{_tampered(invitation.token)}/done/").status_code == 404


def _expired(invitation):
    invitation.wave.closes_on = timezone.localdate() - dt.timedelta(days=1)
    invitation.wave.save()


def _closed_early(invitation):
    invitation.wave.closed_early_at = timezone.now()
    invitation.wave.save()


@pytest.mark.parametrize("close", [_expired, _closed_early], ids=["expired", "closed-early"])
def test_closed_wave_is_a_410_and_stores_nothing(client, invitation, close):
    close(invitation)
    got = client.get(fill_url(invitation))
    posted = client.post(fill_url(invitation), answers_post(invitation.wave.questionnaire))
    for response in (got, posted):
        assert response.status_code == 410
        assert CLOSED in page_text(response)
        assert "Алёна" not in page_text(response)
    assert not Response.objects.exists()


def test_wave_closed_between_opening_and_sending_refuses_the_answers(client, invitation):
    assert client.get(fill_url(invitation)).status_code == 200
    _closed_early(invitation)
    response = client.post(fill_url(invitation), answers_post(invitation.wave.questionnaire))
    assert response.status_code == 410 and CLOSED in page_text(response)
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_wave_not_yet_open_does_not_take_answers(client):
    today = timezone.localdate()
    wave = WaveFactory(
        opened_on=today + dt.timedelta(days=3), closes_on=today + dt.timedelta(days=9)
    )
    invitation = InvitationFactory(wave=wave)
    response = client.post(fill_url(invitation), answers_post(wave.questionnaire))
    assert response.status_code == 403 and "ещё не начался" in page_text(response)
    assert not Response.objects.exists()


def test_used_link_on_a_closed_wave_still_thanks(client, invitation):
    client.post(fill_url(invitation), answers_post(invitation.wave.questionnaire))
    _expired(invitation)
    response = client.get(fill_url(invitation))
    assert response.status_code == 200 and ALREADY in page_text(response)


def test_person_without_consent_is_not_surveyed(client):
    invitation = InvitationFactory(person=PersonFactory(first_name="Олег"))
    got = client.get(fill_url(invitation))
    posted = client.post(fill_url(invitation), answers_post(invitation.wave.questionnaire))
    for response in (got, posted):
        assert response.status_code == 403
        assert NO_CONSENT in page_text(response)
        assert 'name="q_' not in page_text(response) and "Олег" not in page_text(response)
    assert not Response.objects.exists()


def test_consent_withdrawn_between_opening_and_sending_refuses_the_answers(client, invitation):
    assert client.get(fill_url(invitation)).status_code == 200
    invitation.person.consents.update(withdrawn_on=timezone.localdate())
    response = client.post(fill_url(invitation), answers_post(invitation.wave.questionnaire))
    assert response.status_code == 403 and NO_CONSENT in page_text(response)
    assert not Response.objects.exists() and not Answer.objects.exists()


# --- CSRF and login ------------------------------------------------------------------


def test_fill_post_without_csrf_token_is_403_and_stores_nothing(invitation):
    browser = Client(enforce_csrf_checks=True)
    browser.get(fill_url(invitation))  # the CSRF cookie is set, but the form field is missing
    response = browser.post(fill_url(invitation), answers_post(invitation.wave.questionnaire))
    assert response.status_code == 403
    assert not Response.objects.exists()


def test_fill_post_with_the_pages_csrf_token_is_accepted(invitation):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(fill_url(invitation)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = {**answers_post(invitation.wave.questionnaire), "csrfmiddlewaretoken": token}
    assert browser.post(fill_url(invitation), data).status_code == 302
    assert Response.objects.count() == 1


def test_anonymous_opens_the_link_but_not_the_office(client, invitation):
    assert client.get(fill_url(invitation)).status_code == 200
    paper = client.get(reverse("surveys:paper-entry", args=[invitation.pk]))
    assert paper.status_code == 302 and paper["Location"].startswith(reverse("login"))


def _routes(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(p for p in (namespace, pattern.namespace or "") if p)
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = ":".join(p for p in (namespace, pattern.name or "") if p)
            yield prefix + str(pattern.pattern), name, pattern.callback


# Views open without a login: Django's own login and password-reset pages, and the survey
# link. Any other view opened up by mistake fails this test.
OPEN_VIEWS = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "surveys_public:fill",
    "surveys_public:done",
}


def test_only_the_survey_link_and_login_pages_are_open_without_login():
    routes = list(_routes(get_resolver().url_patterns))
    open_views = {
        name for _, name, view in routes if getattr(view, "login_required", True) is False
    }
    assert open_views == OPEN_VIEWS
    survey_office = [name for route, name, _ in routes if route.startswith("surveys/")]
    assert "surveys:paper-entry" in survey_office
    assert all(not name.startswith("surveys_public") for name in survey_office)


# --- RELIABILITY 21: a refused link tells nothing about the person behind it ------------------


def test_closed_wave_page_is_the_same_whoever_is_behind_the_link(client, invitation):
    """Consent or none, any name: a link of a closed wave answers the very same page."""
    _expired(invitation)
    stranger = InvitationFactory(wave=invitation.wave, person=PersonFactory(first_name="Олег"))
    pages = set()
    for link in (invitation, stranger):
        for response in (
            client.get(fill_url(link)),
            client.post(fill_url(link), answers_post(link.wave.questionnaire)),
        ):
            assert response.status_code == 410
            pages.add(response.content)
    assert len(pages) == 1
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_link_removed_since_is_the_same_404_as_one_that_never_was(client, invitation):
    token = invitation.token
    unknown = client.get(f"/s/{_tampered(token)}/")
    invitation.delete()
    removed = client.get(f"/s/{token}/")
    posted = client.post(f"/s/{token}/", {"q_1": "7"})
    assert unknown.status_code == removed.status_code == posted.status_code == 404
    assert unknown.content == removed.content == posted.content
    assert not Response.objects.exists()


def test_answers_to_another_questionnaire_sent_with_this_link_store_nothing(client, invitation):
    """A POST made for another survey's form (other question ids) meets this link's own
    questions: they are unanswered, the form says so, nothing is stored for either link."""
    other = InvitationFactory(wave=WaveFactory(questionnaire_code="entry-diagnostics"))
    assert other.wave.questionnaire != invitation.wave.questionnaire
    response = client.post(fill_url(invitation), answers_post(other.wave.questionnaire))
    assert response.status_code == 200
    assert REQUIRED in page_text(response)
    assert not Response.objects.exists() and not Answer.objects.exists()
    assert client.get(fill_url(other)).status_code == 200  # the other link is untouched


# --- RELIABILITY 23: what people type is shown as text on every page that shows it ---------


def test_html_sent_through_the_link_is_shown_escaped_on_the_results_page(
    client, client_for, curator, invitation
):
    long_text = questions(invitation, "long_text").get()
    data = answers_post(invitation.wave.questionnaire, **{f"q_{long_text.pk}": SCRIPT})
    assert client.post(fill_url(invitation), data).status_code == 302
    page = client_for(curator).get(reverse("surveys:wave-results", args=[invitation.wave.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(&quot;взлом&quot;)&lt;/script&gt;" in html


def test_short_text_longer_than_its_limit_is_refused(client):
    invitation = InvitationFactory(wave=WaveFactory(questionnaire_code="curator"))
    short = invitation.wave.questionnaire.questions.get(kind="short_text")
    data = answers_post(invitation.wave.questionnaire, **{f"q_{short.pk}": "ы" * 10_000})
    response = client.post(fill_url(invitation), data)
    assert response.status_code == 200
    assert "Ответ слишком длинный: не больше 300 знаков" in page_text(response)
    assert not Response.objects.exists()


def test_a_changed_question_is_never_served_from_the_drawn_form_cache(client, invitation):
    """Unanswered forms are drawn once per version of the questionnaire's fields."""
    question = invitation.wave.questionnaire.questions.order_by("order").first()
    first = client.get(fill_url(invitation)).content.decode()
    assert question.text in first
    other = InvitationFactory(wave=invitation.wave)
    assert client.get(fill_url(other)).content.decode().count('type="radio"') == first.count(
        'type="radio"'
    )
    question.text = "Насколько полезными были встречи с наставником в этом месяце?"
    question.save()
    again = client.get(fill_url(invitation)).content.decode()
    assert "в этом месяце?" in again


# --- queries per request (a whole college opens its links at once) -------------------


def test_opening_a_link_costs_one_query(client, invitation, django_assert_num_queries):
    """The invitation with its questionnaire and its response and consent facts; the form
    (its questions and fields) is the process's, kept under the questionnaire's
    questions_revision (issue 16: was five — the response and the consent asked one by one,
    the questions and their choices read on every request)."""
    client.get(fill_url(invitation))  # the first link of a questionnaire reads its questions
    other = InvitationFactory(wave=invitation.wave)
    with django_assert_num_queries(1):
        response = client.get(fill_url(other))
    assert response.status_code == 200 and 'name="q_' in page_text(response)


def test_sending_the_answers_reads_the_link_once(client, invitation, django_assert_num_queries):
    """The row lock, then the invitation with its facts (the response and the consent in
    the same query), read once, under the lock (the questions from the kept form, given on
    to the service); the response, its history row, the answers and their choices; and the
    savepoint around them (issue 16: was 16 on PostgreSQL — the questions read twice, the
    response and consent asked before the lock too; then 10 — the response and the consent
    asked one by one under the lock; then 9 — the invitation read before the lock and again
    under it)."""
    client.get(fill_url(invitation))
    data = answers_post(invitation.wave.questionnaire)
    with django_assert_num_queries(8):
        response = client.post(fill_url(invitation), data)
    assert response.status_code == 302
    assert Response.objects.get().answers.count() == invitation.wave.questionnaire.questions.count()


def _single(invitation) -> Question:
    return invitation.wave.questionnaire.questions.filter(kind="single").first()


@pytest.mark.parametrize(
    "change",
    [
        lambda q: q.choices.create(order=99, text="Совсем новый вариант"),
        lambda q: q.choices.filter(order__gt=0).first().delete(),
        lambda q: setattr(q, "text", "Вопрос, переписанный куратором") or q.save(),
        lambda q: q.delete(),
        lambda q: Question.objects.create(
            questionnaire=q.questionnaire, order=999, kind="short_text", text="Новый вопрос"
        ),
    ],
    ids=["choice added", "choice deleted", "question edited", "question deleted", "added"],
)
def test_every_change_to_the_questions_is_on_the_next_page(client, invitation, change):
    """The questions a process keeps are keyed by the questionnaire's questions_revision:
    any save or delete of a question or a choice gives a new one."""
    before = client.get(fill_url(invitation)).content.decode()
    revision = invitation.wave.questionnaire.questions_revision
    change(_single(invitation))
    questionnaire = invitation.wave.questionnaire
    questionnaire.refresh_from_db()
    assert questionnaire.questions_revision != revision
    after = page_text(client.get(fill_url(InvitationFactory(wave=invitation.wave))))
    expected = list(questionnaire.questions.prefetch_related("choices"))
    assert set(re.findall(r'name="q_(\d+)"', after)) == {str(q.pk) for q in expected}
    for q in expected:
        assert q.text in after
        if q.kind in Question.CHOICE_KINDS:
            inputs = re.findall(rf'<input[^>]*name="q_{q.pk}"[^>]*>', after)
            offered = {re.search(r'value="([^"]*)"', tag).group(1) for tag in inputs}
            assert offered == {str(choice.pk) for choice in q.choices.all()}
    assert after != page_text_of(before)


def page_text_of(html: str) -> str:
    return re.sub(r"\s+", " ", html)
