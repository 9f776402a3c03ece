"""Rooms and equipment of an organisation, and what network partners lend a programme.

The organisation's coordinators and its municipality's staff keep its inventory (an
administrator every one). A network programme's partner is an organisation of the registry,
found by its INN; it can lend only its own rooms and equipment.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from moc_portal.core.errors import DomainError
from moc_portal.users.models import User

from ..cache import bump_catalogue_version
from ..models import NetworkPartner, Organisation, Program
from . import resource_words
from .models import Equipment, PartnerResource, Room

ROOM_FIELDS = ("name", "kind", "capacity", "accessible", "note")
EQUIPMENT_FIELDS = ("kind", "model", "count", "room")


def keeps_inventory(user: User, organisation: Organisation) -> bool:
    return Organisation.objects.managed_by(user).filter(pk=organisation.pk).exists()


def check_keeps_inventory(user: User, organisation: Organisation) -> None:
    if not keeps_inventory(user, organisation):
        raise PermissionDenied("Помещения и оборудование ведут координаторы организации и МОЦ.")


def check_room_name(organisation: Organisation, name: str, room: Room | None = None) -> None:
    taken = Room.objects.filter(organisation=organisation, name__iexact=name.strip())
    if room is not None and room.pk:
        taken = taken.exclude(pk=room.pk)
    if taken.exists():
        raise ValidationError({"name": f"Помещение «{name.strip()}» в организации уже есть."})


def check_own_room(organisation: Organisation, room: Room | None) -> None:
    if room is not None and room.organisation_id != organisation.pk:
        raise DomainError(f"Помещение «{room.name}» принадлежит другой организации.")


@transaction.atomic
def room_save(*, user: User, organisation: Organisation, data: dict, room=None) -> Room:
    """A new room of the organisation, or ``room`` changed."""
    check_keeps_inventory(user, organisation)
    room = room or Room(organisation=organisation)
    if room.organisation_id != organisation.pk:
        raise PermissionDenied("Помещение другой организации.")
    check_room_name(organisation, data.get("name", ""), room)
    for name in ROOM_FIELDS:
        if name in data:
            setattr(room, name, data[name])
    room.name = room.name.strip()
    room.full_clean()
    room.save()
    resource_words.index(rooms=[room])
    return room


@transaction.atomic
def room_delete(*, user: User, room: Room) -> None:
    check_keeps_inventory(user, room.organisation)
    try:
        room.delete()
    except ProtectedError as error:
        raise DomainError(
            f"Помещение «{room.name}» предоставлено сетевой программе: сначала уберите его "
            "из ресурсов сетевого партнёра."
        ) from error


@transaction.atomic
def equipment_save(
    *, user: User, organisation: Organisation, data: dict, equipment=None
) -> Equipment:
    """New equipment of the organisation, or ``equipment`` changed; its room, if any, is one
    of the organisation's."""
    check_keeps_inventory(user, organisation)
    equipment = equipment or Equipment(organisation=organisation)
    if equipment.organisation_id != organisation.pk:
        raise PermissionDenied("Оборудование другой организации.")
    check_own_room(organisation, data.get("room"))
    for name in EQUIPMENT_FIELDS:
        if name in data:
            setattr(equipment, name, data[name])
    equipment.kind = equipment.kind.strip()
    equipment.full_clean()
    equipment.save()
    resource_words.index(equipment=[equipment])
    return equipment


@transaction.atomic
def equipment_delete(*, user: User, equipment: Equipment) -> None:
    check_keeps_inventory(user, equipment.organisation)
    try:
        equipment.delete()
    except ProtectedError as error:
        raise DomainError(
            f"Оборудование «{equipment.kind}» предоставлено сетевой программе: сначала уберите "
            "его из ресурсов сетевого партнёра."
        ) from error


# --- network partners ------------------------------------------------------------------------


def partner_organisation(partner: NetworkPartner) -> Organisation | None:
    """The registry's organisation with the partner's INN: the programme's municipality's
    first, then any."""
    found = Organisation.objects.filter(inn=partner.inn.strip())
    municipality = partner.program.organisation.municipality_id
    return found.filter(municipality_id=municipality).first() or found.order_by("pk").first()


def check_keeps_program(user: User, program: Program) -> None:
    if not Program.objects.managed_by(user).filter(pk=program.pk).exists():
        raise PermissionDenied("Ресурсы партнёров указывают те, кто ведёт программу.")


@transaction.atomic
def partner_resource_add(
    *, user: User, partner: NetworkPartner, room: Room | None = None, equipment=None
) -> PartnerResource:
    """The partner lends the programme a room, equipment, or both (the equipment in that
    room or anywhere of the partner's)."""
    check_keeps_program(user, partner.program)
    if not partner.program.is_network:
        raise DomainError("Ресурсы партнёров указывают только у сетевой программы.")
    if room is None and equipment is None:
        raise DomainError("Выберите помещение или оборудование, которое предоставляет партнёр.")
    organisation = partner_organisation(partner)
    if organisation is None:
        raise DomainError(
            f"Партнёр с ИНН {partner.inn} не найден в реестре организаций: помещения и "
            "оборудование указывают у организаций реестра."
        )
    check_own_room(organisation, room)
    if equipment is not None and equipment.organisation_id != organisation.pk:
        raise DomainError(f"Оборудование «{equipment.kind}» принадлежит другой организации.")
    lent = PartnerResource.objects.filter(partner=partner, room=room, equipment=equipment)
    if lent.exists():
        raise DomainError("Этот ресурс у партнёра уже указан.")
    transaction.on_commit(bump_catalogue_version)  # the public page lists what is lent
    return PartnerResource.objects.create(partner=partner, room=room, equipment=equipment)


@transaction.atomic
def partner_resource_remove(*, user: User, resource: PartnerResource) -> None:
    check_keeps_program(user, resource.partner.program)
    resource.delete()
    transaction.on_commit(bump_catalogue_version)
