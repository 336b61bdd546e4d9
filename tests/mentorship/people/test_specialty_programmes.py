"""Programme lengths per specialty: one row per specialty however it is written."""

import pytest
from django.core.exceptions import ValidationError

from mentorship.people.models import SpecialtyProgramme

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "written",
    [
        "38.02.01 Экономика и бухгалтерский учёт",
        "38.02.01  экономика и БУХГАЛТЕРСКИЙ учет",
        " 38.02.01\xa0Экономика и бухгалтерский учет ",
    ],
)
def test_a_specialty_written_otherwise_is_the_same_specialty(written):
    SpecialtyProgramme.objects.create(specialty="38.02.01 Экономика и бухгалтерский учёт", years=3)
    again = SpecialtyProgramme(specialty=written, years=4)
    with pytest.raises(ValidationError) as raised:
        again.full_clean()
    assert raised.value.message_dict["specialty"] == [
        "Срок обучения по этой специальности уже указан."
    ]


@pytest.mark.parametrize("years, valid", [(0, False), (1, True), (3, True), (6, True), (7, False)])
def test_programme_length_is_one_to_six_years(years, valid):
    programme = SpecialtyProgramme(specialty="Сварочное производство", years=years)
    if valid:
        programme.full_clean()
    else:
        with pytest.raises(ValidationError):
            programme.full_clean()
