"""Rooms and equipment, the resource search, network partners' resources (``staffing:``)."""

from django.urls import path

from . import resource_views as views

urlpatterns = [
    path("organisations/<id:pk>/resources/", views.inventory, name="inventory"),
    path("organisations/<id:pk>/resources/rooms/new/", views.room_create, name="room_create"),
    path(
        "organisations/<id:pk>/resources/equipment/new/",
        views.equipment_create,
        name="equipment_create",
    ),
    path(
        "organisations/<id:pk>/resources/template.xlsx",
        views.inventory_template,
        name="inventory_template",
    ),
    path(
        "organisations/<id:pk>/resources/import/", views.inventory_import, name="inventory_import"
    ),
    path("rooms/<id:pk>/edit/", views.room_edit, name="room_edit"),
    path("rooms/<id:pk>/delete/", views.room_delete, name="room_delete"),
    path("equipment/<id:pk>/edit/", views.equipment_edit, name="equipment_edit"),
    path("equipment/<id:pk>/delete/", views.equipment_delete, name="equipment_delete"),
    path("resources/", views.resource_search, name="resource_search"),
    path(
        "programs/<id:pk>/partner-resources/",
        views.partner_resources,
        name="partner_resources",
    ),
    path(
        "partners/<id:pk>/resources/add/",
        views.partner_resource_add,
        name="partner_resource_add",
    ),
    path(
        "partner-resources/<id:pk>/remove/",
        views.partner_resource_remove,
        name="partner_resource_remove",
    ),
]
