"""Participants from the contest's own Excel template: all rows or none, row-by-row Russian
problems, a file of another kind refused; teams gathered by their column."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from moc_portal.core.uploads import ImportFileError
from plans.contests import imports
from plans.contests.models import Entry, EntryKind, Participant
from plans.contests.services.entries import RowsError
from tests.contests.apply_helpers import born, make_contest

pytestmark = pytest.mark.django_db


@pytest.fixture
def contest(municipality):
    return make_contest(municipality)


def filled(contest, user, rows: list[list]) -> bytes:
    """The contest's template with ``rows`` from row 3 (the example's place) on."""
    book = load_workbook(io.BytesIO(imports.template(contest, user)))
    sheet = book[imports.SHEET]
    sheet.delete_rows(3)
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=3 + offset, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def row(contest, surname, age=9, nomination="Вокал", category="Младшая", team=""):
    birth = born(age, contest).strftime("%d.%m.%Y")
    return [nomination, category, team, surname, "Мария", "Сергеевна", birth, "3 класс", ""]


def test_the_template_has_the_contests_heads_lists_and_example(contest, coordinator_a):
    book = load_workbook(io.BytesIO(imports.template(contest, coordinator_a)))
    sheet = book[imports.SHEET]
    heads = [cell.value for cell in sheet[2]]
    assert heads[:4] == ["Номинация", "Возрастная категория", "Команда", "Фамилия"]
    assert "Юные таланты" in sheet["A1"].value
    assert sheet["D3"].value == "Иванова"
    references = [c.value for c in book["Справочники"]["A"]][2:4]
    assert references == ["Вокал", "Рисунок"]
    assert sheet.data_validations.dataValidation


def test_every_row_becomes_an_entry_and_teams_are_gathered(contest, coordinator_a, org_a):
    data = filled(
        contest,
        coordinator_a,
        [
            row(contest, "Иванова"),
            row(contest, "Петрова", age=12, category="Старшая"),
            row(contest, "Белова", team="Звёзды", nomination="Рисунок"),
            row(contest, "Орлова", team="Звёзды", nomination="Рисунок"),
        ],
    )
    entries = imports.import_participants(
        user=coordinator_a, contest=contest, organisation=org_a, data=data
    )
    assert len(entries) == 3
    team = Entry.objects.get(kind=EntryKind.TEAM)
    assert team.team_name == "Звёзды" and team.participants.count() == 2
    assert sorted(Entry.objects.values_list("code", flat=True)) == ["Н1-001", "Н1-002", "Н2-001"]


def test_the_example_row_left_in_place_is_not_a_participant(contest, coordinator_a, org_a):
    book = load_workbook(io.BytesIO(imports.template(contest, coordinator_a)))
    sheet = book[imports.SHEET]
    for column, value in enumerate(row(contest, "Петрова"), start=1):
        sheet.cell(row=4, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    imports.import_participants(
        user=coordinator_a, contest=contest, organisation=org_a, data=buffer.getvalue()
    )
    assert list(Participant.objects.values_list("surname", flat=True)) == ["Петрова"]


def test_problems_are_named_row_by_row_and_nothing_is_written(contest, coordinator_a, org_a):
    bad_date = row(contest, "Петрова")
    bad_date[6] = "31.02.2015"
    data = filled(
        contest,
        coordinator_a,
        [
            row(contest, "Иванова"),
            row(contest, "Смирнова", nomination="Танец"),
            bad_date,
            row(contest, "Орлова", age=15),
            row(contest, "Иванова"),
        ],
    )
    with pytest.raises(RowsError) as error:
        imports.import_participants(
            user=coordinator_a, contest=contest, organisation=org_a, data=data
        )
    lines = error.value.lines
    assert lines[0].startswith("Строка 4: номинации «Танец» нет")
    assert lines[1].startswith("Строка 5: дата рождения «31.02.2015» не читается")
    assert len(lines) == 2  # the rows that can be read are checked once these are fixed
    assert not Entry.objects.exists()
    data = filled(
        contest,
        coordinator_a,
        [row(contest, "Иванова"), row(contest, "Орлова", age=15), row(contest, "Иванова")],
    )
    with pytest.raises(RowsError) as error:
        imports.import_participants(
            user=coordinator_a, contest=contest, organisation=org_a, data=data
        )
    lines = error.value.lines
    assert lines[0].startswith("Строка 4: Орлова") and "полных лет: 15" in lines[0]
    assert lines[1].startswith("Строка 5: Иванова Мария Сергеевна уже участвует")
    assert not Entry.objects.exists() and not Participant.objects.exists()


def test_a_file_of_another_kind_is_refused(contest, coordinator_a, org_a):
    with pytest.raises(ImportFileError, match="не таблица Excel"):
        imports.import_participants(
            user=coordinator_a, contest=contest, organisation=org_a, data=b"%PDF-1.4 not a sheet"
        )
    assert not Entry.objects.exists()


def test_the_import_page(client, contest, coordinator_a, org_a):
    client.force_login(coordinator_a)
    url = reverse("contests:import", args=[contest.pk])
    upload = SimpleUploadedFile("spisok.docx", b"PK\x03\x04 not really")
    page = client.post(url, {"organisation": org_a.pk, "file": upload})
    assert page.status_code == 200 and "Ничего не загружено" in page.content.decode()
    data = filled(contest, coordinator_a, [row(contest, "Иванова")])
    upload = SimpleUploadedFile("spisok.xlsx", data)
    response = client.post(url, {"organisation": org_a.pk, "file": upload})
    assert response.status_code == 302 and Entry.objects.count() == 1
    template = client.get(reverse("contests:import_template", args=[contest.pk]))
    assert template.status_code == 200 and template.content.startswith(b"PK")
