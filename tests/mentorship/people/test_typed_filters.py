"""Study group and organisation filters are typed, not clicked: a big college has hundreds
of groups and partners. Any case, the start of any word; other filters kept."""

import pytest
from django.urls import reverse

from mentorship.people.models import MenteeProfile, Person
from tests.factories import MenteeProfileFactory, PartnerOrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def listed(client, url_name, **params) -> set[str]:
    response = client.get(reverse(url_name), params)
    assert response.status_code == 200
    return {str(obj) for obj in response.context["cl"].result_list}


def test_people_by_study_group_in_any_case(client_for, curator):
    tm21 = PersonFactory(last_name="Ткачёва", study_group="ТМ-21", course=2)
    PersonFactory(last_name="Орлов", study_group="ЭС-11", course=1)
    client = client_for(curator)
    assert listed(client, "admin:people_person_changelist", group="тм-21") == {str(tm21)}
    assert listed(client, "admin:people_person_changelist", group=" ТМ ") == {str(tm21)}
    assert listed(client, "admin:people_person_changelist", group="ЭС-2") == set()


def test_people_by_a_word_of_the_organisation(client_for, curator):
    mine = PartnerOrganisationFactory(name="АО «Кузбассразрезуголь»")
    other = PartnerOrganisationFactory(name="ООО «Сибирский деловой центр»")
    worker = PersonFactory(kind=Person.Kind.EMPLOYEE, organisation=mine, course=None,
                           study_group="", specialty="", adult=True)
    PersonFactory(kind=Person.Kind.EMPLOYEE, organisation=other, course=None,
                  study_group="", specialty="", adult=True)
    client = client_for(curator)
    assert listed(client, "admin:people_person_changelist", org="кузбасс") == {str(worker)}


def test_the_typed_filter_keeps_the_other_filters(client_for, curator):
    PersonFactory(study_group="ТМ-21", course=2)
    page = client_for(curator).get(
        reverse("admin:people_person_changelist"), {"group": "ТМ", "course": "2"}
    ).content.decode()
    assert '<input type="hidden" name="course" value="2">' in page
    assert 'name="group" value="ТМ"' in page


def test_mentee_bank_by_study_group(client_for, curator):
    wanted = MenteeProfileFactory(person=PersonFactory(study_group="ПР-26-13", course=1))
    MenteeProfileFactory(person=PersonFactory(study_group="ОП-21-3", course=1))
    shown = listed(client_for(curator), "admin:people_menteeprofile_changelist", group="пр-26")
    assert shown == {str(MenteeProfile.objects.get(pk=wanted.pk))}
