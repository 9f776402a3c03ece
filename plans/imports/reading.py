"""Last year's plan file read: its tables and what the document says around them.

The file is read into *tables*: a Word document gives one per run of tables under a heading
(a table split over pages continues the one before it), a workbook one per sheet. In each,
the head row is found by its words (№, Наименование мероприятия, Сроки, Ответственный /
Исполнитель, Результат — in any order, as the seeds vary them), and the rows below become
sections and items:

* a row with a single text across it is a section;
* a row that repeats the head (a table continued on the next page) is skipped;
* a row without a number whose text starts in lower case is the end of the item above, cut by
  a page break (seed 003), and is joined to it;
* every other row is an item.

Nothing is written here (``writing`` does, once the person has confirmed what was found).
"""

import io
import re
import zipfile
from dataclasses import dataclass, field

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError
from python_calamine import CalamineError

from moc_portal.core import russian, sheet_reading
from moc_portal.core.text import has_control_characters
from moc_portal.core.uploads import ImportFileError, check_office_file

from ..columns import FIELDS, column_of, normal
from ..front import Front, caption, read_front

FIELD_LABELS = {
    "number": "№",
    "title": "Наименование мероприятия",
    "period_text": "Сроки",
    "responsible": "Ответственный / Исполнитель",
    "expected_result": "Результат",
}
MAX_ROWS = 2000
# A plan's sheet: its rows with the approval blocks above and the signatures below, and
# columns enough for the blocks laid side by side (the seeds use at most eight).
SHEET_BOUNDS = sheet_reading.Bounds(rows=MAX_ROWS + 100, columns=30)
WRONG_FORMAT = (
    "Это не документ Word (.docx) и не таблица Excel (.xlsx), или файл повреждён. Откройте "
    "его и сохраните как .docx или .xlsx."
)
OLD_FORMAT = (
    "Файл защищён паролем или сохранён в старом формате (.doc, .xls). Снимите пароль и "
    "сохраните файл как «Документ Word (.docx)» или «Книга Excel (.xlsx)»."
)


@dataclass
class ImportedRow:
    number: str = ""
    title: str = ""
    period_text: str = ""
    responsible: str = ""
    expected_result: str = ""
    section: bool = False


@dataclass
class ImportedTable:
    title: str
    rows: list[ImportedRow] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)  # the head row as the file words it

    @property
    def item_count(self) -> int:
        return sum(1 for row in self.rows if not row.section)

    @property
    def section_count(self) -> int:
        return sum(1 for row in self.rows if row.section)


def _head(cells: list[str]) -> dict[int, str] | None:
    """{column index: field} when the row is a table head (names the title column and at
    least one more), else None."""
    found = {}
    for index, cell in enumerate(cells):
        name = column_of(cell)
        if name and name not in found.values():
            found[index] = name
    if "title" not in found.values() or len(found) < 2:
        return None
    title_at = next(i for i, name in found.items() if name == "title")
    if "number" not in found.values() and title_at > 0 and not normal(cells[title_at - 1]):
        found[title_at - 1] = "number"  # seed 004: the № column has no heading
    return found


def _build(title: str, grid: list[list[str]], where: str) -> ImportedTable | None:
    """Sections and items of one table, or None when it has no recognisable head."""
    table, columns = ImportedTable(title=normal(title)), None
    for number, cells in enumerate(grid, start=1):
        if any(has_control_characters(cell) for cell in cells):
            raise ImportFileError(
                f"{where}, строка {number}: в ячейке есть служебные символы (например, нулевой "
                "байт). Наберите текст заново или вставьте его как простой текст."
            )
        cells = [normal(cell) for cell in cells]
        if not any(cells):
            continue
        head = _head(cells)
        if head:
            if columns is None:
                columns = head
                # seed 004 leaves the № column unheaded: it is printed «№»
                table.headings = [cells[index] or "№" for index in sorted(head)]
            continue
        if columns is None:
            continue
        values = {name: cells[index] for index, name in columns.items() if index < len(cells)}
        row = ImportedRow(**values)
        previous = table.rows[-1] if table.rows and not table.rows[-1].section else None
        first = next((value for value in values.values() if value), "")
        if not row.number and previous and first[:1].islower():
            for name in FIELDS[1:]:
                extra = getattr(row, name)
                if extra:
                    setattr(previous, name, normal(f"{getattr(previous, name)} {extra}"))
            continue
        distinct = {cell for cell in cells if cell}
        if len(distinct) == 1 and len(cells) > 1:
            text = distinct.pop()
            if not re.fullmatch(r"[\d.]+", text):
                table.rows.append(ImportedRow(title=text, section=True))
                continue
        if not row.title:
            raise ImportFileError(
                f"{where}, строка {number}: нет наименования мероприятия. Заполните ячейку "
                "или удалите строку."
            )
        if len(row.period_text) > 255:
            raise ImportFileError(
                f"{where}, строка {number}: в столбце «Сроки» больше 255 знаков. Оставьте в нём "
                "только сроки, остальное перенесите в наименование."
            )
        table.rows.append(row)
    if columns is None:
        return None
    return table


@dataclass
class ImportedDocument:
    front: Front
    tables: list[ImportedTable]


