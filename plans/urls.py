from django.urls import path

from . import import_views, register_views, views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("due/", views.items_due, name="due"),
    path("<id:pk>/renumber/", views.plan_renumber, name="renumber"),
    path("items/<id:pk>/move/<str:direction>/", views.item_move, name="item_move"),
    path("new/", views.plan_create, name="create"),
    path("import/", import_views.plan_import, name="import"),
    path("import/<id:pk>/", import_views.plan_import_review, name="import_review"),
    path("import/confirm/", import_views.plan_import_confirm, name="import_confirm"),
    path("<id:pk>/", views.plan_detail, name="detail"),
    path("<id:pk>/edit/", views.plan_edit, name="edit"),
    path("<id:pk>/history/", views.plan_history, name="history"),
    path("<id:pk>/copy/", views.plan_copy, name="copy"),
    path("<id:pk>/actions/<str:action>/", views.plan_action, name="action"),
    path("<id:pk>/sections/new/", views.section_add, name="section_add"),
    path("<id:pk>/items/new/", views.item_add, name="item_add"),
    path("items/<id:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<id:pk>/", views.item_row, name="item_row"),
    path("items/<id:pk>/delete/", views.item_delete, name="item_delete"),
    path("<id:pk>/print/<str:document>/", views.plan_print, name="print"),
    path("<id:pk>/export/<str:document>.<str:fmt>", views.plan_export, name="export"),
    path("media/", register_views.publication_list, name="media"),
    path("media/export.xlsx", register_views.publication_export, name="media_export"),
    path("media/<id:pk>/edit/", register_views.publication_edit, name="publication_edit"),
    path("media/<id:pk>/delete/", register_views.publication_delete, name="publication_delete"),
    path("events/", register_views.event_list, name="events"),
    path("events/<id:pk>/edit/", register_views.event_edit, name="event_edit"),
    path("events/<id:pk>/delete/", register_views.event_delete, name="event_delete"),
    path("items/<id:pk>/evidence/", register_views.item_evidence, name="item_evidence"),
    path("evidence/<id:pk>/", register_views.evidence_download, name="evidence_download"),
    path("evidence/<id:pk>/delete/", register_views.evidence_delete, name="evidence_delete"),
    path("sections/<id:pk>/edit/", views.section_edit, name="section_edit"),
    path("sections/<id:pk>/delete/", views.section_delete, name="section_delete"),
    path("sections/<id:pk>/move/<str:direction>/", views.section_move, name="section_move"),
]
