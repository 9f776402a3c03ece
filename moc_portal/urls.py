from django.contrib import admin
from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from plans.portal.public_views import SITEMAPS as PORTAL_SITEMAPS
from programs import public_views as catalogue_views
from programs.public_views import SITEMAPS as CATALOGUE_SITEMAPS
from programs.public_views import home as catalogue_home

from . import health, views

handler500 = "moc_portal.health.server_error"

admin.site.site_header = "Портал МОЦ: администрирование"
admin.site.site_title = "Портал МОЦ"
admin.site.index_title = "Справочники, пользователи и данные"
SITEMAPS = {**CATALOGUE_SITEMAPS, **PORTAL_SITEMAPS}

urlpatterns = [
    path("", catalogue_home, name="home"),
    path("healthz/", health.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("vision/", views.vision_mode, name="vision_mode"),
    path("accounts/", include("moc_portal.users.urls")),
    path("plans/", include("plans.urls")),
    path("navigator/", include("navigator_sync.urls")),
    path("assessment/", include("programs.assessment.urls")),
    path("staffing/", include("programs.staffing.urls")),
    path("development/", include("plans.development.urls")),
    path("contests/", include("plans.contests.urls")),
    path("", include("plans.contests.public_urls")),
    path("reports/", include("reports.urls")),
    path("", include("programs.api.urls")),
    path("opendata/", catalogue_views.open_data, name="open_data"),
    path("opendata/build/", catalogue_views.open_data_build, name="open_data_build"),
    path("opendata/<str:name>", catalogue_views.open_data_file, name="open_data_file"),
    path("", include("plans.portal.urls")),
    path("", include("programs.territory.urls")),
    path("", include("programs.urls")),
    path("admin/", admin.site.urls),
]
# Public pictures (programme images, news covers) only: nginx serves /media/public/ itself in
# production (moc_portal/deploy/nginx.conf); this answers where nothing is in front of gunicorn.
# The rest of MEDIA_ROOT is never served as files: views give it after checking who asks.
urlpatterns += [path("media/public/<path:path>", views.public_image, name="public_image")]
