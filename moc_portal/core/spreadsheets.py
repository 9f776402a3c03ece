"""Spreadsheets the portal writes: one column specification serves a list's import template,
its export and its import, so a file the portal exports opens again as an import.

Every sheet prints the same way: A4, portrait when its columns fit and landscape when not,
one page wide, a title row on top that says what it is, for which municipality and as of
when («Реестр программ · Задонский район · на 07.12.2026»), the title and head rows repeated
on every page, text wrapped inside its column with rows as high as it needs, page numbers
below. The caller states the title once (``PrintTitle``); the reader of an import skips the
title row (``programs.imports.reading``). A data sheet too wide to be read fitted to one
page (the registry's 30 columns print at 2 pt) gets a print copy of its key columns, the
last sheet of the file, printed at 9 pt (``with_print_copies``).

Data exports are written by rustpy-xlsxwriter, row by row from a database iterator: measured
on this machine, 1.3 s for 50,000 rows × 30 columns against 16–20 s for XlsxWriter and
openpyxl. The templates are a few rows with range-based drop-down lists, which only openpyxl
writes here; their size makes its speed irrelevant.
"""

import itertools
import math
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from rustpy_xlsxwriter import Format, write_worksheets

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

# What a title names when a file covers every municipality in the person's reach.
ALL_MUNICIPALITIES = "все муниципалитеты"


@dataclass(frozen=True)
class PrintTitle:
    """The title row of a workbook's sheets: what it is, whose, as of when.

    ``municipality`` is a Municipality, its name, or None for every municipality in reach;
    ``on`` is the date the figures stand at (today when not given)."""

    what: str
    municipality: object = None
    on: date | None = None

    def __str__(self) -> str:
        on = self.on or timezone.localdate()
        if isinstance(on, datetime):
            on = timezone.localtime(on).date() if timezone.is_aware(on) else on.date()
        where = str(self.municipality) if self.municipality else ALL_MUNICIPALITIES
        return f"{self.what} · {where} · на {on:%d.%m.%Y}"

    @classmethod
    def of(cls, what: str, user, on: date | None = None) -> "PrintTitle":
        """A file of the person's reach: their municipality, or every one for an
        administrator (and anyone not bound to one)."""
        municipality = None if user.is_administrator else user.municipality
        return cls(what, municipality, on)

    def of_sheet(self, name: str, *, first: bool) -> str:
        """The title of a sheet: the file's for its first sheet, with the sheet's name for
        the others («Реестр программ, лист «Группы» · …»)."""
        if first:
            return str(self)
        return str(replace(self, what=f"{self.what}, лист «{name}»"))


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
        return _row_heights(rows, wrapped, first=first)

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


# Rows are written on this row of a data sheet (0-based): the title above, the head here.
TITLE_ROW, HEAD_ROW = 0, 1
# The font of the data exports (rust_xlsxwriter's default, Calibri 11) and of the titles.
DATA_SIZE, TITLE_SIZE = 11, 12
DATA_FONT = "Calibri"
# Width units a Calibri 11 letter takes, Cyrillic text on average (a unit is its digit),
# with the room word wrapping leaves at the ends of lines: at 0.92 the last line of a long
# wrapped cell was cut in LibreOffice.
DATA_PER_CHAR = 1.0
# Excel's tallest row, in points.
MAX_ROW_HEIGHT = 409
WRAPPED_KINDS = ("text", "choice", "choices")


def heading_width(header: str, width: float) -> float:
    """A column's width, widened to hold its heading's longest word in bold: a word wider
    than its column is broken in the middle («Продолжите / льность»)."""
    longest = max((len(word) for word in str(header).split()), default=0)
    return max(width, math.ceil(longest * DATA_PER_CHAR * 1.1) + 2)


def _widths(columns) -> list[float]:
    return [heading_width(c.header, c.width) for c in columns]


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


def _title_range(title: str, columns) -> tuple:
    """The title row: one cell merged across the table (two columns at least: Excel merges
    no single cell), wrapped within it."""
    return (TITLE_ROW, 0, TITLE_ROW, max(len(columns), 2) - 1, title, _title_format())


def _measured(rows, columns) -> dict[int, float]:
    first = HEAD_ROW + 1
    if isinstance(rows, Rows) and rows.measure:
        return rows.measure(columns, first)
    return _row_heights(rows, columns, first=first)


