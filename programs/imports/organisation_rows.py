"""Organisation rows of an import (the municipality's inventory, by centre staff): the
preview checks every row; applying writes all of it in one transaction, or nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from moc_portal.core.sheet_cells import convert_row, normal, present_fields
from moc_portal.core.sheet_import import PROGRESS_EVERY, ImportPreview, RowError, check_header
from moc_portal.core.uploads import ImportFileError
from moc_portal.users.models import User

from .. import signals, spreadsheets
from ..models import Municipality, Organisation
from ..territory import settlements

MUNICIPALITY_HEADER = "Муниципалитет"
ORGANISATION_FIELDS = [
    c.source for c in spreadsheets.ORGANISATION_COLUMNS if c.importable and c.source != "pk"
]


class _Municipalities:
    """What the rows are checked against, one municipality at a time: its organisations by
    portal ID, INN and name, and its support centre."""

    def __init__(self):
        self._known: dict = {}

    def of(self, municipality: Municipality) -> dict:
        if municipality.pk not in self._known:
            existing = {o.pk: o for o in Organisation.objects.filter(municipality=municipality)}
            self._known[municipality.pk] = {
                "existing": existing,
                "by_inn": {o.inn: o for o in existing.values()},
                "by_name": {
                    normal(name): o
                    for o in existing.values()
                    for name in (o.short_name, o.full_name)
                },
                "centre": next((o for o in existing.values() if o.is_support_centre), None),
            }
        return self._known[municipality.pk]


def organisation_columns(user: User) -> list:
    """An administrator's file names each row's municipality; a centre's is its own."""
    if user.is_administrator:
        return spreadsheets.REGION_ORGANISATION_COLUMNS
    return spreadsheets.ORGANISATION_COLUMNS


def municipality_lookup() -> dict:
    """A municipality by its name, its ОКТМО, or «name (ОКТМО)» as the template lists it."""
    lookup = {}
    for municipality in Municipality.objects.all():
        for key in (municipality.name, municipality.oktmo, municipality_label(municipality)):
            lookup[normal(key)] = municipality
    return lookup


def municipality_label(municipality: Municipality) -> str:
    return f"{municipality.name} ({municipality.oktmo})"


def organisation_import_preview(user: User, header, rows, *, progress=None) -> ImportPreview:
    preview = ImportPreview()
    columns = organisation_columns(user)
    preview.errors.extend(check_header(header, columns, kind="organisations"))
    if preview.errors:
        return preview
    if not (user.is_centre_staff or user.is_administrator):
        preview.errors.append(
            RowError(1, "—", "организации загружает сотрудник МОЦ своего муниципалитета")
        )
        return preview
    by_label = municipality_lookup() if user.is_administrator else {}
    known = _Municipalities()
    seen: dict = {}
    for index, (number, values) in enumerate(rows):
        if progress and index and index % PROGRESS_EVERY == 0:
            progress(index)
        readings = []
        data, problems = convert_row(columns, dict(zip(header, values, strict=False)), readings)
        preview.read_as(number, readings)
        errors = [RowError(number, column, reason) for column, reason in problems]
        municipality = user.municipality
        if user.is_administrator and not errors:
            municipality = _row_municipality(data, by_label, number, errors)
        target = candidate = None
        if not errors:
            place = known.of(municipality)
            target = _row_target(data, place, municipality, number, errors)
        if not errors:
            _row_clashes(data, target, place, municipality, number, seen, errors)
        if not errors:
            candidate = _row_candidate(data, target, municipality, number, errors)
        if errors:
            preview.errors.extend(errors)
            continue
        if target is None:
            preview.create.append(candidate)
            action = "создать"
        elif all(getattr(target, n) == getattr(candidate, n) for n in ORGANISATION_FIELDS):
            preview.unchanged += 1
            action = "без изменений"
        else:
            preview.update.append((target, candidate))
            action = "обновить"
        where = f" · {municipality}" if user.is_administrator else ""
        preview.show(number, action, candidate.short_name, f"{candidate.inn}{where}")
    return preview


