from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("criteria/new/", views.criteria_set_create, name="criteria_set_create"),
    path("criteria/<int:pk>/", views.criteria_set_detail, name="criteria_set"),
    path("criteria/<int:pk>/version/", views.criteria_set_new_version, name="criteria_version"),
    path("criteria/criterion/<int:pk>/delete/", views.criterion_delete, name="criterion_delete"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/programs/", views.campaign_add_programs, name="add_programs"),
    path("campaigns/<int:pk>/groups/", views.group_add, name="group_add"),
    path("campaigns/<int:pk>/distribute/", views.distribute, name="distribute"),
    path("campaigns/<int:pk>/<action>/", views.campaign_state, name="campaign_state"),
    path("campaigns/<int:pk>/protocol.<fmt>", views.protocol_export, name="protocol"),
    path("entries/<int:pk>/remove/", views.campaign_remove_program, name="remove_program"),
    path("entries/<int:pk>/assign/", views.assign, name="assign"),
    path("entries/<int:pk>/register/", views.register_toggle, name="register_toggle"),
    path("assignments/<int:pk>/unassign/", views.unassign, name="unassign"),
    path("assignments/<int:pk>/reopen/", views.reopen, name="reopen"),
    path("register.xlsx", views.register_export, name="register"),
    path("my/", views.queue, name="queue"),
    path("my/<int:pk>/", views.scoring, name="scoring"),
]
