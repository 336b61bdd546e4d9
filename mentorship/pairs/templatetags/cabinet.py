"""The participant's start page (mentorship.office.views.home) lists their current pairs
from here, so the home view itself stays a plain per-role switch."""

from django import template

from ..selectors import cabinet_pair_list

register = template.Library()


@register.simple_tag
def current_pairs_of(user):
    return cabinet_pair_list(user, current_only=True)
