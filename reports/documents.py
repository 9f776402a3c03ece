"""The yearly report as an Excel workbook (a sheet per section, figures as numbers) and the
regional summary as a workbook; the execution table's head and cells, which the Word document
(``reports.word_report``) shares."""

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from moc_portal.core.sheet_layout import (
    PrintTitle,
    head_row,
    is_landscape,
    print_setup,
    row_height,
    set_widths,
    title_row,
    wrap_rows,
)
from moc_portal.core.spreadsheets import save_workbook

from . import contests, wording
from .models import YearlyReport

BOLD = Font(name="Calibri", bold=True)  # the workbook's own font, as its other cells
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


# Seed 002's execution table.
PLAN_HEAD = [
    "№ пп",
    "Наименование мероприятия",
    "Сроки",
    "Результат (количественный и качественный)",
    "Прим.",
]


def plan_heading(plan: dict) -> str:
    return plan.get("heading") or f"Выполнение плана: {plan['title']}"


def plan_cells(row: dict) -> list[str]:
    """An item's cells; «Прим.» names the status of an item not done (a snapshot from before
    the mark was kept names every status)."""
    note = "" if row.get("done") else row["status"]
    return [row["number"], row["title"], row["period"], row["result"], note]


def _sheet(book, name, title: PrintTitle, head, rows, widths, *, above=()):
    """A sheet of the report: the title row, any ``above`` lines (a caption) across the table,
    the head row, then the rows, boxed and wrapped, each as high as its text; printed A4 one
    page wide with the title, the caption and the head on every page."""
    sheet = book.create_sheet(name)
    _fill(sheet, str(title.of_sheet(name, first=False)), head, rows, widths, above=above)
    return sheet


def _fill(sheet, title: str, head, rows, widths, *, above=()) -> None:
    widths = list(widths)
    title_row(sheet, title, widths)
    row = 2
    for line in above:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
        cell = sheet.cell(row=row, column=1, value=line)
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = row_height([(line, sum(widths))], size=11, bold=True)
        row += 1
    head_row(sheet, head, widths, row=row)
    for cell in sheet[row]:
        cell.border = BOX
    for values in rows:
        sheet.append(values)
    wrap_rows(sheet, widths, first=row + 1)
    for line in sheet.iter_rows(min_row=row + 1, max_col=len(widths)):
        for cell in line:
            cell.border = BOX
    set_widths(sheet, widths)
    sheet.freeze_panes = f"A{row + 1}"
    print_setup(sheet, head_rows=(1, row), landscape=is_landscape(widths))


def _bold_last(sheet) -> None:
    sheet.cell(row=sheet.max_row, column=1).font = BOLD


def report_title(report: YearlyReport) -> PrintTitle:
    """«Отчёт о деятельности МОЦ за 2022/2023 учебный год, версия 1 · Задонский район · на
    31.08.2023»: the title row of every sheet."""
    return PrintTitle(
        f"Отчёт о деятельности МОЦ за {report.academic_year} учебный год, версия {report.version}",
        report.municipality,
        report.as_of,
    )


def write_xlsx(report: YearlyReport, target) -> None:
    data = report.data
    title = report_title(report)
    book = Workbook()
    _cover_sheet(book.active, report, title)
    _organisations_sheet(book, title, data["organisations"])
    _programs_sheet(book, title, data["programs"])
    if data.get("plan"):
        _plan_sheet(book, title, data["plan"])
    _assessment_sheet(book, title, data["assessment"], wording.target(data))
    coverage = data.get("coverage")
    if coverage and coverage["children"]:
        _coverage_sheet(book, title, coverage)
    if (data.get("contests") or {}).get("rows"):
        _contests_sheet(book, title, data["contests"])
    save_workbook(book, target)


COVER_WIDTHS = [30, 64]


def _cover_sheet(cover, report: YearlyReport, title: PrintTitle) -> None:
    """The first sheet: what the report is, whose, as of when, and its two texts (each only
    when written), a paragraph a row so that none is taller than a row may be; printed on a
    portrait page."""
    text = wording.of(report)
    cover.title = "Отчёт"
    lines = [("Муниципальное образование", report.municipality.name)]
    if text.centre:
        lines.append((wording.CENTRE, text.centre))
    lines += [
        ("Данные на дату", report.as_of),
        ("Версия", report.version),
        ("Состояние", report.get_state_display()),
    ]
    if text.empty:
        lines.append(("Данные", text.empty))
    lines += [(wording.STAFF if n == 0 else None, line) for n, line in enumerate(text.staff)]
    for label, paragraphs in (
        (wording.DIRECTIONS.rstrip(":"), text.directions),
        (wording.PERSPECTIVES.rstrip(":"), text.perspectives),
    ):
        paragraphs = [p for p in paragraphs if p.strip()]
        lines += [(label if n == 0 else None, p) for n, p in enumerate(paragraphs)]
    title_row(cover, str(title), COVER_WIDTHS)
    for label, value in lines:
        cover.append([label, value])
        if label in ("Данные на дату", "Версия"):
            cell = cover.cell(row=cover.max_row, column=2)
            cell.alignment = Alignment(horizontal="left")
            if label == "Данные на дату":
                cell.number_format = "dd.mm.yyyy"
    wrap_rows(cover, COVER_WIDTHS, first=2)
    for row in cover.iter_rows(min_row=2, max_col=1):
        row[0].font = BOLD
    set_widths(cover, COVER_WIDTHS)
    print_setup(cover, head_rows=(1, 1), landscape=False)


