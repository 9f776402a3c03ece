"""The yearly report as an Excel workbook (a sheet per section, figures as numbers) and as a
Word document in seed 002's layout with its charts; the regional summary as a workbook."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from PIL import Image, ImageDraw, ImageFont

from moc_portal.core import word
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
from moc_portal.core.text import ru_count, ru_plural
from programs.territory.centres import centre_of

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
    """The first sheet: what the report is, whose, as of when, and its two texts, a paragraph
    a row so that none is taller than a row may be; printed on a portrait page."""
    cover.title = "Отчёт"
    lines = [
        ("Муниципальное образование", report.municipality.name),
        ("Данные на дату", report.as_of),
        ("Версия", report.version),
        ("Состояние", report.get_state_display()),
    ]
    for label, text in (
        ("Основные направления деятельности МОЦ", report.directions),
        ("Перспективы развития", report.perspectives),
    ):
        paragraphs = [p for p in (text or "").splitlines() if p.strip()] or [""]
        lines += [(label if n == 0 else None, p) for n, p in enumerate(paragraphs)]
    title_row(cover, str(title), COVER_WIDTHS)
    for label, value in lines:
        cover.append([label, value])
    cover["B3"].number_format = "dd.mm.yyyy"
    cover["B3"].alignment = Alignment(horizontal="left")
    cover["B4"].alignment = Alignment(horizontal="left")
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
    _sheet(
        book,
        "Оценка качества",
        title,
        ["Показатель", "Программ", "Доля, %"],
        [
            ["Опубликовано программ", assessment["published"], None],
            ["Готовы к независимой оценке", assessment["ready"], assessment["ready_percent"]],
            ["Прошли оценку", assessment["assessed"], assessment["assessed_percent"]],
            ["Рекомендованы", assessment["recommended"], assessment["recommended_percent"]],
            ["Плановый показатель, %", None, assessment["target_percent"]],
        ],
        [44, 12, 10],
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


def chart_png(chart: dict, caption: str) -> io.BytesIO:
    """The page's bar chart as a picture for Word (drawn with Pillow, Cyrillic-capable font
    where the machine has one)."""
    scale = 2
    width, height = 620 * scale, (chart["height"] + 40) * scale
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = _font(13 * scale)
    draw.text((0, 0), caption, fill="black", font=_font(14 * scale))
    for row in chart["rows"]:
        top = (row["y"] + 30) * scale
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
    perspectives, and the two charts."""
    data = report.data
    document = Document()
    section = _portrait_page(document)
    _title(document, report)
    chart_list = charts(data)
    _organisations_paragraphs(document, data["organisations"])
    _programs_paragraphs(document, data["programs"])
    document.add_picture(
        chart_png(chart_list["focus"], "Программы по направленностям"), width=Cm(16)
    )
    _text_under_heading(document, "Основные направления деятельности МОЦ:", report.directions)
    plan = data.get("plan")
    if plan:
        _plan_table(document, section, plan)
        document.add_picture(
            chart_png(chart_list["plan"], "Мероприятия плана по статусам"), width=Cm(16)
        )
    _assessment_paragraph(document, data["assessment"])
    coverage = data.get("coverage")
    if coverage and coverage["children"]:
        _coverage_paragraph(document, coverage)
    _text_under_heading(document, "Перспективы:", report.perspectives)
    document.add_paragraph()
    document.add_paragraph("Руководитель МОЦ ____________________")
    document.save(target)


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


def _title(document, report: YearlyReport) -> None:
    """The heading, then the municipality and its centre in bold."""
    start, end = report.academic_year.split("/")
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(
        "Отчет о деятельности Муниципального опорного центра\nдополнительного образования\n"
        f"за {start} – {end} уч год"
    ).bold = True
    line = document.add_paragraph("Муниципальное образование – ")
    line.add_run(report.municipality.name).bold = True
    line = document.add_paragraph("Муниципальный опорный центр (МОЦ) – ")
    line.add_run(centre_of(report.municipality).full_name).bold = True


def _organisations_paragraphs(document, organisations: dict) -> None:
    document.add_paragraph(
        "В муниципальном образовании "
        f"{ru_count(organisations['total'], 'организация,организации,организаций')}, "
        f"{ru_plural(organisations['total'], 'реализующая,реализующие,реализующих')} "
        "дополнительные общеобразовательные общеразвивающие программы:"
    )
    for row in organisations["rows"]:
        document.add_paragraph(f"{row['count']} – {row['label']};", style="List Bullet")


def _programs_paragraphs(document, programs: dict) -> None:
    document.add_paragraph(
        f"Опубликовано {programs['total']} дополнительных общеобразовательных "
        "общеразвивающих программ:"
    )
    for row in programs["by_focus"]:
        noun = ru_plural(row["count"], "программа,программы,программ")
        document.add_paragraph(
            f"{row['count']} {noun} {row['label']} направленности;", style="List Bullet"
        )
    document.add_paragraph(
        "Программы, способствующие личностному или профессиональному самоопределению детей – "
        f"{programs['career']}."
    )
    document.add_paragraph(f"Дистанционные программы – {programs['distance']}.")
    document.add_paragraph(f"Программы для детей с ОВЗ – {programs['ovz']}.")


def _text_under_heading(document, heading: str, text: str) -> None:
    """A bold heading, then the person's text a paragraph per non-blank line."""
    document.add_paragraph().add_run(heading).bold = True
    for paragraph in text.split("\n"):
        if paragraph.strip():
            document.add_paragraph(paragraph.strip())


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


def _assessment_paragraph(document, assessment: dict) -> None:
    document.add_paragraph(
        "Независимая оценка качества: готовы к оценке "
        f"{ru_count(assessment['ready'], 'программа,программы,программ')} "
        f"({assessment['ready_percent']}% при плане "
        f"{assessment['target_percent']}%), прошли оценку {assessment['assessed']}, "
        f"рекомендованы {assessment['recommended']}."
    )


def _coverage_paragraph(document, coverage: dict) -> None:
    percent = f"{coverage['percent']:.1f}".replace(".", ",")
    taken = ru_count(coverage["covered"], "занятое место,занятых места,занятых мест")
    document.add_paragraph(
        f"Охват детей 5–18 лет дополнительным образованием: {percent} % ({taken} в "
        f"группах на {ru_count(coverage['children'], 'ребёнка,детей,детей')} 5–17 лет)."
    )
