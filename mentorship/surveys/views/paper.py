"""The curator types in a questionnaire a person filled on paper.

The same form as the personal link, stored through response_enter_paper: one response per
link whichever way it came, so a paper form for someone who already answered online is
refused («Ответ уже получен …»).
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts.access import role_required
from accounts.roles import Role

from ..forms.questionnaire import questionnaire_form
from ..models import Invitation, Response
from ..responses import (
    AlreadySubmitted,
    SurveyError,
    invitation_check,
    response_enter_paper,
)

SAVED = "Бумажная анкета внесена: ответ сохранён."
ALREADY = "Ответ уже получен: второй раз анкету по этой ссылке не внести."


@require_http_methods(["GET", "POST"])
@role_required(Role.CURATOR)
def paper_entry(request, pk: int):
    invitation = get_object_or_404(
        Invitation.objects.select_related("wave__questionnaire", "person", "organisation"), pk=pk
    )
    context = {"invitation": invitation, "wave": invitation.wave, "person": invitation.person}
    response = Response.objects.filter(invitation=invitation).select_related("entered_by").first()
    if response is not None:
        if request.method == "POST":
            messages.error(request, ALREADY)
        return render(request, "surveys/paper_entry.html", {**context, "response": response})
    try:
        invitation_check(invitation=invitation, source=Response.Source.PAPER)
    except SurveyError as error:
        return render(request, "surveys/paper_entry.html", {**context, "refusal": error.message})

    form = questionnaire_form(
        questionnaire=invitation.wave.questionnaire,
        data=request.POST if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            response_enter_paper(invitation=invitation, answers=form.answers(), by=request.user)
        except AlreadySubmitted:
            messages.error(request, ALREADY)
            return redirect("surveys:paper-entry", pk=invitation.pk)
        except SurveyError as error:
            # Consent withdrawn or the grace period over meanwhile: keep what was typed.
            form.add_error(None, error.message)
        else:
            messages.success(request, SAVED)
            return redirect("surveys:paper-entry", pk=invitation.pk)
    return render(request, "surveys/paper_entry.html", {**context, "form": form})
