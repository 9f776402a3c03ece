"""Plans for viewing: a plan, its sections and items change on the portal's pages through
``plans.services`` (the plan's lifecycle, an item's edit checked against what its person saw)."""

from django.contrib import admin

from moc_portal.core.admin import ReadOnlyAdmin, ReadOnlyHistoryAdmin, ReadOnlyTabularInline

from .models import Plan, PlanItem, PlanSection


class PlanSectionInline(ReadOnlyTabularInline):
    model = PlanSection


@admin.register(Plan)
class PlanAdmin(ReadOnlyHistoryAdmin):
    list_display = ["title", "kind", "municipality", "period_label", "state"]
    list_filter = ["kind", "state", "municipality"]
    search_fields = ["title", "period_label"]
    inlines = [PlanSectionInline]


@admin.register(PlanSection)
class PlanSectionAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "plan"]
    search_fields = ["title", "plan__title"]


@admin.register(PlanItem)
class PlanItemAdmin(ReadOnlyHistoryAdmin):
    list_display = ["number", "title", "plan", "period_text", "starts_on", "ends_on", "status"]
    list_filter = ["status", "plan__kind", "plan__municipality"]
    search_fields = ["title", "responsible", "plan__title"]
