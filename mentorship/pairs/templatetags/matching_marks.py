"""A match's score bar and its reasons, written in Python: the proposal prints them for
hundreds of pairs, and as included templates they took ~60 of its ~75 ms of rendering (a
template node costs microseconds; so does each format_html() behind its lazy-string checks,
so the pieces are f-strings with the one escape they need)."""

from html import escape  # what django.utils.html.escape() runs

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

_NO_POINTS = '<span class="badge text-bg-light border me-1">0</span>'


@register.simple_tag
def score_bar(score: int):
    """A score (0–100, an int) as a bar, its colour by the score."""
    colour = " bg-success" if score >= 70 else " bg-warning" if score < 40 else ""
    return mark_safe(
        '\n<div class="d-flex align-items-center gap-2" style="min-width: 8rem">\n'
        '  <div class="progress flex-grow-1" role="progressbar" aria-label="Оценка"'
        f' aria-valuenow="{score:d}" aria-valuemin="0" aria-valuemax="100"'
        ' style="height: .6rem">\n'
        f'    <div class="progress-bar{colour}" style="width: {score:d}%"></div>\n'
        "  </div>\n"
        f'  <span class="fw-semibold font-monospace">{score:d}</span>\n'
        "</div>\n"
    )


@register.simple_tag
def reason_list(reasons):
    """The reasons of a match, each with its points (an int; a grey 0 for none)."""
    items = "".join(
        "\n  <li>"
        + (
            f'<span class="badge text-bg-success me-1">+{reason.points:d}</span>'
            if reason.points
            else _NO_POINTS
        )
        + f"{escape(reason.text)}</li>\n  "
        for reason in reasons
    )
    return mark_safe(f'\n<ul class="list-unstyled small mb-0">\n  {items}\n</ul>\n')
