from django.urls import path  # noqa: F401

from . import judging_urls

app_name = "contests"

urlpatterns = []
urlpatterns += judging_urls.urlpatterns
