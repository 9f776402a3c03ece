from django.urls import path

from . import event_views, hotline_views, public_views, views

app_name = "portal"

urlpatterns = [
    # The public portal.
    path("m/", public_views.municipality_choose, name="municipality_choose"),
    path("m/<slug:slug>/", public_views.municipality_home, name="municipality"),
    path("news/", public_views.news_list, name="news"),
    path("news/rss/", public_views.NewsFeed(), name="news_rss"),
    path("news/<id:pk>/", public_views.news_detail, name="news_detail"),
    path("news/<id:pk>/cover.jpg", public_views.news_cover, name="news_cover"),
    path("blocks/<slug:slug>/", public_views.block_detail, name="block"),
    path("pages/<id:pk>/", public_views.page_detail, name="page"),
    path("documents/", public_views.document_list, name="documents"),
    path("documents/<id:pk>/", public_views.document_file, name="document_file"),
    path("events/", event_views.event_list, name="events"),
    path("events/<id:pk>/", event_views.event_detail, name="event"),
    path("hotline/", hotline_views.hotline, name="hotline"),
    path("hotline/thanks/", hotline_views.hotline_thanks, name="hotline_thanks"),
    path("privacy/", hotline_views.privacy, name="privacy"),
    path("wish/", hotline_views.wish, name="wish"),
    path("wish/thanks/", hotline_views.wish_thanks, name="wish_thanks"),
    path("search/", public_views.search, name="search"),
    # The staff area.
    path("portal/", views.manage, name="manage"),
    path("portal/preview/", views.preview, name="preview"),
    path("portal/news/", views.news_list, name="manage_news"),
    path("portal/news/new/", views.news_edit, name="news_create"),
    path("portal/news/<id:pk>/edit/", views.news_edit, name="news_edit"),
    path("portal/news/<id:pk>/delete/", views.news_delete, name="news_delete"),
    path("portal/blocks/new/", views.block_edit, name="block_create"),
    path("portal/blocks/<id:pk>/edit/", views.block_edit, name="block_edit"),
    path("portal/blocks/<id:pk>/move/<str:direction>/", views.block_move, name="block_move"),
    path("portal/pages/new/", views.page_edit, name="page_create"),
    path("portal/pages/<id:pk>/edit/", views.page_edit, name="page_edit"),
    path("portal/pages/<id:pk>/move/<str:direction>/", views.page_move, name="page_move"),
    path("portal/pages/<id:pk>/delete/", views.page_delete, name="page_delete"),
    path("portal/documents/", views.document_list, name="manage_documents"),
    path("portal/documents/new/", views.document_edit, name="document_create"),
    path("portal/documents/<id:pk>/edit/", views.document_edit, name="document_edit"),
    path("portal/documents/<id:pk>/delete/", views.document_delete, name="document_delete"),
    path("portal/plans/<id:pk>/publish/", views.plan_publish, name="plan_publish"),
    path("portal/hotline/", views.question_list, name="questions"),
    path("portal/hotline/<id:pk>/", views.question_detail, name="question"),
]