def _row_municipality(data, by_label, number, errors) -> Municipality | None:
    """The municipality an administrator's row names, from the list the template gives."""
    municipality = by_label.get(normal(data.get("municipality__name") or ""))
    if municipality is None:
        errors.append(
            RowError(
                number,
                MUNICIPALITY_HEADER,
                f"муниципалитета «{data.get('municipality__name')}» нет на портале: "
                "выберите его из списка (лист «Справочники») или сначала создайте",
            )
        )
    return municipality


def _row_target(data, place, municipality, number, errors) -> Organisation | None:
    """The saved organisation the row changes, by its portal ID or else its INN; None for a
    new one. A new INN under the name of a saved organisation is refused: it is most likely
    that organisation with its INN changed, which only its portal ID can say."""
    if data.get("pk") is not None:
        target = place["existing"].get(data["pk"])
        if target is None:
            errors.append(
                RowError(
                    number,
                    "ID портала",
                    f"организации с ID {data['pk']} нет в муниципалитете «{municipality}»",
                )
            )
        return target
    target = place["by_inn"].get(data["inn"])
    namesake = next(
        (
            place["by_name"][normal(data[name])]
            for name in ("short_name", "full_name")
            if data.get(name) and normal(data[name]) in place["by_name"]
        ),
        None,
    )
    if target is None and namesake is not None:
        errors.append(
            RowError(
                number,
                "ИНН",
                f"организация «{namesake.short_name}» уже есть в реестре с ИНН "
                f"{namesake.inn}: если её ИНН изменился, укажите в строке её "
                f"«ID портала» ({namesake.pk}); если это другая организация, "
                "уточните наименование",
            )
        )
    return target


def _row_clashes(data, target, place, municipality, number, seen, errors) -> None:
    """A row that repeats an earlier one (``seen``: rows by organisation so far), or marks a
    second support centre in its municipality (``place["centre"]``, updated by the row)."""
    key = target.pk if target else (municipality.pk, data["inn"])
    if key in seen:
        errors.append(RowError(number, "ИНН", f"строка повторяет строку {seen[key]}"))
    seen[key] = number
    centre = place["centre"]
    if data.get("is_support_centre"):
        if centre and centre != target:
            errors.append(
                RowError(
                    number,
                    "Муниципальный опорный центр",
                    f"опорный центр муниципалитета уже есть: {centre}"
                    if isinstance(centre, Organisation)
                    else f"опорным центром уже отмечена строка с ИНН {centre}",
                )
            )
        place["centre"] = target or data["inn"]


def _row_candidate(data, target, municipality, number, errors) -> Organisation | None:
    """The organisation as the row has it (the saved one's values where a cell is empty),
    checked by the model; None with the model's errors."""
    fields = present_fields(Organisation, ORGANISATION_FIELDS, data)
    base = {n: getattr(target, n) for n in ORGANISATION_FIELDS} if target else {}
    candidate = Organisation(municipality=municipality, **{**base, **fields})
    if target:
        candidate.pk = target.pk
    try:
        candidate.full_clean(
            exclude=["municipality"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        errors.extend(
            RowError(number, _org_header(name), message.rstrip("."))
            for name, messages in error.message_dict.items()
            for message in messages
        )
        return None
    return candidate


def _org_header(name: str) -> str:
    return next((c.header for c in spreadsheets.ORGANISATION_COLUMNS if c.source == name), "—")


def organisation_import_apply(user: User, preview: ImportPreview) -> dict:
    if preview.errors:
        raise ImportFileError("В файле есть ошибки: исправьте их и загрузите файл снова.")
    with transaction.atomic():
        bulk_create_with_history(preview.create, Organisation, batch_size=1000, default_user=user)
        updated = []
        for target, candidate in preview.update:
            for name in ORGANISATION_FIELDS:
                setattr(target, name, getattr(candidate, name))
            updated.append(target)
        if updated:
            bulk_update_with_history(
                updated, Organisation, ORGANISATION_FIELDS, batch_size=1000, default_user=user
            )
        written = {c.inn: c.municipality_id for c in preview.create} | {
            t.inn: t.municipality_id for t in updated
        }
        settlements.place_by_address(
            o
            for o in Organisation.objects.filter(inn__in=written, settlement=None)
            if written[o.inn] == o.municipality_id
        )
        changed = [o.pk for o in updated]
        if changed:
            transaction.on_commit(
                lambda: signals.organisation_changed.send(
                    sender=Organisation, organisation_ids=changed
                )
            )
    return preview.summary()
