"""One cell of an import, as its column means it: a number, a date, a choice of the
template's list, a text without control characters — or the reason in Russian why not.

A choice is read as a person types it: in any case, with extra spaces or quotes, «е» for
«ё», by the part before a bracket («Стартовый» for «Стартовый (ознакомительный)»), by its
first words when only one value begins so, and in another form of the same words
(«платное», «Платная» for «платно»: ``russian.same_word``). A value that fits several is
refused with the ones it fits; a value that fits none, with the ones allowed."""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from moc_portal.core import russian
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
        text = choice_key(value)
        if text in ("да", "1", "true", "истина", "+"):
            return True
        if text in ("нет", "0", "false", "ложь", "-"):
            return False
        raise ValueError(f"ожидается «да» или «нет», а указано «{value}»")
    if kind == "choice":
        return _choice(column, value)
    if kind == "choices":
        parts = [part for part in re.split(r"[;\n]", str(value)) if part.strip()]
        return list(dict.fromkeys(_choice(column, part) for part in parts))
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
    typed = " ".join(str(value).split())
    found = _choice_match(column.choices, column.synonyms, choice_key(value))
    if isinstance(found, str):
        return found
    labels = [str(label) for _, label in column.choices]
    if found:
        fits = [str(label) for code, label in column.choices if code in found]
        raise ValueError(
            f"«{typed}» подходит к нескольким значениям: {_listed(fits)} — напишите одно "
            "из них полностью"
        )
    raise ValueError(f"«{typed}» — такого значения нет; допустимо: {_listed(labels)}")


def _listed(labels: list[str]) -> str:
    """The values as a list a person reads: by commas, by semicolons when a value has a comma."""
    return ("; " if any("," in label for label in labels) else ", ").join(labels)


QUOTES = str.maketrans("", "", "«»\"'“”„‘’`")


def choice_key(value) -> str:
    """A choice as it is compared: lower case, «е» for «ё», no quotes, a hyphen read as a
    space («очно заочная» is «очно-заочная»), no spaces inside a bracket, no full stop at the
    end, one space between words."""
    text = normal(str(value).translate(QUOTES))
    text = re.sub(r"\s*-\s*", " ", text)
    text = re.sub(r"\(\s*", "(", re.sub(r"\s*\)", ")", text))
    return text.strip(" .,;:")


def _words(key: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[\w-]+", key))


def _variants(label: str) -> list[str]:
    """A label's keys: as it is, the part before its bracket, and what the bracket holds
    («стартовый (ознакомительный)», «стартовый», «ознакомительный»)."""
    key = choice_key(label)
    found = [key]
    bracket = re.search(r"\((.*?)\)", key)
    if bracket:
        found += [choice_key(re.sub(r"\s*\(.*?\)", " ", key)), choice_key(bracket[1])]
    return found


def _same_words(a: tuple, b: tuple) -> bool:
    return len(a) == len(b) and all(russian.same_word(x, y) for x, y in zip(a, b, strict=True))


@lru_cache(maxsize=4096)
def _choice_match(choices: tuple, synonyms: tuple, key: str) -> str | frozenset:
    """The code a typed choice means, or the codes it fits when there is not exactly one (an
    empty set when none). Each step is tried only when the ones before found nothing: the
    label or code itself, a part of the label, the same words in other forms, the first words
    of a label."""
    options = [(code, [choice_key(code), *_variants(label)], 2) for code, label in choices] + [
        (code, [choice_key(text)], 1) for code, text in synonyms
    ]
    words = _words(key)
    steps = (
        lambda keys, exact: key in keys[:exact],
        lambda keys, exact: key in keys,
        lambda keys, exact: any(_same_words(words, _words(k)) for k in keys),
        lambda keys, exact: any(
            0 < len(words) < len(_words(k)) and _same_words(words, _words(k)[: len(words)])
            for k in keys
        ),
    )
    for fits in steps:
        codes = {code for code, keys, exact in options if fits(keys, exact)}
        if len(codes) == 1:
            return codes.pop()
        if codes:
            return frozenset(codes)
    return frozenset()


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


def convert_row(
    columns, values: dict, readings: list | None = None
) -> tuple[dict, list[tuple[str, str]]]:
    """{source: value} of the importable columns present, and [(header, reason)] errors.
    ``readings`` gets (header, as typed, as it will be written) for each choice typed other
    than its list writes it («платное» → «платно»), for the preview to show."""
    cleaned, errors = {}, []
    for column in columns:
        if not column.importable or column.header not in values:
            continue
        try:
            cleaned[column.source] = convert_cell(column, values[column.header])
        except ValueError as error:
            errors.append((column.header, str(error)))
            continue
        if readings is not None and column.kind in ("choice", "choices"):
            readings += _read_as(column, values[column.header], cleaned[column.source])
    return cleaned, errors


def _read_as(column: sheets.Column, typed, value) -> list[tuple[str, str, str]]:
    labels = dict(column.choices)
    if column.kind == "choice":
        pairs = [(typed, value)] if value else []
    else:
        parts = [part for part in re.split(r"[;\n]", str(typed)) if part.strip()]
        pairs = [(part, _choice(column, part)) for part in parts]
    return [
        (column.header, " ".join(str(text).split()), str(labels[code]))
        for text, code in pairs
        if normal(text) != normal(labels[code])
    ]


def present_fields(model, names, data) -> dict:
    """The row's values; an empty cell leaves a field that cannot be empty as it was."""
    return {
        name: data[name]
        for name in names
        if name in data and (data[name] is not None or model._meta.get_field(name).null)
    }
