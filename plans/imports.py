"""Last year's plan brought in from its Word or Excel file instead of being retyped.

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

Nothing is written until the person has seen what was found and confirmed it; then the plan
is created with all its rows in one transaction, or not at all.
"""

import io
import re
from dataclasses import asdict, dataclass, field
from datetime import date

from django.core import signing
from django.db import transaction
from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from python_calamine import CalamineError, CalamineWorkbook

from moc_portal.core.text import has_control_characters
from moc_portal.core.uploads import ImportFileError, check_office_file
from moc_portal.users.models import User

from . import services
from .models import Plan, PlanItem, PlanSection
from .periods import parse_period

FIELDS = ["number", "title", "period_text", "responsible", "expected_result"]
FIELD_LABELS = {
    "number": "№",
    "title": "Наименование мероприятия",
    "period_text": "Сроки",
    "responsible": "Ответственный / Исполнитель",
    "expected_result": "Результат",
}
MAX_ROWS = 2000
WRONG_FORMAT = (
    "Это не документ Word (.docx) и не таблица Excel (.xlsx), или файл повреждён. Откройте "
    "его и сохраните как .docx или .xlsx."
)
OLD_FORMAT = (
    "Файл защищён паролем или сохранён в старом формате (.doc, .xls). Снимите пароль и "
    "сохраните файл как «Документ Word (.docx)» или «Книга Excel (.xlsx)»."
)
SIGNING_SALT = "plans.import"


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

    @property
    def item_count(self) -> int:
        return sum(1 for row in self.rows if not row.section)

    @property
    def section_count(self) -> int:
        return sum(1 for row in self.rows if row.section)


def _normal(text) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip()


def column_of(heading: str) -> str | None:
    """Which field a head cell names, as the seeds word them, or None."""
    text = _normal(heading).lower().replace("ё", "е")
    if not text:
        return None
    if text.startswith("№") or text in ("n", "номер", "n п/п"):
        return "number"
    if text.startswith(("наименование", "мероприят", "содержание")):
        return "title"
    if text.startswith(("срок", "дата", "период")):
        return "period_text"
    if text.startswith(("ответствен", "исполнител")):
        return "responsible"
    if text.startswith(("результат", "ожидаемый", "планируемый")):
        return "expected_result"
    return None


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
    if "number" not in found.values() and title_at > 0 and not _normal(cells[title_at - 1]):
        found[title_at - 1] = "number"  # seed 004: the № column has no heading
    return found


def _build(title: str, grid: list[list[str]], where: str) -> ImportedTable | None:
    """Sections and items of one table, or None when it has no recognisable head."""
    table, columns = ImportedTable(title=_normal(title)), None
    for number, cells in enumerate(grid, start=1):
        if any(has_control_characters(cell) for cell in cells):
            raise ImportFileError(
                f"{where}, строка {number}: в ячейке есть служебные символы (например, нулевой "
                "байт). Наберите текст заново или вставьте его как простой текст."
            )
        cells = [_normal(cell) for cell in cells]
        if not any(cells):
            continue
        head = _head(cells)
        if head:
            columns = columns or head
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
                    setattr(previous, name, _normal(f"{getattr(previous, name)} {extra}"))
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
        row.number = row.number.rstrip(".")
        table.rows.append(row)
    if columns is None:
        return None
    return table


def read_tables(data: bytes, filename: str) -> list[ImportedTable]:
    """The plan tables found in the file; a message saying what to fix when there are none."""
    extension = filename.lower().rsplit(".", 1)[-1]
    check_office_file(data, wrong_format=WRONG_FORMAT, old_format=OLD_FORMAT, extension=extension)
    if extension not in ("docx", "xlsx"):
        raise ImportFileError(WRONG_FORMAT)
    tables = _docx_tables(data) if extension == "docx" else _xlsx_tables(data)
    tables = [table for table in tables if table.rows]
    if not tables:
        raise ImportFileError(
            "В файле не найдена таблица плана. Первая строка таблицы должна называть столбцы: "
            "«№», «Наименование мероприятия», «Сроки», «Ответственный / Исполнитель», "
            "«Результат»."
        )
    rows = sum(len(table.rows) for table in tables)
    if rows > MAX_ROWS:
        raise ImportFileError(
            f"В файле {rows} строк — больше, чем бывает в плане ({MAX_ROWS}). Проверьте файл."
        )
    return tables


