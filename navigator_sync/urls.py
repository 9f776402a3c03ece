from django.urls import path

from . import views

app_name = "navigator_sync"

urlpatterns = [
    path("", views.sync_page, name="sync"),
    path("progress/", views.sync_progress, name="progress"),
    path("send/", views.sync_send_now, name="send"),
    path("retry/", views.sync_retry, name="retry"),
    path("resume/", views.sync_resume, name="resume"),
    path("reconcile/", views.sync_reconcile, name="reconcile"),
    path("export.xlsx", views.navigator_export, name="export"),
]