def _row_heights(rows, columns, *, first: int) -> dict[int, float]:
    """{sheet row: points} of the rows whose wrapped text needs more than one line; ``first``
    is the sheet row of the first data row."""
    wrapped = [
        (c.header, heading_width(c.header, c.width)) for c in columns if c.kind in WRAPPED_KINDS
    ]
    one_line = row_height([], size=DATA_SIZE, per_char=DATA_PER_CHAR)
    heights = {}
    for index, row in enumerate(rows):
        cells = [(row.get(header), width) for header, width in wrapped]
        if not any(isinstance(text, str) and len(text) >= width - 1 for text, width in cells):
            continue
        height = row_height(cells, size=DATA_SIZE, per_char=DATA_PER_CHAR)
        if height > one_line:
            heights[first + index] = min(height, MAX_ROW_HEIGHT)
    return heights


# Characters of column width an A4 portrait page holds at full size with the margins below,
# as LibreOffice prints Calibri 11 (measured: a landscape page holds about 112).
PORTRAIT_WIDTH = 80
A4 = 9  # Excel's paper size code
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.6, "bottom": 0.6, "header": 0.3, "footer": 0.3}
PAGE_FOOTER = "&CСтраница &P из &N"


def is_landscape(widths) -> bool:
    """Portrait while the columns fit a portrait page at nearly full size, landscape when
    they are wider."""
    return sum(widths) > PORTRAIT_WIDTH


# Characters of column width an A4 landscape page holds at full size (measured, as above).
LANDSCAPE_WIDTH = 112
# The smallest letters (points) a sheet fitted to one page wide may print at and be read;
# a sheet that would print smaller gets a print copy of its key columns (``Column.printed``)
# placed last in its file, sized to print at ``PRINT_SIZE``.
READABLE_SIZE, PRINT_SIZE = 6, 9
PRINT_SHEET = "Для печати"


def printed_size(widths) -> float:
    """The points a sheet's Calibri 11 prints at when fitted to one A4 page wide in the
    orientation its columns' width asks for."""
    room = LANDSCAPE_WIDTH if is_landscape(widths) else PORTRAIT_WIDTH
    return DATA_SIZE * min(1.0, room / max(sum(widths), 1))


def print_columns(columns) -> list[Column]:
    """The print copy's columns: the ``printed`` ones, their text columns narrowed so the
    copy prints one landscape page wide at about ``PRINT_SIZE``; their text wraps over more
    lines instead. None is narrowed below its heading's longest word, nor a column of
    choices below its labels' longest word (a word wider than its column is broken)."""
    printed = [
        replace(c, note="", width=heading_width(c.header, c.width)) for c in columns if c.printed
    ]
    room = LANDSCAPE_WIDTH * DATA_SIZE / PRINT_SIZE
    least = {c.header: _least_width(c) for c in printed}
    narrowed = {c.header for c in printed if c.kind in WRAPPED_KINDS}
    widths = {c.header: c.width for c in printed}
    # Narrow the columns in proportion, then again without those stopped at their least.
    while narrowed and sum(widths.values()) > room + 0.5:
        fixed = sum(w for h, w in widths.items() if h not in narrowed)
        flexible = sum(widths[h] for h in narrowed)
        factor = max(room - fixed, 0) / flexible
        stopped = set()
        for header in narrowed:
            widths[header] = max(least[header], round(widths[header] * factor, 1))
            if widths[header] == least[header]:
                stopped.add(header)
        if not stopped:
            break
        narrowed -= stopped
    return [replace(c, width=widths[c.header]) for c in printed]


def _least_width(column: Column) -> float:
    # A line may break after a hyphen («Физкультурно-/спортивная»).
    words = [word for _, label in column.choices for word in re.split(r"(?<=-)|\s", str(label))]
    longest = max((len(word) for word in words), default=0)
    return max(heading_width(column.header, 0), math.ceil(longest * DATA_PER_CHAR) + 2)


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
        if any(c.printed for c in columns) and printed_size(_widths(columns)) < READABLE_SIZE
    ]
    copies = [
        (
            PRINT_SHEET if len(wide) == 1 else _copy_name(name),
            _narrowed(rows, print_columns(columns)),
            print_columns(columns),
        )
        for name, rows, columns in wide
    ]
    return [*sheets, *copies]


# The most characters Excel allows in a sheet's name.
SHEET_NAME_CHARS = 31


def _copy_name(name: str) -> str:
    """«Программы — для печати»: the sheet's name shortened to leave room for the words."""
    suffix = f" — {PRINT_SHEET.lower()}"
    return name[: SHEET_NAME_CHARS - len(suffix)].rstrip() + suffix


