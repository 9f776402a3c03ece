"""The yearly report as an Excel workbook (a sheet per section, figures as numbers) and as a
Word document in seed 002's layout with its charts; the regional summary as a workbook."""

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from PIL import Image, ImageDraw, ImageFont

from moc_portal.core import word
from moc_portal.core.russian import NBSP
from moc_portal.core.spreadsheets import (
    PrintTitle,
    head_row,
    is_landscape,
    print_setup,
    row_height,
    save_workbook,
    title_row,
    wrap_rows,
)
from programs.territory.centres import centre_of

from . import wording
from .figures import charts
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
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
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
    _assessment_sheet(book, title, data["assessment"])
    coverage = data.get("coverage")
    if coverage and coverage["children"]:
        _coverage_sheet(book, title, coverage)
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
    for column, width in zip("AB", COVER_WIDTHS, strict=True):
        cover.column_dimensions[column].width = width
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


def _assessment_sheet(book, title, assessment: dict) -> None:
    """The assessment's figures; the planned share only where the year's campaign set one."""
    rows = [
        ["Опубликовано программ", assessment["published"], None],
        ["Готовы к независимой оценке", assessment["ready"], assessment["ready_percent"]],
        ["Прошли оценку", assessment["assessed"], assessment["assessed_percent"]],
        ["Рекомендованы", assessment["recommended"], assessment["recommended_percent"]],
    ]
    if assessment.get("target_percent") is not None:
        rows.append(["Плановый показатель, %", None, assessment["target_percent"]])
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


def chart_png(chart: dict) -> io.BytesIO:
    """The page's bar chart as a picture for Word (drawn with Pillow, Cyrillic-capable font
    where the machine has one); its caption is the document's own text above it."""
    scale = 2
    width, height = 620 * scale, (chart["height"] + 4) * scale
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = _font(13 * scale)
    for row in chart["rows"]:
        top = (row["y"] + 2) * scale
        draw.text((0, top + 2 * scale), row["label"], fill="black", font=font)
        left = chart["bar_x"] * scale
        draw.rectangle(
            [left, top, left + max(row["width"], 1) * scale, top + 20 * scale], fill="#0d6efd"
        )
        draw.text(
            (row["value_x"] * scale, top + 2 * scale), str(row["value"]), fill="black", font=font
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


FONTS = [
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
]


def _font(size: int):
    for path in FONTS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def write_docx(report: YearlyReport, target) -> None:
    """The report in seed 002's layout, for signing: heading, the municipality and the centre,
    the counts as the seed words them, the main directions, the plan execution table, the
    perspectives, the charts each in a paragraph of its own, and the head's signature."""
    data = report.data
    text = wording.of(report)
    document = word.new_document(title=str(report), centre=centre_of(report.municipality))
    section = _portrait_page(document)
    _title(document, report, text)
    chart_list = charts(data)
    if text.empty:
        document.add_paragraph(text.empty)
    if text.organisations:
        _listed(document, text.organisations, text.organisation_lines)
        _listed(document, text.programs, text.program_lines)
        for note in text.program_notes:
            document.add_paragraph(note)
        _chart(document, chart_list["focus"], "Программы по направленностям")
    _text_under_heading(document, wording.DIRECTIONS, text.directions)
    plan = data.get("plan")
    if plan:
        _plan_table(document, section, plan)
        _chart(document, chart_list["plan"], "Мероприятия плана по статусам")
    if text.assessment:
        document.add_paragraph(text.assessment)
    if text.coverage:
        document.add_paragraph(text.coverage)
    _text_under_heading(document, wording.PERSPECTIVES, text.perspectives)
    _signature(document, section, text)
    document.save(target)


def _chart(document, chart: dict, caption: str) -> None:
    """A chart after the text or table above it, never over it: its caption and its picture
    each a paragraph of their own, kept together, with space around them."""
    heading = document.add_paragraph()
    heading.add_run(caption).bold = True
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.keep_with_next = True
    picture = document.add_paragraph()
    picture.paragraph_format.space_after = Pt(12)
    picture.add_run().add_picture(chart_png(chart), width=Cm(16))


def _signature(document, section, text: wording.Wording) -> None:
    """«Директор МБО ДО Задонский Дом школьника ____________ Е.В. Полякова»: the post on the
    left, the line and the name against the right margin, never split."""
    document.add_paragraph()
    line = document.add_paragraph()
    line.paragraph_format.keep_together = True
    line.paragraph_format.tab_stops.add_tab_stop(word.usable_width(section), WD_TAB_ALIGNMENT.RIGHT)
    signed = NBSP.join(part for part in (wording.SIGNATURE_LINE, text.head_name) if part)
    line.add_run(f"{text.head_post}\t{signed}")


def _portrait_page(document):
    """A4 portrait with 2 cm margins, numbered pages, Times New Roman 12; the section."""
    section = document.sections[0]
    word.a4(section, landscape=False)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(2))
    word.page_numbers(section)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    return section


def _title(document, report: YearlyReport, text: wording.Wording) -> None:
    """The heading, then the municipality and its centre in bold."""
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(wording.title(report)).bold = True
    line = document.add_paragraph("Муниципальное образование – ")
    line.add_run(text.municipality).bold = True
    if text.centre:
        line = document.add_paragraph(f"{wording.CENTRE} – ")
        line.add_run(text.centre).bold = True


def _listed(document, lead: str, lines: list[str]) -> None:
    document.add_paragraph(lead)
    for line in lines:
        document.add_paragraph(line, style="List Bullet")


def _text_under_heading(document, heading: str, lines: list[str]) -> None:
    """A bold heading, then the person's text a paragraph per line; nothing when there is no
    text."""
    if not lines:
        return
    title = document.add_paragraph()
    title.add_run(heading).bold = True
    title.paragraph_format.keep_with_next = True
    for line in lines:
        document.add_paragraph(line)


def _plan_table(document, section, plan: dict) -> None:
    """Seed 002's execution table under its heading; a section is one merged bold row."""
    heading = document.add_paragraph()
    heading.add_run(plan_heading(plan)).bold = True
    heading.paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=len(PLAN_HEAD))
    table.style = "Table Grid"
    word.head_row(table.rows[0], PLAN_HEAD)
    for row in plan["rows"]:
        cells = table.add_row().cells
        if "section" in row:
            merged = cells[0].merge(cells[-1])
            merged.text = ""
            merged.paragraphs[0].add_run(row["section"]).bold = True
        else:
            for cell, value in zip(cells, plan_cells(row), strict=True):
                cell.text = value or ""
    word.column_widths(table, section, [2, 9, 4, 9, 3])
