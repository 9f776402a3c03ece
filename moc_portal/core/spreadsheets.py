"""Spreadsheets the portal writes: one column specification serves a list's import template,
its export and its import, so a file the portal exports opens again as an import.

How every sheet prints (A4, a title row, the head repeated, text wrapped, the print copy of
a sheet too wide to read) is in ``sheet_layout``; import templates are in ``sheet_templates``.

Data exports are written by rustpy-xlsxwriter, row by row from a database iterator: measured
on this machine, 1.3 s for 50,000 rows × 30 columns against 16–20 s for XlsxWriter and
openpyxl.
"""

import itertools
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from openpyxl import Workbook
from rustpy_xlsxwriter import Format, write_worksheets

from .sheet_layout import (
    DATA_PER_CHAR,
    DATA_SIZE,
    HEAD_ROW,
    PRINT_SHEET,
    READABLE_SIZE,
    TITLE_ROW,
    TITLE_SIZE,
    WRAPPED_KINDS,
    PrintTitle,
    column_widths,
    copy_name,
    heading_width,
    page_setup,
    print_columns,
    printed_size,
    row_height,
    row_heights,
)

# The most characters Excel keeps in a cell.
EXCEL_CELL_CHARS = 32_767


# What a spreadsheet program may take for the start of a formula (OWASP, «CSV injection»).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# A negative number («-5», «-2,5») a spreadsheet reads as the number it is. A text beginning
# with «+» is not let through: it is a phone («+7 (47471) 2-11-44»), which a spreadsheet
# would take for a formula or turn into a number without its plus.
PLAIN_NEGATIVE = re.compile(r"-\d+(?:[.,]\d+)?")


YES, NO = "да", "нет"


LIST_SEPARATOR = "; "


DATE_FORMAT = "dd.mm.yyyy"


DATETIME_FORMAT = "dd.mm.yyyy hh:mm"


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its Russian header, what it holds and how it is written."""

    header: str
    source: str  # the value's path in the export query (``organisation__inn``)
    kind: str = "text"  # text, int, decimal, bool, choice, choices, date, datetime
    width: float = 18
    choices: tuple = field(default=())
    # Other words an import reads as a choice: ((code, «бесплатно»), …); never written.
    synonyms: tuple = field(default=())
    required: bool = False
    # When a column the template cannot mark required is required after all: «если …».
    required_when: str = ""
    importable: bool = True
    note: str = ""
    # One of the few columns of the sheet's print copy, when the sheet itself is too wide to
    # print readably (``print_columns``).
    printed: bool = False

    def export_value(self, value):
        if value is None or value == "":
            return None
        if self.kind == "bool":
            return YES if value else NO
        if self.kind == "choice":
            return dict(self.choices).get(value, value)
        if self.kind == "choices":
            labels = dict(self.choices)
            return LIST_SEPARATOR.join(str(labels.get(v, v)) for v in value) or None
        if self.kind == "decimal":
            return float(value)
        if self.kind == "datetime" and isinstance(value, datetime):
            return timezone.localtime(value).replace(tzinfo=None)
        return value

    @property
    def reference_values(self) -> list[str]:
        if self.kind == "bool":
            return [YES, NO]
        return [str(label) for _, label in self.choices]


class Rows:
    """Rows that can be read twice, each pass made again by ``make()`` (a database query):
    the first pass measures how high each row must be for its wrapped text, the second
    writes it, and neither holds the file's rows in memory. ``measure(columns, first)``,
    when given, measures them more cheaply than reading every cell (``export_rows``);
    ``narrow(columns)``, when given, gives the same rows with those columns alone (the print
    copy of a wide sheet) more cheaply than reading every cell."""

    def __init__(self, make, measure=None, narrow=None):
        self.make = make
        self.measure = measure
        self.narrow = narrow

    def __iter__(self):
        return iter(self.make())


def export_rows(queryset, columns) -> Rows:
    """Dicts {header: value} streamed from the database in chunks; measured by a query of
    the wrapped columns alone."""
    sources = [column.source for column in columns]

    def make():
        for values in queryset.values_list(*sources).iterator(chunk_size=2000):
            yield {
                column.header: column.export_value(value)
                for column, value in zip(columns, values, strict=True)
            }

    def measure(columns, first):
        wrapped = [c for c in columns if c.kind in WRAPPED_KINDS]
        if not wrapped:
            return {}
        values = queryset.values_list(*(c.source for c in wrapped)).iterator(chunk_size=2000)
        rows = (
            {c.header: c.export_value(v) for c, v in zip(wrapped, line, strict=True)}
            for line in values
        )
        return row_heights(rows, wrapped, first=first)

    return Rows(make, measure, lambda columns: export_rows(queryset, columns))


def source_rows(rows, columns):
    """Dicts {header: value} from dicts {source: value} computed in Python."""
    return [
        {column.header: column.export_value(row.get(column.source)) for column in columns}
        for row in rows
    ]


def _with_header(rows, columns):
    """The writer takes its header from the first row, so an empty export gets one blank row:
    the file still has its header and opens again as an import template."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        first = dict.fromkeys(c.header for c in columns)
    return itertools.chain([first], rows)


