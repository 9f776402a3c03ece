from django.urls import path

from . import event_views, views

app_name = "development"

urlpatterns = [
    path("due/", views.due_list, name="due"),
    path("organisations/<id:pk>/due/", views.organisation_due, name="organisation_due"),
    path("teachers/<id:pk>/", views.teacher_record, name="teacher"),
    path("teachers/<id:pk>/courses/new/", views.course_add, name="course_add"),
    path("courses/<id:pk>/edit/", views.course_edit, name="course_edit"),
    path("courses/<id:pk>/delete/", views.course_delete, name="course_delete"),
    path("courses/<id:pk>/certificate/", views.certificate, name="certificate"),
    path("import/", views.teachers_import, name="import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("events/", event_views.event_list, name="events"),
    path("events/<id:pk>/register/", event_views.event_register, name="event_register"),
    path(
        "events/<id:pk>/registrations/",
        event_views.event_registrations,
        name="event_registrations",
    ),
]
