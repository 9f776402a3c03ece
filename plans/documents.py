"""A plan as the document it is signed as: the header, the approval block, the title, then the
table by sections — and the same with the year's execution for the report.

One description (``PlanDocument``) feeds the printable page, the xlsx and the docx, so the
three cannot drift apart.
"""

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from django.db.models import Count, Sum
from django.utils import timezone, translation
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
from moc_portal.core.spreadsheets import print_landscape, row_height, save_workbook
from programs.centres import centre_of

from . import selectors
from .columns import plan_columns
from .models import Channel, Event, Plan, PlanItem, Publication

# Widths in characters (xlsx) by what a column holds — the docx gives the same proportions of
# the page.
WIDTHS = {
    "number": 9,
    "title": 52,
    "period_text": 18,
    "responsible": 28,
    "expected_result": 32,
    "status": 20,
    "outcome": 40,
}
REPORT_COLUMNS = [("status", "Статус"), ("outcome", "Фактический результат")]
BLANK = "_____"
HAS_YEAR = re.compile(r"\b(19|20)\d\d\b")


@dataclass(frozen=True)
class Approval:
    label: str  # «СОГЛАСОВАНО», «УТВЕРЖДАЮ», УТВЕРЖДЕНО — as the document writes it
    post: str
    name: str
    date: str

    @property
    def lines(self) -> list[str]:
        return [self.label, *self.post.splitlines(), f"{BLANK} {self.name}", self.date]


@dataclass(frozen=True)
class Row:
    cells: list[str]
    section: bool = False


@dataclass
class Part:
    """One plan's table in the document, under its own caption, with its footnote."""

    plan: Plan
    heading: str
    columns: list[tuple[str, str]]
    rows: list[Row] = field(default_factory=list)
    footnote: list[str] = field(default_factory=list)

    @property
    def headings(self) -> list[str]:
        return [heading for _, heading in self.columns]

    @property
    def widths(self) -> list[int]:
        return [WIDTHS[name] for name, _ in self.columns]


@dataclass
class PlanDocument:
    """What is printed, in order: the header lines, the approval blocks, the title (the cover's
    own, or the first table's caption), the place and year, the introduction, then each
    plan's table under its caption; an execution report ends with the head's signature."""

    plan: Plan
    report: bool
    header: list[str]
    approvals: list[Approval]
    title: str
    subtitle: list[str]
    introduction: list[str]
    parts: list[Part]
    signature: str = ""

    @property
    def filename(self) -> str:
        kind = "otchet-o-vypolnenii" if self.report else "plan"
        return f"{kind}-{self.plan.pk}"

    @property
    def cover(self) -> bool:
        """The title is the document's own, so every table is headed by its caption."""
        return self.title != self.parts[0].heading


def long_date(day: date | None, *, year: int, word: str = "г.") -> str:
    """«15» сентября 2020 г. (or «года», as the document writes it); a line to fill in by hand
    when the date is not known — the document's year, never an invented day."""
    if day is None:
        return f"{BLANK} {year} {word}"
    with translation.override("ru"):
        return f"«{day.day:02d}» {date_format(day, 'E Y')} {word}"


def heading_of(plan: Plan) -> str:
    """The caption over the plan's table: its title, with the period when the title has none."""
    if HAS_YEAR.search(plan.title) or not plan.period_label:
        return plan.title
    return f"{plan.title} на {plan.period_label}"


def approvals_of(plan: Plan) -> list[Approval]:
    year = plan.period_start.year
    blocks = [
        (plan.agreed_label, plan.agreed_post, plan.agreed_name, plan.agreed_date),
        (plan.approved_label, plan.approved_post, plan.approved_name, plan.approved_date),
    ]
    return [
        Approval(label, post, name, long_date(day, year=year, word=plan.year_word))
        for label, post, name, day in blocks
        if post or name
    ]


