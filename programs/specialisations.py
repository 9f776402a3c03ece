"""The reference list of specialisations (профили within a focus area, as in the Navigator),
kept by an administrator. It has no portal page yet: the Django admin saves here, and a page
made later calls the same functions.

A specialisation is never deleted (programmes point at it, ``on_delete=PROTECT``), and one
that programmes use keeps its focus: a programme's specialisation belongs to its focus.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from moc_portal.access import check_changes_only
from moc_portal.core.concurrency import check_seen, snapshot
from moc_portal.users.models import User

from .cache import bump_catalogue_version
from .models import Specialisation
from .services import RegistryError

SPECIALISATION_FIELDS = ["focus", "name"]


def specialisation_seen(specialisation: Specialisation) -> dict[str, str]:
    """The specialisation as its form shows it: what a save must not overwrite unseen."""
    return snapshot(specialisation, SPECIALISATION_FIELDS)


def _check_administrator(user: User) -> None:
    if not user.is_administrator:
        raise PermissionDenied("Справочник профилей ведёт администратор.")


@transaction.atomic
def specialisation_create(*, user: User, data: dict) -> Specialisation:
    _check_administrator(user)
    check_changes_only(data, SPECIALISATION_FIELDS)
    specialisation = Specialisation(**data)
    specialisation.full_clean()
    specialisation.save()
    transaction.on_commit(bump_catalogue_version)  # the catalogue's filter lists it
    return specialisation


@transaction.atomic
def specialisation_update(
    *, user: User, specialisation: Specialisation, data: dict, seen: str | None = None
) -> Specialisation:
    """``seen``: what the person's form showed (``core.concurrency``); a specialisation saved
    by someone else since is refused with their change."""
    _check_administrator(user)
    check_changes_only(data, SPECIALISATION_FIELDS)
    specialisation = Specialisation.objects.select_for_update().get(pk=specialisation.pk)
    check_seen(seen, specialisation_seen(specialisation))
    focus = data.get("focus", specialisation.focus)
    if focus != specialisation.focus and specialisation.programs.exists():
        raise RegistryError(
            "Этот профиль указан в программах: его направленность не меняется. "
            "Добавьте новый профиль с нужной направленностью."
        )
    for name, value in data.items():
        setattr(specialisation, name, value)
    specialisation.full_clean()
    specialisation.save()
    transaction.on_commit(bump_catalogue_version)  # the catalogue shows its name
    return specialisation