def read_document(data: bytes, filename: str) -> ImportedDocument:
    """The plan tables found in the file and what the document says around them; a message
    saying what to fix when there is no table."""
    extension = filename.lower().rsplit(".", 1)[-1]
    check_office_file(data, wrong_format=WRONG_FORMAT, old_format=OLD_FORMAT, extension=extension)
    if extension not in ("docx", "xlsx"):
        raise ImportFileError(WRONG_FORMAT)
    document = _docx_read(data) if extension == "docx" else _xlsx_read(data)
    document.tables = [table for table in document.tables if table.rows]
    if not document.tables:
        raise ImportFileError(
            "В файле не найдена таблица плана. Первая строка таблицы должна называть столбцы: "
            "«№», «Наименование мероприятия», «Сроки», «Ответственный / Исполнитель», "
            "«Результат»."
        )
    rows = sum(len(table.rows) for table in document.tables)
    if rows > MAX_ROWS:
        raise ImportFileError(
            f"В файле {russian.count(rows, 'строка')} — больше, чем бывает в плане "
            f"({MAX_ROWS}). Проверьте файл."
        )
    return document


def read_tables(data: bytes, filename: str) -> list[ImportedTable]:
    return read_document(data, filename).tables


def _docx_read(data: bytes) -> ImportedDocument:
    """Paragraphs become blocks of lines (a blank paragraph ends a block); a table with a plan
    head is a plan table (one after only blank paragraphs continues the one before: a page
    break); any other table (the approval blocks laid side by side) gives a block per cell."""
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, XMLSyntaxError) as error:
        raise ImportFileError(WRONG_FORMAT) from error  # a part that is not well-formed XML
    groups: list[tuple[list[list[str]], list[list[str]]]] = []
    blocks: list[list[str]] = [[]]
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines = [normal(line) for line in block.text.splitlines() if normal(line)]
            if lines:
                blocks[-1].extend(lines)
            elif blocks[-1]:
                blocks.append([])
            continue
        grid = _docx_grid(block)
        text = [b for b in blocks if b]
        if groups and not text:  # only blank paragraphs since the last table: a page break
            groups[-1][1].extend(grid)
        elif any(_head([normal(cell) for cell in row]) for row in grid):
            groups.append((text, grid))
        else:  # a layout table (the approval blocks side by side): its cells are text
            blocks += [_cell_lines(cell) for cell in _distinct_cells(block)] + [[]]
            continue
        blocks = [[]]
    tables = []
    for index, (above, grid) in enumerate(groups, start=1):
        table = _build(caption(above), grid, f"Таблица {index}")
        if table:
            tables.append(table)
    before = groups[0][0] if groups else []
    front = read_front(before, [b for b in blocks if b])
    return ImportedDocument(front=front, tables=tables)


def _distinct_cells(table: Table) -> list:
    cells, seen = [], set()
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append(cell)
    return cells


def _cell_lines(cell) -> list[str]:
    return [normal(line) for line in cell.text.splitlines() if normal(line)]


def _docx_grid(table: Table) -> list[list[str]]:
    """Rows of cell texts; a cell merged across columns counts once."""
    grid = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                cells.append("")
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text)
        grid.append(cells)
    return grid


def _xlsx_read(data: bytes) -> ImportedDocument:
    """A table per sheet; the first sheet's rows above its head give the front matter, its
    rows below the table the footnote."""
    archive = zipfile.ZipFile(io.BytesIO(data))  # checked by read_document
    tables, front = [], None
    for name in sheet_reading.sheet_names(archive):
        sheet = sheet_reading.open_sheet(data, archive, name, SHEET_BOUNDS, damaged=WRONG_FORMAT)
        try:
            rows = sheet.to_python(skip_empty_area=False)
        except (CalamineError, ValueError) as error:
            raise ImportFileError(WRONG_FORMAT) from error
        grid = [[normal(_cell_text(v)) if v is not None else "" for v in row] for row in rows]
        head_at = next((i for i, cells in enumerate(grid) if _head(cells)), None)
        above = _sheet_blocks(grid[:head_at] if head_at is not None else grid)
        table = _build(caption(above) or name, grid, f"Лист «{name}»")
        if table:
            tables.append(table)
            if front is None:
                below = _sheet_blocks(_after_table(grid, head_at))
                front = read_front(above, below)
    return ImportedDocument(front=front or Front(), tables=tables)


def _after_table(grid: list[list[str]], head_at: int) -> list[list[str]]:
    """The rows after the table's last row (the first blank row after its head)."""
    for index in range(head_at + 1, len(grid)):
        if not any(grid[index]):
            return grid[index:]
    return []


def _sheet_blocks(grid: list[list[str]]) -> list[list[str]]:
    """Rows as blocks of lines: a blank row ends a block; rows with text in several cells (the
    approval blocks side by side) give a block per column."""
    blocks: list[list[str]] = [[]]
    side: dict[int, list[str]] = {}

    def flush_side():
        if side:
            blocks.extend(side[column] for column in sorted(side))
            blocks.append([])
            side.clear()

    for cells in grid:
        filled = [(column, cell) for column, cell in enumerate(cells) if cell]
        if len(filled) > 1:
            if blocks[-1]:
                blocks.append([])
            for column, cell in filled:
                side.setdefault(column, []).append(cell)
            continue
        flush_side()
        if filled:
            blocks[-1].append(filled[0][1])
        elif blocks[-1]:
            blocks.append([])
    flush_side()
    return [block for block in blocks if block]


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
