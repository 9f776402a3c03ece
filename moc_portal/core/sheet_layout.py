"""How every sheet the portal writes prints: A4, portrait when its columns fit and
landscape when not, one page wide, a title row on top that says what it is, for which
municipality and as of when («Реестр программ · Задонский район · на 07.12.2026»), the title
and head rows repeated on every page, text wrapped inside its column with rows as high as it
needs, page numbers below. The caller states the title once (``PrintTitle``); the reader of
an import skips the title row (``moc_portal.core.sheet_import``). A data sheet too wide to be
read fitted to one page (the registry's 30 columns print at 2 pt) gets a print copy of its
key columns, the last sheet of the file, printed at 9 pt (``spreadsheets.with_print_copies``).
"""

import math
import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from django.utils import timezone
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

# What a title names when a file covers every municipality in the person's reach.
ALL_MUNICIPALITIES = "все муниципалитеты"


@dataclass(frozen=True)
class PrintTitle:
    """The title row of a workbook's sheets: what it is, whose, as of when.

    ``municipality`` is a Municipality, its name (names), or None for every municipality in
    reach (an empty name leaves the place out);
    ``on`` is the date the figures stand at (today when not given)."""

    what: str
    municipality: object = None
    on: date | None = None

    def __str__(self) -> str:
        on = self.on or timezone.localdate()
        if isinstance(on, datetime):
            on = timezone.localtime(on).date() if timezone.is_aware(on) else on.date()
        where = ALL_MUNICIPALITIES if self.municipality is None else str(self.municipality)
        return " · ".join(part for part in (self.what, where, f"на {on:%d.%m.%Y}") if part)

    @classmethod
    def of(cls, what: str, user, on: date | None = None) -> "PrintTitle":
        """A file of the person's reach: every municipality for an administrator, the
        municipality of a centre's staff, those of a coordinator's organisations."""
        if user.is_administrator:
            return cls(what, None, on)
        if user.municipality_id:
            return cls(what, user.municipality, on)
        organisations = getattr(user, "coordinated_organisations", None)
        names = (
            sorted({str(o.municipality) for o in organisations.select_related("municipality")})
            if organisations is not None
            else []
        )
        return cls(what, ", ".join(names), on)

    def of_sheet(self, name: str, *, first: bool) -> str:
        """The title of a sheet: the file's for its first sheet, with the sheet's name for
        the others («Реестр программ, лист «Группы» · …»)."""
        if first:
            return str(self)
        return str(replace(self, what=f"{self.what}, лист «{name}»"))


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


def column_widths(columns) -> list[float]:
    return [heading_width(c.header, c.width) for c in columns]


def row_heights(rows, columns, *, first: int) -> dict[int, float]:
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


def print_columns(columns) -> list:
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


def _least_width(column) -> float:
    # A line may break after a hyphen («Физкультурно-/спортивная»).
    words = [word for _, label in column.choices for word in re.split(r"(?<=-)|\s", str(label))]
    longest = max((len(word) for word in words), default=0)
    return max(heading_width(column.header, 0), math.ceil(longest * DATA_PER_CHAR) + 2)


# The most characters Excel allows in a sheet's name.
SHEET_NAME_CHARS = 31


def copy_name(name: str) -> str:
    """«Программы — для печати»: the sheet's name shortened to leave room for the words."""
    suffix = f" — {PRINT_SHEET.lower()}"
    return name[: SHEET_NAME_CHARS - len(suffix)].rstrip() + suffix


def page_setup(columns) -> dict:
    """A4, the orientation the columns' width asks for, one page wide and as many long as
    it takes, the title and head rows on every page, page numbers below."""
    return {
        "paper_size": A4,
        "landscape": is_landscape(column_widths(columns)),
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


def set_widths(sheet, widths) -> None:
    """An openpyxl sheet's columns, from A, at these widths."""
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


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
