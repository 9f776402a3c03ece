"""The plan's document as a workbook: a sheet per plan's table, printed on A4 one page wide
with its head row repeated, rows as high as their text; every page's header says what the
document is, whose and as of when (the sheet's own lines mirror the seed's layout)."""

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from moc_portal.core.sheet_layout import (
    PrintTitle,
    is_landscape,
    print_setup,
    row_height,
    set_widths,
)
from moc_portal.core.spreadsheets import save_workbook

from .description import FONT, Approval, Part, PlanDocument, Row, is_heading

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
JUSTIFIED = Alignment(horizontal="justify", vertical="top", wrap_text=True)


def write_xlsx(document: PlanDocument, target) -> None:
    """A sheet per table (a sheet repeats one head row on its printed pages), the first with
    the header, approvals, title and introduction above it; rows as high as their text."""
    workbook = Workbook()
    title = str(PrintTitle(document.title, document.plan.municipality))
    names = set()
    for index, part in enumerate(document.parts):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        name = "Отчёт о выполнении" if document.report else part.plan.get_kind_display()
        while name in names:
            name = f"{name[:28]} {len(names) + 1}"
        names.add(name)
        sheet.title = name
        _xlsx_part(sheet, document, part, first=index == 0, title=title)
    save_workbook(workbook, target)


class _Sheet:
    """A sheet written from the top down: ``row`` is the next row to fill."""

    def __init__(self, sheet, widths: list[int]):
        self.sheet = sheet
        self.widths = widths
        self.last = get_column_letter(len(widths))
        self.row = 1

    def skip(self) -> None:
        self.row += 1

    def merged_line(self, text: str, *, bold=False, size=12, align=CENTRED) -> None:
        """A line across the whole table's width."""
        self.sheet.merge_cells(f"A{self.row}:{self.last}{self.row}")
        cell = self.sheet.cell(row=self.row, column=1, value=text)
        cell.font = Font(name=FONT, bold=bold, size=size)
        cell.alignment = align
        self.sheet.row_dimensions[self.row].height = row_height(
            [(text, sum(self.widths))], size=size, bold=bold
        )
        self.row += 1


# The widest a sheet's columns are together (Times New Roman 12): an execution report's seven
# columns at their Word widths would print at 6 pt one page wide; narrowed, its text wraps
# into taller rows and prints larger.
PRINTED_WIDTH = 150


def _printed_widths(part: Part) -> list[int]:
    total = sum(part.widths)
    if total <= PRINTED_WIDTH:
        return part.widths
    return [max(7, round(width * PRINTED_WIDTH / total)) for width in part.widths]


def _xlsx_part(sheet, document: PlanDocument, part: Part, *, first: bool, title: str) -> None:
    out = _Sheet(sheet, _printed_widths(part))
    if first:
        _xlsx_front(out, document)
    if document.cover or not first:
        out.merged_line(part.heading, bold=True)
        out.skip()
    header_row = out.row
    _xlsx_table(out, part)
    out.skip()
    for line in part.footnote:
        out.merged_line(line, size=11, align=JUSTIFIED)
    if document.signature:
        out.skip()
        out.merged_line(document.signature, align=Alignment(horizontal="left", vertical="top"))
    set_widths(sheet, out.widths)
    print_setup(
        sheet,
        head_rows=(header_row, header_row),
        landscape=is_landscape(out.widths),
        header=title,
    )
    sheet.oddFooter.center.text = "&P"


def _xlsx_front(out: _Sheet, document: PlanDocument) -> None:
    """What stands above the first table: the header, the approvals, the title, the
    introduction, each followed by a blank row."""
    for line in document.header:
        out.merged_line(line, bold=True)
    if document.header:
        out.skip()
    _xlsx_approvals(out, document.approvals)
    if document.approvals:
        out.skip()
    out.merged_line(document.title, bold=True, size=14)
    for line in document.subtitle:
        out.merged_line(line, bold=True)
    out.skip()
    for paragraph in document.introduction:
        if is_heading(paragraph):
            out.merged_line(paragraph, bold=True)
        else:
            out.merged_line(paragraph, align=JUSTIFIED)
    if document.introduction:
        out.skip()


def _xlsx_approvals(out: _Sheet, approvals: list[Approval]) -> None:
    """The approval blocks: the first on the left, the last on the right, each over two
    columns; a single block stands on the right."""
    width = len(out.widths)
    sides = [(1, 2), (width - 1, width)]
    blocks = [approval.lines for approval in approvals]
    for offset in range(max((len(lines) for lines in blocks), default=0)):
        cells = []
        for (start, end), lines in zip(sides[-len(blocks) :], blocks, strict=True):
            if offset < len(lines):
                out.sheet.merge_cells(
                    start_row=out.row, start_column=start, end_row=out.row, end_column=end
                )
                cell = out.sheet.cell(row=out.row, column=start, value=lines[offset])
                cell.font = Font(name=FONT, bold=offset == 0, size=12)
                cell.alignment = WRAP_TOP
                cells.append((lines[offset], sum(out.widths[start - 1 : end])))
        out.sheet.row_dimensions[out.row].height = row_height(cells)
        out.skip()


def _xlsx_table(out: _Sheet, part: Part) -> None:
    """The head row, then a row per section heading (across the table) or item, boxed."""
    sheet, widths = out.sheet, out.widths
    for column, text in enumerate(part.headings, start=1):
        cell = sheet.cell(row=out.row, column=column, value=text)
        cell.font = Font(name=FONT, bold=True, size=12)
        cell.alignment = CENTRED
        cell.border = BOX
    sheet.row_dimensions[out.row].height = row_height(
        list(zip(part.headings, widths, strict=True)), bold=True
    )
    out.skip()
    for line in part.rows:
        if line.section:
            _xlsx_section_row(out, line)
        else:
            for column, text in enumerate(line.cells, start=1):
                cell = sheet.cell(row=out.row, column=column, value=text or None)
                cell.font = Font(name=FONT, size=12)
                cell.alignment = WRAP_TOP
                cell.border = BOX
            sheet.row_dimensions[out.row].height = row_height(
                list(zip(line.cells, widths, strict=True))
            )
        out.skip()


def _xlsx_section_row(out: _Sheet, line: Row) -> None:
    sheet, row = out.sheet, out.row
    sheet.merge_cells(f"A{row}:{out.last}{row}")
    cell = sheet.cell(row=row, column=1, value=line.cells[0])
    cell.font = Font(name=FONT, bold=True, size=12)
    cell.alignment = WRAP_TOP
    for column in range(1, len(out.widths) + 1):
        sheet.cell(row=row, column=column).border = BOX
    sheet.row_dimensions[row].height = row_height([(line.cells[0], sum(out.widths))], bold=True)
