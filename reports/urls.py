from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/progress/", views.report_progress, name="progress"),
    path("<int:pk>/texts/", views.report_texts, name="texts"),
    path("<int:pk>/submit/", views.report_submit, name="submit"),
    path("<int:pk>/rebuild/", views.report_rebuild, name="rebuild"),
    path("<int:pk>/version/", views.report_new_version, name="new_version"),
    path("<int:pk>/report.xlsx", views.report_export, name="export"),
    path("<int:pk>/report.docx", views.report_export, {"fmt": "docx"}, name="export_docx"),
    path("<int:pk>/compare/<int:other>/", views.report_compare, name="compare"),
    path("region/", views.regional, name="regional"),
    path("monitoring/", views.monitoring_list, name="monitoring"),
    path("monitoring/<int:pk>/", views.monitoring_form, name="monitoring_form"),
    path("monitoring/fill/<int:pk>/", views.monitoring_fill, name="monitoring_fill"),
    path("region.xlsx", views.regional_export, name="regional_export"),
]
