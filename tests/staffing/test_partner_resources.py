"""What a network programme's partners lend it: only the partner's own rooms and equipment,
only a partner the registry knows; shown on the programme's pages."""

import pytest
from django.urls import reverse

from moc_portal.core.errors import DomainError
from programs import services as registry
from programs.models import NetworkPartner
from programs.staffing import resources
from programs.staffing.models import PartnerResource, RoomKind
from tests.programs.factories import ProgramFactory
from tests.staffing.resource_factories import equipment, room

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(org_a):
    return ProgramFactory(organisation=org_a, is_network=True)


@pytest.fixture
def partner_b(network, org_b):
    return NetworkPartner.objects.create(program=network, name=org_b.full_name, inn=org_b.inn)


def test_partner_lends_its_room_and_equipment(network, partner_b, org_b, coordinator_a):
    pool = room(org_b, "Бассейн «Дельфин»", RoomKind.POOL)
    printer = equipment(org_b, "3D-принтер")
    resources.partner_resource_add(user=coordinator_a, partner=partner_b, room=pool)
    resources.partner_resource_add(user=coordinator_a, partner=partner_b, equipment=printer)
    assert PartnerResource.objects.filter(partner=partner_b).count() == 2


def test_room_of_another_organisation_refused(network, partner_b, org_a, coordinator_a):
    own = room(org_a, "Кабинет 12")
    with pytest.raises(DomainError, match="Помещение «Кабинет 12» принадлежит другой организации"):
        resources.partner_resource_add(user=coordinator_a, partner=partner_b, room=own)
    assert not PartnerResource.objects.exists()


def test_equipment_of_another_organisation_refused(network, partner_b, org_a, coordinator_a):
    laptop = equipment(org_a, "Ноутбук")
    with pytest.raises(DomainError, match="Оборудование «Ноутбук» принадлежит другой"):
        resources.partner_resource_add(user=coordinator_a, partner=partner_b, equipment=laptop)
    assert not PartnerResource.objects.exists()


def test_partner_not_in_registry_cannot_name_rooms(network, org_b, coordinator_a):
    stranger = NetworkPartner.objects.create(program=network, name="ООО «Робот»", inn="7707083893")
    pool = room(org_b, "Бассейн")
    with pytest.raises(DomainError, match="Партнёр с ИНН 7707083893 не найден в реестре"):
        resources.partner_resource_add(user=coordinator_a, partner=stranger, room=pool)
    assert not PartnerResource.objects.exists()


def test_coordinator_b_cannot_name_resources_of_programme_a(partner_b, org_b, coordinator_b):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        resources.partner_resource_add(
            user=coordinator_b, partner=partner_b, room=room(org_b, "Спортзал")
        )


def test_lent_room_cannot_be_deleted_until_freed(network, partner_b, org_b, coordinator_b):
    pool = room(org_b, "Бассейн")
    PartnerResource.objects.create(partner=partner_b, room=pool)
    with pytest.raises(DomainError, match="предоставлено сетевой программе"):
        resources.room_delete(user=coordinator_b, room=pool)


def test_editing_the_programme_keeps_partners_resources(network, partner_b, org_b, coordinator_a):
    lent = PartnerResource.objects.create(partner=partner_b, room=room(org_b, "Бассейн"))
    registry.program_update(
        user=coordinator_a,
        program=network,
        data={"name": "Робототехника в сети"},
        partners=[{"name": "МБОУ СШ № 2 (новое имя)", "inn": partner_b.inn, "ogrn": ""}],
    )
    assert PartnerResource.objects.filter(pk=lent.pk, partner=partner_b).exists()
    partner_b.refresh_from_db()
    assert partner_b.name == "МБОУ СШ № 2 (новое имя)"


def test_partner_page_adds_only_own_rooms(client, network, partner_b, org_a, org_b, coordinator_a):
    pool = room(org_b, "Бассейн «Дельфин»", RoomKind.POOL)
    own = room(org_a, "Лаборатория Кулибина")
    client.force_login(coordinator_a)
    page = client.get(reverse("staffing:partner_resources", args=[network.pk])).content.decode()
    assert "Бассейн «Дельфин»" in page and "Кулибина" not in page
    url = reverse("staffing:partner_resource_add", args=[partner_b.pk])
    response = client.post(url, {f"p{partner_b.pk}-room": own.pk}, follow=True)
    assert "принадлежит другой организации" in response.content.decode()
    client.post(url, {f"p{partner_b.pk}-room": pool.pk})
    assert PartnerResource.objects.get().room == pool


def test_programme_pages_show_room_name_and_equipment_kind(
    client, network, partner_b, org_b, coordinator_a
):
    pool = room(org_b, "Бассейн «Дельфин»", RoomKind.POOL, note="Ключ у вахтёра")
    printer = equipment(org_b, "3D-принтер", model="Секретная модель X")
    PartnerResource.objects.create(partner=partner_b, room=pool, equipment=printer)
    client.force_login(coordinator_a)
    page = client.get(reverse("programs:detail", args=[network.pk])).content.decode()
    assert "Ресурсы сетевых партнёров" in page and "Бассейн «Дельфин», 3D-принтер" in page


def test_public_page_shows_room_name_and_equipment_kind_only(client, publish, org_b):
    program = publish(is_network=True)
    partner = NetworkPartner.objects.create(program=program, name="МБОУ СШ № 2", inn=org_b.inn)
    pool = room(org_b, "Бассейн «Дельфин»", RoomKind.POOL, note="Ключ у вахтёра")
    printer = equipment(org_b, "3D-принтер", model="Секретная модель X", count=7)
    resources.partner_resource_add(
        user=program.organisation.coordinators.get(), partner=partner, room=pool, equipment=printer
    )
    page = client.get(reverse("programs:public_detail", args=[program.pk])).content.decode()
    assert "Бассейн «Дельфин», 3D-принтер" in page
    assert "вахтёра" not in page and "Секретная модель" not in page
