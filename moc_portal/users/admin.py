from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from moc_portal.core.admin import ReadOnlyAdmin, ServiceSaveMixin

from . import services
from .models import PersonalDataEvent, User


@admin.register(User)
class UserAdmin(ServiceSaveMixin, BaseUserAdmin):
    """Accounts are added and changed through ``users.services`` (experts, administrators,
    roles and switching an account off have no portal page yet); never deleted: an account
    that leaves is switched off, so what it did keeps its author. Django's groups and
    permissions are left out: the role decides what a person may."""

    list_display = ["username", "display_name", "email", "role", "municipality", "is_active"]
    list_filter = ["role", "municipality", "is_active", "is_staff"]
    search_fields = ["username", "email", "last_name", "first_name", "middle_name"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (
            "Личные данные",
            {"fields": ["last_name", "first_name", "middle_name", "email", "position", "phone"]},
        ),
        ("Роль на портале", {"fields": ["role", "municipality"]}),
        ("Доступ", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Даты", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        *BaseUserAdmin.add_fieldsets,
        ("Роль на портале", {"fields": ["email", "role", "municipality"]}),
    ]

    def seen_state(self, obj):
        return services.account_seen(obj)

    def service_data(self, form, change):
        """The account's fields on this form (the add form has fewer); of a change, only
        those changed."""
        fields = set(services.ACCOUNT_FIELDS) & set(form.cleaned_data)
        if change:
            fields &= set(form.changed_data)
        return {name: form.cleaned_data[name] for name in fields}

    def update(self, request, obj, data, seen):
        services.account_update(user=request.user, account=obj, data=data, seen=seen)

    def create(self, request, data, form):
        usable = form.cleaned_data.get("set_usable_password", True)
        return services.account_create(
            user=request.user,
            data=data,
            password=form.cleaned_data["password1"] if usable else None,
        )

    def save_related(self, request, form, formsets, change):
        """Nothing related is kept from this form (groups and permissions are not on it)."""


@admin.register(PersonalDataEvent)
class PersonalDataEventAdmin(ReadOnlyAdmin):
    """The trail is written by the portal, never edited."""

    list_display = ["at", "actor", "action", "subject", "municipality"]
    list_filter = ["action", "municipality"]
    search_fields = ["subject", "actor__username", "actor__last_name"]
    date_hierarchy = "at"
