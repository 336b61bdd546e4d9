"""LongSelect and LongSelectMultiple write the same HTML as Django's Select and
SelectMultiple, only without a template per option."""

import pytest
from django import forms

from mentorship.lib.forms import LongSelect, LongSelectMultiple

CHOICES = [("", "все группы"), ("ЭК-21", "ЭК-21"), ('<a&"б">', "<Группа & «кавычки»>"), (3, 3)]


@pytest.mark.parametrize("value", [None, "", "ЭК-21", '<a&"б">', "3", "нет такой"])
@pytest.mark.parametrize(
    "attrs",
    [None, {"class": "form-select form-select-sm"}, {"required": True, "disabled": False}],
)
def test_long_select_is_django_select(value, attrs):
    ours = LongSelect(attrs=attrs, choices=CHOICES).render("group", value, {"id": "id_group"})
    django = forms.Select(attrs=attrs, choices=CHOICES).render("group", value, {"id": "id_group"})
    assert ours == django


def test_long_select_with_groups_is_left_to_django():
    grouped = [("Первый курс", [("a", "А"), ("b", "Б")]), ("c", "В")]
    ours = LongSelect(choices=grouped).render("group", "b")
    assert ours == forms.Select(choices=grouped).render("group", "b")
    assert "<optgroup" in ours


def test_long_select_in_a_form_field():
    class Form(forms.Form):
        group = forms.ChoiceField(choices=CHOICES, required=False, widget=LongSelect)

    class Plain(forms.Form):
        group = forms.ChoiceField(choices=CHOICES, required=False)

    assert str(Form({"group": "ЭК-21"})["group"]) == str(Plain({"group": "ЭК-21"})["group"])


@pytest.mark.parametrize("value", [None, [], ["ЭК-21"], ["ЭК-21", '<a&"б">', "3"], ["нет такой"]])
@pytest.mark.parametrize("attrs", [None, {"size": 8}, {"class": "form-select", "required": True}])
def test_long_select_multiple_is_django_select_multiple(value, attrs):
    ours = LongSelectMultiple(attrs=attrs, choices=CHOICES).render("pairs", value, {"id": "id_p"})
    django = forms.SelectMultiple(attrs=attrs, choices=CHOICES).render(
        "pairs", value, {"id": "id_p"}
    )
    assert ours == django
    assert " multiple" in ours