def text_format() -> Format:
    """The cell format of a column of text: Excel's quote prefix, the apostrophe a person types
    before «=1+1» so it stays text. The cell shows the text as it is, and it stays text when
    someone edits it; a cell without it would become a formula at the first Enter."""
    return Format().set_quote_prefix()


def _column_formats(columns, *, ruled: bool = False) -> dict:
    """Text wraps inside its column (never into the next one), every cell sits at the top of
    its row, dates and decimals have their number formats. A ``ruled`` sheet (a print copy)
    has its cells framed, so a number set right stands apart from the text beside it."""
    formats = {}
    for c in columns:
        cell = Format().set_align("top")
        if ruled:
            cell.set_border("thin")
        if c.kind in ("date", "datetime"):
            cell.set_num_format(DATETIME_FORMAT if c.kind == "datetime" else DATE_FORMAT)
        elif c.kind == "decimal":
            cell.set_num_format("#,##0.##")
        elif c.kind in WRAPPED_KINDS:
            cell.set_quote_prefix().set_text_wrap()
        elif c.kind == "bool":
            cell.set_align("center")  # «да» apart from the number in the column before
        formats[c.header] = cell
    return formats


def _head_format() -> Format:
    return (
        Format()
        .set_bold()
        .set_text_wrap()
        .set_align("center")
        .set_align("top")
        .set_border("thin")
        .set_background_color("#EEEEEE")
    )


def _title_format() -> Format:
    return Format().set_bold().set_font_size(TITLE_SIZE).set_text_wrap().set_align("top")


def _measured(rows, columns) -> dict[int, float]:
    first = HEAD_ROW + 1
    if isinstance(rows, Rows) and rows.measure:
        return rows.measure(columns, first)
    return row_heights(rows, columns, first=first)


def _narrowed(rows, columns):
    """The rows with ``columns`` alone: a query of those columns when the rows can make one
    (``Rows.narrow``), else the rows read again and cut down."""
    if isinstance(rows, Rows) and rows.narrow:
        return rows.narrow(columns)
    headers = [c.header for c in columns]

    def cut(row):
        return {header: row.get(header) for header in headers}

    if isinstance(rows, Rows):
        return Rows(lambda: (cut(row) for row in rows))
    return [cut(row) for row in rows]


def with_print_copies(sheets) -> list[tuple]:
    """[(sheet name, rows, columns)] with a print copy appended, after every data sheet, of
    each sheet too wide to print readably and having ``printed`` columns: «Для печати», or
    «<sheet> — для печати» when there are several. Placed last, the copy is not what a
    person opening the file sees first, nor what an import reads (the sheet of its name, or
    the first)."""
    wide = [
        (name, rows, columns)
        for name, rows, columns in sheets
        if any(c.printed for c in columns) and printed_size(column_widths(columns)) < READABLE_SIZE
    ]
    copies = [
        (
            PRINT_SHEET if len(wide) == 1 else copy_name(name),
            _narrowed(rows, print_columns(columns)),
            print_columns(columns),
        )
        for name, rows, columns in wide
    ]
    return [*sheets, *copies]


