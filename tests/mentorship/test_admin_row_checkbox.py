"""The list rows' action checkboxes (mentorship.admin_site.RowCheckboxMixin) are written as a
string, not through the widget's templates (issue 16): the very markup Django renders."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from mentorship.admin_site import RowCheckboxMixin
from mentorship.people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

HOSTILE = ['<b>О\'Нил</b>', 'Смит & "Сыновья"', "Ёлкин{{ x }}%s"]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_checkbox_is_the_markup_django_renders(language):
    model_admin = admin.site._registry[Person]
    with translation.override(language):
        for last_name in HOSTILE:
            person = PersonFactory(last_name=last_name)
            ours = model_admin.action_checkbox(person)
            assert ours == admin.ModelAdmin.action_checkbox(model_admin, person)
            assert "<b>" not in ours


def test_list_page_shows_the_checkboxes(client_for, curator):
    people = [PersonFactory(last_name=name) for name in HOSTILE]
    page = client_for(curator).get(reverse("admin:people_person_changelist")).content.decode()
    model_admin = admin.site._registry[Person]
    assert isinstance(model_admin, RowCheckboxMixin)
    for person in people:
        assert admin.ModelAdmin.action_checkbox(model_admin, person) in page
