"""What the teachers' growth tests share: a teacher of an organisation, an import file."""

import io

from openpyxl import Workbook

from programs.staffing.models import Teacher


def make_teacher(organisation, surname="Шацких", name="Наталья", **fields):
    fields.setdefault("post", "педагог дополнительного образования")
    return Teacher.objects.create(organisation=organisation, surname=surname, name=name, **fields)


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
