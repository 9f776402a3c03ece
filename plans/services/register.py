"""Writes to the media register, the events and an item's evidence files: the year's
execution, so open after the plan's approval too."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from moc_portal.access import check_manages_municipality
from moc_portal.users.models import User

from ..models import Event, EvidenceFile, PlanItem, Publication
from .rules import check_manager


def _check_register(user: User, record: Publication | Event) -> None:
    check_manages_municipality(
        user, record.municipality_id, "Записи муниципалитета ведут сотрудники его МОЦ."
    )
    if record.item_id and record.item.plan.municipality_id != record.municipality_id:
        raise PermissionDenied("Мероприятие относится к плану другого муниципалитета.")


@transaction.atomic
def publication_save(*, user: User, publication: Publication) -> Publication:
    """Add or change a line of the media register; a new one is the user's municipality's."""
    if publication.pk is None:
        publication.municipality_id = publication.municipality_id or user.municipality_id
        publication.created_by = user
    _check_register(user, publication)
    publication.full_clean()
    publication.save()
    return publication


@transaction.atomic
def publication_delete(*, user: User, publication: Publication) -> None:
    _check_register(user, publication)
    publication.delete()


@transaction.atomic
def event_save(*, user: User, event: Event) -> Event:
    if event.pk is None:
        event.municipality_id = event.municipality_id or user.municipality_id
        event.created_by = user
    _check_register(user, event)
    if event.ends_on and event.ends_on < event.starts_on:
        raise ValidationError({"ends_on": "Окончание не может быть раньше начала."})
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def event_delete(*, user: User, event: Event) -> None:
    _check_register(user, event)
    event.delete()


@transaction.atomic
def evidence_file_add(*, user: User, item: PlanItem, title: str, file) -> EvidenceFile:
    check_manager(user, item.plan)
    evidence = EvidenceFile(item=item, title=title, file=file, uploaded_by=user)
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def evidence_file_delete(*, user: User, evidence: EvidenceFile) -> None:
    check_manager(user, evidence.item.plan)
    storage, name = evidence.file.storage, evidence.file.name
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))  # the file goes only if the row did
