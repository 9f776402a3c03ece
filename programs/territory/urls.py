"""The territory's pages: setting up a municipality and its centre (``/municipalities/``), and
its settlements with their children by age band (under the supply grid's
``/reports/territory/``, where staff look for them)."""

from django.urls import path

from . import municipality_views, settlement_views

app_name = "territory"

urlpatterns = [
    path("municipalities/new/", municipality_views.municipality_create, name="municipality_create"),
    path("municipalities/<id:pk>/", municipality_views.municipality_detail, name="municipality"),
    path(
        "municipalities/<id:pk>/edit/",
        municipality_views.municipality_edit,
        name="municipality_edit",
    ),
    path("municipalities/<id:pk>/centre/", municipality_views.centre_edit, name="centre_edit"),
    path(
        "municipalities/<id:pk>/staff/invite/",
        municipality_views.staff_invite,
        name="staff_invite",
    ),
    path(
        "reports/territory/settlements/",
        settlement_views.settlement_list,
        name="settlements",
    ),
    path(
        "reports/territory/settlements/<id:pk>/",
        settlement_views.settlement_edit,
        name="settlement_edit",
    ),
    path(
        "reports/territory/settlements/<id:pk>/delete/",
        settlement_views.settlement_delete,
        name="settlement_delete",
    ),
    path(
        "reports/territory/settlements/from-addresses/",
        settlement_views.settlements_from_addresses,
        name="settlements_from_addresses",
    ),
    path(
        "reports/territory/children-template.xlsx",
        settlement_views.child_counts_template,
        name="child_counts_template",
    ),
    path(
        "reports/territory/children-import/",
        settlement_views.child_counts_import,
        name="child_counts_import",
    ),
]
