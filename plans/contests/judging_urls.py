"""The jury's pages, results and papers (added to ``contests.urls``)."""

from django.urls import path

from . import judging_views as views

urlpatterns = [
    path("judging/", views.judging_list, name="judging"),
    path("<id:pk>/jury/", views.jury, name="jury"),
    path("<id:pk>/jury/<id:member_pk>/remove/", views.jury_remove, name="jury_remove"),
    path("<id:pk>/judging/", views.judging_entries, name="judging_entries"),
    path("<id:pk>/judging/<id:entry_pk>/", views.judging_score, name="judging_score"),
    path("<id:pk>/judging/files/<id:file_pk>/", views.judging_file, name="judging_file"),
    path("<id:pk>/ranking/", views.ranking_page, name="ranking"),
    path("<id:pk>/ranking/tie/", views.tie_settle, name="tie_settle"),
    path("<id:pk>/results/fix/", views.results_fix, name="results_fix"),
    path("<id:pk>/protocol.docx", views.protocol, name="protocol"),
    path("<id:pk>/diplomas/", views.diplomas_page, name="diplomas"),
    path("<id:pk>/diplomas/start/", views.diplomas_start, name="diplomas_start"),
    path("<id:pk>/diplomas/all.pdf", views.diplomas_file, name="diplomas_file"),
    path("<id:pk>/diplomas/own.pdf", views.diplomas_own, name="diplomas_own"),
    path("<id:pk>/nominees.xlsx", views.nominees_export, name="nominees_export"),
    path("<id:pk>/nominees/transfer/", views.nominees_transfer, name="nominees_transfer"),
]