def _page_setup(columns) -> dict:
    """A4, the orientation the columns' width asks for, one page wide and as many long as
    it takes, the title and head rows on every page, page numbers below."""
    return {
        "paper_size": A4,
        "landscape": is_landscape(_widths(columns)),
        "fit_to_pages": (1, 0),
        "repeat_rows": (TITLE_ROW, HEAD_ROW),
        "margins": MARGINS,
        "footer": PAGE_FOOTER,
    }


def print_setup(
    sheet, *, head_rows: tuple[int, int] | None, landscape: bool, header: str = ""
) -> None:
    """An openpyxl sheet printed as the portal's sheets are: A4 in the orientation given, one
    page wide, rows ``head_rows`` (1-based, first and last) repeated on every page, page
    numbers below; ``header`` on top of every page (the title of a sheet whose title row is
    not repeated)."""
    if header:
        sheet.oddHeader.center.text = header.replace("&", "&&")
        sheet.oddHeader.center.size = 9
    if head_rows:
        sheet.print_title_rows = f"{head_rows[0]}:{head_rows[1]}"
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    for side, inches in MARGINS.items():
        setattr(sheet.page_margins, side, inches)
    sheet.oddFooter.center.text = "Страница &P из &N"


def print_landscape(sheet, head_row: int) -> None:
    """An openpyxl sheet printed landscape, one page wide, ``head_row`` on every page."""
    print_setup(sheet, head_rows=(head_row, head_row), landscape=True)


def title_row(sheet, title, widths, *, row: int = 1) -> None:
    """An openpyxl sheet's title line across its columns' width, bold, as high as its text."""
    text = str(title)
    if len(widths) > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
    cell = sheet.cell(row=row, column=1, value=text)
    cell.font = Font(name=DATA_FONT, bold=True, size=TITLE_SIZE)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[row].height = row_height([(text, sum(widths))], size=TITLE_SIZE, bold=True)


def head_row(sheet, texts, widths, *, row: int, size: int = DATA_SIZE) -> None:
    """An openpyxl sheet's head row: bold, wrapped, as high as its longest heading. Each of
    ``widths`` is widened in place to hold its heading's longest word (``heading_width``);
    the caller sets the columns' widths from them."""
    widths[:] = [
        heading_width(text, width) for text, width in zip(texts, widths, strict=False)
    ] + list(widths[len(texts) :])
    for column, text in enumerate(texts, start=1):
        cell = sheet.cell(row=row, column=column, value=text)
        cell.font = Font(name=DATA_FONT, bold=True, size=size)
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center")
    sheet.row_dimensions[row].height = row_height(
        list(zip(texts, widths, strict=False)), size=size, bold=True, per_char=DATA_PER_CHAR
    )


def wrap_rows(sheet, widths, *, first: int, size: int = DATA_SIZE) -> None:
    """Every cell from row ``first`` down wraps at the top of its row, each row as high as
    its text."""
    for row in sheet.iter_rows(min_row=first):
        for cell in row:
            cell.alignment = Alignment(
                wrap_text=True, vertical="top", horizontal=cell.alignment.horizontal
            )
        cells = [
            (cell.value, widths[cell.column - 1])
            for cell in row
            if isinstance(cell.value, str) and cell.column <= len(widths)
        ]
        if cells:
            sheet.row_dimensions[row[0].row].height = min(
                row_height(cells, size=size, per_char=DATA_PER_CHAR), MAX_ROW_HEIGHT
            )


def row_height(cells, *, size: int = 12, bold: bool = False, per_char: float = 0) -> float:
    """Points a row needs so its wrapped text shows whole: the tallest of its cells, each given
    as (text, column width in characters). Excel and LibreOffice do not grow a row whose
    height the file leaves unset when the text wraps, so it is computed here: a Times New
    Roman letter at 12 pt takes about 1.2 width units, a line about 1.2 × the font size;
    ``per_char`` gives another font's width units per letter (Calibri 11: ``DATA_PER_CHAR``)."""
    per_unit = (per_char or 1.2 * size / 12) * (1.1 if bold else 1)
    lines = 1
    for text, width in cells:
        capacity = max(width - 1, 1) / per_unit
        count = sum(
            _wrapped_lines(line, capacity) for line in (str(text or "")).splitlines() or [""]
        )
        lines = max(lines, count)
    return round(lines * size * 1.2 + 3, 1)


