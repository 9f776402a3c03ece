"""Courses and registrations for viewing; they change on the portal's pages through
``plans.development.services`` (the certificate is given only by its permission-checked
view)."""

from django.contrib import admin

from moc_portal.core.admin import ReadOnlyAdmin

from .models import Course, Registration


@admin.register(Course)
class CourseAdmin(ReadOnlyAdmin):
    list_display = ["title", "teacher", "kind", "hours", "starts_on", "ends_on"]
    list_filter = ["kind", "teacher__organisation__municipality"]
    search_fields = ["title", "provider", "teacher__surname"]
    exclude = ["certificate"]


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["teacher", "event", "attended", "registered_at"]
    list_filter = ["attended", "event__municipality"]
    search_fields = ["teacher__surname", "event__title"]
