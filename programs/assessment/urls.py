from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("criteria/new/", views.criteria_set_create, name="criteria_set_create"),
    path("criteria/<id:pk>/", views.criteria_set_detail, name="criteria_set"),
    path("criteria/<id:pk>/version/", views.criteria_set_new_version, name="criteria_version"),
    path("criteria/criterion/<id:pk>/delete/", views.criterion_delete, name="criterion_delete"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<id:pk>/", views.campaign_detail, name="campaign"),
    path("campaigns/<id:pk>/programs/", views.campaign_add_programs, name="add_programs"),
    path("campaigns/<id:pk>/groups/", views.group_add, name="group_add"),
    path("campaigns/<id:pk>/distribute/", views.distribute, name="distribute"),
    path("campaigns/<id:pk>/<action>/", views.campaign_state, name="campaign_state"),
    path("campaigns/<id:pk>/protocol.<fmt>", views.protocol_export, name="protocol"),
    path("entries/<id:pk>/remove/", views.campaign_remove_program, name="remove_program"),
    path("entries/<id:pk>/assign/", views.assign, name="assign"),
    path("entries/<id:pk>/register/", views.register_toggle, name="register_toggle"),
    path("assignments/<id:pk>/unassign/", views.unassign, name="unassign"),
    path("assignments/<id:pk>/reopen/", views.reopen, name="reopen"),
    path("register.xlsx", views.register_export, name="register"),
    path("my/", views.queue, name="queue"),
    path("my/<id:pk>/", views.scoring, name="scoring"),
]
