"""Excel import: preview, all-or-nothing confirm, idempotency, scope, and every bad input."""

import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moc_portal.core import sheet_cells as imports
from moc_portal.core import spreadsheets as sheets
from moc_portal.core import uploads
from programs import spreadsheets
from programs.choices import ProgramStatus
from programs.models import Organisation, Program, PublishedProgram, SpreadsheetJob
from tests.helpers import login
from tests.programs.factories import ProgramFactory

HEADER = [c.header for c in spreadsheets.PROGRAM_COLUMNS if c.importable]


def program_row(inn, name="Робототехника", **changes):
    row = {**spreadsheets.program_example(inn), "Полное наименование": name}
    row.update(changes)
    return row


def xlsx(rows, *, header=HEADER, sheet="Программы", formula_at=None, merge=None) -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    if header:
        ws.append(header)
    for row in rows:
        ws.append([row.get(h) for h in header] if isinstance(row, dict) else row)
    if formula_at:
        ws[formula_at] = "=1+1"
    if merge:
        ws.merge_cells(merge)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def counts(job) -> dict:
    """The preview's counts of programmes (the readiness and group counts have tests of their
    own)."""
    return {k: job.summary[k] for k in ("create", "update", "unchanged", "errors")}


def error_messages(job):
    return [f"{e['row']}|{e['column']}|{e['message']}" for e in job.errors]


# --- the happy paths -----------------------------------------------------------------------


def test_preview_then_confirm_creates_drafts(upload, confirm, coordinator_a, org_a):
    job = upload(coordinator_a, xlsx([program_row(org_a.inn, "А"), program_row(org_a.inn, "Б")]))
    assert job.state == SpreadsheetJob.State.CHECKED
    assert counts(job) == {"create": 2, "update": 0, "unchanged": 0, "errors": 0}
    assert [p["action"] for p in job.preview] == ["создать", "создать"]
    assert not Program.objects.exists()  # nothing is written before confirmation

    job = confirm(job)
    assert job.state == SpreadsheetJob.State.DONE
    programs = Program.objects.order_by("name")
    assert [p.name for p in programs] == ["А", "Б"]
    assert {p.status for p in programs} == {ProgramStatus.DRAFT}
    assert programs[0].history.count() == 1


def test_importing_the_same_file_twice_changes_nothing(upload, confirm, coordinator_a, org_a):
    data = xlsx([program_row(org_a.inn, "А"), program_row(org_a.inn, "Б")])
    confirm(upload(coordinator_a, data))
    before = list(Program.objects.values().order_by("pk"))
    again = upload(coordinator_a, data)
    assert counts(again) == {"create": 0, "update": 0, "unchanged": 2, "errors": 0}
    confirm(again)
    assert list(Program.objects.values().order_by("pk")) == before


def test_export_opens_again_as_an_import(client, upload, confirm, coordinator_a, org_a):
    ProgramFactory(organisation=org_a, name="Гитара", ovz_suitable=True, ovz_categories=["vision"])
    ProgramFactory(organisation=org_a, name="Шахматы")
    login(client, coordinator_a)
    exported = client.get(reverse("programs:export")).content
    job = upload(coordinator_a, exported)
    assert counts(job) == {"create": 0, "update": 0, "unchanged": 2, "errors": 0}, job.errors

    book = openpyxl.load_workbook(io.BytesIO(exported))
    sheet = book["Программы"]
    header = [c.value for c in sheet[2]]  # under the title row
    for row in sheet.iter_rows(min_row=3):
        if row[header.index("Полное наименование")].value == "Шахматы":
            row[header.index("Возраст до")].value = 16
    buffer = io.BytesIO()
    book.save(buffer)
    job = confirm(upload(coordinator_a, buffer.getvalue()))
    assert job.summary["update"] == 1
    assert Program.objects.get(name="Шахматы").age_to == 16


