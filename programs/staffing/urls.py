from django.urls import path

from . import resource_urls, views

app_name = "staffing"

urlpatterns = [
    path("teachers/", views.teacher_list, name="teacher_list"),
    path("teachers/<id:pk>/", views.teacher_detail, name="teacher"),
    path("teachers/<id:pk>/edit/", views.teacher_edit, name="teacher_edit"),
    path(
        "organisations/<id:pk>/teachers/",
        views.organisation_teachers,
        name="organisation_teachers",
    ),
    path("organisations/<id:pk>/teachers/new/", views.teacher_create, name="teacher_create"),
]
urlpatterns += resource_urls.urlpatterns
