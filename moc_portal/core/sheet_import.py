"""Reading an import (the registry's, the teachers', the inventory's): the file checked and
read, its header checked against the template, and the preview every kind of import fills
(what it would create, update or leave as it is, with every error's row, column and reason in
Russian). Each cell is converted by ``sheet_cells``. Reading is python-calamine: 4.4 s for
50,000 × 30 against openpyxl's 29 s, measured on this machine.
"""

import io
import itertools
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from python_calamine import CalamineError

from moc_portal.core import sheet_reading as reading
from moc_portal.core.uploads import ImportFileError

from .sheet_cells import present

PREVIEW_ROWS = 200
PROGRESS_EVERY = 500
# Different choices read otherwise that the preview lists, and rows it names for each.
MAX_READINGS = 100
READING_ROWS = 5


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


# A file with errors in every row would otherwise keep millions of them: the first ones are
# kept (and shown, and written to the error report), the rest counted.
MAX_KEPT_ERRORS = 1000


class ErrorList(list):
    """The errors an import keeps: the first ``MAX_KEPT_ERRORS``, and how many more there were."""

    more = 0

    def append(self, error) -> None:
        if len(self) < MAX_KEPT_ERRORS:
            super().append(error)
        else:
            self.more += 1

    def extend(self, errors) -> None:
        for error in errors:
            self.append(error)

    def __iadd__(self, errors):
        self.extend(errors)
        return self

    @property
    def total(self) -> int:
        return len(self) + self.more


@dataclass
class ImportPreview:
    """What an import would do: rows to create and to update, unchanged ones, errors, and the
    first ``PREVIEW_ROWS`` lines of the preview."""

    create: list = field(default_factory=list)
    update: list = field(default_factory=list)
    unchanged: int = 0
    errors: ErrorList = field(default_factory=ErrorList)
    preview: list = field(default_factory=list)
    groups: object = None  # a programme import's «Группы» sheet (group_rows.GroupsPlan)
    not_ready: int = 0  # programmes the Navigator would refuse as the file leaves them
    drafts: int = 0  # new programmes that stay drafts: texts publishing needs are missing
    # Choices typed otherwise than their list writes them: (sheet, column, typed, written) ->
    # [how many rows, the first rows].
    readings: dict = field(default_factory=dict)
    # The rows that create something, built again from the file one at a time (programmes).
    new_programmes: Callable = lambda: iter(())

    def show(self, row: int, action: str, name: str, organisation: str, **more) -> None:
        """A line of the preview; the first PREVIEW_ROWS are kept. ``more``: what else the
        line says (``draft``: what a new programme lacks for publishing)."""
        if len(self.preview) < PREVIEW_ROWS:
            self.preview.append(
                {"row": row, "action": action, "name": name, "organisation": organisation}
                | {key: value for key, value in more.items() if value}
            )

    def read_as(self, number: int, found, *, sheet: str = "") -> None:
        """Note the row's choices typed otherwise ([(column, typed, written)]): the preview
        shows each once, with how many rows and which first."""
        for column, typed, written in found:
            key = (sheet, column, typed, written)
            if key not in self.readings and len(self.readings) >= MAX_READINGS:
                continue
            seen = self.readings.setdefault(key, [0, []])
            seen[0] += 1
            if len(seen[1]) < READING_ROWS:
                seen[1].append(number)

    def summary(self) -> dict:
        return {
            "create": len(self.create),
            "update": len(self.update),
            "unchanged": self.unchanged,
            "errors": self.errors.total,
            **(self.groups.summary() if self.groups is not None else {}),
            **({"not_ready": self.not_ready} if self.not_ready else {}),
            **({"drafts": self.drafts} if self.drafts else {}),
            **({"readings": self.readings_shown()} if self.readings else {}),
        }

    def readings_shown(self) -> list[dict]:
        return [
            {
                "sheet": sheet,
                "column": column,
                "typed": typed,
                "written": written,
                "rows": rows,
                "more": count - len(rows),
            }
            for (sheet, column, typed, written), (count, rows) in self.readings.items()
        ]


# --- reading -------------------------------------------------------------------------------


def sheet_names(data: bytes) -> list[str]:
    """The workbook's sheets (the file is checked by ``read_rows`` first)."""
    try:
        return reading.sheet_names(zipfile.ZipFile(io.BytesIO(data)))
    except zipfile.BadZipFile:
        return []


