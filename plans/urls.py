from django.urls import path

from . import register_views, views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("due/", views.items_due, name="due"),
    path("<int:pk>/renumber/", views.plan_renumber, name="renumber"),
    path("items/<int:pk>/move/<str:direction>/", views.item_move, name="item_move"),
    path("new/", views.plan_create, name="create"),
    path("import/", views.plan_import, name="import"),
    path("import/confirm/", views.plan_import_confirm, name="import_confirm"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/history/", views.plan_history, name="history"),
    path("<int:pk>/copy/", views.plan_copy, name="copy"),
    path("<int:pk>/actions/<str:action>/", views.plan_action, name="action"),
    path("<int:pk>/sections/new/", views.section_add, name="section_add"),
    path("<int:pk>/items/new/", views.item_add, name="item_add"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/", views.item_row, name="item_row"),
    path("items/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path("<int:pk>/print/<str:document>/", views.plan_print, name="print"),
    path("<int:pk>/export/<str:document>.<str:fmt>", views.plan_export, name="export"),
    path("media/", register_views.publication_list, name="media"),
    path("media/export.xlsx", register_views.publication_export, name="media_export"),
    path("media/<int:pk>/edit/", register_views.publication_edit, name="publication_edit"),
    path("media/<int:pk>/delete/", register_views.publication_delete, name="publication_delete"),
    path("events/", register_views.event_list, name="events"),
    path("events/<int:pk>/edit/", register_views.event_edit, name="event_edit"),
    path("events/<int:pk>/delete/", register_views.event_delete, name="event_delete"),
    path("items/<int:pk>/evidence/", register_views.item_evidence, name="item_evidence"),
    path("evidence/<int:pk>/", register_views.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", register_views.evidence_delete, name="evidence_delete"),
    path("sections/<int:pk>/edit/", views.section_edit, name="section_edit"),
    path("sections/<int:pk>/delete/", views.section_delete, name="section_delete"),
    path("sections/<int:pk>/move/<str:direction>/", views.section_move, name="section_move"),
]
