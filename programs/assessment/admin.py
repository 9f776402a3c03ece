from django.contrib import admin

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


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = ["title", "version", "municipality", "is_current"]
    list_filter = ["municipality", "is_current"]
    inlines = [CriterionInline]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["title", "criteria_set", "scale_max", "weight"]
    list_filter = ["criteria_set"]


@admin.register(ExpertProfile)
class ExpertProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "position"]
    search_fields = ["user__last_name", "user__username", "organisation__short_name"]
    autocomplete_fields = ["organisation"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "period_start", "period_end", "state"]
    list_filter = ["municipality", "state"]


@admin.register(ExpertGroup)
class ExpertGroupAdmin(admin.ModelAdmin):
    list_display = ["title", "campaign"]
    filter_horizontal = ["experts"]


@admin.register(CampaignProgram)
class CampaignProgramAdmin(admin.ModelAdmin):
    list_display = ["program", "campaign", "score_percent", "conclusion", "sent_to_region"]
    list_filter = ["campaign", "conclusion", "sent_to_region"]
    search_fields = ["program__name"]


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["entry", "expert", "state", "conclusion", "submitted_at"]
    list_filter = ["state", "entry__campaign"]
    inlines = [ScoreInline]


@admin.register(Score)
class ScoreAdmin(admin.ModelAdmin):
    list_display = ["assignment", "criterion", "value"]


@admin.register(AssessmentLog)
class AssessmentLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "campaign", "action", "actor"]
    list_filter = ["campaign"]
    readonly_fields = ["campaign", "assignment", "actor", "action", "comment", "created_at"]
