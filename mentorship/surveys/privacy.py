"""The surveys' personal data for the privacy registry (mentorship.privacy): a destroyed
person's text answers go; the numbers and choices stay for the averages of past waves."""

from django.db.models import Q

from mentorship.privacy import How, ModelPrivacy, destroyed, free, kept, register

from .models import Answer, Invitation, Response, Wave

WRITTEN = "when the row was written"

register(
    ModelPrivacy(
        Wave,
        fields=(
            free("title", "a survey wave's name"),
            free("opened_on", "a survey wave's dates"),
            free("closes_on", "a survey wave's dates"),
            free("closed_early_at", "a survey wave's dates"),
            free("created_at", WRITTEN),
        ),
    ),
    ModelPrivacy(
        Invitation,
        fields=(
            kept("role", "the wave's results by role"),
            free("token", "a random secret of the link; no answer is taken without a consent"),
            free("email_sent_at", WRITTEN),
            free("created_at", WRITTEN),
        ),
    ),
    ModelPrivacy(
        Response,
        fields=(
            kept("submitted_at", "the wave's response rate"),
            free("source", "a choice from a fixed list"),
        ),
    ),
    ModelPrivacy(
        Answer,
        fields=(destroyed("text", How.CLEAR),),
        # Only the answers with a text: the act says text answers went only if there were.
        rows=lambda person: Q(response__invitation__person=person) & ~Q(text=""),
        item="текстовые ответы анкет (числовые оценки сохранены)",
    ),
)
