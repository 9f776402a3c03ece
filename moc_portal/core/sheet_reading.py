"""Every uploaded xlsx sheet is read here, bounded by what the reader would build.

python-calamine builds a sheet as one dense grid from its first to its last filled cell: a
single value in column XFD (the 16,384th) or in row 1,000,000 makes it allocate that many
cells, gigabytes from a file of a few kilobytes. So before calamine sees a sheet, its XML is
scanned as it unpacks (a few megabytes at a time) for the last row and the last column that
hold a value, and a sheet wider than its template or longer than the row limit is refused
with both limits in the message. The ``<dimension>`` tag is not trusted: it is whatever the
file says, and calamine does not size anything by it.
"""

import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from python_calamine import CalamineError, CalamineWorkbook, PasswordError

from . import russian
from .uploads import ImportFileError, check_office_file

NOT_AN_XLSX = (
    "Файл повреждён или это не таблица Excel (.xlsx). Откройте его в Excel и сохраните как "
    "«Книга Excel (.xlsx)»."
)
OLD_XLSX = (
    "Файл защищён паролем или сохранён в старом формате .xls. Снимите пароль и сохраните "
    "файл как «Книга Excel (.xlsx)»."
)
CHUNK = 4 << 20
# A row's XML is held whole while it is scanned; an honest row (60 cells of 32,767 letters
# written inline) stays under 8 MB.
MAX_ROW_BYTES = 16 << 20
ROW_START = re.compile(rb"<(?:\w+:)?row[\s>/]")
ROW_NUMBER = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="(\d+)"')
# A cell that holds something: a value, an inline string or a formula (calamine leaves out
# cells that are only formatted, however far they are).
FILLED_CELL = re.compile(
    rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Z]{1,3})(\d+)"[^>]*(?<!/)>\s*<(?:\w+:)?(?:v>[^<]|is\b|f\b)'
)
# Cells or rows that leave out their reference take the next place: counted one by one.
CELL_TAG = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(/?)>(\s*<(?:\w+:)?(?:v>[^<]|is\b|f\b))?")
FORMULA_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Z]+\d+)"[^>]*>\s*<(?:\w+:)?f[\s>/]')
SHEET_NAME = re.compile(r'<sheet [^>]*name="([^"]*)"')
UNNUMBERED = re.compile(rb'<(?:\w+:)?(?:c|row)\b(?![^>]*?\sr=")[^>]*>')


@dataclass(frozen=True)
class Bounds:
    """How large a sheet may be: rows under its header row, and columns."""

    rows: int
    columns: int

    @classmethod
    def registry(cls, columns: int) -> "Bounds":
        """A registry import: ``IMPORT_MAX_ROWS`` rows, the template's columns."""
        return cls(rows=settings.IMPORT_MAX_ROWS, columns=columns)


@dataclass
class Extent:
    """The last row and column (1-based) that hold a value."""

    rows: int = 0
    columns: int = 0


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def check_file(data: bytes) -> zipfile.ZipFile:
    """The upload checks (size, format, zip bomb, DTDs); the archive to read it from."""
    check_office_file(data, extension="xlsx", wrong_format=NOT_AN_XLSX, old_format=OLD_XLSX)
    return zipfile.ZipFile(io.BytesIO(data))


def sheet_names(archive: zipfile.ZipFile) -> list[str]:
    """The workbook's sheets, in order, as its ``workbook.xml`` names them."""
    try:
        workbook = archive.read("xl/workbook.xml").decode("utf-8", errors="replace")
    except KeyError:
        return []
    return [_xml_unescape(name) for name in SHEET_NAME.findall(workbook)]


def open_sheet(
    data: bytes,
    archive: zipfile.ZipFile,
    name: str,
    bounds: Bounds,
    *,
    damaged: str = NOT_AN_XLSX,
):
    """The sheet ``name`` as python-calamine reads it, refused before calamine builds anything
    when it is larger than ``bounds``. ``archive`` is what ``check_file`` gave for ``data``;
    ``damaged`` is what to say of a file that cannot be read."""
    check_extent(archive, name, bounds)
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(name)
    except PasswordError as error:
        raise ImportFileError("Файл защищён паролем. Снимите пароль и загрузите снова.") from error
    except (CalamineError, ValueError) as error:
        raise ImportFileError(damaged) from error


