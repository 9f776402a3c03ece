"""The municipality's resource search: words in any form, filters, grouping, reach."""

import pytest
from django.urls import reverse

from programs.models import Settlement
from programs.staffing import resource_selectors
from programs.staffing.models import RoomKind
from programs.staffing.resource_selectors import SearchQuery
from tests.programs.factories import OrganisationFactory
from tests.staffing.resource_factories import equipment, room

pytestmark = pytest.mark.django_db


@pytest.fixture
def zadonsk(municipality):
    return Settlement.objects.create(municipality=municipality, name="г. Задонск")


@pytest.fixture
def inventory(org_a, org_b, zadonsk, other_municipality):
    org_a.settlement = zadonsk
    org_a.save()
    quantorium = room(org_a, "Кванториум", RoomKind.LABORATORY, accessible=True)
    equipment(org_a, "3D-принтер", count=2, model="Picaso Designer X", room=quantorium)
    equipment(org_a, "Ноутбук", count=12)
    room(org_b, "Бассейн «Дельфин»", RoomKind.POOL, capacity=25)
    equipment(org_b, "3D-принтер", count=1)
    far = OrganisationFactory(municipality=other_municipality, short_name="Липецкая школа")
    equipment(far, "3D-принтер", count=5)
    return far


def names(user, query):
    return [o.short_name for o in resource_selectors.search_organisations(user, query)]


@pytest.mark.parametrize(
    "text, found",
    [
        ("3D-принтер", ["МБОУ СШ № 1", "МБОУ СШ № 2"]),
        ("принтеры", ["МБОУ СШ № 1", "МБОУ СШ № 2"]),
        ("кванториуме", ["МБОУ СШ № 1"]),
        ("бассейн", ["МБОУ СШ № 2"]),
        ("бассейны", ["МБОУ СШ № 2"]),
        ("лаборатория", ["МБОУ СШ № 1"]),  # a room's kind
        ("Picaso", ["МБОУ СШ № 1"]),  # equipment's model
        ("3D-принтер бассейн", []),  # every word in one resource
        ("токарный станок", []),
    ],
)
def test_words_in_any_form(staff, inventory, text, found):
    assert names(staff, SearchQuery(text=text)) == found


def test_staff_sees_only_own_municipality_administrator_every(staff, administrator, inventory):
    assert "Липецкая школа" not in names(staff, SearchQuery(text="принтер"))
    assert "Липецкая школа" in names(administrator, SearchQuery(text="принтер"))
    there = SearchQuery(text="принтер", municipality=inventory.municipality_id)
    assert names(administrator, there) == ["Липецкая школа"]


def test_filters_by_settlement_kind_and_accessibility(staff, inventory, zadonsk):
    assert names(staff, SearchQuery(text="принтер", settlement=zadonsk.pk)) == ["МБОУ СШ № 1"]
    assert names(staff, SearchQuery(room_kind=RoomKind.POOL)) == ["МБОУ СШ № 2"]
    assert names(staff, SearchQuery(text="принтер", accessible=True)) == ["МБОУ СШ № 1"]


def test_empty_query_finds_nothing(staff, inventory):
    assert names(staff, SearchQuery()) == []


def test_results_grouped_with_matching_resources_only(staff, org_a, inventory):
    query = SearchQuery(text="принтер")
    results = resource_selectors.search_results(
        staff, query, resource_selectors.search_organisations(staff, query)
    )
    first = results[0]
    assert first.organisation == org_a
    assert [e.kind for e in first.equipment] == ["3D-принтер"]  # not the laptops
    assert first.rooms == [] and first.equipment_total == 2


def test_search_page_shows_organisations_with_contacts(client, staff, inventory):
    client.force_login(staff)
    page = client.get(reverse("staffing:resource_search"), {"q": "бассейн"}).content.decode()
    assert "Найдено: 1 организация." in page
    assert "Бассейн «Дельфин»" in page and "25 мест" in page
    assert "+7 (47471) 2-00-00" in page
    assert "МБОУ СШ № 1" not in page


def test_search_page_is_paginated(client, staff, municipality):
    for n in range(25):
        school = OrganisationFactory(municipality=municipality, short_name=f"Школа {n:02d}")
        equipment(school, "Микроскоп")
    client.force_login(staff)
    first = client.get(reverse("staffing:resource_search"), {"q": "микроскопы"}).content.decode()
    assert "Найдено: 25 организаций." in first and "1 из 2" in first
    second = client.get(reverse("staffing:resource_search"), {"q": "микроскоп", "page": 2})
    assert "Школа 24" in second.content.decode()


def test_search_refuses_a_settlement_of_another_municipality(client, staff, other_municipality):
    there = Settlement.objects.create(municipality=other_municipality, name="с. Хлевное")
    client.force_login(staff)
    response = client.get(reverse("staffing:resource_search"), {"settlement": there.pk})
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()


@pytest.mark.parametrize("persona", ["coordinator_a", "expert", None])
def test_search_is_for_staff(client, request, persona):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("staffing:resource_search"), {"q": "принтер"})
    assert response.status_code in (302, 403)
