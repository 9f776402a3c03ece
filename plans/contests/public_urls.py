"""The public contests page and the bank of best practices, outside /contests/ (the contests'
working area) under their own namespace ``contests_public``: /konkursy/ and /praktiki/."""

from django.urls import path

from . import practice_views, public_views

app_name = "contests_public"

urlpatterns = [
    path("konkursy/", public_views.contest_list, name="list"),
    path("konkursy/rss/", public_views.ContestFeed(), name="rss"),
    path("konkursy/calendar.ics", public_views.contest_calendar, name="calendar"),
    path("konkursy/<id:pk>/", public_views.contest_detail, name="detail"),
    path("konkursy/<id:pk>/regulation/", public_views.contest_regulation, name="regulation"),
    path("praktiki/", practice_views.practice_list, name="practices"),
    path("praktiki/<id:pk>/", practice_views.practice_detail, name="practice"),
    path("praktiki/files/<id:pk>/", practice_views.practice_file, name="practice_file"),
    # The staff's desk of the bank.
    path("praktiki/manage/", practice_views.manage_list, name="manage"),
    path("praktiki/manage/new/", practice_views.practice_create, name="practice_create"),
    path("praktiki/manage/<id:pk>/", practice_views.practice_manage, name="practice_manage"),
    path("praktiki/manage/<id:pk>/edit/", practice_views.practice_edit, name="practice_edit"),
    path("praktiki/manage/<id:pk>/delete/", practice_views.practice_delete, name="practice_delete"),
    path(
        "praktiki/manage/files/<id:pk>/delete/",
        practice_views.practice_file_delete,
        name="practice_file_delete",
    ),
    path(
        "praktiki/manage/contests/<id:pk>/",
        practice_views.contest_practices,
        name="contest_practices",
    ),
]
