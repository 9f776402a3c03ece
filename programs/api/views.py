"""The open read-only API of what the catalogue shows: programmes (approved versions only),
their groups with schedules and free places, organisations and municipalities.

Anonymous and rate-limited; every answer carries an ``ETag`` and ``Last-Modified`` made from
the catalogue's version, the day and the address, so a repeated conditional request is
answered 304 before any query of the data.
"""

import hashlib
import math
from datetime import datetime, time

from django.conf import settings
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets
from rest_framework.exceptions import ErrorDetail, Throttled
from rest_framework.pagination import PageNumberPagination
from rest_framework.throttling import AnonRateThrottle

from moc_portal.core.client_ip import client_ip

from ..cache import canonical_query, catalogue_changed, catalogue_version
from ..filters import CatalogueFilter, PublicGroupFilter, PublicOrganisationFilter
from ..selectors import public
from . import serializers as s

ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="Идентификатор записи.")
ERRORS = {
    400: OpenApiResponse(s.ErrorSerializer, description="Неверный параметр: что исправить."),
    404: OpenApiResponse(s.ErrorSerializer, description="Нет такой записи или страницы."),
    429: OpenApiResponse(s.ErrorSerializer, description="Слишком много запросов: подождите."),
}


class AddressRate(AnonRateThrottle):
    """Requests per address (``API_RATE_LIMIT``), the address found as for the hotline's
    limit (``moc_portal.core.client_ip``), so a client behind our proxy cannot pick it."""

    def get_rate(self):
        return settings.API_RATE_LIMIT

    def get_ident(self, request):
        return client_ip(request)


class Pages(PageNumberPagination):
    page_query_description = "Номер страницы (с 1)."
    page_size_query_description = "Записей на странице: до 100, по умолчанию 50."
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100


