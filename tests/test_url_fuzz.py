"""Every page of the URLconf, requested with hostile values, answers without a server error:
what it cannot use is ignored, refused with 400 or not found (404), never 500. Run on
PostgreSQL too, which refuses NUL in text and integers past its range."""

import json
import os
from pathlib import Path

import pytest

from tests import test_url_authorization as sweep
from tests.test_url_authorization import PERSONAS, declared, iter_patterns
from tests.url_fuzz import hostile_paths, query_parameters

world = sweep.world  # the same records the URL sweep opens every page with

# Who requests a page: the first of these who may open it.
PREFERENCE = ["administrator", "staff", "coordinator_a", "expert", "anonymous"]
PREFERENCE += [p for p in PERSONAS if p not in PREFERENCE]


def fuzzed_pages(world):
    """(persona, name, path) for every declared page but the admin's object pages, which take
    no query; the admin's lists, which take search and filters, are in."""
    for name, pattern, arguments in iter_patterns():
        who, path = declared(name, pattern, arguments, world)
        if name and name.startswith("admin:") and not name.endswith("_changelist"):
            continue
        if not who:  # an address nobody may open («not found» for all): nothing to fuzz
            continue
        persona = next(p for p in PREFERENCE if p in who)
        yield persona, name or pattern, path


def test_no_page_answers_hostile_values_with_a_server_error(request, client, world):
    parameters = query_parameters()
    assert {"q", "page", "organisation", "focus", "year"} <= parameters
    client.raise_request_exception = False  # count every 500, not only the first
    errors, requests = [], 0
    current = None
    for persona, name, path in sorted(fuzzed_pages(world)):
        if persona != current:
            client.logout()
            if persona != "anonymous":
                client.force_login(request.getfixturevalue(persona))
            current = persona
        for kind, url in hostile_paths(path, parameters):
            response = client.get(url)
            requests += 1
            if response.status_code >= 500:
                errors.append(f"{name} ({kind}) {url[:150]}: {response.status_code}")
    if os.environ.get("FUZZ_REPORT"):  # for bench_security.py
        Path(os.environ["FUZZ_REPORT"]).write_text(
            json.dumps({"requests": requests, "errors": len(errors)})
        )
    assert requests > 500
    assert errors == [], "\n".join(errors)


@pytest.mark.parametrize("value", ["a\x00b", "a\x01b", "a\x1fb"])
def test_control_characters_are_refused_with_a_russian_page(client, value, staff, org_a):
    response = client.get("/search/", {"q": value})
    assert response.status_code == 400
    assert "недопустимые символы" in response.content.decode()
    client.force_login(staff)
    response = client.post(
        f"/organisations/{org_a.pk}/edit/", {"short_name": value, "address": "г. Задонск"}
    )
    assert response.status_code == 400
    org_a.refresh_from_db()
    assert org_a.short_name != value


def test_tabs_and_line_breaks_pass(client, db):
    assert client.get("/search/", {"q": "робо\tтехника\r\n"}).status_code == 200


@pytest.mark.parametrize("value", ["a\x00b", "\x00", "zadonsk\x01", "1.2\x1f", "x\ty"])
@pytest.mark.parametrize("cookie", ["municipality", "vision", "sessionid", "csrftoken"])
def test_cookies_with_control_characters_are_ignored(
    client, municipality, other_municipality, cookie, value
):
    """A cookie the portal never set (PostgreSQL refuses a NUL in a slug or session key): the
    pages answer as if the browser had not sent it."""
    client.raise_request_exception = False
    client.cookies[cookie] = value + "k" * 32  # as long as a session key
    for url in ("/", "/catalog/", "/catalog/?age=9"):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert "Обычная версия" not in response.content.decode()  # no vision cookie seen
