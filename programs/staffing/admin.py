"""Teachers for viewing: they are added and changed on the portal's pages through
``staffing.services`` (the checks of who keeps them and what a record may hold), and their
personal data are erased by ``staffing.retention``, never here."""

from django.contrib import admin

from moc_portal.core.admin import ReadOnlyAdmin, ReadOnlyTabularInline

from .models import GroupTeacher, Teacher


class GroupTeacherInline(ReadOnlyTabularInline):
    model = GroupTeacher
    fk_name = "teacher"
    fields = ["group", "position"]


@admin.register(Teacher)
class TeacherAdmin(ReadOnlyAdmin):
    list_display = ["short_name", "organisation", "post", "category", "left_on"]
    list_filter = ["organisation__municipality", "category", "employment"]
    search_fields = ["surname", "name", "organisation__short_name"]
    list_select_related = ["organisation"]
    inlines = [GroupTeacherInline]
