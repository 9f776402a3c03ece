"""Spreadsheets of the registry. One column specification serves the import templates, the
exports and (next) the import, so a file the portal exports opens again as an import.

Data exports are written by rustpy-xlsxwriter, row by row from a database iterator: the issue's
measurement on this machine gave 1.3 s for 50,000 rows × 30 columns against 16–20 s for
XlsxWriter and openpyxl. The templates are a few rows with range-based drop-down lists, which
only openpyxl writes here; their size makes its speed irrelevant.
"""

import itertools
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from rustpy_xlsxwriter import Format, write_worksheet

from .choices import (
    Department,
    Focus,
    LegalForm,
    Level,
    OrganisationType,
    OvzCategory,
    Ownership,
    ProgramStatus,
    ProgramType,
    Registry,
    StudyForm,
)

YES, NO = "да", "нет"
LIST_SEPARATOR = "; "
DATE_FORMAT = "dd.mm.yyyy"
DATETIME_FORMAT = "dd.mm.yyyy hh:mm"


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its Russian header, what it holds and how it is written."""

    header: str
    source: str  # the value's path in the export query (``organisation__inn``)
    kind: str = "text"  # text, int, decimal, bool, choice, choices, date, datetime
    width: float = 18
    choices: tuple = field(default=())
    required: bool = False
    importable: bool = True
    note: str = ""

    def export_value(self, value):
        if value is None or value == "":
            return None
        if self.kind == "bool":
            return YES if value else NO
        if self.kind == "choice":
            return dict(self.choices).get(value, value)
        if self.kind == "choices":
            labels = dict(self.choices)
            return LIST_SEPARATOR.join(str(labels.get(v, v)) for v in value) or None
        if self.kind == "decimal":
            return float(value)
        if self.kind == "datetime" and isinstance(value, datetime):
            return timezone.localtime(value).replace(tzinfo=None)
        return value

    @property
    def reference_values(self) -> list[str]:
        if self.kind == "bool":
            return [YES, NO]
        return [str(label) for _, label in self.choices]


def _c(header, source, kind="text", **options) -> Column:
    return Column(header=header, source=source, kind=kind, **options)


PROGRAM_COLUMNS = [
    _c("ID портала", "pk", "int", width=11, note="Заполняется порталом; пусто — новая программа"),
    _c("ИНН организации", "organisation__inn", width=14, required=True),
    _c("Организация", "organisation__short_name", width=30, importable=False),
    _c("Учебный год", "academic_year", width=12, required=True, note="Например, 2025/2026"),
    _c("Полное наименование", "name", width=40, required=True),
    _c("Краткое описание", "short_description", width=40, required=True),
    _c("Содержание программы", "content", width=40, required=True),
    _c("Цели и задачи", "goals", width=40, required=True),
    _c("Ожидаемые результаты", "expected_results", width=40, required=True),
    _c("Направленность", "focus", "choice", choices=tuple(Focus.choices), width=24, required=True),
    _c("Профиль", "specialisation__name", width=24, note="Из справочника профилей портала"),
    _c("Уровень", "level", "choice", choices=tuple(Level.choices), width=24, required=True),
    _c("Вид программы", "program_type", "choice", choices=tuple(ProgramType.choices), width=20),
    _c("Возраст от", "age_from", "int", width=10, required=True),
    _c("Возраст до", "age_to", "int", width=10, required=True),
    _c("Продолжительность, мес.", "duration_months", "int", width=12, required=True),
    _c("Объём, ак. ч.", "duration_hours", "int", width=10, required=True),
    _c("Форма обучения", "study_form", "choice", choices=tuple(StudyForm.choices), width=14),
    _c("С применением ДОТ и ЭО", "uses_distance_technologies", "bool", width=12),
    _c("Подходит для детей с ОВЗ", "ovz_suitable", "bool", width=12),
    _c("Категории ОВЗ", "ovz_categories", "choices", choices=tuple(OvzCategory.choices), width=30),
    _c("Профориентация", "aids_career_guidance", "bool", width=12),
    _c("Бесплатно", "funding_budget", "bool", width=11),
    _c("Сертификат ПФДО", "funding_certificate", "bool", width=11),
    _c("Платно", "funding_paid", "bool", width=10),
    _c("Стоимость, руб.", "cost", "decimal", width=12),
    _c("Реестры", "registries", "choices", choices=tuple(Registry.choices), width=30),
    _c("Место проведения", "address", width=30),
    _c(
        "Статус",
        "status",
        "choice",
        choices=tuple(ProgramStatus.choices),
        width=16,
        importable=False,
    ),
    _c("Изменена", "updated_at", "datetime", width=17, importable=False),
]

ORGANISATION_COLUMNS = [
    _c("ID портала", "pk", "int", width=11, note="Заполняется порталом; пусто — новая организация"),
    _c("Полное наименование", "full_name", width=50, required=True),
    _c("Краткое наименование", "short_name", width=30, required=True),
    _c(
        "Тип",
        "org_type",
        "choice",
        choices=tuple(OrganisationType.choices),
        width=30,
        required=True,
    ),
    _c("Ведомство", "department", "choice", choices=tuple(Department.choices), width=18),
    _c(
        "Организационно-правовая форма",
        "legal_form",
        "choice",
        choices=tuple(LegalForm.choices),
        width=24,
    ),
    _c("Форма собственности", "ownership", "choice", choices=tuple(Ownership.choices), width=22),
    _c("ИНН", "inn", width=14, required=True),
    _c("ОГРН", "ogrn", width=16, required=True),
    _c("Руководитель", "head_name", width=28),
    _c("Адрес", "address", width=40, required=True),
    _c("Телефон", "phone", width=18),
    _c("Электронная почта", "email", width=24),
    _c("Сайт", "website", width=24),
    _c("Муниципальный опорный центр", "is_support_centre", "bool", width=12),
    _c("Работников всего", "staff_total", "int", width=10),
    _c("Педагогов ДО", "teachers_total", "int", width=10),
    _c("Помещений для ДО", "classrooms", "int", width=10),
    _c("Доступная среда", "has_accessible_environment", "bool", width=10),
    _c("Муниципалитет", "municipality__name", width=28, importable=False),
    _c("Программ опубликовано", "published_count", "int", width=12, importable=False),
]

TRANSITION_COLUMNS = [
    _c("Дата и время", "created_at", "datetime", width=17),
    _c("ID программы", "program_id", "int", width=11),
    _c("Программа", "program__name", width=40),
    _c("Организация", "program__organisation__short_name", width=30),
    _c("Из статуса", "from_status", "choice", choices=tuple(ProgramStatus.choices), width=18),
    _c("В статус", "to_status", "choice", choices=tuple(ProgramStatus.choices), width=18),
    _c("Кто", "actor_name", width=28),
    _c("Комментарий", "comment", width=60),
]


def export_rows(queryset, columns):
    """Dicts {header: value} streamed from the database in chunks."""
    sources = [column.source for column in columns]
    for values in queryset.values_list(*sources).iterator(chunk_size=2000):
        yield {
            column.header: column.export_value(value)
            for column, value in zip(columns, values, strict=True)
        }


def write_sheet(rows, target, *, sheet: str, columns) -> None:
    """One formatted sheet: bold frozen header, autofilter, widths, dates and numbers typed.

    The writer takes its header from the first row, so an empty export gets one blank row:
    the file still has its header and opens again as an import template.
    """
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        first = dict.fromkeys(c.header for c in columns)
    rows = itertools.chain([first], rows)
    formats = {
        c.header: Format().set_num_format(DATETIME_FORMAT if c.kind == "datetime" else DATE_FORMAT)
        for c in columns
        if c.kind in ("date", "datetime")
    }
    write_worksheet(
        rows,
        target,
        sheet_name=sheet,
        freeze_row=1,
        bold_headers=True,
        autofilter=True,
        column_widths={c.header: c.width for c in columns},
        column_formats=formats or None,
        float_format="#,##0.##",
        datetime_format=DATETIME_FORMAT,
        notes={c.header: c.note for c in columns if c.note} or None,
    )


def write_template(target, *, columns, sheet: str, example: dict, reference_lists: dict) -> None:
    """An import template: headers, an example row, drop-down lists, and instructions.

    ``reference_lists`` adds lists that depend on the person (their organisations' INN,
    the profiles): {header: [values]}.
    """
    book = Workbook()
    data = book.active
    data.title = sheet
    references = book.create_sheet("Справочники")
    instructions = book.create_sheet("Инструкция")
    importable = [c for c in columns if c.importable]
    for index, column in enumerate(importable, start=1):
        cell = data.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        data.column_dimensions[get_column_letter(index)].width = column.width
        data.cell(row=2, column=index, value=example.get(column.header))
    data.freeze_panes = "A2"

    ref_column = 0
    for index, column in enumerate(importable, start=1):
        values = reference_lists.get(column.header) or column.reference_values
        if not values:
            continue
        ref_column += 1
        letter = get_column_letter(ref_column)
        references.cell(row=1, column=ref_column, value=column.header).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            references.cell(row=row, column=ref_column, value=value)
        references.column_dimensions[letter].width = max(column.width, 20)
        several = column.kind == "choices"
        rule = DataValidation(
            type="list",
            formula1=f"=Справочники!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=not column.required,
            showErrorMessage=True,
            # Several values go in one cell «a; b»: the list only suggests, it does not forbid.
            errorStyle="information" if several else "stop",
            errorTitle="Значение не из списка",
            error=(
                f"Несколько значений пишите через «{LIST_SEPARATOR.strip()}»."
                if several
                else f"Выберите значение из списка «{column.header}»."
            ),
        )
        target_letter = get_column_letter(index)
        rule.add(f"{target_letter}2:{target_letter}10000")
        data.add_data_validation(rule)

    lines = [
        "Как заполнить",
        "1. Одна строка — одна запись. Первая строка листа — заголовки: не меняйте их.",
        "2. Строка 2 — пример: замените её своими данными или удалите.",
        "3. Колонку «ID портала» оставьте пустой для новых записей; при выгрузке из портала она "
        "заполнена, и по ней повторная загрузка обновит ту же запись.",
        "4. Значения справочников выбирайте из выпадающих списков; допустимые значения — "
        "на листе «Справочники» и ниже.",
        f"5. Несколько значений в одной ячейке разделяйте точкой с запятой: «{LIST_SEPARATOR}».",
        f"6. Да/нет пишите словами «{YES}» или «{NO}». Формулы и объединённые ячейки не "
        "допускаются.",
        "",
        "Колонки",
    ]
    for column in importable:
        values = reference_lists.get(column.header) or column.reference_values
        mark = "обязательная" if column.required else "необязательная"
        allowed = f" Допустимо: {LIST_SEPARATOR.join(values)}." if values else ""
        note = f" {column.note}." if column.note else ""
        lines.append(f"«{column.header}» — {mark}.{note}{allowed}")
    for row, line in enumerate(lines, start=1):
        cell = instructions.cell(row=row, column=1, value=line)
        if line in ("Как заполнить", "Колонки"):
            cell.font = Font(bold=True)
    instructions.column_dimensions["A"].width = 120
    book.save(target)


def program_example(organisation_inn: str) -> dict:
    return {
        "ИНН организации": organisation_inn,
        "Учебный год": "2025/2026",
        "Полное наименование": "Робототехника для начинающих",
        "Краткое описание": "Собираем и программируем роботов из конструктора.",
        "Содержание программы": "Вводное занятие, механизмы, датчики, программирование, проект.",
        "Цели и задачи": "Развитие инженерного мышления и интереса к технике.",
        "Ожидаемые результаты": "Ребёнок собирает и программирует робота по схеме и по замыслу.",
        "Направленность": Focus.TECHNICAL.label,
        "Уровень": Level.STARTING.label,
        "Вид программы": ProgramType.GENERAL_DEVELOPMENT.label,
        "Возраст от": 8,
        "Возраст до": 12,
        "Продолжительность, мес.": 9,
        "Объём, ак. ч.": 72,
        "Форма обучения": StudyForm.FULL_TIME.label,
        "С применением ДОТ и ЭО": NO,
        "Подходит для детей с ОВЗ": NO,
        "Профориентация": NO,
        "Бесплатно": YES,
        "Сертификат ПФДО": NO,
        "Платно": NO,
        "Реестры": Registry.SIGNIFICANT.label,
    }


def organisation_example() -> dict:
    return {
        "Полное наименование": "Муниципальное бюджетное общеобразовательное учреждение "
        "«Средняя школа № 3»",
        "Краткое наименование": "МБОУ СШ № 3",
        "Тип": OrganisationType.GENERAL.label,
        "Ведомство": Department.EDUCATION.label,
        "Организационно-правовая форма": LegalForm.BUDGETARY.label,
        "Форма собственности": Ownership.MUNICIPAL.label,
        "ИНН": "4808000099",
        "ОГРН": "1024800000099",
        "Адрес": "399200, Липецкая обл., г. Задонск, ул. Школьная, д. 3",
        "Муниципальный опорный центр": NO,
        "Доступная среда": YES,
        "Работников всего": 40,
        "Педагогов ДО": 6,
        "Помещений для ДО": 4,
    }
