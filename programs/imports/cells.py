"""One cell of an import, as its column means it: a number, a date, a choice of the
template's list, a text without control characters — or the reason in Russian why not."""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from moc_portal.core import spreadsheets as sheets
from moc_portal.core.text import has_control_characters

# No count or price in the registry reaches 10¹²; a cell like «1e999999999» would otherwise
# make Python build a billion-digit integer.
MAX_DIGITS = 12


def present(value) -> bool:
    """Whether the cell holds anything: a blank text is as empty as no value."""
    return value is not None and not (isinstance(value, str) and not value.strip())


def convert_cell(column: sheets.Column, value):
    """The value a cell means for its column, or ValueError with the reason in Russian."""
    if not present(value):
        if column.required:
            raise ValueError("обязательное поле не заполнено")
        return {"text": "", "choices": [], "bool": False}.get(column.kind)
    if isinstance(value, str) and len(value) >= sheets.EXCEL_CELL_CHARS:
        # The reader cuts a longer text at Excel's 32,767 characters: the cell was cut.
        raise ValueError(
            "в ячейке 32\u00a0767 знаков или больше — это предел Excel, и текст мог быть "
            "обрезан: сократите его"
        )
    kind = column.kind
    if kind == "text":
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a number typed into a text column (an INN, say)
        if isinstance(value, (date, datetime)):
            raise ValueError("ожидается текст, а в ячейке дата")
        if has_control_characters(str(value)):
            raise ValueError(
                "в ячейке есть служебные символы (например, нулевой байт): наберите текст "
                "заново или вставьте его как простой текст"
            )
        return str(value).strip()
    if kind == "int":
        number = _number(value)
        if number != int(number):
            raise ValueError(f"ожидается целое число, а указано «{value}»")
        return int(number)
    if kind == "decimal":
        return _number(value)
    if kind == "bool":
        text = normal(value)
        if text in ("да", "1", "true", "истина", "+"):
            return True
        if text in ("нет", "0", "false", "ложь", "-"):
            return False
        raise ValueError(f"ожидается «да» или «нет», а указано «{value}»")
    if kind == "choice":
        return _choice(column, value)
    if kind == "choices":
        return [_choice(column, part) for part in re.split(r"[;\n]", str(value)) if part.strip()]
    if kind in ("date", "datetime"):
        return _date(value)
    raise ValueError(f"неизвестный вид колонки {kind}")


def normal(value) -> str:
    return " ".join(str(value).strip().lower().replace("ё", "е").split())


def _number(value) -> Decimal:
    if isinstance(value, (bool, date, datetime)):
        raise ValueError(f"ожидается число, а указано «{value}»")
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(f"ожидается число, а указано «{value}»") from error
    if not number.is_finite():
        raise ValueError(f"ожидается число, а указано «{value}»")
    if number and number.adjusted() >= MAX_DIGITS:  # the exponent alone: no arithmetic yet
        raise ValueError(f"число «{value}» слишком большое")
    return number


def _choice(column: sheets.Column, value) -> str:
    wanted = normal(value)
    for code, label in column.choices:
        if wanted in (normal(label), normal(code)):
            return code
    allowed = "; ".join(str(label) for _, label in column.choices)
    raise ValueError(f"значения «{str(value).strip()}» нет в справочнике; допустимо: {allowed}")


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"ожидается дата вида 01.09.2025, а указано «{text}»")


def convert_row(columns, values: dict) -> tuple[dict, list[tuple[str, str]]]:
    """{source: value} of the importable columns present, and [(header, reason)] errors."""
    cleaned, errors = {}, []
    for column in columns:
        if not column.importable or column.header not in values:
            continue
        try:
            cleaned[column.source] = convert_cell(column, values[column.header])
        except ValueError as error:
            errors.append((column.header, str(error)))
    return cleaned, errors


def present_fields(model, names, data) -> dict:
    """The row's values; an empty cell leaves a field that cannot be empty as it was."""
    return {
        name: data[name]
        for name in names
        if name in data and (data[name] is not None or model._meta.get_field(name).null)
    }