def plan_document(plan: Plan, *, report: bool = False) -> PlanDocument:
    """The document the plan is signed in — with the other plans bound into it, in their
    order — or, for the execution report, this plan alone with what came of it."""
    plan = selectors.plan_with_table(plan.pk)
    head = plan
    if plan.bound_to_id and not report:
        head = selectors.plan_with_table(plan.bound_to_id)
    members = [plan] if report else selectors.document_plans(head)
    parts = [_part(member, report=report) for member in members]
    if report:
        today = timezone.localdate()
        end = min(plan.period_end, today)
        title = f"Отчёт о выполнении плана «{plan.title}»"
        subtitle = [
            f"за период с {plan.period_start:%d.%m.%Y} по {end:%d.%m.%Y}"
            + (" (план выполняется)" if end < plan.period_end else "")
        ]
        # Signed by the centre's head; while the centre is not filled in, by who approved it.
        centre = centre_of(plan.municipality)
        post = centre.head_post or " ".join(plan.approved_post.split()) or "Руководитель МОЦ"
        name = centre.head_name or plan.approved_name
        return PlanDocument(
            plan=plan,
            report=True,
            header=lines(plan.header),
            approvals=[],
            title=title,
            subtitle=subtitle,
            introduction=[],
            parts=[replace(parts[0], heading=title)],
            signature=f"{post} {BLANK}____ {name}".strip(),
        )
    subtitle = [f"{head.place}, {head.period_start.year}"] if head.place else []
    return PlanDocument(
        plan=plan,
        report=False,
        header=lines(head.header),
        approvals=approvals_of(head),
        title=head.cover_title or parts[0].heading,
        subtitle=subtitle,
        introduction=lines(head.introduction),
        parts=parts,
    )


