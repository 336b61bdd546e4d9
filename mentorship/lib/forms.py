"""Form pieces every screen uses the same way."""

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker (<input type="date">): its value is ГГГГ-ММ-ДД whatever the
    interface language, the browser shows the date as the user's locale writes it."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
