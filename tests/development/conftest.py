import io
from datetime import date

import pytest
from openpyxl import Workbook

from programs.staffing.models import Teacher


def make_teacher(organisation, surname="Шацких", name="Наталья", **fields):
    fields.setdefault("post", "педагог дополнительного образования")
    return Teacher.objects.create(organisation=organisation, surname=surname, name=name, **fields)


@pytest.fixture
def teacher_a(org_a):
    return make_teacher(org_a, patronymic="Александровна", hired_on=date(2015, 9, 1))


@pytest.fixture
def teacher_b(org_b):
    return make_teacher(org_b, surname="Ретюнских", name="Ольга", hired_on=date(2018, 9, 1))


def workbook(header: list, rows: list) -> bytes:
    """An import file as the template lays it out: a title, the head, the rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Педагоги"
    sheet.append(["Шаблон загрузки педагогов"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
