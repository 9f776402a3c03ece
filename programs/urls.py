from django.urls import path

from . import (
    organisation_views,
    public_views,
    spreadsheet_views,
    vacancy_views,
    views,
)

app_name = "programs"

urlpatterns = [
    path("programs/", views.program_list, name="list"),
    path("programs/new/", views.program_create, name="create"),
    path("programs/export.xlsx", spreadsheet_views.program_export, name="export"),
    path("programs/template.xlsx", spreadsheet_views.program_template, name="template"),
    path("imports/new/", spreadsheet_views.import_new, name="import_new"),
    path("jobs/<id:pk>/", spreadsheet_views.job_detail, name="job"),
    path("jobs/<id:pk>/confirm/", spreadsheet_views.job_confirm, name="job_confirm"),
    path("jobs/<id:pk>/cancel/", spreadsheet_views.job_cancel, name="job_cancel"),
    path("jobs/<id:pk>/result.xlsx", spreadsheet_views.job_result, name="job_result"),
    path(
        "moderation/history.xlsx",
        spreadsheet_views.history_export,
        name="history_export",
    ),
    path(
        "organisations/export.xlsx",
        spreadsheet_views.organisation_export,
        name="organisation_export",
    ),
    path(
        "organisations/template.xlsx",
        spreadsheet_views.organisation_template,
        name="organisation_template",
    ),
    path("programs/<id:pk>/", views.program_detail, name="detail"),
    path("programs/<id:pk>/edit/", views.program_edit, name="edit"),
    path("programs/<id:pk>/copy/", views.program_copy, name="copy"),
    path("programs/<id:pk>/review/", views.program_review, name="review"),
    path("programs/<id:pk>/history/", views.program_history, name="history"),
    path(
        "programs/<id:pk>/actions/<str:action>/",
        views.program_action,
        name="action",
    ),
    path("programs/<id:pk>/groups/new/", views.group_create, name="group_create"),
    path("groups/<id:pk>/edit/", views.group_edit, name="group_edit"),
    path("groups/<id:pk>/delete/", views.group_delete, name="group_delete"),
    path("groups/<id:pk>/free-places/", views.group_free_places, name="group_free_places"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("organisations/", organisation_views.organisation_list, name="organisation_list"),
    path("organisations/new/", organisation_views.organisation_create, name="organisation_create"),
    path(
        "organisations/<id:pk>/", organisation_views.organisation_detail, name="organisation_detail"
    ),
    path(
        "organisations/<id:pk>/edit/",
        organisation_views.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisations/<id:pk>/history/",
        organisation_views.organisation_history,
        name="organisation_history",
    ),
    path(
        "organisations/<id:pk>/coordinators/add/",
        organisation_views.coordinator_add,
        name="coordinator_add",
    ),
    path(
        "organisations/<id:pk>/coordinators/<id:user_pk>/remove/",
        organisation_views.coordinator_remove,
        name="coordinator_remove",
    ),
    path(
        "coordinators/confirm/<str:token>/",
        organisation_views.coordinator_confirm,
        name="coordinator_confirm",
    ),
    path("catalog/", public_views.catalogue, name="catalogue"),
    path("catalog/programs/<id:pk>/", public_views.program_page, name="public_detail"),
    path(
        "catalog/organisations/<id:pk>/",
        public_views.organisation_page,
        name="public_organisation",
    ),
    path(
        "catalog/organisations/<id:pk>/vacancies/",
        vacancy_views.vacancies,
        name="vacancies",
    ),
    path(
        "catalog/organisations/<id:pk>/vacancies/embed/",
        vacancy_views.vacancies_embed,
        name="vacancies_embed",
    ),
    path(
        "catalog/organisations/<id:pk>/vacancies.json",
        vacancy_views.vacancies_json,
        name="vacancies_json",
    ),
    path(
        "catalog/organisations/<id:pk>/vacancies.xlsx",
        vacancy_views.vacancies_xlsx,
        name="vacancies_xlsx",
    ),
]
