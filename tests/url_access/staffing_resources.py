"""Rooms and equipment, the resource search, network partners' resources (``staffing:``):
organisation A's inventory is its keepers' (coordinator A, the municipality's staff, the
administrator); the search is the centres' staff's and the administrator's."""

from programs.models import NetworkPartner
from programs.staffing.models import Equipment, PartnerResource, ResourceWord, Room, RoomKind
from tests.programs.factories import ProgramFactory
from tests.staffing.resource_factories import equipment, room

OWNERS_OF_A = {"coordinator_a", "staff", "administrator"}
STAFF_ANY = {"staff", "staff_other", "administrator"}


def _organisation(w):
    return {"pk": w.organisation.pk}


def _record(name):
    return lambda w: {"pk": w.extra[name].pk}


ACCESS = {
    "staffing:inventory": (OWNERS_OF_A, _organisation),
    "staffing:room_create": (OWNERS_OF_A, _organisation),
    "staffing:equipment_create": (OWNERS_OF_A, _organisation),
    "staffing:inventory_template": (OWNERS_OF_A, _organisation),
    "staffing:inventory_import": (OWNERS_OF_A, _organisation),
    "staffing:room_edit": (OWNERS_OF_A, _record("resource_room")),
    "staffing:room_delete": (OWNERS_OF_A, _record("resource_room")),
    "staffing:equipment_edit": (OWNERS_OF_A, _record("resource_equipment")),
    "staffing:equipment_delete": (OWNERS_OF_A, _record("resource_equipment")),
    "staffing:resource_search": (STAFF_ANY, None),
    "staffing:partner_resources": (OWNERS_OF_A, _record("resource_program")),
    "staffing:partner_resource_add": (OWNERS_OF_A, _record("resource_partner")),
    "staffing:partner_resource_remove": (OWNERS_OF_A, _record("resource_lent")),
}

TABLES = [Room, Equipment, PartnerResource, ResourceWord]


def build(world) -> dict:
    own = room(world.organisation, "Кванториум", RoomKind.LABORATORY)
    item = equipment(world.organisation, "3D-принтер", count=2, room=own)
    program = ProgramFactory(organisation=world.organisation, is_network=True)
    partner_org = world.other_organisation
    partner = NetworkPartner.objects.create(
        program=program, name=partner_org.full_name, inn=partner_org.inn
    )
    pool = room(partner_org, "Бассейн", RoomKind.POOL)
    lent = PartnerResource.objects.create(partner=partner, room=pool)
    return {
        "resource_room": own,
        "resource_equipment": item,
        "resource_program": program,
        "resource_partner": partner,
        "resource_lent": lent,
    }
