"""Form pieces every screen uses the same way."""

from django import forms
from django.utils.html import format_html, format_html_join


class DateInput(forms.DateInput):
    """The browser's date picker (<input type="date">): its value is ГГГГ-ММ-ДД whatever the
    interface language, the browser shows the date as the user's locale writes it."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class LongSelect(forms.Select):
    """A <select> of hundreds of plain options (no groups) written in Python: the same HTML as
    Django's select.html, which includes select_option.html and attrs.html for every option
    (228 study groups: 10.8 ms of the matching list's 80)."""

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _, _ in context["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>\n',  # select_option.html ends a line
            (
                (str(option["value"]), _attrs(option["attrs"]), option["label"])
                for _, group, _ in context["optgroups"]
                for option in group
            ),
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>', context["name"], _attrs(context["attrs"]), options
        )


class LongSelectMultiple(LongSelect, forms.SelectMultiple):
    """LongSelect for a multiple choice: the same HTML as Django's SelectMultiple (the
    `multiple` attribute and the selected options come from its context)."""


def _attrs(attrs: dict):
    """django/forms/widgets/attrs.html."""
    return format_html_join(
        "",
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', str(value)))
            for name, value in attrs.items()
            if value is not False
        ),
    )
