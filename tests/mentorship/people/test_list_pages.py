"""RELIABILITY 60, list pages: the curator's people list over 10,000 students is paginated
(50 a page) and costs the same number of queries as over a handful. How long it takes on a
big generated college is measured by `make bench` (mentorship/bench, pages step), not here.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorship.people.models import Consent, Person

pytestmark = pytest.mark.django_db


def students(count: int, start: int = 0) -> None:
    people = []
    for n in range(start, start + count):
        person = Person(
            last_name=f"Студентов{n:05d}",
            first_name="Иван",
            middle_name="Петрович",
            birth_date=dt.date(2008, 1, 1) + dt.timedelta(days=n % 700),
            kind=Person.Kind.STUDENT,
            course=1 + n % 4,
            study_form=Person.StudyForm.FULL_TIME,
            study_group=f"ГР-{n % 40}",
        )
        person.name_key = Person.build_name_key(
            person.last_name, person.first_name, person.middle_name
        )
        person.natural_key = Person.build_natural_key(
            person.last_name, person.first_name, person.middle_name, person.birth_date
        )
        people.append(person)
    created = Person.objects.bulk_create(people, batch_size=2000)
    Consent.objects.bulk_create(
        [
            Consent(
                person=p,
                signer=Consent.Signer.REPRESENTATIVE,
                representative_name="Студентова Мария Ивановна",
                signed_on=dt.date(2025, 9, 1),
                signed_by_subject=True,
            )
            for p in created
        ],
        batch_size=2000,
    )


def page(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


def test_people_list_over_ten_thousand_students_is_paginated_with_constant_queries(
    client_for, curator
):
    client = client_for(curator)
    url = reverse("admin:people_person_changelist")
    students(60)
    _, small = page(client, url)
    students(10_000 - 60, start=60)
    assert Person.objects.count() == 10_000
    response, large = page(client, url)
    assert large == small
    changelist = response.context["cl"]
    assert changelist.result_count == 10_000
    assert len(changelist.result_list) == 50 and changelist.paginator.num_pages == 200
    last, last_queries = page(client, f"{url}?p=200")
    assert last_queries == small
    assert "Студентов09999" in last.content.decode()
