from django.urls import path

from . import judging_urls, views

app_name = "contests"

urlpatterns = [
    path("", views.contest_list, name="list"),
    path("new/", views.contest_create, name="create"),
    path("<id:pk>/", views.contest_detail, name="detail"),
    path("<id:pk>/edit/", views.contest_edit, name="edit"),
    path("<id:pk>/stage/", views.stage_open, name="stage_open"),
    path("<id:pk>/regulation/", views.regulation, name="regulation"),
    path("<id:pk>/entries/", views.entry_list, name="entries"),
    path("<id:pk>/apply/", views.entry_create, name="entry_create"),
    path("<id:pk>/import/", views.import_participants, name="import"),
    path("<id:pk>/import/template.xlsx", views.import_template, name="import_template"),
    path(
        "<id:pk>/consents/<id:organisation>.docx",
        views.organisation_consents,
        name="organisation_consents",
    ),
    path("<id:pk>/do/<action>/", views.contest_action, name="action"),
    path("entries/<id:pk>/", views.entry_detail, name="entry"),
    path("entries/<id:pk>/do/<action>/", views.entry_action, name="entry_action"),
    path("entries/<id:pk>/participants/", views.participant_add, name="participant_add"),
    path("entries/<id:pk>/files/", views.file_add, name="file_add"),
    path("entries/<id:pk>/consents.docx", views.entry_consents, name="entry_consents"),
    path("files/<id:pk>/", views.entry_file, name="entry_file"),
    path("participants/<id:pk>/edit/", views.participant_edit, name="participant_edit"),
    path("participants/<id:pk>/delete/", views.participant_delete, name="participant_delete"),
    path("participants/<id:pk>/consent/", views.consent_record, name="consent"),
    path("participants/<id:pk>/consent.docx", views.consent_form, name="consent_form"),
    path("participants/<id:pk>/scan/", views.consent_scan, name="consent_scan"),
]
urlpatterns += judging_urls.urlpatterns
