"""The GroupTeacher rows of groups: written by the group's form and the programme import
(``programs.services`` and ``programs.imports`` call here), copied with a programme. The
approved version of a programme keeps each group's teachers as name and post
(``programs.services.publishing.approved_data``), all that public pages and the Navigator get."""

from ..models import ProgramGroup
from .matching import display_text
from .models import GroupTeacher, Teacher


def group_teachers_store(teachers_of: dict[int, tuple[Teacher, ...]]) -> None:
    """Each group (by id) gets exactly the teachers given, in their order; an empty tuple
    clears a group's list (its text stays free, as for an organisation without a list)."""
    if not teachers_of:
        return
    GroupTeacher.objects.filter(group_id__in=list(teachers_of)).delete()
    GroupTeacher.objects.bulk_create(
        (
            GroupTeacher(group_id=group_id, teacher=teacher, position=position)
            for group_id, teachers in teachers_of.items()
            for position, teacher in enumerate(teachers)
        ),
        batch_size=2000,
    )


def group_teachers_copy(source_id: int, copy_id: int) -> None:
    """A copied programme's group keeps its teachers."""
    GroupTeacher.objects.bulk_create(
        GroupTeacher(group_id=copy_id, teacher_id=row.teacher_id, position=row.position)
        for row in GroupTeacher.objects.filter(group_id=source_id)
    )


def groups_text_rebuild(teacher_ids) -> None:
    """Rewrite the text of the groups naming these teachers (after their data were erased)."""
    groups = ProgramGroup.objects.filter(teachings__teacher_id__in=list(teacher_ids)).distinct()
    for group in groups.prefetch_related("teachings__teacher"):
        group.teacher_name = display_text(row.teacher for row in group.teachings.all())
        group.save(update_fields=["teacher_name"])
