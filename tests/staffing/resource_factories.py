"""Rooms, equipment and inventory files for the resource tests."""

import io

from openpyxl import Workbook

from programs.staffing import resource_words
from programs.staffing.models import Equipment, Room, RoomKind


def room(organisation, name="Кабинет 12", kind=RoomKind.CLASSROOM, **fields) -> Room:
    made = Room.objects.create(organisation=organisation, name=name, kind=kind, **fields)
    resource_words.index(rooms=[made], fresh=True)
    return made


def equipment(organisation, kind="3D-принтер", count=1, **fields) -> Equipment:
    made = Equipment.objects.create(organisation=organisation, kind=kind, count=count, **fields)
    resource_words.index(equipment=[made], fresh=True)
    return made


ROOM_HEAD = ["Помещение", "Вид", "Мест", "Доступная среда", "Примечание"]
EQUIPMENT_HEAD = ["Вид оборудования", "Модель, описание", "Количество", "Помещение"]


def inventory_file(rooms=(), equipment=(), *, sheets=("Помещения", "Оборудование")) -> bytes:
    """A filled template: a title in row 1, the heads in row 2, the rows under them."""
    book = Workbook()
    book.remove(book.active)
    for name, head, rows in (
        ("Помещения", ROOM_HEAD, rooms),
        ("Оборудование", EQUIPMENT_HEAD, equipment),
    ):
        if name not in sheets:
            continue
        sheet = book.create_sheet(name)
        sheet.append([f"{name} · МБОУ СШ № 1"])
        sheet.append(head)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