def test_staff_may_publish_new_programmes_at_once(upload, confirm, staff, org_a, client):
    job = confirm(upload(staff, xlsx([program_row(org_a.inn, "Футбол")]), publish="on"))
    program = Program.objects.get(name="Футбол")
    assert program.status == ProgramStatus.PUBLISHED
    assert PublishedProgram.objects.filter(pk=program.pk).exists()
    assert job.summary["published"] == 1
    assert program.transitions.get().comment == "Загружена из файла и опубликована"
    client.logout()
    assert "Футбол" in client.get(reverse("programs:catalogue"), {"q": "футбол"}).content.decode()


def test_coordinator_cannot_publish_on_import(upload, confirm, coordinator_a, org_a):
    confirm(upload(coordinator_a, xlsx([program_row(org_a.inn, "Футбол")]), publish="on"))
    assert Program.objects.get(name="Футбол").status == ProgramStatus.DRAFT


# --- scope and all-or-nothing ---------------------------------------------------------------


def test_coordinator_imports_only_into_own_organisation(upload, coordinator_a, org_a, org_b):
    job = upload(
        coordinator_a,
        xlsx(
            [
                program_row(org_a.inn, "Своя"),
                program_row(org_b.inn, "Чужая"),
                program_row("4899999999", "Неизвестная"),
            ]
        ),
    )
    assert error_messages(job) == [
        f"3|Организация|организация с ИНН {org_b.inn} есть в реестре, но вы не можете "
        "загружать её программы",
        "4|Организация|организации с ИНН 4899999999 нет в реестре: сначала добавьте её",
    ]


def test_foreign_id_is_refused(upload, coordinator_a, org_a, org_b):
    other = ProgramFactory(organisation=org_b)
    job = upload(coordinator_a, xlsx([program_row(org_a.inn, "X", **{"ID портала": other.pk})]))
    assert "нет среди ваших" in job.errors[0]["message"]


def test_one_bad_row_writes_nothing(upload, confirm, coordinator_a, org_a):
    rows = [program_row(org_a.inn, f"Программа {i}") for i in range(3)]
    rows.append(program_row(org_a.inn, "Плохая", **{"Возраст от": 12, "Возраст до": 7}))
    job = upload(coordinator_a, xlsx(rows))
    assert error_messages(job) == ["5|Возраст до|Возраст «до» не может быть меньше возраста «от»"]
    assert job.result  # the error report
    job = confirm(job)
    assert job.state == SpreadsheetJob.State.CHECKED
    assert not Program.objects.exists()


def test_error_report_has_the_bad_rows_and_a_reason_column(client, upload, coordinator_a, org_a):
    rows = [
        program_row(org_a.inn, "Хорошая"),
        program_row(org_a.inn, "Плохая", **{"Уровень": "Высший"}),
    ]
    job = upload(coordinator_a, xlsx(rows))
    report = client.get(reverse("programs:job_result", args=[job.pk]))
    book = openpyxl.load_workbook(io.BytesIO(report.getvalue()))
    sheet = book["Ошибки"]
    header = [c.value for c in sheet[2]]
    assert header[-1] == "Ошибки"
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert len(values) == 1
    assert values[0][header.index("Полное наименование")] == "Плохая"
    assert values[0][-1] == (
        "Уровень: «Высший» — такого значения нет; допустимо: Стартовый (ознакомительный), "
        "Базовый, Продвинутый"
    )
    # The file's 26 columns print at 2 pt: the report ends with a copy for paper, the
    # programme's key columns and the errors.
    assert book.sheetnames == ["Ошибки", "Для печати"]
    copy = book["Для печати"]
    head = [c.value for c in copy[2]]
    assert head[:2] == ["Организация", "Полное наименование"] and head[-1] == "Ошибки"
    printed = [[c.value for c in row] for row in copy.iter_rows(min_row=3)]
    assert [(row[1], row[-1]) for row in printed] == [("Плохая", values[0][-1])]


def test_registry_changed_between_preview_and_confirm_is_checked_again(
    upload, confirm, coordinator_a, org_a, staff
):
    job = upload(coordinator_a, xlsx([program_row(org_a.inn, "Новая")]))
    ProgramFactory(organisation=org_a, name="Новая")  # someone created it meanwhile
    job = confirm(job)
    assert job.state == SpreadsheetJob.State.DONE
    assert job.summary["unchanged"] + job.summary["update"] == 1
    assert Program.objects.filter(name="Новая").count() == 1


