"""Upload → preview with errors → fix → confirm, with a real worker behind the progress bar."""

import io

import pytest
from playwright.sync_api import expect

from moc_portal.core import spreadsheets as sheets
from moc_portal.core.sheet_layout import PrintTitle
from programs import spreadsheets
from programs.models import Program

pytestmark = [pytest.mark.browser, pytest.mark.worker]
ROWS = 4000


def sheet(inn, *, bad_row=None) -> bytes:
    columns = [c for c in spreadsheets.PROGRAM_COLUMNS if c.importable]
    blank = dict.fromkeys(c.header for c in columns)

    def rows():
        for n in range(ROWS):
            row = {
                **blank,
                **spreadsheets.program_example(inn),
                "Полное наименование": f"Кружок {n}",
            }
            if n == bad_row:
                row["Возраст до"] = 3
            yield row

    buffer = io.BytesIO()
    sheets.write_sheet(
        rows(), buffer, sheet="Программы", columns=columns, title=PrintTitle("Реестр программ")
    )
    return buffer.getvalue()


def test_coordinator_fixes_a_file_and_imports_it(
    page, live_server, celery_worker, sign_in, coordinator_a, org_a, tmp_path, csp_violations
):
    bad, good = tmp_path / "programmy.xlsx", tmp_path / "programmy-ispravleno.xlsx"
    bad.write_bytes(sheet(org_a.inn, bad_row=99))
    good.write_bytes(sheet(org_a.inn))

    sign_in(coordinator_a)
    page.goto(live_server.url + "/programs/")
    page.get_by_role("link", name="Загрузить из Excel").click()
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Проверить файл").click()
    expect(page.locator("#job-progress")).to_be_visible()  # the worker is still checking
    expect(page.locator("#job-state")).to_have_text("Проверено", timeout=60_000)
    expect(page.locator("#job-errors")).to_contain_text(
        "Возраст «до» не может быть меньше возраста «от»"
    )
    # The sheet row of the bad line, under the title and head rows.
    expect(page.locator("#job-errors")).to_contain_text("102")
    expect(page.get_by_role("button", name="Подтвердить загрузку")).to_have_count(0)
    expect(page.get_by_role("link", name="Скачать строки с ошибками (xlsx)")).to_be_visible()

    page.get_by_role("link", name="Загрузить исправленный файл").click()
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Проверить файл").click()
    expect(page.locator("#job-state")).to_have_text("Проверено", timeout=60_000)
    expect(page.locator("#job-summary")).to_contain_text(f"создать: {ROWS}")
    assert not Program.objects.exists()

    page.get_by_role("button", name="Подтвердить загрузку").click()
    expect(page.locator("#job-progress")).to_be_visible()  # the worker is writing
    expect(page.get_by_text("Загрузка завершена.")).to_be_visible(timeout=60_000)
    assert Program.objects.filter(organisation=org_a).count() == ROWS
    assert csp_violations == []