class Conditional:
    """``ETag``/``Last-Modified`` from the catalogue's version, today and the canonical query,
    and 304 for a request that already has this answer. Rate-limited per address."""

    throttle_classes = [AddressRate]
    # An id is a number a database key holds; anything else is «not found» (api_not_found).
    lookup_value_regex = r"[1-9][0-9]{0,17}"

    def throttled(self, request, wait):
        seconds = math.ceil(wait or 60)
        refusal = Throttled(wait=seconds)
        refusal.detail = ErrorDetail(
            f"Слишком много запросов с этого адреса: повторите через {seconds} с. Весь каталог "
            "одним файлом — в открытых данных (/opendata/).",
            code="throttled",
        )
        raise refusal

    def _validators(self, request) -> tuple[str, datetime]:
        # Only the parameters the endpoint reads: a tracking parameter is the same answer.
        params = {"page", "page_size"} | set(
            getattr(getattr(self, "filterset_class", None), "base_filters", ())
        )
        key = "|".join(
            [
                str(catalogue_version()),
                timezone.localdate().isoformat(),
                request.path,
                canonical_query(request, params).urlencode(),
            ]
        )
        etag = f'"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'
        midnight = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
        return etag, max(catalogue_changed(), midnight)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # throttling first: a 304 is a request too
        self.etag, self.last_modified = self._validators(request)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response["ETag"] = self.etag
            response["Last-Modified"] = http_date(self.last_modified.timestamp())
            response["Cache-Control"] = "public, max-age=60"
            patch_vary_headers(response, ["Accept"])
        return response

    def handle_conditional(self, request):
        return get_conditional_response(
            request._request, etag=self.etag, last_modified=int(self.last_modified.timestamp())
        )

    def list(self, request, *args, **kwargs):
        return self.handle_conditional(request) or super().list(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self.handle_conditional(request) or super().retrieve(request, *args, **kwargs)


@extend_schema_view(
    list=extend_schema(
        summary="Программы",
        description="Опубликованные программы (одобренные версии) с фильтрами каталога.",
        responses={200: s.ProgrammeSerializer(many=True), **ERRORS},
    ),
    retrieve=extend_schema(
        summary="Программа с группами",
        description="Одобренная версия программы с её группами, расписанием и свободными местами.",
        parameters=[ID],
        responses={200: s.ProgrammeDetailSerializer, **ERRORS},
    ),
)
@extend_schema(tags=["Программы"])
class ProgrammeViewSet(Conditional, viewsets.ReadOnlyModelViewSet):
    filter_backends = [DjangoFilterBackend]
    filterset_class = CatalogueFilter
    pagination_class = Pages

    def get_queryset(self):
        return public.published_programmes()

    def get_serializer_class(self):
        return s.ProgrammeDetailSerializer if self.action == "retrieve" else s.ProgrammeSerializer

    def get_serializer(self, instance=None, *args, **kwargs):
        """The approved versions in their public shape; one programme with its groups' free
        places and enrolment of today."""
        if instance is not None and kwargs.get("many"):
            instance = [public.public_programme(published) for published in instance]
        elif instance is not None:
            live = public.live_groups([instance.pk])
            instance = public.public_programme(instance, live=live)
        return super().get_serializer(instance, *args, **kwargs)


@extend_schema_view(
    list=extend_schema(
        summary="Группы",
        description="Группы опубликованных программ, как их одобрил МОЦ, с расписанием; "
        "свободные места и приём заявок — на сегодня.",
        responses={200: s.GroupSerializer(many=True), **ERRORS},
    ),
    retrieve=extend_schema(
        summary="Группа",
        description="Группа, как её одобрил МОЦ; свободные места и приём заявок — на сегодня.",
        parameters=[ID],
        responses={200: s.GroupSerializer, **ERRORS},
    ),
)
@extend_schema(tags=["Группы"])
class GroupViewSet(Conditional, viewsets.ReadOnlyModelViewSet):
    """Rows of groups that the approved version of their programme has; what is said of each
    is the approved version's, never a change still under moderation."""

    filter_backends = [DjangoFilterBackend]
    filterset_class = PublicGroupFilter
    pagination_class = Pages
    serializer_class = s.GroupSerializer

    def get_queryset(self):
        return public.published_group_rows()

    def get_serializer(self, instance=None, *args, **kwargs):
        if instance is not None:
            many = kwargs.get("many", False)
            rows = list(instance) if many else [instance]
            instance = [public.public_group(row.program.published, row) for row in rows]
            instance = [g for g in instance if g is not None] if many else instance[0]
            if instance is None:
                raise Http404
        return super().get_serializer(instance, *args, **kwargs)


@extend_schema_view(
    list=extend_schema(
        summary="Организации",
        description="Организации, у которых есть опубликованные программы.",
        responses={200: s.OrganisationSerializer(many=True), **ERRORS},
    ),
    retrieve=extend_schema(
        summary="Организация",
        description="Организация с опубликованными программами.",
        parameters=[ID],
        responses={200: s.OrganisationSerializer, **ERRORS},
    ),
)
@extend_schema(tags=["Организации"])
class OrganisationViewSet(Conditional, viewsets.ReadOnlyModelViewSet):
    filter_backends = [DjangoFilterBackend]
    filterset_class = PublicOrganisationFilter
    pagination_class = Pages
    serializer_class = s.OrganisationSerializer

    def get_queryset(self):
        return public.organisations_with_published()


@extend_schema_view(
    list=extend_schema(
        summary="Муниципалитеты",
        description="Муниципалитеты региона с их опорными центрами.",
        responses={200: s.MunicipalitySerializer(many=True), **ERRORS},
    ),
    retrieve=extend_schema(
        summary="Муниципалитет",
        description="Муниципалитет с его опорным центром.",
        parameters=[ID],
        responses={200: s.MunicipalitySerializer, **ERRORS},
    ),
)
@extend_schema(tags=["Муниципалитеты"])
class MunicipalityViewSet(Conditional, viewsets.ReadOnlyModelViewSet):
    pagination_class = Pages
    serializer_class = s.MunicipalitySerializer

    def get_queryset(self):
        return public.municipalities_with_programmes()


def api_not_found(request, path=""):
    """An address under /api/ that is no endpoint or record: JSON, like every API answer."""
    return JsonResponse(
        {"detail": "Такого адреса в API нет: список адресов — в документации /api/."}, status=404
    )
