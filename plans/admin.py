from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Plan, PlanItem, PlanSection


class PlanSectionInline(admin.TabularInline):
    model = PlanSection
    extra = 0


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "municipality", "period_label", "state"]
    list_filter = ["kind", "state", "municipality"]
    search_fields = ["title", "period_label"]
    inlines = [PlanSectionInline]


@admin.register(PlanSection)
class PlanSectionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "plan"]
    search_fields = ["title", "plan__title"]


@admin.register(PlanItem)
class PlanItemAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "plan", "period_text", "starts_on", "ends_on", "status"]
    list_filter = ["status", "plan__kind", "plan__municipality"]
    search_fields = ["title", "responsible", "plan__title"]
