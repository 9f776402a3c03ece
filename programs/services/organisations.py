"""Organisations: created by the centre's staff, their profile kept by the staff and, in
part, by the organisation's coordinators."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from moc_portal.access import check_manages_municipality
from moc_portal.core.concurrency import check_seen, snapshot
from moc_portal.users.models import User

from .. import signals
from ..models import Organisation
from ..selectors import user_manages_organisation
from ..territory import settlements
from .errors import RegistryError

# What a coordinator may change in their own organisation's profile; the rest (municipality,
# the support-centre mark, type and legal details) is kept by the centre.
COORDINATOR_PROFILE_FIELDS = {
    "short_name",
    "head_name",
    "address",
    "settlement",
    "phone",
    "email",
    "website",
    "staff_total",
    "teachers_total",
    "classrooms",
    "has_accessible_environment",
    "infrastructure_notes",
}


def check_staff_of(user: User, municipality_id: int) -> None:
    check_manages_municipality(
        user, municipality_id, "Организациями муниципалитета занимаются сотрудники его МОЦ."
    )


@transaction.atomic
def organisation_create(*, user: User, data: dict) -> Organisation:
    municipality = data.get("municipality") or user.municipality
    if municipality is None:
        raise RegistryError("Укажите муниципалитет организации.")
    check_staff_of(user, municipality.pk)
    organisation = Organisation(**{**data, "municipality": municipality})
    organisation.full_clean()
    organisation.save()
    settlements.place_by_address([organisation])
    return organisation


@transaction.atomic
def organisation_update(
    *, user: User, organisation: Organisation, data: dict, seen: str | None = None
) -> Organisation:
    """``seen``: what the person's form showed of the fields in ``data``."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not user_manages_organisation(user, organisation):
        raise PermissionDenied("Вы не можете изменять эту организацию.")
    check_seen(seen, snapshot(organisation, list(data)))
    if user.is_coordinator:
        refused = set(data) - COORDINATOR_PROFILE_FIELDS
        if refused:
            raise PermissionDenied("Эти сведения об организации меняет сотрудник МОЦ.")
    municipality = data.get("municipality")
    if municipality is not None and municipality.pk != organisation.municipality_id:
        check_staff_of(user, municipality.pk)
    for name, value in data.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    settlements.place_by_address([organisation])
    ids = [organisation.pk]
    transaction.on_commit(
        lambda: signals.organisation_changed.send(sender=Organisation, organisation_ids=ids)
    )
    return organisation
