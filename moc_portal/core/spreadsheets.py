"""Spreadsheets the portal writes: one column specification serves a list's import template,
its export and its import, so a file the portal exports opens again as an import.

Data exports are written by rustpy-xlsxwriter, row by row from a database iterator: measured
on this machine, 1.3 s for 50,000 rows × 30 columns against 16–20 s for XlsxWriter and
openpyxl. The templates are a few rows with range-based drop-down lists, which only openpyxl
writes here; their size makes its speed irrelevant.
"""

import itertools
import math
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
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


def export_rows(queryset, columns):
    """Dicts {header: value} streamed from the database in chunks."""
    sources = [column.source for column in columns]
    for values in queryset.values_list(*sources).iterator(chunk_size=2000):
        yield {
            column.header: column.export_value(value)
            for column, value in zip(columns, values, strict=True)
        }


def source_rows(rows, columns):
    """Dicts {header: value} from dicts {source: value} computed in Python."""
    for row in rows:
        yield {column.header: column.export_value(row.get(column.source)) for column in columns}


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


def _column_formats(columns) -> dict:
    formats = {}
    for c in columns:
        if c.kind in ("date", "datetime"):
            formats[c.header] = Format().set_num_format(
                DATETIME_FORMAT if c.kind == "datetime" else DATE_FORMAT
            )
        elif c.kind in ("text", "choice", "choices"):
            formats[c.header] = text_format()
    return formats


# A landscape A4 page holds about this many characters of column width at a readable size.
PRINTABLE_WIDTH = 200


def _page_setup(columns) -> dict:
    """Printed, a sheet is landscape with its header on every page; one narrow enough to stay
    readable is fitted to one page wide (a registry of thirty columns is not: it would shrink
    to nothing)."""
    setup = {"landscape": True, "repeat_rows": (0, 0)}
    if sum(c.width for c in columns) <= PRINTABLE_WIDTH:
        setup["fit_to_pages"] = (1, 0)
    return setup


def print_landscape(sheet, head_row: int) -> None:
    """An openpyxl sheet printed as the portal's tables are: A4 landscape, one page wide,
    ``head_row`` repeated on every page."""
    sheet.print_title_rows = f"{head_row}:{head_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def row_height(cells, *, size: int = 12, bold: bool = False) -> float:
    """Points a row needs so its wrapped text shows whole: the tallest of its cells, each given
    as (text, column width in characters). Excel and LibreOffice do not grow a row whose
    height the file leaves unset when the text wraps, so it is computed here: a Times New
    Roman letter at 12 pt takes about 1.2 width units, a line about 1.2 × the font size."""
    per_unit = 1.2 * size / 12 * (1.1 if bold else 1)
    lines = 1
    for text, width in cells:
        count = sum(
            max(1, math.ceil(len(line) * per_unit / max(width - 1, 1)))
            for line in (str(text or "")).splitlines() or [""]
        )
        lines = max(lines, count)
    return round(lines * size * 1.2 + 3, 1)


def write_sheet(rows, target, *, sheet: str, columns) -> None:
    """One formatted sheet: bold frozen header, autofilter, widths, dates and numbers typed."""
    write_sheets(target, [(sheet, rows, columns)])


def write_sheets(target, sheets) -> None:
    """Several such sheets in one file: [(sheet name, rows, columns)], rows streamed."""
    write_worksheets(
        [(name, _with_header(rows, columns)) for name, rows, columns in sheets],
        target,
        freeze_panes={name: {"row": 1} for name, _, _ in sheets},
        bold_headers=True,
        autofilter={name: True for name, _, _ in sheets},
        column_widths={name: {c.header: c.width for c in columns} for name, _, columns in sheets},
        column_formats={name: _column_formats(columns) for name, _, columns in sheets},
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


def write_template(
    target, *, columns, sheet: str, example: dict, reference_lists: dict, more_sheets=()
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
    for name, sheet_columns, sheet_example, _ in data_sheets:
        importable = [c for c in sheet_columns if c.importable]
        _template_header(book[name], importable, sheet_example)
        ref_column = _template_lists(
            book[name], references, importable, reference_lists, ref_column
        )
    _template_instructions(instructions, data_sheets, reference_lists)
    save_workbook(book, target)


def _listed_values(column: Column, reference_lists: dict) -> list:
    return reference_lists.get(column.header) or column.reference_values


def _template_header(data, importable: list[Column], example: dict) -> None:
    """Bold headers at the columns' widths, the example in row 2, the header row frozen."""
    for index, column in enumerate(importable, start=1):
        cell = data.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        data.column_dimensions[get_column_letter(index)].width = column.width
        data.cell(row=2, column=index, value=example.get(column.header))
    data.freeze_panes = "A2"


def _template_lists(
    data, references, importable: list[Column], reference_lists: dict, ref_column: int
) -> int:
    """Each column with a list of values gets the list in a column of «Справочники» and a
    drop-down over its data rows. Returns the last column of «Справочники» taken."""
    for index, column in enumerate(importable, start=1):
        values = _listed_values(column, reference_lists)
        if not values:
            continue
        ref_column += 1
        letter = get_column_letter(ref_column)
        references.cell(row=1, column=ref_column, value=column.header).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            references.cell(row=row, column=ref_column, value=value)
        references.column_dimensions[letter].width = max(column.width, 20)
        rule = _list_rule(column, f"=Справочники!${letter}$2:${letter}${len(values) + 1}")
        target_letter = get_column_letter(index)
        rule.add(f"{target_letter}2:{target_letter}10000")
        data.add_data_validation(rule)
    return ref_column


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
    "1. Одна строка — одна запись. Первая строка листа — заголовки: не меняйте их.",
    "2. Строка 2 — пример: замените её своими данными или удалите.",
    "3. Колонку «ID портала» оставьте пустой для новых записей; при выгрузке из портала она "
    "заполнена, и по ней повторная загрузка обновит ту же запись.",
    "4. Значения справочников выбирайте из выпадающих списков; допустимые значения — "
    "на листе «Справочники» и ниже.",
    f"5. Несколько значений в одной ячейке разделяйте точкой с запятой: «{LIST_SEPARATOR}».",
    f"6. Да/нет пишите словами «{YES}» или «{NO}». Формулы и объединённые ячейки не допускаются.",
]


def _template_instructions(instructions, data_sheets: list, reference_lists: dict) -> None:
    """The general rules, then each data sheet's own lines and one line per column."""
    lines = list(TEMPLATE_RULES)
    for name, sheet_columns, _, extra in data_sheets:
        lines += ["", f"Лист «{name}»", *extra]
        lines += [
            _column_instruction(column, reference_lists)
            for column in sheet_columns
            if column.importable
        ]
    headings = {TEMPLATE_RULES[0], *(f"Лист «{name}»" for name, _, _, _ in data_sheets)}
    for row, line in enumerate(lines, start=1):
        cell = instructions.cell(row=row, column=1, value=line)
        if line in headings:
            cell.font = Font(bold=True)
    instructions.column_dimensions["A"].width = 120


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
