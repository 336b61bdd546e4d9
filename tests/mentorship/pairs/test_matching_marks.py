"""The score bar and the reasons, written in Python, print what their included templates
printed."""

import pytest
from django.template import engines

from mentorship.pairs.matching import Reason
from mentorship.pairs.templatetags.matching_marks import reason_list, score_bar

# The two templates as they were, cut where they passed 100 characters (no newline added).
SCORE_TEMPLATE = (
    "{% load l10n %}\n"
    '<div class="d-flex align-items-center gap-2" style="min-width: 8rem">\n'
    '  <div class="progress flex-grow-1" role="progressbar" aria-label="Оценка" '
    'aria-valuenow="{{ score|unlocalize }}" aria-valuemin="0" aria-valuemax="100" '
    'style="height: .6rem">\n'
    '    <div class="progress-bar{% if score >= 70 %} bg-success{% elif score < 40 %} '
    'bg-warning{% endif %}" style="width: {{ score|unlocalize }}%"></div>\n'
    "  </div>\n"
    '  <span class="fw-semibold font-monospace">{{ score|unlocalize }}</span>\n'
    "</div>\n"
)
REASONS_TEMPLATE = (
    "{% load l10n %}\n"
    '<ul class="list-unstyled small mb-0">\n'
    "  {% for reason in reasons %}\n"
    '  <li>{% if reason.points %}<span class="badge text-bg-success me-1">'
    "+{{ reason.points|unlocalize }}</span>{% else %}"
    '<span class="badge text-bg-light border me-1">0</span>{% endif %}{{ reason.text }}</li>\n'
    "  {% endfor %}\n"
    "</ul>\n"
)


def render(source: str, **context) -> str:
    return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize("score", range(101))
def test_score_bar_is_the_template(score):
    assert score_bar(score) == render(SCORE_TEMPLATE, score=score)


@pytest.mark.parametrize(
    "reasons",
    [
        (),
        (Reason("Форма подходит", 25),),
        (
            Reason('Закрывает запрос: <b>«Адаптация» & "команда"</b>', 35),
            Reason("Не закрывает: Олимпиады", 0),
            Reason("Свободных мест: 0", 0),
            Reason("Старше на 2 курса", 15),
        ),
    ],
)
def test_reason_list_is_the_template(reasons):
    assert reason_list(reasons) == render(REASONS_TEMPLATE, reasons=reasons)


def test_marks_in_a_page_template():
    page = engines["django"].from_string(
        "{% load matching_marks %}<td>{% score_bar s %}</td><td>{% reason_list r %}</td>"
    )
    reasons = (Reason("<i>Стаж</i>", 8),)
    html = page.render({"s": 72, "r": reasons})
    assert html == f"<td>{render(SCORE_TEMPLATE, score=72)}</td><td>" + (
        f"{render(REASONS_TEMPLATE, reasons=reasons)}</td>"
    )
    assert "&lt;i&gt;Стаж&lt;/i&gt;" in html and "bg-success" in html