def read_rows(
    data: bytes, *, sheet_name: str, width: int, optional: bool = False
) -> tuple[list[str], "SheetRows"] | None:
    """(header, [(sheet row number, values)]) of the sheet, after checking the file; the sheet
    may be ``width`` columns wide (its template's) and ``IMPORT_MAX_ROWS`` rows long.

    An ``optional`` sheet (the programmes' «Группы») may be absent (None) or have no rows."""
    archive = reading.check_file(data)
    names = reading.sheet_names(archive)
    if optional and sheet_name not in names:
        return None
    if not names:
        raise ImportFileError(reading.NOT_AN_XLSX)
    name = sheet_name if sheet_name in names else names[0]
    bounds = reading.Bounds.registry(width)
    sheet = reading.open_sheet(data, archive, name, bounds)
    try:
        head = _head_index(sheet)
        first = next(itertools.islice(sheet.iter_rows(), head, None), None)
    except (CalamineError, ValueError) as error:
        raise ImportFileError(reading.NOT_AN_XLSX) from error
    # The title the portal writes over its exports and templates is merged across the table:
    # merged cells count only under it.
    merged = [_range_name(r) for r in (sheet.merged_cell_ranges or []) if r[1][0] >= head]
    if merged:
        raise ImportFileError(
            f"На листе «{name}» есть объединённые ячейки ({', '.join(merged[:5])}). "
            "Разъедините их: в каждой ячейке — одно значение."
        )
    formulas = reading.formula_cells(archive, name)
    if formulas:
        raise ImportFileError(
            f"На листе «{name}» есть формулы (ячейки {', '.join(formulas[:5])}). Замените их "
            "значениями: «Копировать» → «Вставить значения»."
        )
    if first is None or not any(present(v) for v in first):
        if optional:
            return None
        raise ImportFileError(f"Лист «{name}» пуст: нет строки заголовков.")
    header = Header(str(v).strip() if present(v) else "" for v in first)
    header.row = head + 1
    body = SheetRows(sheet, head=head)
    if body.last - head - 1 > bounds.rows:
        raise reading.too_long(name, bounds, body.last)
    if not body and not optional:
        raise ImportFileError(f"На листе «{name}» нет ни одной строки с данными под заголовком.")
    return header, body


# Title lines the portal writes above the head row of its files (one: «Реестр программ ·
# Задонский район · на 07.12.2026»); a person may have added another.
TITLE_ROWS = 2


class Header(list):
    """The head row's names, and ``row``: its number on the sheet (1 under no title)."""

    row = 1


def _head_index(sheet) -> int:
    """The head row's index (0-based): the first row with more than one value, when the rows
    above it hold one value each (a title) and there are at most ``TITLE_ROWS`` of them;
    otherwise the first row, as a file without a title has it."""
    for index, values in enumerate(itertools.islice(sheet.iter_rows(), TITLE_ROWS + 1)):
        filled = sum(1 for v in values if present(v))
        if filled > 1:
            return index
        if filled == 0:
            return 0
    return 0


class SheetRows:
    """The rows under the header as (sheet row number, values), blank ones left out. Each pass
    reads them from the sheet again, so that Python holds one row at a time, not the file."""

    def __init__(self, sheet, *, head: int = 0):
        self.sheet = sheet
        self.head = head  # the head row's index (0-based)
        self.count = self.last = 0  # rows with values, and the last one's number
        for number, _ in self:
            self.count += 1
            self.last = number

    def __iter__(self):
        rows = itertools.islice(self.sheet.iter_rows(), self.head + 1, None)
        for number, values in enumerate(rows, start=self.head + 2):
            if any(present(v) for v in values):
                yield number, values

    def __len__(self) -> int:
        return self.count


def _range_name(merged) -> str:
    (r1, c1), (r2, c2) = merged
    return f"{_cell_name(r1, c1)}:{_cell_name(r2, c2)}"


def _cell_name(row: int, col: int) -> str:
    return f"{reading.column_letters(col + 1)}{row + 1}"


# --- the header ----------------------------------------------------------------------------


# Columns only one kind of registry file has: a file of the other kind is recognised by them.
KINDS = {
    "programs": {
        "name": "программ",
        "page": "«Загрузка программ из Excel» (Реестр программ → Загрузить из Excel, "
        "/imports/new/)",
        "marks": {"Направленность", "Возраст от", "Возраст до", "Объём, ак. ч.", "Уровень"},
    },
    "organisations": {
        "name": "организаций",
        "page": "«Загрузка организаций из Excel» (Организации → Загрузить из Excel, "
        "/imports/new/?kind=organisations)",
        "marks": {"ОГРН", "Краткое наименование", "Ведомство", "Форма собственности"},
    },
}


def file_kind(header) -> str | None:
    """Which registry file the header is, by the columns only that kind has."""
    present = set(header)
    scores = {kind: len(spec["marks"] & present) for kind, spec in KINDS.items()}
    kind, score = max(scores.items(), key=lambda item: item[1])
    return kind if score >= 2 and list(scores.values()).count(score) == 1 else None


def check_header(header, columns, *, kind: str | None = None) -> list[RowError]:
    """The header against the template's columns. A file of another kind gets one message
    that says so and where it goes, not a list of every column that does not fit."""
    row = getattr(header, "row", 1)
    found = file_kind(header)
    if kind and found and found != kind:
        return [
            RowError(
                row,
                "—",
                f"это файл {KINDS[found]['name']}, а не {KINDS[kind]['name']}: загрузите его "
                f"на странице {KINDS[found]['page']}",
            )
        ]
    known = {c.header for c in columns}
    required = [c.header for c in columns if c.required and c.importable]
    errors = [
        RowError(
            row,
            name or f"колонка {i + 1}",
            "колонки нет в шаблоне: проверьте заголовок или скачайте шаблон заново",
        )
        for i, name in enumerate(header)
        if name not in known
    ]
    errors += [
        RowError(row, name, "обязательной колонки нет в файле: добавьте её, как в шаблоне")
        for name in required
        if name not in header
    ]
    duplicates = {name for name in header if name and header.count(name) > 1}
    errors += [RowError(row, name, "колонка повторяется") for name in sorted(duplicates)]
    return errors
