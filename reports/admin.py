from django.contrib import admin

from .models import YearlyReport


@admin.register(YearlyReport)
class YearlyReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "municipality", "state", "as_of", "submitted_at"]
    list_filter = ["municipality", "state", "academic_year"]
    readonly_fields = ["data", "built_at", "submitted_at", "submitted_by", "created_by"]
