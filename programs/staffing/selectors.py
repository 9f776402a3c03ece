"""Reads of the teachers' lists: whose teachers a person sees (``managed_by``), filtered, and
one teacher's card with the groups they teach."""

from django.db.models import QuerySet

from moc_portal.users.models import User

from ..models import Organisation
from .filters import TeacherFilter
from .models import GroupTeacher, Teacher


def teacher_list(
    *, user: User, filters: dict | None = None, organisation: Organisation | None = None
) -> TeacherFilter:
    """The teachers ``user`` keeps (of ``organisation`` only, when given), through the list's
    FilterSet: ``.qs`` the rows, ``.form`` the filter form."""
    teachers = Teacher.objects.managed_by(user).select_related("organisation")
    if organisation is not None:
        teachers = teachers.filter(organisation=organisation)
    return TeacherFilter(filters, queryset=teachers, user=user)


def teacher_for(user: User, pk: int) -> Teacher | None:
    return (
        Teacher.objects.managed_by(user)
        .select_related("organisation__municipality")
        .filter(pk=pk)
        .first()
    )


def teacher_groups(teacher: Teacher) -> QuerySet[GroupTeacher]:
    """The groups that name the teacher, with their programmes, newest year first."""
    return (
        GroupTeacher.objects.filter(teacher=teacher)
        .select_related("group__program")
        .order_by("-group__program__academic_year", "group__program__name", "group__name")
    )
