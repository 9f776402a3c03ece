"""The open API: the catalogue's filters, conditional requests, the rate limit, nothing
unpublished or personal in any endpoint, and the schema run against the API (schemathesis)."""

import json
from datetime import timedelta

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from moc_portal.wsgi import application
from programs import services
from programs.choices import Focus, ProgramStatus
from programs.models import ProgramGroup, Settlement
from tests.helpers import move_to
from tests.programs.factories import OrganisationFactory, ProgramFactory, ProgramGroupFactory

CATALOGUE = reverse("programs:catalogue")
PROGRAMMES = "/api/v1/programmes/"
ENDPOINTS = [
    "/api/v1/programmes/",
    "/api/v1/groups/",
    "/api/v1/organisations/",
    "/api/v1/municipalities/",
]


@pytest.fixture
def registry(publish, org_a, org_b, municipality, other_municipality):
    """Programmes across two municipalities, ages, focus areas, payment and free places."""
    today = timezone.localdate()
    open_window = {
        "enrolment_from": today - timedelta(days=3),
        "enrolment_to": today + timedelta(days=9),
    }
    away = OrganisationFactory(municipality=other_municipality, short_name="ДДТ соседей")
    publish(name="Робототехника для малышей", focus=Focus.TECHNICAL, age_from=5, age_to=8)
    publish(
        name="Робототехника",
        focus=Focus.TECHNICAL,
        age_from=9,
        age_to=14,
        groups=[{"free_places": 3, **open_window}],
    )
    publish(
        organisation=org_b,
        name="Хор «Звонкие голоса»",
        focus=Focus.ARTS,
        age_from=7,
        age_to=12,
        funding_budget=False,
        funding_paid=True,
        cost=3000,
        groups=[{"funding": "paid", "cost": 3000, "free_places": 0}],
    )
    publish(
        organisation=org_b,
        name="Футбол",
        focus=Focus.SPORT,
        age_from=8,
        age_to=16,
        ovz_suitable=True,
        ovz_categories=["hearing"],
    )
    publish(
        organisation=away,
        name="Туристы-краеведы",
        focus=Focus.TOURISM,
        age_from=10,
        age_to=17,
        groups=[{"free_places": 5, **open_window}],
    )


def catalogue_ids(client, params) -> list[int]:
    response = client.get(CATALOGUE, params)
    assert response.status_code == 200
    return [program.pk for program in response.context["page"]]


def api_ids(client, params) -> list[int]:
    response = client.get(PROGRAMMES, {**params, "page_size": 20})
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"age": 9},
        {"focus": ["technical", "arts"]},
        {"payment": "paid"},
        {"max_cost": 1000},
        {"ovz": "on", "ovz_category": "hearing"},
        {"free_places": "on"},
        {"enrolment_open": "on"},
        {"q": "робототехника"},
        {"q": "хор", "sort": "newest"},
        {"sort": "age"},
    ],
)
def test_filters_agree_with_the_catalogue(client, registry, params):
    assert api_ids(client, params) == catalogue_ids(client, params)


def test_municipality_filter_agrees_with_the_catalogue(client, registry, other_municipality):
    params = {"municipality": other_municipality.pk}
    assert api_ids(client, params) == catalogue_ids(client, params) != []


def test_a_wrong_filter_value_is_refused_in_russian(client, registry):
    response = client.get(PROGRAMMES, {"age": "девять"})
    assert response.status_code == 400
    assert response.json() == {"age": ["Введите число."]}
    assert client.get(PROGRAMMES, {"page": 99}).json() == {"detail": "Неправильная страница"}


