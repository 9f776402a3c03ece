from django.urls import path

from . import staffing_views, territory_views, views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("<id:pk>/", views.report_detail, name="detail"),
    path("<id:pk>/progress/", views.report_progress, name="progress"),
    path("<id:pk>/texts/", views.report_texts, name="texts"),
    path("<id:pk>/submit/", views.report_submit, name="submit"),
    path("<id:pk>/rebuild/", views.report_rebuild, name="rebuild"),
    path("<id:pk>/version/", views.report_new_version, name="new_version"),
    path("<id:pk>/report.xlsx", views.report_export, name="export"),
    path("<id:pk>/report.docx", views.report_export, {"fmt": "docx"}, name="export_docx"),
    path("<id:pk>/compare/<id:other>/", views.report_compare, name="compare"),
    path("region/", views.regional, name="regional"),
    path("region/municipalities/", views.region_overview, name="region_overview"),
    path("monitoring/", views.monitoring_list, name="monitoring"),
    path("monitoring/<id:pk>/", views.monitoring_form, name="monitoring_form"),
    path("monitoring/fill/<id:pk>/", views.monitoring_fill, name="monitoring_fill"),
    path("region.xlsx", views.regional_export, name="regional_export"),
    path("territory/", territory_views.supply, name="territory"),
    path("territory.xlsx", territory_views.supply_export, name="territory_export"),
    path("staffing/", staffing_views.staffing_page, name="staffing"),
    path("staffing/overdue/", staffing_views.staffing_overdue, name="staffing_overdue"),
    path("staffing.xlsx", staffing_views.staffing_download, name="staffing_export"),
    path(
        "territory/gap/<id:pk>/<str:band>/<str:focus>/",
        territory_views.gap_to_plan,
        name="territory_gap",
    ),
]