def _docx_tables(data: bytes) -> list[ImportedTable]:
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise ImportFileError(WRONG_FORMAT) from error
    groups: list[tuple[str, list[list[str]]]] = []
    paragraphs: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            if block.text.strip():
                paragraphs.append(block.text)
            continue
        grid = _docx_grid(block)
        if groups and not paragraphs:  # only blank lines since the last table: a page break
            groups[-1][1].extend(grid)
        else:
            groups.append((_title_among(paragraphs), grid))
        paragraphs = []
    tables = []
    for index, (title, grid) in enumerate(groups, start=1):
        table = _build(title, grid, f"Таблица {index}")
        if table:
            tables.append(table)
    return tables


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


def _xlsx_tables(data: bytes) -> list[ImportedTable]:
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError) as error:
        raise ImportFileError(WRONG_FORMAT) from error
    tables = []
    for name in book.sheet_names:
        try:
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except (CalamineError, ValueError) as error:
            raise ImportFileError(WRONG_FORMAT) from error
        grid = [["" if value is None else _cell_text(value) for value in row] for row in rows]
        table = _build(_sheet_title(grid) or name, grid, f"Лист «{name}»")
        if table:
            tables.append(table)
    return tables


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _sheet_title(grid: list[list[str]]) -> str:
    above = []
    for cells in grid:
        if _head([_normal(c) for c in cells]):
            break
        above += [_normal(c) for c in cells if _normal(c)]
    return _title_among(above)


TITLE_WORDS = re.compile(r"^(план|дорожная карта|медиаплан|перечень|программа)", re.IGNORECASE)


def _title_among(lines: list[str]) -> str:
    """The plan's title among the lines above its table: the last that names a plan («План
    работы…», «Медиаплан…», «Дорожная карта…»), else the last line."""
    named = [line for line in lines if TITLE_WORDS.match(_normal(line))]
    return (named or lines or [""])[-1]


# --- confirmation and writing -------------------------------------------------------------


def sign(plan: dict, tables: list[ImportedTable]) -> str:
    """The plan's fields and what was read, carried to the confirmation page so the file need
    not be sent again. Signed: the page cannot be made to write anything else."""
    payload = {
        "plan": {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in plan.items()},
        "tables": [asdict(table) for table in tables],
    }
    return signing.dumps(payload, salt=SIGNING_SALT, compress=True)


def unsign(token: str) -> tuple[dict, list[ImportedTable]]:
    try:
        raw = signing.loads(token, salt=SIGNING_SALT, max_age=24 * 3600)
    except signing.BadSignature as error:
        raise ImportFileError("Загрузка устарела. Выберите файл ещё раз.") from error
    plan = dict(raw["plan"])
    for name in ("period_start", "period_end"):
        plan[name] = date.fromisoformat(plan[name])
    tables = [
        ImportedTable(title=t["title"], rows=[ImportedRow(**row) for row in t["rows"]])
        for t in raw["tables"]
    ]
    return plan, tables


@transaction.atomic
def plan_import(*, user: User, data: dict, table: ImportedTable) -> Plan:
    """A new draft plan with the table's sections and items, all of them or nothing."""
    plan = services.plan_create(user=user, data=data)
    section, positions, items = None, {}, []
    for row in table.rows:
        if row.section:
            number, title = _section_number(row.title)
            section = PlanSection.objects.create(
                plan=plan, position=plan.sections.count(), number=number, title=title
            )
            continue
        position = positions.get(section, 0)
        positions[section] = position + 1
        period = parse_period(
            row.period_text, plan_start=plan.period_start, plan_end=plan.period_end
        )
        item = PlanItem(
            plan=plan,
            section=section,
            position=position,
            number=row.number or str(position + 1),
            title=row.title,
            period_text=row.period_text,
            starts_on=period.start,
            ends_on=period.end,
            responsible=row.responsible,
            expected_result=row.expected_result,
        )
        item.full_clean(exclude=["plan", "section"])
        items.append(item)
    PlanItem.objects.bulk_create(items)
    return plan


def _section_number(text: str) -> tuple[str, str]:
    """«2. Методическое сопровождение» → («2», «Методическое сопровождение»)."""
    match = re.match(r"^(?:Раздел\s+)?([IVXLC\d]+(?:\.\d+)*)\.?\s+(.+)$", text)
    if match:
        return match[1], match[2]
    return "", text
