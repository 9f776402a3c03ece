"""The Django admin of the registry. Saves go through ``services`` like every other
interface, so an admin's edit is recorded, sent to the Navigator and shown in the catalogue.
Groups, schedules, partners and coordinators have their own pages and services in the
portal; here they are read-only."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from moc_portal.core.admin_exports import FormulaSafeExportActionMixin

from . import services
from .models import (
    ChildCount,
    GroupSchedule,
    Municipality,
    NetworkPartner,
    Organisation,
    Program,
    ProgramGroup,
    ProgramTransition,
    PublishedProgram,
    Settlement,
    Specialisation,
    SpreadsheetJob,
)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "oktmo"]
    search_fields = ["name", "oktmo"]
    list_filter = ["region"]


# The admin exports with django-import-export (any format, small selections). Its import is
# left out on purpose: imports go through the portal's checks and rules (programs/imports/).
@admin.register(Organisation)
class OrganisationAdmin(FormulaSafeExportActionMixin, SimpleHistoryAdmin):
    list_display = ["short_name", "municipality", "org_type", "inn", "is_support_centre"]
    list_filter = ["municipality", "org_type", "department", "legal_form", "is_support_centre"]
    search_fields = ["short_name", "full_name", "inn", "ogrn"]
    # Coordinators are invited and detached on the organisation's page (an e-mail goes out).
    readonly_fields = ["coordinators"]

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in form.changed_data}
        if change:
            services.organisation_update(user=request.user, organisation=obj, data=data)
        else:
            created = services.organisation_create(user=request.user, data=form.cleaned_data)
            obj.pk = created.pk


@admin.register(Specialisation)
class SpecialisationAdmin(admin.ModelAdmin):
    list_display = ["name", "focus"]
    list_filter = ["focus"]
    search_fields = ["name"]


class ReadOnly:
    """Shown, never added or changed here: what has its own page and service in the portal."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyInline(ReadOnly):
    extra = 0
    can_delete = False


class NetworkPartnerInline(ReadOnlyInline, admin.TabularInline):
    model = NetworkPartner


class ProgramGroupInline(ReadOnlyInline, admin.StackedInline):
    model = ProgramGroup
    show_change_link = True


class ProgramTransitionInline(admin.TabularInline):
    model = ProgramTransition
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "actor", "comment", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Program)
class ProgramAdmin(FormulaSafeExportActionMixin, SimpleHistoryAdmin):
    list_display = ["name", "organisation", "focus", "age_from", "age_to", "status"]
    list_filter = [
        "status",
        "focus",
        "level",
        "study_form",
        "ovz_suitable",
        "aids_career_guidance",
        "organisation__municipality",
    ]
    search_fields = ["name", "organisation__short_name"]
    autocomplete_fields = ["organisation"]
    inlines = [NetworkPartnerInline, ProgramGroupInline, ProgramTransitionInline]
    # Status changes go through moderation, so every one is recorded.
    readonly_fields = ["status", "created_by", "created_at", "updated_at"]

    def has_change_permission(self, request, obj=None):
        """What the service would refuse (an archived programme) opens read-only."""
        if obj is not None and not services.can_edit_card(user=request.user, program=obj):
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in form.changed_data}
        if change:
            services.program_update(user=request.user, program=obj, data=data)
        else:
            organisation = data.pop("organisation")
            created = services.program_create(
                user=request.user, organisation=organisation, data=data
            )
            obj.pk = created.pk


class GroupScheduleInline(ReadOnlyInline, admin.TabularInline):
    model = GroupSchedule


@admin.register(ProgramGroup)
class ProgramGroupAdmin(ReadOnly, admin.ModelAdmin):
    """Read-only: a group is saved with its schedule by ``services.group_save`` in the portal."""

    list_display = ["name", "program", "teacher_name", "age_from", "age_to", "places"]
    search_fields = ["name", "teacher_name", "program__name"]
    list_filter = ["program__organisation__municipality"]
    inlines = [GroupScheduleInline]


@admin.register(ProgramTransition)
class ProgramTransitionAdmin(admin.ModelAdmin):
    list_display = ["program", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["to_status", "from_status"]
    search_fields = ["program__name", "comment"]
    readonly_fields = [f.name for f in ProgramTransition._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(PublishedProgram)
class PublishedProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "focus", "approved_at"]
    list_filter = ["focus", "municipality"]
    search_fields = ["name"]
    readonly_fields = [f.name for f in PublishedProgram._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(NetworkPartner)
class NetworkPartnerAdmin(ReadOnly, admin.ModelAdmin):
    """Read-only: partners are saved with the programme's card in the portal."""

    list_display = ["name", "inn", "program"]
    search_fields = ["name", "inn"]


@admin.register(SpreadsheetJob)
class SpreadsheetJobAdmin(admin.ModelAdmin):
    list_display = ["kind", "state", "user", "source_name", "total_rows", "created_at"]
    list_filter = ["kind", "state"]
    search_fields = ["source_name", "user__username", "user__last_name"]
    readonly_fields = [f.name for f in SpreadsheetJob._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Settlement)
class SettlementAdmin(admin.ModelAdmin):
    list_display = ["__str__", "municipality", "oktmo"]
    list_filter = ["municipality", "kind"]
    search_fields = ["name", "oktmo"]


@admin.register(ChildCount)
class ChildCountAdmin(admin.ModelAdmin):
    list_display = ["settlement", "year", "band", "children"]
    list_filter = ["year", "band", "settlement__municipality"]
    raw_id_fields = ["settlement"]
