"""The jury's pages, results and papers (added to ``contests.urls``)."""

from django.urls import path

from . import judging_views as views

urlpatterns = [
    path("judging/", views.judging_list, name="judging"),
    path("<int:pk>/jury/", views.jury, name="jury"),
    path("<int:pk>/jury/<int:member_pk>/remove/", views.jury_remove, name="jury_remove"),
    path("<int:pk>/judging/", views.judging_entries, name="judging_entries"),
    path("<int:pk>/judging/<int:entry_pk>/", views.judging_score, name="judging_score"),
    path("<int:pk>/judging/files/<int:file_pk>/", views.judging_file, name="judging_file"),
    path("<int:pk>/ranking/", views.ranking_page, name="ranking"),
    path("<int:pk>/ranking/tie/", views.tie_settle, name="tie_settle"),
    path("<int:pk>/results/fix/", views.results_fix, name="results_fix"),
    path("<int:pk>/protocol.docx", views.protocol, name="protocol"),
    path("<int:pk>/diplomas/", views.diplomas_page, name="diplomas"),
    path("<int:pk>/diplomas/start/", views.diplomas_start, name="diplomas_start"),
    path("<int:pk>/diplomas/all.pdf", views.diplomas_file, name="diplomas_file"),
    path("<int:pk>/diplomas/own.pdf", views.diplomas_own, name="diplomas_own"),
    path("<int:pk>/nominees.xlsx", views.nominees_export, name="nominees_export"),
    path("<int:pk>/nominees/transfer/", views.nominees_transfer, name="nominees_transfer"),
]