def check_extent(archive: zipfile.ZipFile, name: str, bounds: Bounds) -> Extent:
    """The sheet's extent, or a refusal saying how far it goes and how far it may."""
    path = sheet_path(archive, name)
    if path is None:
        raise ImportFileError(NOT_AN_XLSX)
    extent = Extent()
    for piece in _whole_rows(archive, path):
        _measure(piece, extent)
        if extent.columns > bounds.columns:
            raise ImportFileError(
                f"Лист «{name}» шире шаблона: есть значение в колонке "
                f"{column_letters(extent.columns)} ({russian.integer(extent.columns)}-й), "
                f"а колонок может быть не больше {bounds.columns}. Удалите лишние колонки справа "
                "(выделите их → «Удалить») или скачайте шаблон заново."
            )
        # The head row, and the title line over it that the portal's files have (a file
        # without one is held to its limit when its rows are counted: ``too_long``).
        if extent.rows > bounds.rows + 2:
            raise too_long(name, bounds, extent.rows)
    return extent


def too_long(name: str, bounds: Bounds, row: int) -> ImportFileError:
    """The refusal of a sheet with more rows under its head than an upload may have."""
    most = russian.count(bounds.rows, "строка", case="gent")
    width = russian.count(bounds.columns, "колонка", case="accs")
    return ImportFileError(
        f"На листе «{name}» больше {most} под заголовком (есть значение в строке "
        f"{russian.integer(row)}), а за одну загрузку портал принимает не больше {most} по "
        f"{width}. Удалите лишнее ниже таблицы. Разделите файл на части (например, по "
        "организациям) и загрузите их по очереди."
    )


def formula_cells(archive: zipfile.ZipFile, name: str, *, first: int = 5) -> list[str]:
    """The first cells with a formula on that sheet (calamine gives their values, not that
    they are formulas), read from the sheet's XML: each piece holds whole rows, so a cell's tag
    and its «<f» are never apart."""
    path = sheet_path(archive, name)
    found = []
    for piece in _whole_rows(archive, path) if path else ():
        found += [m.group(1).decode() for m in FORMULA_CELL.finditer(piece)]
        if len(found) >= first:
            break
    return found[:first]


def _measure(piece: bytes, extent: Extent) -> None:
    """Widen ``extent`` by the filled cells of ``piece`` (whole rows of the sheet's XML)."""
    if UNNUMBERED.search(piece) is None:  # the usual file: every cell says where it is
        for letters, row in FILLED_CELL.findall(piece):
            extent.columns = max(extent.columns, _column_number(letters))
            extent.rows = max(extent.rows, int(row))
        return
    row = extent.rows
    for part in _split_rows(piece):
        number = ROW_NUMBER.match(part)
        row = int(number.group(1)) if number else row + 1
        column = 0
        for attributes, closed, filled in CELL_TAG.findall(part):
            reference = re.search(rb'\sr="([A-Z]{1,3})\d+"', b" " + attributes)
            column = _column_number(reference.group(1)) if reference else column + 1
            if filled and not closed:
                extent.columns = max(extent.columns, column)
                extent.rows = max(extent.rows, row)


def _split_rows(piece: bytes) -> list[bytes]:
    starts = [m.start() for m in ROW_START.finditer(piece)]
    return [piece[a:b] for a, b in zip(starts, [*starts[1:], len(piece)], strict=True)]


def _whole_rows(archive: zipfile.ZipFile, path: str):
    """The sheet's XML, unpacked a few megabytes at a time and cut before a row's start, so
    that each piece holds whole rows (the last piece is the rest)."""
    tail = b""
    with archive.open(path) as part:
        while chunk := part.read(CHUNK):
            text = tail + chunk
            cut = _last_row_start(text)
            if cut <= 0:
                if len(text) > MAX_ROW_BYTES:
                    raise ImportFileError(
                        "В файле есть строка таблицы больше 16 МБ. Проверьте, не вставлено ли "
                        "в ячейки лишнее, и сохраните файл заново."
                    )
                tail = text
                continue
            yield text[:cut]
            tail = text[cut:]
    yield tail


def _last_row_start(text: bytes) -> int:
    position = len(text)
    while (position := text.rfind(b"row", 0, position)) > 0:
        start = text.rfind(b"<", 0, position)
        if start >= 0 and ROW_START.match(text, start):
            return start
    return -1


def sheet_path(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The part (``xl/worksheets/sheet1.xml``) of the sheet with that name."""
    try:
        workbook = archive.read("xl/workbook.xml").decode("utf-8", errors="replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", errors="replace")
    except KeyError:
        return None
    for name, rel_id in re.findall(r'<sheet [^>]*name="([^"]*)"[^>]*r:id="([^"]*)"', workbook):
        if _xml_unescape(name) == sheet_name:
            target = re.search(
                rf'Id="{re.escape(rel_id)}"[^>]*Target="([^"]*)"', rels
            ) or re.search(rf'Target="([^"]*)"[^>]*Id="{re.escape(rel_id)}"', rels)
            if target:
                path = target.group(1).lstrip("/")
                path = path if path.startswith("xl/") else f"xl/{path}"
                return path if path in archive.namelist() else None
    return None


def _xml_unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    )
