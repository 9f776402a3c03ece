"""The yearly report as an Excel workbook (a sheet per section, figures as numbers) and as a
Word document in seed 002's layout with its charts; the regional summary as a workbook."""

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from PIL import Image, ImageDraw, ImageFont

from moc_portal.core import word
from moc_portal.core.spreadsheets import print_landscape, row_height, save_workbook
from moc_portal.core.text import ru_count, ru_plural
from programs.territory.centres import centre_of

from .figures import charts
from .models import YearlyReport

BOLD = Font(bold=True)
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


def _sheet(book, title, head, rows, widths):
    sheet = book.create_sheet(title)
    sheet.append(head)
    for cell in sheet[1]:
        cell.font = BOLD
    for row in rows:
        sheet.append(row)
    for column, width in zip("ABCDE", widths, strict=False):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    return sheet


def write_xlsx(report: YearlyReport, target) -> None:
    data = report.data
    book = Workbook()
    _cover_sheet(book.active, report)
    _organisations_sheet(book, data["organisations"])
    _programs_sheet(book, data["programs"])
    if data.get("plan"):
        _plan_sheet(book, data["plan"])
    _assessment_sheet(book, data["assessment"])
    coverage = data.get("coverage")
    if coverage and coverage["children"]:
        _coverage_sheet(book, coverage)
    save_workbook(book, target)


def _cover_sheet(cover, report: YearlyReport) -> None:
    """The first sheet: what the report is, whose, as of when, and its two texts."""
    cover.title = "Отчёт"
    cover.append([f"Отчёт о деятельности МОЦ за {report.academic_year} учебный год"])
    cover["A1"].font = Font(bold=True, size=12)
    cover.append(["Муниципальное образование", report.municipality.name])
    cover.append(["Данные на дату", report.as_of])
    cover["B3"].number_format = "dd.mm.yyyy"
    cover.append(["Версия", report.version])
    cover.append(["Состояние", report.get_state_display()])
    cover.append(["Основные направления деятельности МОЦ", report.directions])
    cover.append(["Перспективы", report.perspectives])
    for row in cover.iter_rows(min_row=6, max_row=7):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    cover.column_dimensions["A"].width = 40
    cover.column_dimensions["B"].width = 90


def _organisations_sheet(book, organisations: dict) -> None:
    sheet = _sheet(
        book,
        "Организации",
        ["Организации, реализующие программы", "Количество"],
        [[r["label"], r["count"]] for r in organisations["rows"]],
        [50, 14],
    )
    sheet.append(["Всего", organisations["total"]])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD


def _programs_sheet(book, programs: dict) -> None:
    sheet = _sheet(
        book,
        "Программы",
        ["Опубликованные программы", "Количество"],
        [[f"{r['label']} направленности", r["count"]] for r in programs["by_focus"]],
        [60, 14],
    )
    sheet.append(["Всего", programs["total"]])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD
    sheet.append(["Способствующие самоопределению детей", programs["career"]])
    sheet.append(["Дистанционные программы", programs["distance"]])
    sheet.append(["Программы для детей с ОВЗ", programs["ovz"]])


def _plan_sheet(book, plan: dict) -> None:
    """Seed 002's execution table under its heading, boxed, rows as high as their text, one
    landscape page wide."""
    widths = [8, 50, 16, 70, 14]
    sheet = _sheet(
        book,
        "Выполнение плана",
        PLAN_HEAD,
        [[row["section"]] if "section" in row else plan_cells(row) for row in plan["rows"]],
        widths,
    )
    sheet.insert_rows(1)
    sheet["A1"] = plan_heading(plan)
    sheet["A1"].font = BOLD
    sheet.freeze_panes = "A3"
    for number, row in enumerate(plan["rows"], start=3):
        if "section" in row:
            sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=5)
            sheet.cell(row=number, column=1).font = BOLD
            cells = [(row["section"], sum(widths))]
        else:
            cells = list(zip(plan_cells(row), widths, strict=True))
        for cell in sheet[number]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = BOX
        sheet.row_dimensions[number].height = row_height(cells, size=11)
    for cell in sheet[2]:
        cell.border = BOX
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    print_landscape(sheet, 2)


def _assessment_sheet(book, assessment: dict) -> None:
    _sheet(
        book,
        "Оценка качества",
        ["Показатель", "Программ", "Доля, %"],
        [
            ["Опубликовано программ", assessment["published"], None],
            ["Готовы к независимой оценке", assessment["ready"], assessment["ready_percent"]],
            ["Прошли оценку", assessment["assessed"], assessment["assessed_percent"]],
            ["Рекомендованы", assessment["recommended"], assessment["recommended_percent"]],
            ["Плановый показатель, %", None, assessment["target_percent"]],
        ],
        [40, 12, 10],
    )


def _coverage_sheet(book, coverage: dict) -> None:
    _sheet(
        book,
        "Охват детей",
        ["Населённый пункт", "Детей 5–17 лет", "Занято мест", "Охват, %"],
        [
            *[
                [row["name"], row["children"], row["covered"], row["percent"]]
                for row in coverage["settlements"]
            ],
            ["Всего", coverage["children"], coverage["covered"], coverage["percent"]],
        ],
        [30, 17, 15, 11],
    )


def write_regional_xlsx(year: str, reports, rows, target) -> None:
    """Every municipality's figures side by side, one column each."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Муниципалитеты"
    sheet.append([f"Отчёты МОЦ за {year} учебный год по муниципалитетам"])
    sheet["A1"].font = Font(bold=True, size=12)
    sheet.append(["Показатель", *[r.municipality.name for r in reports]])
    sheet.append(["Состояние отчёта", *[r.get_state_display() for r in reports]])
    for cell in sheet[2]:
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for label, values in rows:
        sheet.append([label, *values])
    sheet.column_dimensions["A"].width = 50
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
    document = word.new_document(title=str(report), centre=centre_of(report.municipality))
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