def lines(text: str) -> list[str]:
    """A text field's lines as the document prints them, blank ones dropped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _part(plan: Plan, *, report: bool) -> Part:
    columns = plan_columns(plan)
    if report:
        columns += REPORT_COLUMNS
    part = Part(
        plan=plan,
        heading=heading_of(plan),
        columns=columns,
        footnote=lines(plan.footnote),
    )
    outcomes = _outcomes(plan) if report else {}

    def item_row(item: PlanItem) -> Row:
        values = {
            "status": item.get_status_display(),
            "outcome": outcomes.get(item.pk, ""),
        }
        return Row([values.get(name) or getattr(item, name, "") for name, _ in columns])

    part.rows = [item_row(item) for item in plan.loose_items]
    for section in plan.sections.all():
        heading = f"{section.number} {section.title}".strip()
        part.rows.append(Row([heading], section=True))
        part.rows += [item_row(item) for item in section.items.all()]
    return part


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
JUSTIFIED = Alignment(horizontal="justify", vertical="top", wrap_text=True)
FONT = "Times New Roman"


def is_heading(paragraph: str) -> bool:
    """«ВВЕДЕНИЕ»: a short line in capitals stands centred and bold, as the seeds set it."""
    return len(paragraph) < 60 and paragraph.isupper()


def write_xlsx(document: PlanDocument, target) -> None:
    """A sheet per table (a sheet repeats one head row on its printed pages), the first with
    the header, approvals, title and introduction above it; rows as high as their text."""
    workbook = Workbook()
    names = set()
    for index, part in enumerate(document.parts):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        name = "Отчёт о выполнении" if document.report else part.plan.get_kind_display()
        while name in names:
            name = f"{name[:28]} {len(names) + 1}"
        names.add(name)
        sheet.title = name
        _xlsx_part(sheet, document, part, first=index == 0)
    save_workbook(workbook, target)


def _xlsx_part(sheet, document: PlanDocument, part: Part, *, first: bool) -> None:
    widths = part.widths
    width = len(widths)
    last = get_column_letter(width)
    row = 1

    def merged_line(text: str, *, bold=False, size=12, align=CENTRED) -> None:
        nonlocal row
        sheet.merge_cells(f"A{row}:{last}{row}")
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = Font(name=FONT, bold=bold, size=size)
        cell.alignment = align
        sheet.row_dimensions[row].height = row_height([(text, sum(widths))], size=size, bold=bold)
        row += 1

    if first:
        for line in document.header:
            merged_line(line, bold=True)
        if document.header:
            row += 1
        # The approval blocks: the first on the left, the last on the right, each over two
        # columns; a single block stands on the right.
        sides = [(1, 2), (width - 1, width)]
        blocks = [approval.lines for approval in document.approvals]
        for offset in range(max((len(lines) for lines in blocks), default=0)):
            cells = []
            for (start, end), lines in zip(sides[-len(blocks) :], blocks, strict=True):
                if offset < len(lines):
                    sheet.merge_cells(
                        start_row=row, start_column=start, end_row=row, end_column=end
                    )
                    cell = sheet.cell(row=row, column=start, value=lines[offset])
                    cell.font = Font(name=FONT, bold=offset == 0, size=12)
                    cell.alignment = WRAP_TOP
                    cells.append((lines[offset], sum(widths[start - 1 : end])))
            sheet.row_dimensions[row].height = row_height(cells)
            row += 1
        if blocks:
            row += 1
        merged_line(document.title, bold=True, size=14)
        for line in document.subtitle:
            merged_line(line, bold=True)
        row += 1
        for paragraph in document.introduction:
            if is_heading(paragraph):
                merged_line(paragraph, bold=True)
            else:
                merged_line(paragraph, align=JUSTIFIED)
        if document.introduction:
            row += 1
    if document.cover or not first:
        merged_line(part.heading, bold=True)
        row += 1

    header_row = row
    for column, text in enumerate(part.headings, start=1):
        cell = sheet.cell(row=row, column=column, value=text)
        cell.font = Font(name=FONT, bold=True, size=12)
        cell.alignment = CENTRED
        cell.border = BOX
    sheet.row_dimensions[row].height = row_height(
        list(zip(part.headings, widths, strict=True)), bold=True
    )
    row += 1
    for line in part.rows:
        if line.section:
            sheet.merge_cells(f"A{row}:{last}{row}")
            cell = sheet.cell(row=row, column=1, value=line.cells[0])
            cell.font = Font(name=FONT, bold=True, size=12)
            cell.alignment = WRAP_TOP
            for column in range(1, width + 1):
                sheet.cell(row=row, column=column).border = BOX
            sheet.row_dimensions[row].height = row_height([(line.cells[0], sum(widths))], bold=True)
        else:
            for column, text in enumerate(line.cells, start=1):
                cell = sheet.cell(row=row, column=column, value=text or None)
                cell.font = Font(name=FONT, size=12)
                cell.alignment = WRAP_TOP
                cell.border = BOX
            sheet.row_dimensions[row].height = row_height(
                list(zip(line.cells, widths, strict=True))
            )
        row += 1
    row += 1
    for line in part.footnote:
        merged_line(line, size=11, align=JUSTIFIED)
    if document.signature:
        row += 1
        merged_line(document.signature, align=Alignment(horizontal="left", vertical="top"))

    for column, column_width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = column_width
    print_landscape(sheet, header_row)
    sheet.oddFooter.center.text = "&P"


# docx --------------------------------------------------------------------------------------


def write_docx(document: PlanDocument, target) -> None:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)
    page = doc.sections[0]
    word.a4(page, landscape=True)
    for margin in ("left_margin", "right_margin"):
        setattr(page, margin, Cm(2))
    page.top_margin = page.bottom_margin = Cm(1.5)
    word.page_numbers(page)

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
    for line in document.subtitle:
        _paragraph(doc, line, bold=True, centred=True)
    if document.introduction:
        doc.add_paragraph()
        for paragraph in document.introduction:
            if is_heading(paragraph):
                _paragraph(doc, paragraph, bold=True, centred=True)
                continue
            p = doc.add_paragraph(paragraph)
            p.paragraph_format.first_line_indent = Cm(1.25)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    for index, part in enumerate(document.parts):
        if not index:
            doc.add_paragraph()
        if index or document.cover:
            heading = _paragraph(doc, part.heading, bold=True, centred=True)
            heading.paragraph_format.keep_with_next = True
            # Each further plan of the document starts a page of its own. (This also keeps
            # LibreOffice 7.4 from losing the rows of a table whose head row and first row
            # end a page exactly, as it did with seed 000's work plan.)
            heading.paragraph_format.page_break_before = bool(index)
        _docx_table(doc, page, part)
        if part.footnote:
            doc.add_paragraph()
        for line in part.footnote:
            p = _paragraph(doc, line, size=11)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if document.signature:
        doc.add_paragraph()
        _paragraph(doc, document.signature)
    doc.save(target)


def _docx_table(doc, page, part: Part) -> None:
    table = doc.add_table(rows=1, cols=len(part.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    word.head_row(table.rows[0], part.headings)
    for line in part.rows:
        cells = table.add_row().cells
        if line.section:
            merged = cells[0].merge(cells[-1])
            merged.text = ""
            merged.paragraphs[0].add_run(line.cells[0]).bold = True
            continue
        for cell, text in zip(cells, line.cells, strict=True):
            _cell_text(cell, text)
    word.column_widths(table, page, part.widths)


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
