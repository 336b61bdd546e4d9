"""The personal survey link: /s/<token>/ — open to anyone who holds the link, no login.

Every outcome is a page of our own, never a 500: an unknown token is a 404 that does not
say whether anyone is behind it; a used link thanks the person (on GET and on a repeated
POST alike, without a second row); a closed wave is 410; no consent is 403 and nothing is
stored. A stored response redirects to the thank-you page (POST/redirect/GET), so a reload
does not post again. Pages are never cached or indexed, and their address is never sent
to another site as a referrer: the token in the URL is the person's key.
"""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_http_methods

from ..forms.questionnaire import questionnaire_form_class
from ..models import Invitation, Response
from ..responses import (
    AlreadySubmitted,
    InvalidAnswers,
    NoConsent,
    SurveyClosed,
    SurveyError,
    SurveyNotStarted,
    invitation_by_token,
    invitation_check,
    response_submit_by_token,
)

NOT_FOUND = {
    "heading": "Анкета не найдена",
    "text": "Проверьте ссылку: возможно, она набрана с ошибкой. Если ссылку вам дал "
    "куратор программы наставничества, обратитесь к нему.",
}
ALREADY = {
    "heading": "Эта анкета уже заполнена. Спасибо!",
    "text": "Ответы по этой ссылке уже отправлены и сохранены. Заполнить анкету ещё раз нельзя.",
}
CLOSED = "Приём ответов по этой анкете завершён"
DONE = {
    "heading": "Спасибо! Ваши ответы сохранены.",
    "text": "Эту страницу можно закрыть.",
}


# The link is sent as a referrer to our own pages only, never to another site. Not
# "no-referrer": with it browsers send `Origin: null` on the form's POST, and Django's CSRF
# check (rightly) refuses that — nobody could send the survey.
REFERRER_POLICY = "same-origin"


def _public(view):
    """Open without login; never cached or indexed; the link never leaves as a referrer."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = REFERRER_POLICY
        return response

    return login_not_required(wrapper)


def _message(request, page: dict, *, status: int = 200):
    return render(request, "surveys/public_message.html", page, status=status)


def _refusal(request, error: SurveyError):
    if isinstance(error, AlreadySubmitted):
        return _message(request, ALREADY)
    if isinstance(error, SurveyNotStarted):
        page, status = {"heading": "Анкета пока закрыта", "text": error.message}, 403
    elif isinstance(error, SurveyClosed):
        page, status = {"heading": CLOSED, "text": "Спасибо за внимание к опросу."}, 410
    elif isinstance(error, NoConsent):
        page, status = {"heading": "Анкета недоступна", "text": error.message}, 403
    else:
        page, status = {"heading": "Анкета недоступна", "text": error.message}, 400
    return _message(request, page, status=status)


def _invitation_get(token: str) -> Invitation | None:
    """The link's invitation with what invitation_check needs, in one query."""
    return invitation_by_token(token)


@_public
@require_http_methods(["GET", "POST"])
def fill(request, token: str):
    if request.method == "POST":
        return _fill_post(request, token)
    invitation = _invitation_get(token)
    if invitation is None:
        return _message(request, NOT_FOUND, status=404)
    try:
        invitation_check(invitation=invitation)
    except SurveyError as error:
        return _refusal(request, error)
    # Read with the invitation just now: its questions_revision is current.
    form = questionnaire_form_class(invitation.wave.questionnaire)()
    return _form_page(request, token, invitation, form)


def _fill_post(request, token: str):
    """The answers, stored with the link read once, under its row lock: checked before the
    answers, so nobody corrects a form only to hear it is closed."""
    seen = {}

    def answers_of(invitation):
        # Read with the invitation just now: its questions_revision is current.
        form = questionnaire_form_class(invitation.wave.questionnaire)(request.POST)
        seen.update(invitation=invitation, form=form)
        if not form.is_valid():
            return None
        return form.answers(), form.questions.values()  # read for the form: not read again

    try:
        invitation, response = response_submit_by_token(token=token, answers_of=answers_of)
    except InvalidAnswers as error:
        seen["form"].add_error(None, error.message)
        return _form_page(request, token, seen["invitation"], seen["form"])
    except SurveyError as error:
        return _refusal(request, error)
    if invitation is None:
        return _message(request, NOT_FOUND, status=404)
    if response is None:
        return _form_page(request, token, invitation, seen["form"])
    return redirect("surveys_public:done", token=token)


def _form_page(request, token: str, invitation: Invitation, form):
    questionnaire = invitation.wave.questionnaire
    context = {
        "questionnaire": questionnaire,
        "first_name": invitation.greeting_name,
        "organisation": invitation.organisation,
        "form": form,
        "action": reverse("surveys_public:fill", kwargs={"token": token}),
    }
    return render(request, "surveys/public_fill.html", context)


@_public
@require_GET
def done(request, token: str):
    invitation = _invitation_get(token)
    if invitation is None:
        return _message(request, NOT_FOUND, status=404)
    if not Response.objects.filter(invitation=invitation).exists():
        return redirect("surveys_public:fill", token=token)
    return _message(request, DONE)