def _wrapped_lines(line: str, capacity: float) -> int:
    """Lines a text takes wrapped at ``capacity`` letters, word by word as a spreadsheet
    wraps it: in a narrow column a word that does not fit leaves the rest of its line empty
    («Основы / программирования на / Python» is three lines, not the two its letters
    fill). A long text is estimated by its letters (``DATA_PER_CHAR`` allows for the room
    wrapping leaves), which keeps measuring a large export fast."""
    if len(line) > 4 * capacity:
        return max(1, math.ceil(len(line) / capacity))
    lines, used = 0, 0.0
    for word in line.split():
        if lines and used + 1 + len(word) <= capacity:
            used += 1 + len(word)
            continue
        taken = max(1, math.ceil(len(word) / capacity))
        lines += taken
        used = len(word) - (taken - 1) * capacity
    return max(lines, 1)


def write_sheet(rows, target, *, sheet: str, columns, title: PrintTitle) -> None:
    """One formatted sheet: the title row, the bold head row frozen under it with its filter,
    widths, dates and numbers typed, text wrapped, printed as every sheet is."""
    write_sheets(target, [(sheet, rows, columns)], title=title)


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
        merge_ranges={
            name: [
                (TITLE_ROW, 0, TITLE_ROW, max(len(columns), 2) - 1, titles[name], _title_format())
            ]
            for name, _, columns in sheets
        },
        row_heights={
            name: {
                TITLE_ROW: row_height(
                    [(titles[name], max(sum(_widths(columns)), 20))],
                    size=TITLE_SIZE,
                    bold=True,
                ),
                HEAD_ROW: row_height(
                    list(zip((c.header for c in columns), _widths(columns), strict=True)),
                    size=DATA_SIZE,
                    bold=True,
                    per_char=DATA_PER_CHAR,
                ),
                **_measured(rows, columns),
            }
            for name, rows, columns in sheets
        },
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
        page_setup={name: _page_setup(columns) for name, _, columns in sheets},
        notes={
            name: {c.header: c.note for c in columns if c.note}
            for name, _, columns in sheets
            if any(c.note for c in columns)
        }
        or None,
    )


# An import template: the title in row 1, the heads in row 2, the example in row 3.
TEMPLATE_HEAD = 2


def write_template(
    target,
    *,
    columns,
    sheet: str,
    example: dict,
    reference_lists: dict,
    title: PrintTitle,
    more_sheets=(),
) -> None:
    """An import template: headers, an example row, drop-down lists, and instructions.

    ``reference_lists`` adds lists that depend on the person (their organisations,
    the profiles): {header: [values]}. ``more_sheets`` are further data sheets of the same
    file, [(name, columns, example, lines of instructions)], filled the same way.
    """
    book = Workbook()
    book.remove(book.active)
    data_sheets = [(sheet, columns, example, []), *more_sheets]
    for name, *_ in data_sheets:
        book.create_sheet(name)
    references = book.create_sheet("Справочники")
    instructions = book.create_sheet("Инструкция")
    ref_column = 0
    for index, (name, sheet_columns, sheet_example, _) in enumerate(data_sheets):
        importable = [c for c in sheet_columns if c.importable]
        _template_header(
            book[name], importable, sheet_example, title.of_sheet(name, first=index == 0)
        )
        ref_column = _template_lists(
            book[name], references, importable, reference_lists, ref_column
        )
    _template_references(references, title)
    _template_instructions(instructions, data_sheets, reference_lists, title)
    save_workbook(book, target)


def _listed_values(column: Column, reference_lists: dict) -> list:
    return reference_lists.get(column.header) or column.reference_values


def _template_header(data, importable: list[Column], example: dict, title: str) -> None:
    """The title, the bold headers at the columns' widths, the example under them, the head
    frozen, printed as every sheet is."""
    widths = _widths(importable)
    title_row(data, title, widths)
    head_row(data, [c.header for c in importable], widths, row=TEMPLATE_HEAD)
    for index, column in enumerate(importable, start=1):
        data.column_dimensions[get_column_letter(index)].width = widths[index - 1]
        data.cell(row=TEMPLATE_HEAD + 1, column=index, value=example.get(column.header))
    wrap_rows(data, widths, first=TEMPLATE_HEAD + 1)
    data.freeze_panes = f"A{TEMPLATE_HEAD + 1}"
    print_setup(data, head_rows=(1, TEMPLATE_HEAD), landscape=is_landscape(widths))


