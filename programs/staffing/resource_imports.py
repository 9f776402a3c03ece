"""Rooms and equipment of one organisation from the portal's Excel template.

The template has two sheets, «Помещения» and «Оборудование»: a room is named once and the
equipment rows say which room holds them by its name, as a person fills an inventory. Every
row is checked first; with any error nothing is written and each error names its sheet, row,
column and reason. A room whose name the organisation already has is updated; equipment of
the same kind, model and room is the same equipment, its count updated.
"""

import io
from dataclasses import dataclass, field

from django.db import transaction

from moc_portal.core import sheet_import as reading
from moc_portal.core import sheet_layout, sheet_templates
from moc_portal.core.errors import DomainError
from moc_portal.core.sheet_cells import convert_cell
from moc_portal.core.spreadsheets import Column
from moc_portal.users.models import User

from ..models import Organisation
from . import resource_words, resources
from .models import Equipment, Room, RoomKind

ROOMS_SHEET, EQUIPMENT_SHEET = "Помещения", "Оборудование"
ROOM_COLUMNS = [
    Column("Помещение", "name", required=True, width=30, note="Название, например «Кабинет 12»"),
    Column("Вид", "kind", kind="choice", choices=tuple(RoomKind.choices), required=True),
    Column("Мест", "capacity", kind="int", width=10),
    Column("Доступная среда", "accessible", kind="bool", width=12),
    Column("Примечание", "note", width=30),
]
EQUIPMENT_COLUMNS = [
    Column("Вид оборудования", "kind", required=True, width=25, note="Например, «3D-принтер»"),
    Column("Модель, описание", "model", width=30),
    Column("Количество", "count", kind="int", required=True, width=12),
    Column(
        "Помещение",
        "room",
        width=30,
        note="Название помещения с листа «Помещения» или уже внесённого на портале",
    ),
]
ROOM_EXAMPLE = {
    "Помещение": "Кванториум",
    "Вид": "Лаборатория",
    "Мест": 15,
    "Доступная среда": "да",
}
EQUIPMENT_EXAMPLE = {
    "Вид оборудования": "3D-принтер",
    "Модель, описание": "Picaso Designer X",
    "Количество": 2,
    "Помещение": "Кванториум",
}


def write_template(target, *, user: User, organisation: Organisation) -> None:
    sheet_templates.write_template(
        target,
        columns=ROOM_COLUMNS,
        sheet=ROOMS_SHEET,
        example=ROOM_EXAMPLE,
        more_sheets=[(EQUIPMENT_SHEET, EQUIPMENT_COLUMNS, EQUIPMENT_EXAMPLE, [])],
        reference_lists={},
        title=sheet_layout.PrintTitle(
            f"Помещения и оборудование: {organisation.short_name}", organisation.municipality
        ),
    )


@dataclass
class InventoryPlan:
    """What a file holds, checked: rooms and equipment as dicts, and the errors found."""

    rooms: list = field(default_factory=list)
    equipment: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def error(self, sheet: str, row: int, column: str, message: str) -> None:
        self.errors.append(f"Лист «{sheet}», строка {row}, колонка «{column}»: {message}.")


class InventoryImportError(DomainError):
    def __init__(self, errors: list[str]):
        super().__init__("Файл не загружен: исправьте ошибки и загрузите его снова.")
        self.errors = errors


def _sheet(data: bytes, name: str, columns, plan: InventoryPlan):
    read = reading.read_rows(data, sheet_name=name, width=len(columns), optional=True)
    if read is None:
        return []
    header, body = read
    problems = reading.check_header(header, columns)
    for problem in problems:
        plan.error(name, problem.row, problem.column, problem.message)
    if problems:
        return []
    place = {c.header: header.index(c.header) for c in columns if c.header in header}
    rows = []
    for number, values in body:
        row = {"row": number}
        for column in columns:
            index = place.get(column.header)
            value = values[index] if index is not None and index < len(values) else None
            try:
                row[column.source] = convert_cell(column, value)
            except ValueError as error:
                plan.error(name, number, column.header, str(error))
        rows.append(row)
    return rows


