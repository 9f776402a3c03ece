"""The territory grid's teachers per focus area beside the places: current teachers whose
focus areas include the area, by the settlement of their organisation, as of the grid's day."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from programs.choices import Focus
from programs.models import Settlement
from programs.staffing.models import Teacher
from programs.territory import supply
from tests.helpers import login
from tests.programs.factories import OrganisationFactory

TODAY = timezone.localdate()


def teacher(organisation, surname, focuses, **fields):
    return Teacher.objects.create(
        organisation=organisation,
        surname=surname,
        name="Ольга",
        post="педагог дополнительного образования",
        focuses=focuses,
        **fields,
    )


@pytest.fixture
def places(municipality, other_municipality):
    town = Settlement.objects.create(municipality=municipality, kind="г.", name="Задонск")
    village = Settlement.objects.create(municipality=municipality, kind="с.", name="Донское")
    school = OrganisationFactory(municipality=municipality, settlement=town)
    rural = OrganisationFactory(municipality=municipality, settlement=village)
    nowhere = OrganisationFactory(municipality=municipality, settlement=None)
    teacher(school, "Шацких", [Focus.TECHNICAL, Focus.NATURAL_SCIENCE])
    teacher(school, "Корнева", [Focus.TECHNICAL])
    teacher(school, "Ушаков", [Focus.TECHNICAL], left_on=TODAY - timedelta(days=10))
    teacher(rural, "Гриднев", [Focus.SPORT], hired_on=TODAY - timedelta(days=5))
    teacher(nowhere, "Без адреса", [Focus.ARTS])
    far = Settlement.objects.create(municipality=other_municipality, kind="г.", name="Липецк")
    teacher(
        OrganisationFactory(municipality=other_municipality, settlement=far), "Чужой", [Focus.ARTS]
    )
    return town, village


def test_teachers_per_focus_by_settlement(municipality, places):
    town, village = places
    rows = {row.settlement.pk: row for row in supply.grid([municipality.pk], TODAY)}
    assert rows[town.pk].teachers == {Focus.TECHNICAL: 2, Focus.NATURAL_SCIENCE: 1}
    assert rows[village.pk].teachers == {Focus.SPORT: 1}


def test_teachers_as_of_an_earlier_day(municipality, places):
    town, village = places
    rows = {
        row.settlement.pk: row for row in supply.grid([municipality.pk], TODAY - timedelta(days=20))
    }
    assert rows[town.pk].teachers[Focus.TECHNICAL] == 3  # Ушаков still worked there
    assert rows[village.pk].teachers == {}  # Гриднев not hired yet


def test_grid_page_shows_the_teachers_row(client, staff, places):
    login(client, staff)
    page = client.get(reverse("reports:territory")).content.decode()
    assert 'class="territory-teachers"' in page
    assert "Педагогов</th>" in page
