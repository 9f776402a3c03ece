"""Teachers' pages (programs.staffing): an organisation's teachers are seen by its
coordinators, its municipality's staff and an administrator; coordinator B, the other
municipality's staff and experts get 404 or 403 (issue 33)."""

from programs.staffing.models import GroupTeacher, Teacher

REGISTRY = {"coordinator_a", "coordinator_b", "staff", "staff_other", "administrator"}
OWNERS_OF_A = {"coordinator_a", "staff", "administrator"}


def _teacher(w):
    return {"pk": w.extra["teacher"].pk}


def _organisation(w):
    return {"pk": w.organisation.pk}


ACCESS = {
    "staffing:teacher_list": (REGISTRY, None),
    "staffing:teacher": (OWNERS_OF_A, _teacher),
    "staffing:teacher_edit": (OWNERS_OF_A, _teacher),
    "staffing:organisation_teachers": (OWNERS_OF_A, _organisation),
    "staffing:teacher_create": (OWNERS_OF_A, _organisation),
}

TABLES = [Teacher, GroupTeacher]


def build(world) -> dict:
    teacher = Teacher.objects.create(
        organisation=world.organisation,
        surname="Шацких",
        name="Надежда",
        patronymic="Александровна",
        post="педагог дополнительного образования",
    )
    # The teacher that tests/test_lost_updates.py types into the group's form is on the list.
    Teacher.objects.create(
        organisation=world.organisation,
        surname="Петров",
        name="Пётр",
        patronymic="Петрович",
        post="педагог дополнительного образования",
    )
    # Organisation A now has a list: its group names its teacher from it, as the form would.
    GroupTeacher.objects.create(group=world.group, teacher=teacher)
    type(world.group).objects.filter(pk=world.group.pk).update(teacher_name=teacher.short_name)
    world.group.refresh_from_db()
    return {"teacher": teacher}
