from .questionnaires import Choice, Question, Questionnaire
from .waves import Answer, Invitation, Response, Wave

__all__ = ["Answer", "Choice", "Invitation", "Question", "Questionnaire", "Response", "Wave"]
