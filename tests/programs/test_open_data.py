"""The catalogue as an open data set: the three files parse, agree with each other and with
the catalogue's count, are served, and are rebuilt nightly by beat."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from programs import opendata
from programs.choices import Focus
from programs.models import Settlement
from tests.programs.factories import ProgramFactory


@pytest.fixture
def published(publish, org_a, municipality):
    org_a.settlement = Settlement.objects.create(
        municipality=municipality, kind="г.", name="Задонск", oktmo="42624101001"
    )
    org_a.save()
    ProgramFactory(organisation=org_a, name="Черновик")
    return [
        publish(
            name=f"Программа, «{n}»", focus=focus, groups=[{"places": 10 + n, "free_places": n}]
        )
        for n, focus in enumerate([Focus.TECHNICAL, Focus.ARTS, Focus.SPORT])
    ]


def read(client, name) -> list[list[str]]:
    response = client.get(reverse("open_data_file", args=[name]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def test_the_set_parses_and_matches_the_catalogue(client, published):
    built = opendata.build()
    catalogue = client.get(reverse("programs:catalogue")).context["page"].paginator.count
    assert built["rows"] == catalogue == 3

    meta = dict(read(client, "meta.csv")[1:])
    today = timezone.localdate().strftime("%Y%m%d")
    assert meta["standardversion"] == "http://opendata.gosmonitor.ru/standard/3.0"
    assert meta["identifier"].endswith("-dop-programmy") and meta["format"] == "csv"
    assert meta["modified"] == today
    data_name = f"data-{today}-structure-{opendata.STRUCTURE_DATE}.csv"
    assert meta[f"data-{today}-structure-{opendata.STRUCTURE_DATE}"].endswith(data_name)

    structure = read(client, f"structure-{opendata.STRUCTURE_DATE}.csv")
    assert structure[0] == ["field name", "english description", "russian description", "format"]
    data = read(client, data_name)
    assert data[0] == [row[0] for row in structure[1:]]
    rows = [dict(zip(data[0], row, strict=True)) for row in data[1:]]
    assert len(rows) == catalogue
    first = next(r for r in rows if r["name"] == "Программа, «0»")
    assert first["focus"] == "Техническая" and first["settlement"] == "г. Задонск"
    assert first["settlement_oktmo"] == "42624101001"
    assert (first["places"], first["free_places"], first["groups"]) == ("10", "0", "1")
    assert first["url"] == f"http://portal.test/catalog/programs/{first['id']}/"
    assert "Черновик" not in {r["name"] for r in rows}

    page = client.get(reverse("open_data")).content.decode()
    assert data_name in page and "meta.csv" in page


def test_old_data_files_are_dropped_and_other_names_are_not_served(client, published):
    start = date(2026, 1, 1)
    for day in range(opendata.KEEP_VERSIONS + 3):
        opendata.build(today=start + timedelta(days=day))
    assert len(opendata.versions()) == opendata.KEEP_VERSIONS
    assert opendata.versions()[0] == start + timedelta(days=opendata.KEEP_VERSIONS + 2)
    for name in ["../settings.py", "meta.csv.bak", "data-2026-structure.csv"]:
        assert client.get(f"/opendata/{name}").status_code == 404


def test_the_page_says_when_the_set_is_not_built_yet(client, db):
    page = client.get(reverse("open_data")).content.decode()
    assert "Набор ещё не сформирован" in page


def test_beat_rebuilds_the_set_every_night():
    entry = settings.CELERY_BEAT_SCHEDULE["open-data-nightly"]
    assert entry["task"] == "programs.tasks.open_data_build"
    assert entry["schedule"].hour == {2}
