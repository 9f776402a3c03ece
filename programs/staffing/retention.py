"""Teachers' personal data kept while they work and ``TEACHER_RETENTION_DAYS`` after they
leave (152-ФЗ: no longer than the purpose needs), then erased by a nightly beat task.

The record itself stays, so that past reports keep counting the person (their organisation,
focus areas, post and the dates they worked); their name becomes «Педагог №… (данные
удалены)» and their education, category, its date and experience are blanked. The groups and
approved programmes that named them show the new name; the Navigator gets it with the next
push. ``teachers_erased`` tells other apps (courses, registrations) whose data to erase.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from moc_portal.users.audit import personal_data_event
from moc_portal.users.models import PersonalDataAction

from .. import signals
from ..models import Program, PublishedProgram
from .group_teachers import groups_text_rebuild
from .models import ERASED_MARK, Category, Teacher

# Sent after commit with ``teacher_ids``: the teachers whose personal data were erased.
teachers_erased = Signal()


def erased_surname(pk: int) -> str:
    return f"Педагог №{pk} {ERASED_MARK}"


def teachers_due(today: date | None = None):
    """Teachers who left more than the retention period ago and still have their data."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.TEACHER_RETENTION_DAYS)
    return Teacher.objects.filter(left_on__lt=cutoff).exclude(surname__endswith=ERASED_MARK)


@transaction.atomic
def teachers_personal_data_erase(*, today: date | None = None) -> int:
    """Erase the personal data of every teacher past the retention; returns how many."""
    due = list(teachers_due(today).select_related("organisation").select_for_update())
    if not due:
        return 0
    old_names = {teacher.pk: teacher.short_name for teacher in due}
    for teacher in due:
        teacher.surname = erased_surname(teacher.pk)
        teacher.name = teacher.patronymic = ""
        teacher.education = ""
        teacher.category = Category.NONE
        teacher.category_date = None
        teacher.experience_years = None
    Teacher.objects.bulk_update(
        due,
        ["surname", "name", "patronymic", "education", "category", "category_date"]
        + ["experience_years"],
    )
    ids = {teacher.pk for teacher in due}
    groups_text_rebuild(ids)
    program_ids = _published_rewrite({t.pk: t for t in due}, old_names)
    for teacher in due:
        personal_data_event(
            actor=None,
            action=PersonalDataAction.PURGED,
            subject=f"Педагог №{teacher.pk}, {teacher.organisation.short_name}",
            municipality_id=teacher.organisation.municipality_id,
        )
    transaction.on_commit(lambda: teachers_erased.send(sender=Teacher, teacher_ids=sorted(ids)))
    if program_ids:
        transaction.on_commit(
            lambda: signals.program_changed.send(sender=Program, program_ids=program_ids)
        )
    return len(due)


def _published_rewrite(erased: dict[int, Teacher], old_names: dict[int, str]) -> list[int]:
    """The approved versions naming these teachers name them as erased (the rest of what was
    approved stays as it was); returns their programmes' ids."""
    changed = []
    published = PublishedProgram.objects.filter(
        program__groups__teachings__teacher_id__in=list(erased)
    ).distinct()
    for row in published:
        for group in row.data.get("groups", []):
            for entry in group.get("teachers") or ():
                teacher = erased.get(entry.get("id"))
                if teacher is not None:
                    entry["name"] = teacher.full_name
                    group["teacher"] = group.get("teacher", "").replace(
                        old_names[teacher.pk], teacher.short_name
                    )
        row.save(update_fields=["data"])
        changed.append(row.program_id)
    return changed