# --- bad input -----------------------------------------------------------------------------


def test_not_an_xlsx_file(upload, coordinator_a):
    job = upload(coordinator_a, "name;age\nРоботы;9\n".encode())
    assert job.state == SpreadsheetJob.State.FAILED
    assert "не таблица Excel (.xlsx)" in job.message


def test_corrupt_file(upload, coordinator_a, org_a):
    data = xlsx([program_row(org_a.inn)])
    job = upload(coordinator_a, data[: len(data) // 2])
    assert job.state == SpreadsheetJob.State.FAILED
    assert "повреждён" in job.message


def test_zip_bomb(upload, coordinator_a):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (400 * 1024 * 1024))
    job = upload(coordinator_a, buffer.getvalue())
    assert job.state == SpreadsheetJob.State.FAILED
    assert "zip-бомбу" in job.message


def test_password_protected_file(upload, coordinator_a):
    job = upload(coordinator_a, uploads.OLE2_SIGNATURE + b"\x00" * 2048)
    assert job.state == SpreadsheetJob.State.FAILED
    assert "защищён паролем" in job.message


def test_file_over_the_size_limit(upload, coordinator_a, org_a, settings):
    settings.IMPORT_MAX_BYTES = 1024
    response = upload(coordinator_a, xlsx([program_row(org_a.inn)] * 20))
    assert response.status_code == 200
    assert "Файл больше 1 КБ. Разделите его на несколько файлов." in response.content.decode()
    assert not SpreadsheetJob.objects.exists()


def test_not_xlsx_extension_is_refused_at_upload(upload, coordinator_a):
    response = upload(coordinator_a, b"x", name="programmy.xls")
    assert "Нужен файл Excel в формате .xlsx" in response.content.decode()


def test_wrong_and_missing_headers(client, upload, coordinator_a, org_a):
    header = [h for h in HEADER if h != "Направленность"] + ["Моя колонка"]
    job = upload(coordinator_a, xlsx([program_row(org_a.inn)], header=header))
    report = client.get(reverse("programs:job_result", args=[job.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(report.getvalue()))["Ошибки"]
    assert [c.value for c in sheet[2]] == [*header, "Ошибки"]
    assert sheet["A3"].value == "(заголовок)"
    assert error_messages(job) == [
        "1|Моя колонка|колонки нет в шаблоне: проверьте заголовок или скачайте шаблон заново",
        "1|Направленность|обязательной колонки нет в файле: добавьте её, как в шаблоне",
    ]


def test_empty_sheet(upload, coordinator_a):
    job = upload(coordinator_a, xlsx([], header=None))
    assert job.state == SpreadsheetJob.State.FAILED
    assert "пуст" in job.message
    job = upload(coordinator_a, xlsx([]))
    assert "нет ни одной строки с данными" in job.message


def test_formulas_are_refused(upload, coordinator_a, org_a):
    job = upload(coordinator_a, xlsx([program_row(org_a.inn)], formula_at="N2"))
    assert job.state == SpreadsheetJob.State.FAILED
    assert "формулы (ячейки N2)" in job.message


def test_merged_cells_are_refused(upload, coordinator_a, org_a):
    job = upload(coordinator_a, xlsx([program_row(org_a.inn)], merge="D2:E2"))
    assert job.state == SpreadsheetJob.State.FAILED
    assert "объединённые ячейки (D2:E2)" in job.message


def test_dates_written_as_text_are_understood_or_explained():
    column = sheets.Column(header="Приём заявок с", source="x", kind="date")
    assert str(imports.convert_cell(column, "01.09.2025")) == "2025-09-01"
    assert str(imports.convert_cell(column, "2025-09-01")) == "2025-09-01"
    with pytest.raises(ValueError, match="дата вида 01.09.2025, а указано «первое сентября»"):
        imports.convert_cell(column, "первое сентября")
    text = next(c for c in spreadsheets.PROGRAM_COLUMNS if c.header == "Полное наименование")
    from datetime import date

    with pytest.raises(ValueError, match="ожидается текст, а в ячейке дата"):
        imports.convert_cell(text, date(2025, 9, 1))


def test_unknown_reference_values(upload, coordinator_a, org_a):
    job = upload(
        coordinator_a,
        xlsx(
            [
                program_row(
                    org_a.inn,
                    **{
                        "Направленность": "Кулинарная",
                        "Профиль": "Вышивка",
                        "Платно": "может быть",
                        "Возраст от": "девять",
                    },
                )
            ]
        ),
    )
    messages = error_messages(job)
    assert (
        "2|Направленность|«Кулинарная» — такого значения нет; допустимо: Техническая, "
        "Естественнонаучная, Физкультурно-спортивная, Художественная, Туристско-краеведческая, "
        "Социально-гуманитарная" in messages
    )
    assert "2|Профиль|профиля «Вышивка» нет в справочнике портала" in messages
    assert "2|Платно|ожидается «да» или «нет», а указано «может быть»" in messages
    assert "2|Возраст от|ожидается число, а указано «девять»" in messages


def test_absurd_numbers_are_refused_quickly():
    column = next(c for c in spreadsheets.PROGRAM_COLUMNS if c.header == "Возраст от")
    with pytest.raises(ValueError, match="слишком большое"):
        imports.convert_cell(column, "1e999999999")


def test_labels_are_matched_loosely(upload, coordinator_a, org_a):
    job = upload(
        coordinator_a,
        xlsx(
            [
                program_row(
                    org_a.inn,
                    **{"Направленность": "  техническая ", "Бесплатно": "ДА", "Возраст от": "8"},
                )
            ]
        ),
    )
    assert job.errors == []


def test_duplicate_rows_in_one_file(upload, coordinator_a, org_a):
    job = upload(coordinator_a, xlsx([program_row(org_a.inn, "А"), program_row(org_a.inn, "а")]))
    assert error_messages(job) == [
        "3|Полное наименование|строка повторяет строку 2 (та же программа)"
    ]


def test_ten_thousand_rows_with_one_bad_row(upload, confirm, staff, org_a):
    rows = [program_row(org_a.inn, f"Программа {i}") for i in range(10_001)]
    rows[7777]["Уровень"] = "Заоблачный"
    job = upload(staff, xlsx(rows))
    assert job.summary["errors"] == 1
    assert job.errors[0]["row"] == 7779
    assert job.summary["create"] == 10_000
    confirm(job)
    assert not Program.objects.exists()


# --- organisations -------------------------------------------------------------------------

ORG_HEADER = [c.header for c in spreadsheets.ORGANISATION_COLUMNS if c.importable]


def test_organisation_import_creates_and_updates(upload, confirm, staff, org_a):
    rows = [
        spreadsheets.organisation_example(),
        {
            **spreadsheets.organisation_example(),
            "ИНН": org_a.inn,
            "ОГРН": org_a.ogrn,
            "Краткое наименование": "МБОУ СШ № 1 (новое)",
            "Полное наименование": org_a.full_name,
        },
    ]
    job = confirm(
        upload(staff, xlsx(rows, header=ORG_HEADER, sheet="Организации"), kind="organisations")
    )
    assert counts(job) == {"create": 1, "update": 1, "unchanged": 0, "errors": 0}, job.errors
    org_a.refresh_from_db()
    assert org_a.short_name == "МБОУ СШ № 1 (новое)"
    assert Organisation.objects.get(inn="4808000094").municipality == staff.municipality


def test_a_new_inn_under_a_known_name_is_a_conflict_not_a_second_organisation(upload, staff, org_a):
    row = {
        **spreadsheets.organisation_example(),
        "Краткое наименование": org_a.short_name,
        "ИНН": "4808000094",
    }
    job = upload(staff, xlsx([row], header=ORG_HEADER, sheet="Организации"), kind="organisations")
    assert job.summary["errors"] == 1
    message = job.errors[0]["message"]
    assert f"уже есть в реестре с ИНН {org_a.inn}" in message
    assert f"«ID портала» ({org_a.pk})" in message
    assert Organisation.objects.filter(short_name=org_a.short_name).count() == 1


def test_an_inn_changed_with_the_portal_id_updates_the_same_organisation(
    upload, confirm, staff, org_a
):
    row = {
        **spreadsheets.organisation_example(),
        "ID портала": org_a.pk,
        "Краткое наименование": org_a.short_name,
        "Полное наименование": org_a.full_name,
        "ИНН": "4808000094",
        "ОГРН": org_a.ogrn,
    }
    job = confirm(
        upload(staff, xlsx([row], header=ORG_HEADER, sheet="Организации"), kind="organisations")
    )
    assert counts(job) == {"create": 0, "update": 1, "unchanged": 0, "errors": 0}, job.errors
    org_a.refresh_from_db()
    assert org_a.inn == "4808000094"
    assert Organisation.objects.filter(short_name=org_a.short_name).count() == 1


def test_an_inn_with_a_wrong_check_digit_is_refused_with_the_reason(upload, staff):
    row = {**spreadsheets.organisation_example(), "ИНН": "4808000099", "ОГРН": "1024800000099"}
    job = upload(staff, xlsx([row], header=ORG_HEADER, sheet="Организации"), kind="organisations")
    messages = sorted(f"{e['column']}: {e['message']}" for e in job.errors)
    assert messages == [
        "ИНН: Контрольная цифра ИНН не сходится: проверьте, не опечатка ли в номере",
        "ОГРН: Контрольная цифра ОГРН не сходится: проверьте, не опечатка ли в номере",
    ]
    assert not Organisation.objects.filter(inn="4808000099").exists()


def test_second_support_centre_is_an_error(upload, staff, org_a):
    org_a.is_support_centre = True
    org_a.save()
    row = {**spreadsheets.organisation_example(), "Муниципальный опорный центр": "да"}
    job = upload(staff, xlsx([row], header=ORG_HEADER, sheet="Организации"), kind="organisations")
    assert "опорный центр муниципалитета уже есть" in job.errors[0]["message"]


def test_coordinators_do_not_import_organisations(client, coordinator_a):
    login(client, coordinator_a)
    assert client.get(reverse("programs:import_new"), {"kind": "organisations"}).status_code == 403


# --- background export ---------------------------------------------------------------------


def test_large_export_runs_in_the_background(
    client, staff, org_a, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_BACKGROUND_ROWS = 2
    for i in range(3):
        ProgramFactory(organisation=org_a, name=f"П{i}")
    login(client, staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("programs:export"))
    job = SpreadsheetJob.objects.get()
    assert response["Location"] == reverse("programs:job", args=[job.pk])
    job.refresh_from_db()
    assert job.state == SpreadsheetJob.State.DONE
    page = client.get(reverse("programs:job", args=[job.pk])).content.decode()
    assert "Выгружено программ: 3" in page
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("programs:job_result", args=[job.pk])).getvalue())
    )
    assert book["Программы"].max_row == 5  # the title, the head, three programmes


# --- the row validator, fuzzed ---------------------------------------------------------------

CELL = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.sampled_from(["да", "нет", "Техническая", "8", "8,5", " ", "1e9", "NaN", "inf", "—"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries(dict.fromkeys(HEADER, CELL)))
def test_row_validator_never_raises(values):
    cleaned, errors = imports.convert_row(spreadsheets.PROGRAM_COLUMNS, values)
    assert isinstance(cleaned, dict)
    for column, message in errors:
        assert column in HEADER
        assert message and isinstance(message, str)
    for column in spreadsheets.PROGRAM_COLUMNS:
        if column.source in cleaned and column.kind == "int" and cleaned[column.source] is not None:
            assert isinstance(cleaned[column.source], int)


def test_confirming_twice_writes_once(client, upload, confirm, coordinator_a, org_a):
    job = upload(coordinator_a, xlsx([program_row(org_a.inn, "А")]))
    confirm(job)
    job = confirm(job)
    assert job.state == SpreadsheetJob.State.DONE
    assert Program.objects.count() == 1
    page = client.get(reverse("programs:job", args=[job.pk]))
    assert "Загрузка завершена." in page.content.decode()
