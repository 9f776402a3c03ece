from django.contrib import admin

from .models import Indicator, MonitoringFill, MonitoringForm, SupplyGap, YearlyReport


@admin.register(YearlyReport)
class YearlyReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "municipality", "state", "as_of", "submitted_at"]
    list_filter = ["municipality", "state", "academic_year"]
    readonly_fields = ["data", "built_at", "submitted_at", "submitted_by", "created_by"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(MonitoringForm)
class MonitoringFormAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality"]
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "form", "kind"]


@admin.register(MonitoringFill)
class MonitoringFillAdmin(admin.ModelAdmin):
    list_display = ["__str__", "as_of", "state"]
    readonly_fields = ["values", "submitted_at"]


@admin.register(SupplyGap)
class SupplyGapAdmin(admin.ModelAdmin):
    list_display = ["__str__", "item", "created_at"]
    raw_id_fields = ["settlement", "item"]