def _template_lists(
    data, references, importable: list[Column], reference_lists: dict, ref_column: int
) -> int:
    """Each column with a list of values gets the list in a column of «Справочники» (its
    header in row 2, under the title) and a drop-down over its data rows. Returns the last
    column of «Справочники» taken."""
    first = TEMPLATE_HEAD + 1
    for index, column in enumerate(importable, start=1):
        values = _listed_values(column, reference_lists)
        if not values:
            continue
        ref_column += 1
        letter = get_column_letter(ref_column)
        references.cell(row=TEMPLATE_HEAD, column=ref_column, value=column.header)
        for row, value in enumerate(values, start=first):
            references.cell(row=row, column=ref_column, value=value)
        references.column_dimensions[letter].width = max(column.width, 20)
        last = first + len(values) - 1
        rule = _list_rule(column, f"=Справочники!${letter}${first}:${letter}${last}")
        target_letter = get_column_letter(index)
        rule.add(f"{target_letter}{first}:{target_letter}10000")
        data.add_data_validation(rule)
    return ref_column


def _template_references(references, title: PrintTitle) -> None:
    """«Справочники» printed as a sheet of lists: its title, heads, wrapped values."""
    widths = [
        references.column_dimensions[get_column_letter(n)].width or 20
        for n in range(1, references.max_column + 1)
    ]
    heads = [
        references.cell(row=TEMPLATE_HEAD, column=n).value
        for n in range(1, references.max_column + 1)
    ]
    title_row(references, title.of_sheet("Справочники", first=False), widths or [20])
    head_row(references, heads, widths, row=TEMPLATE_HEAD)
    wrap_rows(references, widths, first=TEMPLATE_HEAD + 1)
    references.freeze_panes = f"A{TEMPLATE_HEAD + 1}"
    print_setup(references, head_rows=(1, TEMPLATE_HEAD), landscape=is_landscape(widths))


def _list_rule(column: Column, values_range: str) -> DataValidation:
    several = column.kind == "choices"
    return DataValidation(
        type="list",
        formula1=values_range,
        allow_blank=not column.required,
        showErrorMessage=True,
        # Several values go in one cell «a; b»: the list only suggests, it does not forbid.
        errorStyle="information" if several else "stop",
        errorTitle="Значение не из списка",
        error=(
            f"Несколько значений пишите через «{LIST_SEPARATOR.strip()}»."
            if several
            else f"Выберите значение из списка «{column.header}»."
        ),
    )


TEMPLATE_RULES = [
    "Как заполнить",
    "1. Одна строка — одна запись. Первая строка листа — его название, вторая — заголовки: "
    "не меняйте их.",
    "2. Строка 3 — пример: замените её своими данными или удалите.",
    "3. Колонку «ID портала» оставьте пустой для новых записей; при выгрузке из портала она "
    "заполнена, и по ней повторная загрузка обновит ту же запись.",
    "4. Значения справочников выбирайте из выпадающих списков; допустимые значения — "
    "на листе «Справочники» и ниже.",
    f"5. Несколько значений в одной ячейке разделяйте точкой с запятой: «{LIST_SEPARATOR}».",
    f"6. Да/нет пишите словами «{YES}» или «{NO}». Формулы и объединённые ячейки не допускаются.",
]


# The width of «Инструкция»'s one column: a portrait page's.
INSTRUCTIONS_WIDTH = 95


def _template_instructions(
    instructions, data_sheets: list, reference_lists: dict, title: PrintTitle
) -> None:
    """The general rules, then each data sheet's own lines and one line per column, under
    the title, each line wrapped on a portrait page."""
    lines = list(TEMPLATE_RULES)
    for name, sheet_columns, _, extra in data_sheets:
        lines += ["", f"Лист «{name}»", *extra]
        lines += [
            _column_instruction(column, reference_lists)
            for column in sheet_columns
            if column.importable
        ]
    headings = {TEMPLATE_RULES[0], *(f"Лист «{name}»" for name, _, _, _ in data_sheets)}
    title_row(instructions, title.of_sheet("Инструкция", first=False), [INSTRUCTIONS_WIDTH])
    for row, line in enumerate(lines, start=2):
        cell = instructions.cell(row=row, column=1, value=line)
        if line in headings:
            cell.font = Font(bold=True)
    instructions.column_dimensions["A"].width = INSTRUCTIONS_WIDTH
    wrap_rows(instructions, [INSTRUCTIONS_WIDTH], first=2)
    print_setup(instructions, head_rows=(1, 1), landscape=False)


def _column_instruction(column: Column, reference_lists: dict) -> str:
    values = _listed_values(column, reference_lists)
    mark = (
        "обязательная"
        if column.required
        else f"обязательная, {column.required_when}"
        if column.required_when
        else "необязательная"
    )
    allowed = f" Допустимо: {LIST_SEPARATOR.join(values)}." if values else ""
    note = f" {column.note}." if column.note else ""
    return f"«{column.header}» — {mark}.{note}{allowed}"


# --- text that people typed never becomes a formula -------------------------------------------


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
