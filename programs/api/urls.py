from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("programmes", views.ProgrammeViewSet, basename="api-programme")
router.register("groups", views.GroupViewSet, basename="api-group")
router.register("organisations", views.OrganisationViewSet, basename="api-organisation")
router.register("municipalities", views.MunicipalityViewSet, basename="api-municipality")

urlpatterns = [
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI sets style attributes on its elements: allowed on this page only.
    path(
        "api/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
    re_path(r"^api/(?P<path>.+)$", views.api_not_found, name="api-not-found"),
]
