"""Searches of the catalogue per address: what the page cache answers is never refused, past
``SEARCH_RATE_LIMIT`` a Russian 429 keeps what was asked; a search that finds nothing shares
one kept page and still shows its own words wherever the page writes them."""

import re
import time
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import django_ratelimit.core
import pytest
from django.urls import reverse

from programs import public_views

pytestmark = pytest.mark.django_db

CATALOGUE = reverse("programs:catalogue")


@pytest.fixture
def limit(settings, publish, monkeypatch):
    publish(name="Шахматный клуб", age_from=7, age_to=12)
    settings.SEARCH_RATE_LIMIT = "2/m"
    # The counting window is a minute: the clock stands still for the limiter, so a test's
    # searches never straddle two windows (which would count them apart and let one through).
    now = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: now))


def search(client, address="203.0.113.7", **params):
    return client.get(CATALOGUE, params, REMOTE_ADDR=address)


def test_searches_past_the_limit_get_a_russian_429_that_keeps_the_filters(client, limit):
    assert search(client, q="шахматы").status_code == 200
    assert search(client, q="нет такого").status_code == 200
    refused = search(client, q="шахматы", age="9", focus="technical")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "no-store" in refused["Cache-Control"]
    page = refused.content.decode()
    assert "очень много поисков по каталогу" in page
    assert re.search(r'<input type="text" name="q" value="шахматы"[^>]*id="id_q"', page)
    assert re.search(r'name="age" value="9"', page)
    assert re.search(r'<input type="checkbox" name="focus" value="technical"[^>]*checked', page)
    retry = re.search(r'href="([^"]+)" id="search-retry"', page).group(1).replace("&amp;", "&")
    assert urlsplit(retry).path == CATALOGUE
    assert parse_qs(urlsplit(retry).query) == {
        "age": ["9"],
        "focus": ["technical"],
        "q": ["шахматы"],
    }


def test_a_page_from_the_cache_is_never_refused(client, limit):
    assert search(client, age="9").status_code == 200  # now kept
    search(client, q="раз")
    assert search(client, q="два").status_code == 429
    assert search(client, age="9").status_code == 200
    assert search(client, age="9", utm_source="mail").status_code == 200  # the same page


def test_the_limit_counts_each_address_on_its_own(client, limit):
    for words in ("раз", "два"):
        search(client, q=words)
    assert search(client, q="три").status_code == 429
    assert search(client, address="198.51.100.9", q="три").status_code == 200


def test_past_the_limit_an_in_page_search_gets_the_notice_in_place_of_results(client, limit):
    for words in ("раз", "два"):
        search(client, q=words)
    refused = client.get(
        CATALOGUE, {"q": "три", "age": "9"}, REMOTE_ADDR="203.0.113.7", HTTP_HX_REQUEST="true"
    )
    assert refused.status_code == 429
    fragment = refused.content.decode()
    assert fragment.startswith('<div id="results"')
    assert 'id="search-retry"' in fragment and "<html" not in fragment


def test_with_redis_away_searches_are_not_refused(client, limit, redis_away):
    for n in range(4):
        response = search(client, q=f"слово{n}")
        assert response.status_code == 200
        assert "очень много поисков" not in response.content.decode()


@pytest.mark.parametrize("htmx", [False, True])
def test_a_search_that_finds_nothing_writes_its_own_words_as_a_page_of_its_own(
    client, publish, monkeypatch, htmx
):
    publish(name="Шахматный клуб")
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    words = 'Робо<т> & "1+1/2%" ёж'
    params = {"age": "9", "focus": "arts", "q": words}
    client.get(CATALOGUE, {**params, "q": "другие слова"}, **headers)  # the kept page
    shared = client.get(CATALOGUE, params, **headers)
    monkeypatch.setattr(public_views, "search_miss_page", lambda request, render: render())
    direct = client.get(CATALOGUE, params, **headers)
    assert direct.status_code == shared.status_code == 200
    page = shared.content.decode()
    assert page == direct.content.decode()
    assert "другие слова" not in page and "mocwords" not in page.lower()
    assert "По этим условиям программ не нашлось" in page
    # The links that drop one filter keep the words, written for a link.
    links = [link.replace("&amp;", "&") for link in re.findall(r'href="\?([^"]+)"', page)]
    assert any(parse_qs(link).get("q") == [words] for link in links)


def test_a_search_that_finds_nothing_is_answered_without_counting(
    client, publish, django_assert_max_num_queries
):
    publish(name="Шахматный клуб")
    client.get(CATALOGUE, {"q": "первое"})  # the kept page of searches that find nothing
    with django_assert_max_num_queries(1):  # whether anything has the words; nothing else
        response = client.get(CATALOGUE, {"q": "второе"})
    assert response.status_code == 200
    assert 'value="второе"' in response.content.decode()
