"""One public shape of a published programme: the catalogue page, the vacancies, the API, the
open data and the Navigator say the same of its groups — the approved version's, with the
free places the organisation keeps — whatever its working copy holds under moderation."""

import json
from datetime import timedelta

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from navigator_sync.mapping import program_payload
from programs import exchange, opendata, services


def test_every_reader_shows_the_approved_groups_with_todays_free_places(
    client, publish, administrator, org_a
):
    today = timezone.localdate()
    program = publish(
        name="Робототехника",
        groups=[
            {
                "name": "Одобренная группа",
                "places": 12,
                "free_places": 4,
                "enrolment_from": today - timedelta(days=2),
                "enrolment_to": today + timedelta(days=2),
            }
        ],
    )
    group = program.groups.get()
    services.free_places_update(user=administrator, group=group, free_places=1)
    program.groups.update(name="Правка на модерации", places=30)  # the working copy only
    cache.clear()

    page = client.get(reverse("programs:public_detail", args=[program.pk])).content.decode()
    assert "Одобренная группа" in page and "Правка на модерации" not in page
    assert "мест: 12" in page and "свободно: 1" in page
    assert 'badge text-bg-success">Идёт запись' in page

    vacancies = json.loads(client.get(reverse("programs:vacancies_json", args=[org_a.pk])).content)
    [row] = vacancies["groups"]
    assert (row["group"], row["places"], row["free_places"]) == ("Одобренная группа", 12, 1)
    assert row["enrolment_open"] is True

    api = client.get(f"/api/v1/programmes/{program.pk}/").json()
    [api_group] = api["groups"]
    assert (api_group["name"], api_group["places"], api_group["free_places"]) == (
        "Одобренная группа",
        12,
        1,
    )
    assert api_group["enrolment_open"] is True
    listed = client.get("/api/v1/groups/", {"programme": program.pk}).json()["results"]
    assert [(g["name"], g["free_places"]) for g in listed] == [("Одобренная группа", 1)]

    header, *rows = list(opendata._data_rows("http://testserver"))
    [data_row] = [dict(zip(header, r, strict=True)) for r in rows]
    assert (data_row["groups"], data_row["places"], data_row["free_places"]) == (1, 12, 1)

    payload = program_payload(exchange.published_for_exchange(program_ids=[program.pk]).get())
    [navigator_group] = payload["groups"]
    assert (navigator_group["name"], navigator_group["places"]) == ("Одобренная группа", 12)
    assert navigator_group["freePlaces"] == 1
    assert navigator_group["orderFrom"] == (today - timedelta(days=2)).isoformat()
