"""Reports for viewing: a yearly report is built, submitted and reopened, a monitoring form
filled and submitted, through ``reports`` services; their states, dates and frozen tables are
never edited here."""

from django.contrib import admin

from moc_portal.core.admin import ReadOnlyAdmin, ReadOnlyTabularInline

from .models import Indicator, MonitoringFill, MonitoringForm, SupplyGap, YearlyReport


@admin.register(YearlyReport)
class YearlyReportAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "municipality", "state", "as_of", "submitted_at"]
    list_filter = ["municipality", "state", "academic_year"]


class IndicatorInline(ReadOnlyTabularInline):
    model = Indicator


@admin.register(MonitoringForm)
class MonitoringFormAdmin(ReadOnlyAdmin):
    list_display = ["title", "municipality"]
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ["title", "code", "form", "kind"]


@admin.register(MonitoringFill)
class MonitoringFillAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "as_of", "state"]


@admin.register(SupplyGap)
class SupplyGapAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "item", "created_at"]
    raw_id_fields = ["settlement", "item"]
