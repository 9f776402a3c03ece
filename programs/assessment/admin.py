"""Assessment for viewing: criteria, campaigns, experts' groups and scores change through
``assessment.services`` on the portal's pages, each with its campaign's lifecycle. Experts'
profiles, which have no portal page yet, are saved here through ``assessment.experts``."""

from django.contrib import admin

from moc_portal.core.admin import (
    ReadOnlyAdmin,
    ReadOnlyTabularInline,
    ServiceSaveMixin,
)
from moc_portal.users.models import Role, User

from . import experts
from .models import (
    AssessmentLog,
    Assignment,
    Campaign,
    CampaignProgram,
    CriteriaSet,
    Criterion,
    ExpertGroup,
    ExpertProfile,
    Score,
)


class CriterionInline(ReadOnlyTabularInline):
    model = Criterion


@admin.register(CriteriaSet)
class CriteriaSetAdmin(ReadOnlyAdmin):
    list_display = ["title", "version", "municipality", "is_current"]
    list_filter = ["municipality", "is_current"]
    inlines = [CriterionInline]


@admin.register(Criterion)
class CriterionAdmin(ReadOnlyAdmin):
    list_display = ["title", "criteria_set", "scale_max", "weight"]
    list_filter = ["criteria_set"]


@admin.register(ExpertProfile)
class ExpertProfileAdmin(ServiceSaveMixin, admin.ModelAdmin):
    """Added and changed through ``assessment.experts``; never deleted here."""

    list_display = ["user", "organisation", "position"]
    search_fields = ["user__last_name", "user__username", "organisation__short_name"]
    autocomplete_fields = ["organisation"]
    fields = ["user", *experts.PROFILE_FIELDS]
    service_fields = experts.PROFILE_FIELDS

    def get_readonly_fields(self, request, obj=None):
        """A profile stays its expert's: another expert gets a profile of their own."""
        return ["user"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = User.objects.filter(
                role=Role.EXPERT, expert_profile__isnull=True
            ).order_by("last_name", "first_name", "username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def seen_state(self, obj):
        return experts.expert_profile_seen(obj)

    def update(self, request, obj, data, seen):
        experts.expert_profile_update(user=request.user, profile=obj, data=data, seen=seen)

    def create(self, request, data, form):
        return experts.expert_profile_create(
            user=request.user, expert=form.cleaned_data["user"], data=data
        )


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ["title", "municipality", "period_start", "period_end", "state"]
    list_filter = ["municipality", "state"]


@admin.register(ExpertGroup)
class ExpertGroupAdmin(ReadOnlyAdmin):
    list_display = ["title", "campaign"]


@admin.register(CampaignProgram)
class CampaignProgramAdmin(ReadOnlyAdmin):
    list_display = ["program", "campaign", "score_percent", "conclusion", "sent_to_region"]
    list_filter = ["campaign", "conclusion", "sent_to_region"]
    search_fields = ["program__name"]


class ScoreInline(ReadOnlyTabularInline):
    model = Score


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["entry", "expert", "state", "conclusion", "submitted_at"]
    list_filter = ["state", "entry__campaign"]
    inlines = [ScoreInline]


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdmin):
    list_display = ["assignment", "criterion", "value"]


@admin.register(AssessmentLog)
class AssessmentLogAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "campaign", "action", "actor"]
    list_filter = ["campaign"]
