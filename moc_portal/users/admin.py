from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


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