def write_sheet(rows, target, *, sheet: str, columns, title: PrintTitle) -> None:
    """One formatted sheet: the title row, the bold head row frozen under it with its filter,
    widths, dates and numbers typed, text wrapped, printed as every sheet is."""
    write_sheets(target, [(sheet, rows, columns)], title=title)


def _title_range(title: str, columns) -> tuple:
    """The title row: one cell merged across the table (two columns at least: Excel merges
    no single cell), wrapped within it."""
    return (TITLE_ROW, 0, TITLE_ROW, max(len(columns), 2) - 1, title, _title_format())


def _heights(title: str, rows, columns) -> dict[int, float]:
    """{sheet row: points}: the title's, the head's and the data rows' that wrap."""
    widths = column_widths(columns)
    return {
        TITLE_ROW: row_height([(title, max(sum(widths), 20))], size=TITLE_SIZE, bold=True),
        HEAD_ROW: row_height(
            list(zip((c.header for c in columns), widths, strict=True)),
            size=DATA_SIZE,
            bold=True,
            per_char=DATA_PER_CHAR,
        ),
        **_measured(rows, columns),
    }


def write_sheets(target, sheets, *, title: PrintTitle) -> None:
    """Several such sheets in one file: [(sheet name, rows, columns)], followed by the print
    copies of those too wide to read on paper (``with_print_copies``). Rows given as a list
    or as ``Rows`` are read twice (heights, then the file); any other iterable is listed
    first."""
    data = [
        (name, rows if isinstance(rows, list | tuple | Rows) else list(rows), columns)
        for name, rows, columns in sheets
    ]
    sheets = with_print_copies(data)
    copies = {name for name, _, _ in sheets[len(data) :]}
    titles = {
        name: title.of_sheet(name, first=index == 0) for index, (name, _, _) in enumerate(sheets)
    }
    write_worksheets(
        [(name, _with_header(rows, columns)) for name, rows, columns in sheets],
        target,
        freeze_panes={name: {"row": HEAD_ROW + 1} for name, _, _ in sheets},
        header_row=dict.fromkeys(titles, HEAD_ROW),
        header_format={name: _head_format() for name in titles},
        merge_ranges={name: [_title_range(titles[name], columns)] for name, _, columns in sheets},
        row_heights={name: _heights(titles[name], rows, columns) for name, rows, columns in sheets},
        autofilter={name: True for name, _, _ in sheets},
        column_widths={
            name: {c.header: heading_width(c.header, c.width) for c in columns}
            for name, _, columns in sheets
        },
        column_formats={
            name: _column_formats(columns, ruled=name in copies) for name, _, columns in sheets
        },
        float_format="#,##0.##",
        datetime_format=DATETIME_FORMAT,
        page_setup={name: page_setup(columns) for name, _, columns in sheets},
        notes={
            name: {c.header: c.note for c in columns if c.note}
            for name, _, columns in sheets
            if any(c.note for c in columns)
        }
        or None,
    )


def starts_formula(value) -> bool:
    """Whether a spreadsheet program could take the value for a formula, opening or editing it."""
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not PLAIN_NEGATIVE.fullmatch(value)
    )


def formula_escaped(value):
    """A text a spreadsheet program could run as a formula, with a leading apostrophe that
    makes it plain text (OWASP); anything else as it is. Every CSV the portal writes (the open
    data set, the admin's exports) goes through it; a cell in Excel gets the same apostrophe
    as its quote prefix (``text_format``, ``save_workbook``), so the text shows unchanged."""
    return "'" + value if starts_formula(value) else value


def formula_unescaped(value):
    """A value of a CSV the portal wrote, as it was before ``formula_escaped``: for showing it
    on a page."""
    if isinstance(value, str) and value.startswith("'") and starts_formula(value[1:]):
        return value[1:]
    return value


def save_workbook(book: Workbook, target) -> None:
    """Save an openpyxl workbook with every text a spreadsheet could take for a formula kept as
    the text it is, with the quote prefix. The portal writes no formulas into cells; any «=…»
    came from what people typed. (The data exports, written by rustpy-xlsxwriter, write
    strings as text and give their text columns the quote prefix: ``text_format``.)"""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
                if starts_formula(cell.value):
                    cell.quotePrefix = True
    book.save(target)
