"""Every error page carries the security headers the normal pages have (issue 29): the 400 of
a refused Host (also when the SSL redirect refuses it, before any other middleware ran), the
Russian 400 of a control character, 403, 404, 500, 503 and the refused CSRF check."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from tests.helpers import login

pytestmark = pytest.mark.django_db

HEADERS = [
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
]


def _raise(error):
    def view(*args, **kwargs):
        raise error

    return view


def bad_host(client, **kwargs):
    return client.get("/", HTTP_HOST="attacker.example")


def bad_host_refused_by_the_ssl_redirect(client, settings, **kwargs):
    settings.SECURE_SSL_REDIRECT = True
    return Client(raise_request_exception=False).get("/catalog/", HTTP_HOST="attacker.example")


def nul_byte(client, **kwargs):
    return client.get("/search/", {"q": "a\x00b"})


def forbidden(client, coordinator_b, **kwargs):
    return login(client, coordinator_b).get("/moderation/")  # the centre's staff only


def not_found(client, **kwargs):
    return client.get("/no-such-page/")


def server_error(client, monkeypatch, **kwargs):
    from plans.portal import public_views

    monkeypatch.setattr(public_views, "render", _raise(RuntimeError("ошибка в коде")))
    return client.get(reverse("portal:news"))


def database_away(client, monkeypatch, **kwargs):
    from plans.portal import public_views

    monkeypatch.setattr(public_views, "render", _raise(OperationalError("connection refused")))
    return client.get(reverse("portal:news"))


def csrf_refused(client, **kwargs):
    strict = Client(enforce_csrf_checks=True, raise_request_exception=False)
    return strict.post(reverse("users:login"), {"username": "x", "password": "y"})


@pytest.mark.parametrize(
    "make, status",
    [
        (bad_host, 400),
        (bad_host_refused_by_the_ssl_redirect, 400),
        (nul_byte, 400),
        (forbidden, 403),
        (not_found, 404),
        (server_error, 500),
        (database_away, 503),
        (csrf_refused, 403),
    ],
    ids=lambda value: getattr(value, "__name__", str(value)),
)
def test_every_error_page_carries_the_security_headers(
    make, status, settings, monkeypatch, coordinator_b, org_a
):
    normal = Client().get("/")
    expected = {name: normal[name] for name in HEADERS}
    assert "frame-ancestors 'none'" in expected["Content-Security-Policy"]
    client = Client(raise_request_exception=False)
    response = make(
        client,
        settings=settings,
        monkeypatch=monkeypatch,
        coordinator_b=coordinator_b,
        org_a=org_a,
    )
    assert response.status_code == status
    assert {name: response.get(name) for name in HEADERS} == expected