def test_a_repeated_conditional_request_is_answered_304(
    client, registry, publish, django_capture_on_commit_callbacks
):
    first = client.get(PROGRAMMES, {"age": 9})
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    again = client.get(PROGRAMMES, {"age": "9", "utm_source": "x"}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(PROGRAMMES, {"age": 9}, HTTP_IF_MODIFIED_SINCE=modified)
    assert since.status_code == 304
    # Another query is another answer.
    assert client.get(PROGRAMMES, {"age": 10}, HTTP_IF_NONE_MATCH=etag).status_code == 200
    # A change of the catalogue makes the old answer stale.
    with django_capture_on_commit_callbacks(execute=True):
        publish(name="Шахматы", focus=Focus.SPORT, age_from=7, age_to=12)
    changed = client.get(PROGRAMMES, {"age": 9}, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "Шахматы" in {row["name"] for row in changed.json()["results"]}
    older = http_date((timezone.now() - timedelta(days=2)).timestamp())
    assert client.get(PROGRAMMES, {"age": 9}, HTTP_IF_MODIFIED_SINCE=older).status_code == 200


def test_anonymous_requests_are_rate_limited(client, registry, settings):
    settings.API_RATE_LIMIT = "3/min"
    for _ in range(3):
        assert client.get("/api/v1/municipalities/").status_code == 200
    refused = client.get(PROGRAMMES)
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Слишком много запросов с этого адреса")
    assert int(refused["Retry-After"]) > 0


def everything(client, path) -> str:
    """Every list page and every record of an endpoint, as one text."""
    texts, url = [], path
    while url:
        page = client.get(url).json()
        texts.append(json.dumps(page, ensure_ascii=False))
        for row in page["results"]:
            texts.append(json.dumps(client.get(f"{path}{row['id']}/").json(), ensure_ascii=False))
        url = page["next"]
    return "\n".join(texts)


def test_nothing_unpublished_or_personal_in_any_endpoint(
    client, registry, org_a, administrator, coordinator_a
):
    ProgramFactory(organisation=org_a, name="Черновик секретный")
    waiting = ProgramFactory(organisation=org_a, name="Ждёт модерации")
    ProgramGroupFactory(program=waiting)
    move_to(waiting, ProgramStatus.ON_MODERATION, staff=administrator, coordinator=coordinator_a)
    archived = ProgramFactory(organisation=org_a, name="Программа в архиве")
    ProgramGroupFactory(program=archived)
    move_to(archived, ProgramStatus.ARCHIVED, staff=administrator, coordinator=administrator)
    # A published programme changed after approval: the change waits for moderation.
    published = ProgramFactory(organisation=org_a, name="Лего-конструирование")
    group = ProgramGroupFactory(program=published, name="Группа утренняя")
    move_to(published, ProgramStatus.PUBLISHED, staff=administrator, coordinator=administrator)
    services.program_update(
        user=coordinator_a,
        program=published,
        data={"name": "Переименована, но не одобрена", "short_description": "Новое описание"},
    )
    # The groups as the coordinator's edits left them while the change waits (the service
    # refuses further edits under moderation, so they are written here directly).
    ProgramGroup.objects.filter(pk=group.pk).update(name="Группа без одобрения")
    extra = ProgramGroupFactory(program=published, name="Новая группа без одобрения")
    org_a.head_name = "Сидорова Галина Петровна"
    org_a.save()

    text = "\n".join(everything(client, path) for path in ENDPOINTS)
    assert "Лего-конструирование" in text
    assert "Группа утренняя" in text
    for hidden in [
        "Черновик секретный",
        "Ждёт модерации",
        "Программа в архиве",
        "Переименована, но не одобрена",
        "Новое описание",
        "Группа без одобрения",
        "Новая группа без одобрения",
        "Петрова Анна Сергеевна",  # the teachers
        "Сидорова Галина Петровна",  # the head
        coordinator_a.email,
        administrator.email,
        "teacher",
        "head_name",
    ]:
        assert hidden not in text, hidden
    assert client.get(f"{PROGRAMMES}{waiting.pk}/").status_code == 404
    assert client.get(f"/api/v1/groups/{extra.pk}/").status_code == 404


def test_groups_carry_schedule_free_places_and_settlement(client, registry, org_a, municipality):
    village = Settlement.objects.create(municipality=municipality, kind="с.", name="Донское")
    org_a.settlement = village
    org_a.save()
    rows = client.get("/api/v1/groups/", {"free_places": "true", "enrolment_open": "true"}).json()
    names = {row["name"] for row in rows["results"]}
    assert rows["count"] == 2 and names == {"Группа 1"}
    robotics = next(r for r in rows["results"] if r["settlement"])
    assert robotics["settlement"] == {"id": village.pk, "name": "с. Донское", "oktmo": ""}
    assert robotics["schedule"] == [{"weekday": 2, "time_start": "15:00", "time_end": "16:30"}]
    assert robotics["free_places"] == 3 and robotics["enrolment_open"] is True
    in_village = client.get("/api/v1/groups/", {"settlement": village.pk}).json()
    assert in_village["count"] == 2


def test_the_schema_is_valid_openapi_and_the_docs_are_served_locally(client):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert schema["openapi"].startswith("3.")
    assert set(ENDPOINTS) <= set(schema["paths"])
    docs = client.get(reverse("api-docs"))
    assert docs.status_code == 200
    assert b"/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs.content
    assert b"cdn" not in docs.content.lower()


def _schema():
    """The portal's own schema, run in-process against the WSGI application."""
    loaded = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    loaded.app = application
    loaded.location = "/api/schema/"
    return loaded


schema = _schema()


@pytest.fixture
def connection_kept():
    """The application keeps the test's database connection between requests, as Django's
    own test client arranges: otherwise every request's end closes it under the test."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.fuzz
@schema.parametrize()
@hypothesis_settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_to_its_schema(case, registry, settings, connection_kept):
    """Property-based requests from the schema: no 500, no answer outside the schema."""
    settings.API_RATE_LIMIT = "100000/min"
    settings.ALLOWED_HOSTS = ["*"]
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
