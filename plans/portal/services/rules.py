"""What every write to the portal checks first: who keeps the record, that nobody saved it
since its form was opened; and a replaced file removed only once the change is committed."""

from django.db import transaction

from moc_portal.access import check_manages_municipality
from moc_portal.core.concurrency import check_seen
from moc_portal.core.errors import DomainError
from moc_portal.users.models import User


class PortalError(DomainError):
    """A change the rules refuse; the message says what to do."""


def check_editor(user: User, municipality_id: int | None) -> None:
    check_manages_municipality(
        user, municipality_id, "Материалы портала муниципалитета ведут сотрудники его МОЦ."
    )


def claim(user: User, record) -> None:
    """A new record is its author's municipality's."""
    if record.pk is None:
        record.municipality_id = record.municipality_id or user.municipality_id
        record.created_by = user
    check_editor(user, record.municipality_id)


def check_unchanged(record, seen: str | None, seen_of) -> None:
    """A record saved by someone else since its form was opened is not overwritten."""
    if record.pk is not None:
        stored = type(record).objects.select_for_update().get(pk=record.pk)
        check_seen(seen, seen_of(stored))


def delete_file_after_commit(field_file) -> None:
    if field_file:
        storage, name = field_file.storage, field_file.name
        transaction.on_commit(lambda: storage.delete(name))
