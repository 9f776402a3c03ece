from django.urls import path  # noqa: F401

from . import resource_urls

app_name = "staffing"

urlpatterns = []
urlpatterns += resource_urls.urlpatterns
