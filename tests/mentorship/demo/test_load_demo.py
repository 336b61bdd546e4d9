"""manage.py load_demo for other days than today: a later academic year re-dates the same
people; the plan is deterministic. (The college it loads today: loaded/test_college.py.)"""

import datetime as dt

import pytest
from django.utils import timezone

from mentorship.cases.models import Case, Material
from mentorship.demo.load import build_plan, load
from mentorship.documents.models import RegisteredDocument
from mentorship.lib.dates import academic_year_start
from mentorship.people.models import Person
from mentorship.surveys.models import Response, Wave
from tests.mentorship.demo.rows import MODELS, counts

pytestmark = pytest.mark.django_db


def test_a_later_academic_year_re_dates_the_same_people():
    last_year = timezone.localdate() - dt.timedelta(days=365)
    load(last_year)
    before = counts()
    papers_dated_no_later_than(last_year)
    birth_dates = dict(Person.objects.values_list("name_key", "birth_date"))

    result = load()

    # The people and their profiles are the same rows, re-dated; a new calendar year may
    # bring its own programme records (the roadmap of the new period, the year's targets).
    people_bases = {m._meta.verbose_name_plural for m in MODELS}
    assert {k: n for k, n in result.created.items() if k in people_bases and n} == {}
    after = counts()
    assert {k: v for k, v in after.items() if not k.startswith("history")} == {
        k: v for k, v in before.items() if not k.startswith("history")
    }
    moved = dict(Person.objects.values_list("name_key", "birth_date"))
    assert moved.keys() == birth_dates.keys()
    assert all(moved[k] >= birth_dates[k] for k in moved)


def papers_dated_no_later_than(day: dt.date) -> None:
    """The register, the library and the partners' answers of a demo loaded for `day` hold
    nothing dated after it (loaded for a past day, they are not dated by today's clock)."""
    end = timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59)))
    documents = RegisteredDocument.objects.all()
    assert documents.exists() and not documents.filter(date__gt=day).exists()
    assert not documents.filter(registered_at__gt=end).exists()
    assert Case.objects.exists() and not Case.objects.filter(created_at__gt=end).exists()
    assert not Material.objects.filter(created_at__gt=end).exists()
    wave = Wave.objects.get(questionnaire__code="partner")
    assert academic_year_start(day) <= wave.opened_on <= day
    assert not Response.objects.filter(invitation__wave=wave, submitted_at__date__gte=day).exists()


def test_the_plan_is_deterministic():
    today = dt.date(2025, 10, 15)
    first, second = build_plan(today), build_plan(today)
    assert [(p.values, p.consents, p.mentor, p.mentee) for p in first.people] == [
        (p.values, p.consents, p.mentor, p.mentee) for p in second.people
    ]
    assert len({p.natural_key for p in first.people}) == len(first.people)
