"""The catalogue as an open data set: the three files parse, agree with each other and with
the catalogue's count, are served, and are rebuilt nightly by beat."""

import csv
import io
from datetime import date, timedelta

import pytest
from celery.result import AsyncResult
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from moc_portal.core.spreadsheets import formula_unescaped
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


def test_the_set_parses_and_matches_the_catalogue(client, published, settings):
    settings.OPEN_DATA_PUBLISHER_INN = "4825000016"
    built = opendata.build()
    catalogue = client.get(reverse("programs:catalogue")).context["page"].paginator.count
    assert built["rows"] == catalogue == 3

    meta = dict(read(client, "meta.csv")[1:])
    today = timezone.localdate().strftime("%Y%m%d")
    assert meta["standardversion"] == "http://opendata.gosmonitor.ru/standard/3.0"
    assert meta["identifier"] == "4825000016-dop-programmy" and meta["format"] == "csv"
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


def test_a_fresh_installation_builds_the_set_when_it_is_first_asked_for(client, published):
    """No beat has run yet (``make run``, a new server): the first visitor does not find an
    empty page; with tasks in-process the set is built there and then."""
    assert opendata.passport() is None
    page = client.get(reverse("open_data")).content.decode()
    assert 'id="open-data-passport"' in page and "Набор ещё не сформирован" not in page
    today = timezone.localdate()
    assert opendata.versions() == [today]
    assert len(read(client, opendata.data_name(today))) == 1 + 3
    # The button is the administrator's: a visitor does not see it.
    assert "Собрать набор открытых данных сейчас" not in page


class Queue:
    """``open_data_build.delay`` as a worker's queue would answer it (or an absent one)."""

    def __init__(self, answer):
        self.answer, self.calls = answer, 0

    def __call__(self):
        self.calls += 1
        return self.answer


def test_with_a_worker_the_page_says_the_set_is_being_prepared_and_queues_it_once(
    client, published, monkeypatch
):
    queue = Queue(AsyncResult("queued-build"))
    monkeypatch.setattr(opendata.open_data_build, "delay", queue)
    for _ in range(3):
        page = client.get(reverse("open_data")).content.decode()
        assert "Набор готовится" in page and 'id="open-data-passport"' not in page
    assert queue.calls == 1

    opendata.open_data_build()  # the worker takes it
    page = client.get(reverse("open_data")).content.decode()
    assert 'id="open-data-passport"' in page and "Набор готовится" not in page
    assert queue.calls == 1


def test_with_the_queue_away_the_page_says_so_and_the_next_visit_asks_again(
    client, published, monkeypatch
):
    queue = Queue(None)  # QueuedTask.apply_async with Redis away
    monkeypatch.setattr(opendata.open_data_build, "delay", queue)
    page = client.get(reverse("open_data")).content.decode()
    assert "очередь фоновых задач сейчас недоступна" in page and "Набор готовится" not in page
    client.get(reverse("open_data"))
    assert queue.calls == 2


def test_the_administrator_builds_the_set_now_with_a_button(
    client, published, administrator, staff, publish
):
    opendata.build()
    publish(name="Опубликована после ночной сборки")
    client.force_login(administrator)
    page = client.get(reverse("open_data")).content.decode()
    assert "Собрать набор открытых данных сейчас" in page

    response = client.post(reverse("open_data_build"), follow=True)
    assert response.redirect_chain == [(reverse("open_data"), 302)]
    assert "Набор открытых данных собран: 4 программы." in response.content.decode()
    data = read(client, opendata.data_name(timezone.localdate()))
    assert "Опубликована после ночной сборки" in {row[1] for row in data}
    assert client.get(reverse("open_data_build")).status_code == 405

    client.force_login(staff)
    assert "Собрать набор" not in client.get(reverse("open_data")).content.decode()
    assert client.post(reverse("open_data_build")).status_code == 403


def test_the_management_command_builds_the_set(published):
    out = io.StringIO()
    call_command("open_data_build", stdout=out)
    assert out.getvalue().startswith("Набор открытых данных собран: 3 программы")
    assert opendata.versions() == [timezone.localdate()]


def passport_of(client) -> dict:
    """meta.csv as a reader takes it: a phone's «+» is written «'+» there, as in every CSV
    the portal writes (``formula_escaped``)."""
    opendata.build()
    return {name: formula_unescaped(value) for name, value in read(client, "meta.csv")[1:]}


def test_the_installation_creates_publishes_and_identifies_the_set(client, published, settings):
    settings.MOC_CENTRE_NAME = "Региональный модельный центр Липецкой области"
    settings.MOC_CENTRE_PHONE = "+7 (4742) 00-00-00"
    settings.MOC_CENTRE_EMAIL = "rmc@example.org"
    settings.OPEN_DATA_PUBLISHER_INN = "4825000016"
    meta = passport_of(client)
    assert meta["creator"] == meta["publishername"] == settings.MOC_CENTRE_NAME
    assert meta["publisherphone"] == "+7 (4742) 00-00-00"
    assert meta["publishermbox"] == "rmc@example.org"
    assert meta["identifier"] == "4825000016-dop-programmy"


def test_a_regional_operator_creates_publishes_and_identifies_the_set(client, published, settings):
    settings.MOC_CENTRE_PHONE = "+7 (47471) 2-11-44"  # the installation's: not the operator's
    settings.OPEN_DATA_PUBLISHER_NAME = "ГАУ ДО «Региональный оператор»"
    settings.OPEN_DATA_PUBLISHER_INN = "4825000016"
    settings.OPEN_DATA_PUBLISHER_PHONE = "+7 (4742) 11-11-11"
    settings.OPEN_DATA_PUBLISHER_EMAIL = "operator@example.org"
    meta = passport_of(client)
    assert meta["creator"] == meta["publishername"] == "ГАУ ДО «Региональный оператор»"
    assert meta["publisherphone"] == "+7 (4742) 11-11-11"
    assert meta["publishermbox"] == "operator@example.org"
    assert meta["identifier"] == "4825000016-dop-programmy"


def test_the_identifier_is_never_an_organisations_inn(
    client, published, org_a, settings, administrator
):
    org_a.is_support_centre = True
    org_a.save()
    settings.OPEN_DATA_PUBLISHER_INN = ""
    meta = passport_of(client)
    assert meta["identifier"] == "dop-programmy"
    assert org_a.inn not in "".join(meta.values())

    client.force_login(administrator)
    page = client.get(reverse("open_data")).content.decode()
    assert 'id="open-data-publisher-missing"' in page
    assert "<code>OPEN_DATA_PUBLISHER_INN</code>" in page

    settings.OPEN_DATA_PUBLISHER_INN = "4825000015"  # a wrong check digit
    assert passport_of(client)["identifier"] == "dop-programmy"
    page = client.get(reverse("open_data")).content.decode()
    assert "указанный ИНН «4825000015» не принят: Контрольная цифра ИНН не сходится" in page


def test_beat_rebuilds_the_set_every_night():
    entry = settings.CELERY_BEAT_SCHEDULE["open-data-nightly"]
    assert entry["task"] == "programs.tasks.open_data_build"
    assert entry["schedule"].hour == {2}
