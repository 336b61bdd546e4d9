"""lib.constraints: a model's check constraints asked in one query say what Django's
validate_constraints() says, constraint by constraint."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from mentorship.lib.constraints import ChecksAtOnce, validate_constraints_at_once
from mentorship.pairs.models import Pair
from mentorship.people.models import Consent
from tests.factories import ConsentFactory, PersonFactory, pair_create

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 9, 1)


def _errors(validate, pair, exclude=None):
    try:
        validate(pair, exclude=exclude)
    except ValidationError as error:
        return [
            (key, [(e.message, e.code) for e in found]) for key, found in error.error_dict.items()
        ]
    return []


def _pairs():
    pair = pair_create()
    yield pair
    broken = Pair(**{f.attname: getattr(pair, f.attname) for f in Pair._meta.concrete_fields})
    broken.planned_end_date = broken.start_date  # not after the start
    yield broken
    early = Pair(**{f.attname: getattr(pair, f.attname) for f in Pair._meta.concrete_fields})
    early.status = Pair.Status.ENDED_EARLY  # closed without an end date or a reason
    yield early
    before = Pair(**{f.attname: getattr(pair, f.attname) for f in Pair._meta.concrete_fields})
    before.end_date = before.start_date - dt.timedelta(days=1)
    before.planned_end_date = before.start_date - dt.timedelta(days=2)
    yield before


@pytest.mark.parametrize("exclude", [None, {"end_date"}, {"status", "planned_end_date"}])
def test_one_query_says_what_django_says(exclude):
    seen = set()
    for pair in _pairs():
        ours = _errors(validate_constraints_at_once, pair, exclude)
        django = _errors(models.Model.validate_constraints, pair, exclude)
        assert ours == django
        seen.add(len(ours and ours[0][1]))
    assert seen - {0}  # some pairs broke some constraints


def test_one_query_and_one_savepoint_for_the_four_checks(django_assert_num_queries):
    pair = pair_create()
    pair.planned_end_date = pair.start_date
    # Inside the test's transaction: a savepoint around the query, as Django puts one around
    # each of its four (12 statements before).
    with django_assert_num_queries(3), pytest.raises(ValidationError) as raised:
        pair.validate_constraints()
    assert raised.value.messages == [Pair._meta.constraints[0].get_violation_error_message()]


def _copy(obj, **changes):
    model = type(obj)
    copy = model(**{f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields})
    for name, value in changes.items():
        setattr(copy, name, value)
    return copy


def _people():
    student = PersonFactory(kind="student", course=2)
    yield student
    yield _copy(student, course=9)  # out of range
    yield _copy(student, study_form="")  # a student without a form
    teacher = PersonFactory(teacher=True)
    yield teacher
    yield _copy(teacher, course=1, study_form="full_time")  # only learners have them


def _consents():
    consent = ConsentFactory(signer=Consent.Signer.SELF, representative_name="")
    yield consent
    yield _copy(consent, signer=Consent.Signer.REPRESENTATIVE)  # nobody named
    yield _copy(consent, withdrawn_on=consent.signed_on - dt.timedelta(days=1))
    yield _copy(consent, withdrawal_basis="отзыв")  # a basis, not withdrawn


@pytest.mark.parametrize(
    ("make", "exclude"),
    [
        (_people, None),
        (_people, {"course"}),
        (_consents, None),
        (_consents, {"withdrawn_on"}),
    ],
)
def test_people_and_consents_say_what_django_says(make, exclude):
    """A person and a consent validate their checks at once (the admin forms, the demo's
    check of every row): the same errors as Django's one query per check."""
    seen = set()
    for obj in make():
        assert type(obj).validate_constraints is ChecksAtOnce.validate_constraints
        ours = _errors(type(obj).validate_constraints, obj, exclude)
        django = _errors(models.Model.validate_constraints, obj, exclude)
        assert ours == django
        seen.add(len(ours))
    assert seen - {0}  # some broke some constraints
