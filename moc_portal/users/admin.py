from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import PersonalDataEvent, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "email", "role", "municipality", "is_active"]
    list_filter = ["role", "municipality", "is_active", "is_staff"]
    search_fields = ["username", "email", "last_name", "first_name", "middle_name"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (
            "Роль на портале",
            {"fields": ["role", "municipality", "middle_name", "position", "phone"]},
        ),
    ]
    add_fieldsets = [
        *BaseUserAdmin.add_fieldsets,
        ("Роль на портале", {"fields": ["email", "role", "municipality"]}),
    ]


@admin.register(PersonalDataEvent)
class PersonalDataEventAdmin(admin.ModelAdmin):
    """Read only: the trail is written by the portal, never edited."""

    list_display = ["at", "actor", "action", "subject", "municipality"]
    list_filter = ["action", "municipality"]
    search_fields = ["subject", "actor__username", "actor__last_name"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
