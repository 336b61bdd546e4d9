"""The people bases' own cell parsers: a partner organisation by name, an INN."""

import pytest

from mentorship.people.models import PartnerOrganisation
from mentorship.people.resources.organisations import InnWidget, OrganisationWidget
from tests.factories import PartnerOrganisationFactory


def test_inn_widget_restores_leading_zero_of_a_number_cell():
    assert InnWidget().clean(105017411) == "0105017411"
    assert InnWidget().clean("4205000001") == "4205000001"


@pytest.mark.django_db
def test_organisation_widget_finds_by_name_any_spelling():
    org = PartnerOrganisationFactory(name="АО «Шахта Распадская»")
    widget = OrganisationWidget(PartnerOrganisation, "организации")
    assert widget.clean('ао "шахта  распадская"') == org


@pytest.mark.django_db
def test_organisation_widget_names_the_missing_organisation():
    widget = OrganisationWidget(PartnerOrganisation, "организации")
    with pytest.raises(ValueError, match="организации «ООО Ромашка» нет в базе"):
        widget.clean("ООО Ромашка")
