"""The «Группы» sheet: groups and schedules in Excel both ways, replaced as a whole per
programme in the same preview and transaction, every bad row refused with its reason."""

import io

import openpyxl
import pytest
from django.urls import reverse

from programs import spreadsheets
from programs.models import GroupSchedule, Program, ProgramGroup
from tests.helpers import login
from tests.programs.test_imports import program_row


def workbook(programmes, groups, *, with_programmes=True) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    if with_programmes:
        sheet = book.create_sheet("Программы")
        header = [c.header for c in spreadsheets.PROGRAM_COLUMNS if c.importable]
        sheet.append(header)
        for row in programmes:
            sheet.append([row.get(h) for h in header])
    sheet = book.create_sheet("Группы")
    header = [c.header for c in spreadsheets.GROUP_COLUMNS]
    sheet.append(header)
    for row in groups:
        sheet.append([row.get(h) for h in header])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def group_row(org, programme="Робототехника", name="Группа 1", **changes):
    return {
        **spreadsheets.group_example(f"{org.short_name} ({org.inn})"),
        "Программа": programme,
        "Название группы": name,
        **changes,
    }


def messages(job):
    return [f"{e['row']}|{e['column']}|{e['message']}" for e in job.errors]


def test_the_template_as_it_comes_imports_a_programme_with_its_group(
    client, upload, confirm, coordinator_a, org_a
):
    login(client, coordinator_a)
    template = client.get(reverse("programs:template")).content
    book = openpyxl.load_workbook(io.BytesIO(template))
    assert book.sheetnames == ["Программы", "Группы", "Справочники", "Инструкция"]
    text = "\n".join(c.value or "" for c in book["Инструкция"]["A"])
    assert "«Расписание» — обязательная." in text
    job = confirm(upload(coordinator_a, template))
    assert job.state == "done", job.errors
    program = Program.objects.get(organisation=org_a)
    group = program.groups.get()
    assert (group.name, group.places, group.free_places) == ("Группа 1", 15, 4)
    assert [str(s) for s in group.schedule.all()] == [
        "Понедельник 15:00–16:30",
        "Среда 15:00–16:30",
    ]


def test_export_round_trips_and_a_second_import_changes_nothing(
    client, upload, confirm, coordinator_a, org_a
):
    rows = [program_row(org_a.inn, "Робототехника")]
    groups = [
        group_row(org_a, name="Младшие", **{"Расписание": "Пн, Ср 15:00–16:30; Пт 10:00–11:30"}),
        group_row(org_a, name="Старшие", **{"Свободных мест": 0, "Расписание": "Вт 17:00–18:30"}),
    ]
    assert confirm(upload(coordinator_a, workbook(rows, groups))).state == "done"
    program = Program.objects.get()
    ids = set(program.groups.values_list("pk", flat=True))

    login(client, coordinator_a)
    exported = client.get(reverse("programs:export")).content
    book = openpyxl.load_workbook(io.BytesIO(exported))
    sheet = book["Группы"]
    header = [c.value for c in sheet[2]]  # under the title row
    written = [dict(zip(header, (c.value for c in r), strict=True)) for r in sheet.iter_rows(3)]
    assert {r["Название группы"]: r["Расписание"] for r in written} == {
        "Младшие": "Пн, Ср 15:00–16:30; Пт 10:00–11:30",
        "Старшие": "Вт 17:00–18:30",
    }
    again = confirm(upload(coordinator_a, exported))
    assert again.summary["unchanged"] == 1 and again.summary["update"] == 0
    assert not again.summary.get("groups_add") and not again.summary.get("groups_change")
    assert set(program.groups.values_list("pk", flat=True)) == ids  # the same groups, kept


def test_groups_are_added_changed_and_removed_as_a_whole(upload, confirm, coordinator_a, org_a):
    rows = [program_row(org_a.inn, "Робототехника")]
    first = [group_row(org_a, name="А"), group_row(org_a, name="Б")]
    confirm(upload(coordinator_a, workbook(rows, first)))
    kept = ProgramGroup.objects.get(name="А").pk
    second = [group_row(org_a, name="А", **{"Свободных мест": 1}), group_row(org_a, name="В")]
    job = upload(coordinator_a, workbook(rows, second))
    assert job.summary["groups_add"] == 1
    assert job.summary["groups_change"] == 1
    assert job.summary["groups_remove"] == 1
    assert ProgramGroup.objects.filter(name="Б").exists()  # nothing written before confirming
    confirm(job)
    assert sorted(ProgramGroup.objects.values_list("name", flat=True)) == ["А", "В"]
    assert ProgramGroup.objects.get(name="А").pk == kept
    assert ProgramGroup.objects.get(name="А").free_places == 1
    assert GroupSchedule.objects.filter(group__name="В").count() == 2


@pytest.mark.parametrize(
    ("changes", "column", "reason"),
    [
        ({"Расписание": "Пн 25:00–26:00"}, "Расписание", "нет такого времени"),
        ({"Расписание": "по договорённости"}, "Расписание", "не понятно время занятия"),
        ({"Свободных мест": 20}, "Свободных мест", "не может быть больше, чем мест в группе"),
        (
            {"Приём заявок с": "2026-09-10", "Приём заявок по": "2026-09-01"},
            "Приём заявок по",
            "Окончание приёма заявок не может быть раньше его начала",
        ),
        ({"Программа": "Нет такой"}, "Программа", "нет ни на листе «Программы», ни в реестре"),
        ({"Финансирование": "платно"}, "Стоимость группы, руб.", "укажите стоимость"),
    ],
)
def test_a_bad_group_row_is_refused_with_row_column_and_reason(
    upload, coordinator_a, org_a, changes, column, reason
):
    rows = [program_row(org_a.inn, "Робототехника")]
    job = upload(coordinator_a, workbook(rows, [group_row(org_a, **changes)]))
    (error,) = job.errors
    assert error["row"] == 2 and error["column"] == column
    assert reason in error["message"]
    assert not Program.objects.exists()


def test_duplicate_group_names_and_a_groups_sheet_alone_are_refused(upload, coordinator_a, org_a):
    rows = [program_row(org_a.inn, "Робототехника")]
    job = upload(coordinator_a, workbook(rows, [group_row(org_a), group_row(org_a)]))
    assert any("названия групп одной программы не повторяются" in m for m in messages(job))
    alone = upload(coordinator_a, workbook([], [group_row(org_a)], with_programmes=False))
    assert "нет листа «Программы»" in alone.message
    assert not Program.objects.exists() and not ProgramGroup.objects.exists()


def test_a_group_older_than_its_programme_is_refused(upload, coordinator_a, org_a):
    rows = [program_row(org_a.inn, "Робототехника")]  # 8–12 years
    job = upload(coordinator_a, workbook(rows, [group_row(org_a, **{"Возраст до": 16})]))
    assert messages(job) == [
        "2|Возраст от|лист «Группы»: возраст группы должен быть в пределах возраста программы: "
        "8–12 лет"
    ]
