"""Children by age band of a municipality's settlements, from the template of the territory
page (``settlements.child_counts_template``): every row or none."""

from django.core.exceptions import ValidationError
from django.db import transaction

from moc_portal.core.sheet_cells import convert_row
from moc_portal.core.sheet_import import ImportFileError, read_rows
from moc_portal.users.models import User

from ..choices import AgeBand
from ..models import Municipality, Settlement
from ..territory.settlements import (
    CHILD_COLUMNS,
    check_staff,
    child_counts_save,
    find_settlement,
    parse_settlement,
)


@transaction.atomic
def child_counts_import(*, user: User, municipality: Municipality, year: int, data: bytes) -> int:
    """The children by age of each settlement from an Excel file (the template's columns):
    all rows or none. A settlement not yet listed is added when its kind is written («с.
    Каменка»). Returns how many settlements were filled."""
    check_staff(user, municipality.pk)
    try:
        header, body = read_rows(data, sheet_name="", width=len(CHILD_COLUMNS))
    except ImportFileError as error:
        raise ValidationError(str(error)) from error
    missing = [c.header for c in CHILD_COLUMNS if c.required and c.header not in header]
    bands = [c for c in CHILD_COLUMNS if c.kind == "int"]
    if missing or not any(c.header in header for c in bands):
        raise ValidationError(
            "В строке заголовков файла нужны колонки «Населённый пункт» и хотя бы одна из "
            f"«{'», «'.join(c.header for c in bands)}». Скачайте шаблон и заполните его."
        )
    errors, rows = [], []
    for number, values in body:
        cells = dict(zip(header, values, strict=False))
        cleaned, problems = convert_row(CHILD_COLUMNS, cells)
        errors += [f"строка {number}, «{column}»: {reason}" for column, reason in problems]
        name = cleaned.get("settlement", "")
        if not name:
            errors.append(f"строка {number}: не указан населённый пункт")
            continue
        settlement = find_settlement(municipality.pk, name)
        if settlement is None:
            parsed = parse_settlement(name)
            if parsed is None:
                errors.append(
                    f"строка {number}: «{name}» — нет такого населённого пункта; напишите его "
                    "с типом, как в адресе: «с. Каменка», «г. Задонск»"
                )
                continue
            settlement = Settlement(municipality=municipality, kind=parsed[0], name=parsed[1])
        oktmo = cleaned.get("oktmo", "")
        if oktmo:
            settlement.oktmo = oktmo
        try:
            settlement.full_clean(validate_unique=False)
        except ValidationError as error:
            errors += [
                f"строка {number}: {message}"
                for messages in error.message_dict.values()
                for message in messages
            ]
            continue
        for band in AgeBand:
            children = cleaned.get(band.value)
            if children is not None and children < 0:
                errors.append(f"строка {number}: число детей не может быть меньше нуля")
        rows.append((settlement, {band.value: cleaned.get(band.value) for band in AgeBand}))
    if errors:
        shown = "; ".join(errors[:10])
        more = f" и ещё {len(errors) - 10}" if len(errors) > 10 else ""
        raise ValidationError(f"Файл не загружен, исправьте: {shown}{more}.")
    for settlement, counts in rows:
        settlement.save()
        child_counts_save(user=user, settlement=settlement, year=year, counts=counts)
    return len(rows)
