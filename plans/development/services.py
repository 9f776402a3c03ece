"""Writes of teachers' growth: their courses, and the registrations of an organisation's
teachers for the centre's methodical events with their attendance.

An event's ``participants`` is the number of teachers who came once attendance is marked,
and the number registered until then; the linked plan item's quantitative result gets the
same number as a line «Количество участников – 54 педагога».
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from moc_portal.core import russian
from moc_portal.core.errors import DomainError
from moc_portal.users.models import User
from programs.models import Organisation
from programs.staffing.models import Teacher

from ..models import Event
from .models import Course, Registration

KEEPERS_ONLY = "Сведения о педагоге ведут координаторы его организации и сотрудники МОЦ."
COURSE_BACKWARDS = "Курс не может закончиться раньше, чем начался."


def keeps_organisation(user: User, organisation: Organisation) -> bool:
    if user.manages_municipality(organisation.municipality_id):
        return True
    return user.is_coordinator and organisation.coordinators.filter(pk=user.pk).exists()


def check_keeps_teacher(user: User, teacher: Teacher) -> None:
    if not keeps_organisation(user, teacher.organisation):
        raise PermissionDenied(KEEPERS_ONLY)


@transaction.atomic
def course_save(*, user: User, course: Course) -> Course:
    """Add or change a teacher's course. A course may still run (its end ahead): it counts
    as completed, for the next one's due date, from its end."""
    check_keeps_teacher(user, course.teacher)
    if course.starts_on and course.ends_on and course.ends_on < course.starts_on:
        raise ValidationError({"ends_on": COURSE_BACKWARDS})
    course.full_clean()
    course.save()
    return course


@transaction.atomic
def course_delete(*, user: User, course: Course) -> None:
    check_keeps_teacher(user, course.teacher)
    storage, name = course.certificate.storage, course.certificate.name
    course.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# --- registrations -----------------------------------------------------------------------


def registration_open(event: Event, on=None) -> bool:
    on = on or timezone.localdate()
    until = event.registration_until or event.starts_on
    return event.takes_registrations and on <= until


@transaction.atomic
def registrations_set(
    *, user: User, event: Event, organisation: Organisation, teachers: list[Teacher]
) -> int:
    """The organisation's teachers registered for the event become exactly ``teachers``.
    Returns how many of its teachers are registered."""
    if not (user.is_coordinator and organisation.coordinators.filter(pk=user.pk).exists()):
        raise PermissionDenied("Педагогов записывают координаторы их организации.")
    if organisation.municipality_id != event.municipality_id:
        raise PermissionDenied("Событие проводит МОЦ другого муниципалитета.")
    if not registration_open(event):
        raise DomainError("Запись на это событие закрыта.")
    working = set(
        Teacher.objects.filter(organisation=organisation).working().values_list("pk", flat=True)
    )
    chosen = {t.pk for t in teachers}
    if chosen - working:
        raise DomainError("Записать можно только педагогов, которые работают в организации.")
    ours = Registration.objects.filter(event=event, teacher__organisation=organisation)
    ours.exclude(teacher_id__in=chosen).delete()
    present = set(ours.values_list("teacher_id", flat=True))
    Registration.objects.bulk_create(
        Registration(event=event, teacher_id=pk, registered_by=user) for pk in chosen - present
    )
    event_count_update(event)
    return len(chosen)


def check_event_keeper(user: User, event: Event) -> None:
    if not user.manages_municipality(event.municipality_id):
        raise PermissionDenied("Посещаемость отмечают сотрудники МОЦ муниципалитета.")


@transaction.atomic
def attendance_mark(*, user: User, event: Event, attended: set[int]) -> int:
    """Every registration of the event: came when its pk is in ``attended``, did not
    otherwise. Returns how many came."""
    check_event_keeper(user, event)
    registrations = Registration.objects.filter(event=event)
    registrations.filter(pk__in=attended).update(attended=True)
    registrations.exclude(pk__in=attended).update(attended=False)
    return event_count_update(event)


PARTICIPANTS_LINE = re.compile(r"^Количество участников\s*[–-].*$", re.MULTILINE)


def event_count_update(event: Event) -> int:
    """The event's participants (those who came, or those registered while attendance is not
    marked) into the event and its plan item's quantitative result."""
    registrations = Registration.objects.filter(event=event)
    marked = registrations.filter(attended__isnull=False).exists()
    count = registrations.filter(attended=True).count() if marked else registrations.count()
    Event.objects.filter(pk=event.pk).update(participants=count)
    event.participants = count
    if event.item_id:
        item = event.item
        line = f"Количество участников – {russian.count(count, 'педагог')}"
        text = item.result_quantitative or ""
        if PARTICIPANTS_LINE.search(text):
            text = PARTICIPANTS_LINE.sub(line, text, count=1)
        else:
            text = f"{text.rstrip()}\n{line}".strip()
        type(item).objects.filter(pk=item.pk).update(result_quantitative=text)
        item.result_quantitative = text
    return count
