"""The staffing and resources page as a workbook: a sheet per table of the page (teachers by
settlement and focus area, qualification categories, overdue courses, rooms, equipment), each
with its title row and head row like the portal's other exports; the region's file has the
one table of municipalities."""

import io
from datetime import date

from moc_portal.core import sheet_layout
from moc_portal.core import spreadsheets as sheets
from programs.choices import FOCUSES, Focus

from . import staffing

WHAT = "Кадры и ресурсы"

TEACHER_COLUMNS = [
    sheets.Column("Населённый пункт", "settlement", width=24),
    sheets.Column("Педагогов", "teachers", kind="int", width=10),
    *[sheets.Column(Focus(f).label, f"focus_{f}", kind="int", width=14) for f in FOCUSES],
]
CATEGORY_COLUMNS = [
    sheets.Column("Квалификационная категория", "label", width=36),
    sheets.Column("Педагогов", "count", kind="int", width=10),
]
OVERDUE_COLUMNS = [
    sheets.Column("Педагог", "teacher", width=30),
    sheets.Column("Должность", "post", width=24),
    sheets.Column("Организация", "organisation", width=34),
    sheets.Column("Последний курс окончен", "last_course", kind="date", width=14),
    sheets.Column("Следующий курс — до", "due", kind="date", width=14),
]
ROOM_COLUMNS = [
    sheets.Column("Вид помещения", "kind", width=30),
    sheets.Column("Помещений", "count", kind="int", width=11),
    sheets.Column("С доступной средой", "accessible", kind="int", width=12),
]
EQUIPMENT_COLUMNS = [
    sheets.Column("Вид оборудования", "kind", width=36),
    sheets.Column("Единиц", "count", kind="int", width=10),
]
REGION_COLUMNS = [
    sheets.Column("Муниципалитет", "municipality", width=30),
    sheets.Column("Педагогов", "teachers", kind="int", width=10),
    sheets.Column("С первой и высшей категорией", "qualified", kind="int", width=14),
    sheets.Column("Курсы просрочены", "overdue", kind="int", width=11),
    sheets.Column("Помещений", "rooms", kind="int", width=11),
    sheets.Column("С доступной средой", "accessible", kind="int", width=12),
    sheets.Column("Единиц оборудования", "equipment", kind="int", width=12),
]


def workbook(municipality_ids: list[int], municipality, as_of: date) -> io.BytesIO:
    buffer = io.BytesIO()
    title = sheet_layout.PrintTitle(WHAT, municipality, as_of)
    if municipality is None:
        rows = [
            {**row, "municipality": row["municipality"].name}
            for row in staffing.region_rows(municipality_ids, as_of)
        ]
        tables = [("Муниципалитеты", rows, REGION_COLUMNS)]
    else:
        tables = municipality_tables(municipality_ids, as_of)
    sheets.write_sheets(
        buffer,
        [(name, sheets.source_rows(rows, columns), columns) for name, rows, columns in tables],
        title=title,
    )
    buffer.seek(0)
    return buffer


def municipality_tables(municipality_ids: list[int], as_of: date) -> list[tuple]:
    """[(sheet name, rows as dicts by source, columns)] in the page's order."""
    figures = staffing.figures(municipality_ids, as_of)
    teachers = [
        {
            "settlement": line.name,
            "teachers": line.teachers,
            **{f"focus_{f}": line.by_focus.get(f, 0) for f in FOCUSES},
        }
        for line in figures.settlements
    ]
    teachers.append(
        {
            "settlement": "Всего",
            "teachers": figures.teachers,
            **{f"focus_{focus}": n for focus, n in figures.focus_totals},
        }
    )
    overdue = [
        {
            "teacher": row["teacher"].full_name,
            "post": row["teacher"].post,
            "organisation": row["organisation"].short_name or row["organisation"].full_name,
            "last_course": row["last_course"],
            "due": row["due"],
        }
        for row in staffing.overdue_rows(municipality_ids, as_of)
    ]
    equipment = [{"kind": kind, "count": n} for kind, n in figures.equipment]
    if figures.equipment_other:
        equipment.append({"kind": "Прочее оборудование", "count": figures.equipment_other})
    return [
        ("Педагоги", teachers, TEACHER_COLUMNS),
        (
            "Категории",
            [{"label": label, "count": n} for label, n in figures.categories],
            CATEGORY_COLUMNS,
        ),
        ("Просроченные курсы", overdue, OVERDUE_COLUMNS),
        ("Помещения", figures.rooms, ROOM_COLUMNS),
        ("Оборудование", equipment, EQUIPMENT_COLUMNS),
    ]