def read_inventory(data: bytes, organisation: Organisation) -> InventoryPlan:
    """The file's rooms and equipment, every row checked against the template and the
    organisation's rooms."""
    plan = InventoryPlan()
    plan.rooms = _sheet(data, ROOMS_SHEET, ROOM_COLUMNS, plan)
    plan.equipment = _sheet(data, EQUIPMENT_SHEET, EQUIPMENT_COLUMNS, plan)
    if not plan.errors and not plan.rooms and not plan.equipment:
        plan.errors.append(
            f"В файле нет листов «{ROOMS_SHEET}» и «{EQUIPMENT_SHEET}» с данными: заполните "
            "шаблон портала."
        )
    _check_rooms(plan)
    _check_equipment(plan, organisation)
    return plan


def _key(name) -> str:
    return " ".join(str(name or "").lower().replace("ё", "е").split())


def _check_rooms(plan: InventoryPlan) -> None:
    seen = {}
    for room in plan.rooms:
        key = _key(room.get("name"))
        if key and key in seen:
            plan.error(
                ROOMS_SHEET,
                room["row"],
                "Помещение",
                f"помещение «{room['name']}» уже есть в строке {seen[key]}: у каждого "
                "помещения своё название",
            )
        seen.setdefault(key, room["row"])
        if room.get("capacity") is not None and room["capacity"] <= 0:
            plan.error(ROOMS_SHEET, room["row"], "Мест", "число мест — от 1 и больше")


def _check_equipment(plan: InventoryPlan, organisation: Organisation) -> None:
    known = {_key(room.get("name")) for room in plan.rooms}
    known |= {_key(name) for name in organisation.rooms.values_list("name", flat=True)}
    for item in plan.equipment:
        if item.get("count") is not None and item["count"] <= 0:
            plan.error(EQUIPMENT_SHEET, item["row"], "Количество", "количество — от 1 и больше")
        room = item.get("room")
        if room and _key(room) not in known:
            plan.error(
                EQUIPMENT_SHEET,
                item["row"],
                "Помещение",
                f"помещения «{room}» нет ни на листе «{ROOMS_SHEET}», ни в организации: "
                "добавьте его или исправьте название",
            )


def import_inventory(*, user: User, organisation: Organisation, data: bytes) -> dict:
    """Reads the file and writes all of it, or nothing (``InventoryImportError`` lists why).
    Returns how many rooms and equipment rows were created and updated."""
    resources.check_keeps_inventory(user, organisation)
    plan = read_inventory(data, organisation)
    if plan.errors:
        raise InventoryImportError(plan.errors)
    with transaction.atomic():
        return _write(plan, organisation)


def _write(plan: InventoryPlan, organisation: Organisation) -> dict:
    counts = {"rooms": 0, "equipment": 0}
    rooms = {_key(room.name): room for room in organisation.rooms.select_for_update()}
    touched_rooms = []
    for row in plan.rooms:
        room = rooms.get(_key(row["name"])) or Room(organisation=organisation)
        for name in resources.ROOM_FIELDS:
            setattr(room, name, row[name])
        room.full_clean()
        room.save()
        rooms[_key(room.name)] = room
        touched_rooms.append(room)
    touched = []
    for row in plan.equipment:
        room = rooms.get(_key(row["room"])) if row["room"] else None
        item = Equipment.objects.filter(
            organisation=organisation, kind=row["kind"], model=row["model"], room=room
        ).first() or Equipment(organisation=organisation, kind=row["kind"], model=row["model"])
        item.room, item.count = room, row["count"]
        item.full_clean()
        item.save()
        touched.append(item)
    resource_words.index(rooms=touched_rooms, equipment=touched)
    counts.update(rooms=len(touched_rooms), equipment=len(touched))
    return counts


def template_bytes(*, user: User, organisation: Organisation) -> io.BytesIO:
    buffer = io.BytesIO()
    write_template(buffer, user=user, organisation=organisation)
    return buffer