def _organisations_sheet(book, title, organisations: dict) -> None:
    sheet = _sheet(
        book,
        "Организации",
        title,
        ["Организации, реализующие программы", "Количество"],
        [
            *[[r["label"], r["count"]] for r in organisations["rows"]],
            ["Всего", organisations["total"]],
        ],
        [60, 14],
    )
    _bold_last(sheet)


def _programs_sheet(book, title, programs: dict) -> None:
    _sheet(
        book,
        "Программы",
        title,
        ["Опубликованные программы", "Количество"],
        [
            *[[f"{r['label']} направленности", r["count"]] for r in programs["by_focus"]],
            ["Всего", programs["total"]],
            ["Способствующие самоопределению детей", programs["career"]],
            ["Дистанционные программы", programs["distance"]],
            ["Программы для детей с ОВЗ", programs["ovz"]],
        ],
        [60, 14],
    )


PLAN_WIDTHS = [8, 44, 16, 60, 14]


def _plan_sheet(book, title, plan: dict) -> None:
    """Seed 002's execution table under its heading, boxed, rows as high as their text, one
    landscape page wide."""
    sheet = _sheet(
        book,
        "Выполнение плана",
        title,
        PLAN_HEAD,
        [[row["section"]] if "section" in row else plan_cells(row) for row in plan["rows"]],
        PLAN_WIDTHS,
        above=[plan_heading(plan)],
    )
    first = 4  # the title, the caption, the head
    for number, row in enumerate(plan["rows"], start=first):
        if "section" in row:
            sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=5)
            sheet.cell(row=number, column=1).font = BOLD
            sheet.row_dimensions[number].height = row_height(
                [(row["section"], sum(PLAN_WIDTHS))], size=11, bold=True
            )


def _assessment_sheet(book, title, assessment: dict, planned: int | None) -> None:
    """The assessment's figures; the planned share only where the year's campaign set one."""
    rows = [
        ["Опубликовано программ", assessment["published"], None],
        ["Готовы к независимой оценке", assessment["ready"], assessment["ready_percent"]],
        ["Прошли оценку", assessment["assessed"], assessment["assessed_percent"]],
        ["Рекомендованы", assessment["recommended"], assessment["recommended_percent"]],
    ]
    if planned is not None:
        rows.append(["Плановый показатель, %", None, planned])
    _sheet(
        book, "Оценка качества", title, ["Показатель", "Программ", "Доля, %"], rows, [44, 12, 10]
    )


def _coverage_sheet(book, title, coverage: dict) -> None:
    sheet = _sheet(
        book,
        "Охват детей",
        title,
        ["Населённый пункт", "Детей 5–17 лет", "Занято мест", "Охват, %"],
        [
            *[
                [row["name"], row["children"], row["covered"], row["percent"]]
                for row in coverage["settlements"]
            ],
            ["Всего", coverage["children"], coverage["covered"], coverage["percent"]],
        ],
        [34, 12, 12, 10],
    )
    _bold_last(sheet)


def write_regional_xlsx(year: str, reports, rows, target) -> None:
    """Every municipality's figures side by side, one column each, printed one page wide."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Муниципалитеты"
    title = PrintTitle(f"Отчёты МОЦ за {year} учебный год по муниципалитетам")
    widths = [44, *[16 for _ in reports]]
    _fill(
        sheet,
        str(title),
        ["Показатель", *[r.municipality.name for r in reports]],
        [
            ["Состояние отчёта", *[r.get_state_display() for r in reports]],
            *[[label, *values] for label, values in rows],
        ],
        widths,
    )
    sheet.freeze_panes = "B3"
    save_workbook(book, target)


def _contests_sheet(book, title, table: dict) -> None:
    """Participants, winners and prize-winners by level, the teachers' results above."""
    rows = [contests.cells(row) for row in table["rows"]]
    teachers = table["teachers"]
    _sheet(book, contests.TITLE, title, contests.HEAD, rows, contests.WIDTHS, above=teachers)
