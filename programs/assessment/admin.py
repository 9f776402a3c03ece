"""Assessment for viewing: criteria, campaigns, experts' groups and scores change through
``assessment.services`` on the portal's pages, each with its campaign's lifecycle."""

from django.contrib import admin

from moc_portal.core.admin import ReadOnlyAdmin, ReadOnlyTabularInline

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
class ExpertProfileAdmin(ReadOnlyAdmin):
    list_display = ["user", "organisation", "position"]
    search_fields = ["user__last_name", "user__username", "organisation__short_name"]


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
