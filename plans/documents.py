"""A plan as the document it is signed as: the header, the approval block, the title, then the
table by sections — and the same with the year's execution for the report.

One description (``PlanDocument``) feeds the printable page, the xlsx and the docx, so the
three cannot drift apart.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Sum
from django.utils import translation
from django.utils.dateformat import format as date_format
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from moc_portal.core import word
from moc_portal.core.spreadsheets import save_workbook

from . import selectors
from .models import Channel, Event, Plan, PlanItem, Publication

PLAN_COLUMNS = [
    "№",
    "Наименование мероприятия",
    "Сроки",
    "Ответственный / Исполнитель",
    "Результат",
]
REPORT_COLUMNS = [*PLAN_COLUMNS, "Статус", "Фактический результат"]
# Widths in characters (xlsx) — the docx takes the same proportions of the page.
COLUMN_WIDTHS = [6, 52, 18, 28, 32, 14, 40]
BLANK_DATE = "«___» ____________ 20__ г."


@dataclass(frozen=True)
class Approval:
    label: str  # «СОГЛАСОВАНО», «УТВЕРЖДАЮ»
    post: str
    name: str
    date: str

    @property
    def lines(self) -> list[str]:
        return [self.label, *self.post.splitlines(), f"_____________ {self.name}", self.date]


@dataclass(frozen=True)
class Row:
    cells: list[str]
    section: bool = False


@dataclass
class PlanDocument:
    plan: Plan
    report: bool
    header: list[str]
    approvals: list[Approval]
    title: str
    subtitle: str
    introduction: list[str]
    columns: list[str]
    rows: list[Row] = field(default_factory=list)

    @property
    def filename(self) -> str:
        kind = "otchet-o-vypolnenii" if self.report else "plan"
        return f"{kind}-{self.plan.pk}"


def long_date(day: date | None) -> str:
    """«15» сентября 2020 г., as the documents date their signatures."""
    if day is None:
        return BLANK_DATE
    with translation.override("ru"):
        return f"«{day.day:02d}» {date_format(day, 'E Y')} г."


def plan_document(plan: Plan, *, report: bool = False) -> PlanDocument:
    plan = selectors.plan_with_table(plan.pk)
    approvals = []
    if plan.agreed_post or plan.agreed_name:
        approvals.append(
            Approval(
                "«СОГЛАСОВАНО»", plan.agreed_post, plan.agreed_name, long_date(plan.agreed_date)
            )
        )
    if plan.approved_post or plan.approved_name:
        approvals.append(
            Approval(
                "«УТВЕРЖДАЮ»", plan.approved_post, plan.approved_name, long_date(plan.approved_date)
            )
        )
    subtitle = plan.period_label
    if plan.place:
        subtitle = f"{subtitle}\n{plan.place}, {plan.period_start.year}"
    document = PlanDocument(
        plan=plan,
        report=report,
        header=[line for line in plan.header.splitlines() if line.strip()],
        approvals=approvals,
        title=plan.title,
        subtitle=subtitle,
        introduction=[p for p in plan.introduction.splitlines() if p.strip()],
        columns=REPORT_COLUMNS if report else PLAN_COLUMNS,
    )
    outcomes = _outcomes(plan) if report else {}

    def item_row(item: PlanItem) -> Row:
        cells = [
            item.number,
            item.title,
            item.period_text,
            item.responsible,
            item.expected_result,
        ]
        if report:
            cells += [item.get_status_display(), outcomes[item.pk]]
        return Row(cells)

    document.rows = [item_row(item) for item in plan.loose_items]
    for section in plan.sections.all():
        heading = f"{section.number}. {section.title}" if section.number else section.title
        document.rows.append(Row([heading], section=True))
        document.rows += [item_row(item) for item in section.items.all()]
    return document


def _outcomes(plan: Plan) -> dict[int, str]:
    """The «фактический результат» of every item: what staff wrote, and what the media
    register and the events add up to."""
    channels = dict(Channel.choices)
    publications: dict[int, Counter] = {}
    for row in (
        Publication.objects.filter(item__plan=plan)
        .values("item_id", "channel")
        .annotate(n=Count("pk"))
    ):
        publications.setdefault(row["item_id"], Counter())[row["channel"]] = row["n"]
    events = {
        row["item_id"]: row
        for row in Event.objects.filter(item__plan=plan)
        .values("item_id")
        .annotate(n=Count("pk"), people=Sum("participants"))
    }
    outcomes = {}
    for item in plan.items.all():
        parts = [item.result_quantitative, item.result_qualitative]
        if item.pk in publications:
            counts = publications[item.pk]
            detail = ", ".join(
                f"{channels[channel]} — {n}" for channel, n in sorted(counts.items())
            )
            parts.append(f"Публикаций: {sum(counts.values())} ({detail})")
        if item.pk in events:
            row = events[item.pk]
            text = f"Проведено событий: {row['n']}"
            if row["people"]:
                text += f", участников: {row['people']}"
            parts.append(text)
        outcomes[item.pk] = "\n".join(part for part in parts if part)
    return outcomes


# xlsx --------------------------------------------------------------------------------------

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)


def write_xlsx(document: PlanDocument, target) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Отчёт о выполнении" if document.report else "План"
    width = len(document.columns)
    last = get_column_letter(width)
    row = 1

    def merged_line(text: str, *, bold=False, size=12, align=CENTRED) -> None:
        nonlocal row
        sheet.merge_cells(f"A{row}:{last}{row}")
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = Font(name="Times New Roman", bold=bold, size=size)
        cell.alignment = align
        sheet.row_dimensions[row].height = 15 * max(1, text.count("\n") + 1)
        row += 1

    for line in document.header:
        merged_line(line, bold=True)
    if document.header:
        row += 1
    # The approval block: «СОГЛАСОВАНО» on the left, «УТВЕРЖДАЮ» on the right.
    sides = [(1, 2), (width - 1, width)]
    block = [approval.lines for approval in document.approvals]
    for offset in range(max((len(lines) for lines in block), default=0)):
        for (first, end), lines in zip(sides[-len(block) :], block, strict=True):
            if offset < len(lines):
                sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=end)
                cell = sheet.cell(row=row, column=first, value=lines[offset])
                cell.font = Font(name="Times New Roman", bold=offset == 0, size=12)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    if block:
        row += 1
    merged_line(document.title, bold=True, size=14)
    merged_line(document.subtitle, bold=True)
    row += 1
    for paragraph in document.introduction:
        merged_line(paragraph, align=Alignment(wrap_text=True, vertical="top"))
        sheet.row_dimensions[row - 1].height = 15 * (1 + len(paragraph) // 120)
    if document.introduction:
        row += 1

    header_row = row
    for column, text in enumerate(document.columns, start=1):
        cell = sheet.cell(row=row, column=column, value=text)
        cell.font = Font(name="Times New Roman", bold=True, size=12)
        cell.alignment = CENTRED
        cell.border = BOX
    row += 1
    for line in document.rows:
        if line.section:
            sheet.merge_cells(f"A{row}:{last}{row}")
            cell = sheet.cell(row=row, column=1, value=line.cells[0])
            cell.font = Font(name="Times New Roman", bold=True, size=12)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            for column in range(1, width + 1):
                sheet.cell(row=row, column=column).border = BOX
        else:
            for column, text in enumerate(line.cells, start=1):
                cell = sheet.cell(row=row, column=column, value=text or None)
                cell.font = Font(name="Times New Roman", size=12)
                cell.alignment = WRAP_TOP
                cell.border = BOX
        row += 1

    for column in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = COLUMN_WIDTHS[column - 1]
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    save_workbook(workbook, target)


# docx --------------------------------------------------------------------------------------


def write_docx(document: PlanDocument, target) -> None:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    style.paragraph_format.space_after = Pt(0)
    page = doc.sections[0]
    word.a4(page, landscape=True)
    for margin in ("left_margin", "right_margin"):
        setattr(page, margin, Cm(2))
    page.top_margin = page.bottom_margin = Cm(1.5)

    for line in document.header:
        _paragraph(doc, line, bold=True, centred=True)
    if document.approvals:
        doc.add_paragraph()
        block = doc.add_table(rows=1, cols=2)
        cells = block.rows[0].cells
        places = [cells[1]] if len(document.approvals) == 1 else cells
        for cell, approval in zip(places, document.approvals, strict=True):
            cell.paragraphs[0].add_run(approval.lines[0]).bold = True
            for line in approval.lines[1:]:
                cell.add_paragraph(line)
    doc.add_paragraph()
    _paragraph(doc, document.title, bold=True, centred=True, size=14)
    for line in document.subtitle.splitlines():
        _paragraph(doc, line, bold=True, centred=True)
    if document.introduction:
        doc.add_paragraph()
        _paragraph(doc, "ВВЕДЕНИЕ", bold=True, centred=True)
        for paragraph in document.introduction:
            p = doc.add_paragraph(paragraph)
            p.paragraph_format.first_line_indent = Cm(1.25)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    doc.add_paragraph()

    width = len(document.columns)
    table = doc.add_table(rows=1, cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    word.head_row(table.rows[0], document.columns)
    for line in document.rows:
        cells = table.add_row().cells
        if line.section:
            merged = cells[0].merge(cells[-1])
            merged.text = ""
            merged.paragraphs[0].add_run(line.cells[0]).bold = True
            continue
        for cell, text in zip(cells, line.cells, strict=True):
            _cell_text(cell, text)
    word.column_widths(table, page, COLUMN_WIDTHS[:width])
    doc.save(target)


def _paragraph(doc, text: str, *, bold=False, centred=False, size=None):
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _cell_text(cell, text: str) -> None:
    """A cell with one paragraph per line of the text, as Word keeps them."""
    lines = (text or "").splitlines() or [""]
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)
