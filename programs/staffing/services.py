"""Teachers of an organisation: added and changed by its coordinators and the municipality's
staff (an administrator anywhere), refused with a Russian message when the record would be
wrong, and marked as gone (``left_on``) rather than deleted, so past reports keep counting
them until ``retention`` erases their personal data."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from moc_portal.core.concurrency import check_seen, snapshot
from moc_portal.core.errors import DomainError
from moc_portal.users.models import User

from ..models import Organisation
from ..selectors import user_manages_organisation
from .matching import plain
from .models import Teacher

# What the teacher's form shows and changes, in its order.
TEACHER_FIELDS = [
    "surname",
    "name",
    "patronymic",
    "post",
    "employment",
    "education",
    "category",
    "category_date",
    "experience_years",
    "focuses",
    "hired_on",
    "left_on",
]

DUPLICATE = "Педагог {name} уже есть в списке организации «{organisation}»."


def check_keeps_teachers(user: User, organisation: Organisation) -> None:
    """Refuse (403) anyone but the organisation's coordinators, its municipality's staff and
    an administrator."""
    if not user_manages_organisation(user, organisation):
        raise PermissionDenied("Педагогов этой организации ведут её координаторы и МОЦ.")


def teacher_seen(teacher: Teacher) -> dict[str, str]:
    return snapshot(teacher, TEACHER_FIELDS)


@transaction.atomic
def teacher_save(*, user: User, teacher: Teacher, seen: str | None = None) -> Teacher:
    """Add ``teacher`` to its organisation's list or save its changes. ``seen``: what the
    person's form showed (``core.concurrency``); a record saved by someone else since is
    refused with their change."""
    organisation = Organisation.objects.select_for_update().get(pk=teacher.organisation_id)
    check_keeps_teachers(user, organisation)
    if teacher.pk:
        stored = Teacher.objects.select_for_update().get(pk=teacher.pk)
        if stored.organisation_id != teacher.organisation_id:
            raise PermissionDenied("Педагог переходит в другую организацию только заново.")
        if stored.is_erased:
            raise DomainError(
                "Данные этого педагога удалены по сроку хранения: запись не меняется."
            )
        check_seen(seen, teacher_seen(stored))
    for name in ("surname", "name", "patronymic", "post"):
        setattr(teacher, name, " ".join((getattr(teacher, name) or "").split()))
    _check_not_listed(teacher, organisation)
    teacher.full_clean()
    teacher.save()
    return teacher


def _check_not_listed(teacher: Teacher, organisation: Organisation) -> None:
    """The same full name (in any case, ё as е) once per organisation."""
    key = _name_key(teacher)
    others = Teacher.objects.filter(organisation=organisation).exclude(pk=teacher.pk)
    if any(_name_key(other) == key for other in others.only("surname", "name", "patronymic")):
        raise ValidationError(
            DUPLICATE.format(name=teacher.full_name, organisation=organisation.short_name)
        )


def _name_key(teacher: Teacher) -> tuple[str, str, str]:
    return (plain(teacher.surname), plain(teacher.name), plain(teacher.patronymic or ""))
