"""The Django admin of the registry: for viewing. Programmes and organisations are also saved
here, through the same services and version check as their portal forms (recorded, sent to the
Navigator, shown in the catalogue), and the list of specialisations, which has no portal page
yet, through ``specialisations``; everything else has its own pages and services in the
portal and is read-only here (``moc_portal.core.admin``)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from moc_portal.core.admin import (
    ReadOnlyAdmin,
    ReadOnlyStackedInline,
    ReadOnlyTabularInline,
    ServiceSaveMixin,
)
from moc_portal.core.concurrency import snapshot
from moc_portal.users.admin_exports import FormulaSafeExportActionMixin

from . import services, specialisations
from .forms import OrganisationForm, ProgramForm
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
    Wish,
)


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdmin):
    """Created and renamed on the portal's municipality pages."""

    list_display = ["name", "region", "oktmo"]
    search_fields = ["name", "oktmo"]
    list_filter = ["region"]


# The admin exports with django-import-export (any format, small selections). Its import is
# left out on purpose: imports go through the portal's checks and rules (programs/imports/).
@admin.register(Organisation)
class OrganisationAdmin(ServiceSaveMixin, FormulaSafeExportActionMixin, SimpleHistoryAdmin):
    list_display = ["short_name", "municipality", "org_type", "inn", "is_support_centre"]
    list_filter = ["municipality", "org_type", "department", "legal_form", "is_support_centre"]
    search_fields = ["short_name", "full_name", "inn", "ogrn"]
    # The administrator's form of the portal; coordinators are invited and detached on the
    # organisation's page (an e-mail goes out).
    fields = [*OrganisationForm._meta.fields, "coordinators", "uuid", "created_at", "updated_at"]
    readonly_fields = ["coordinators", "uuid", "created_at", "updated_at"]
    service_fields = OrganisationForm._meta.fields

    def seen_state(self, obj):
        return snapshot(obj, self.service_fields)

    def update(self, request, obj, data, seen):
        services.organisation_update(user=request.user, organisation=obj, data=data, seen=seen)

    def create(self, request, data, form):
        return services.organisation_create(user=request.user, data=data)


@admin.register(Specialisation)
class SpecialisationAdmin(ServiceSaveMixin, admin.ModelAdmin):
    """Added and changed through ``specialisations``; never deleted (programmes use them)."""

    list_display = ["name", "focus"]
    list_filter = ["focus"]
    search_fields = ["name"]
    fields = [*specialisations.SPECIALISATION_FIELDS]
    service_fields = specialisations.SPECIALISATION_FIELDS

    def seen_state(self, obj):
        return specialisations.specialisation_seen(obj)

    def update(self, request, obj, data, seen):
        specialisations.specialisation_update(
            user=request.user, specialisation=obj, data=data, seen=seen
        )

    def create(self, request, data, form):
        return specialisations.specialisation_create(user=request.user, data=data)


class NetworkPartnerInline(ReadOnlyTabularInline):
    model = NetworkPartner


class ProgramGroupInline(ReadOnlyStackedInline):
    model = ProgramGroup
    show_change_link = True


class ProgramTransitionInline(ReadOnlyTabularInline):
    model = ProgramTransition


@admin.register(Program)
class ProgramAdmin(ServiceSaveMixin, FormulaSafeExportActionMixin, SimpleHistoryAdmin):
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
    # The card of the portal's form; the status changes through moderation, so every change
    # is recorded, and the Navigator's identifiers are the push's own.
    readonly_fields = [
        "status",
        "uuid",
        "navigator_id",
        "navigator_url",
        "created_by",
        "created_at",
        "updated_at",
    ]
    fields = [*ProgramForm._meta.fields, *readonly_fields]

    def has_change_permission(self, request, obj=None):
        """What the service would refuse (an archived programme) opens read-only."""
        if obj is not None and not services.can_edit_card(user=request.user, program=obj):
            return False
        return super().has_change_permission(request, obj)

    def seen_state(self, obj):
        return services.card_seen(obj)

    def service_data(self, form, change):
        return {name: form.cleaned_data[name] for name in form.changed_data if name != "seen"}

    def update(self, request, obj, data, seen):
        services.program_update(user=request.user, program=obj, data=data, seen=seen)

    def create(self, request, data, form):
        organisation = data.pop("organisation")
        return services.program_create(user=request.user, organisation=organisation, data=data)


class GroupScheduleInline(ReadOnlyTabularInline):
    model = GroupSchedule


@admin.register(ProgramGroup)
class ProgramGroupAdmin(ReadOnlyAdmin):
    """A group is saved with its schedule by ``services.group_save`` in the portal."""

    list_display = ["name", "program", "teacher_name", "age_from", "age_to", "places"]
    search_fields = ["name", "teacher_name", "program__name"]
    list_filter = ["program__organisation__municipality"]
    inlines = [GroupScheduleInline]


@admin.register(ProgramTransition)
class ProgramTransitionAdmin(ReadOnlyAdmin):
    list_display = ["program", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["to_status", "from_status"]
    search_fields = ["program__name", "comment"]


@admin.register(PublishedProgram)
class PublishedProgramAdmin(ReadOnlyAdmin):
    list_display = ["name", "organisation", "focus", "approved_at"]
    list_filter = ["focus", "municipality"]
    search_fields = ["name"]


@admin.register(NetworkPartner)
class NetworkPartnerAdmin(ReadOnlyAdmin):
    """Partners are saved with the programme's card in the portal."""

    list_display = ["name", "inn", "program"]
    search_fields = ["name", "inn"]


@admin.register(SpreadsheetJob)
class SpreadsheetJobAdmin(ReadOnlyAdmin):
    list_display = ["kind", "state", "user", "source_name", "total_rows", "created_at"]
    list_filter = ["kind", "state"]
    search_fields = ["source_name", "user__username", "user__last_name"]


@admin.register(Settlement)
class SettlementAdmin(ReadOnlyAdmin):
    """Settlements and their children's counts are loaded by the portal's territory import."""

    list_display = ["__str__", "municipality", "oktmo"]
    list_filter = ["municipality", "kind"]
    search_fields = ["name", "oktmo"]


@admin.register(ChildCount)
class ChildCountAdmin(ReadOnlyAdmin):
    list_display = ["settlement", "year", "band", "children"]
    list_filter = ["year", "band", "settlement__municipality"]
    raw_id_fields = ["settlement"]


@admin.register(Wish)
class WishAdmin(ReadOnlyAdmin):
    """Parents' answers are counted, not edited; contacts live in the question."""

    list_display = ["__str__", "municipality", "created_at"]
    list_filter = ["focus", "municipality"]
