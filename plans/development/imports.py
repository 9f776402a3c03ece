"""Teachers and their courses from the portal's Excel template, all or nothing.

One row per teacher, with the columns of one course beside (a teacher on several rows has
several courses; their own columns are taken from their first row). A coordinator loads one
organisation's teachers; the centre's staff the municipality's, each row naming its
organisation by INN or short name. A teacher is matched by full name within the
organisation: found, their record is updated; not found, created. A course the teacher
already has (same programme and dates) is not added twice. Any error leaves everything as it
was and lists every row's errors in Russian.

Speed: the file is read once, the organisations, teachers and courses fetched in a query
each, and everything written by ``bulk_create``/``bulk_update``.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from moc_portal.core import sheet_layout, sheet_templates
from moc_portal.core.sheet_cells import convert_cell, normal, present_fields
from moc_portal.core.sheet_import import RowError, check_header, read_rows
from moc_portal.core.spreadsheets import Column
from programs.choices import Focus
from programs.models import Organisation
from programs.staffing.models import Category, Education, Employment, Teacher

from .models import Course, CourseKind

SHEET = "Педагоги"
ORGANISATION = Column(
    "Организация", "organisation", required=True, width=30, note="ИНН или краткое наименование"
)
TEACHER_COLUMNS = [
    Column("Фамилия", "surname", required=True, width=18),
    Column("Имя", "name", required=True, width=15),
    Column("Отчество", "patronymic", width=18),
    Column("Должность", "post", required=True, width=24),
    Column("Место работы", "employment", "choice", choices=tuple(Employment.choices)),
    Column("Образование", "education", "choice", width=24, choices=tuple(Education.choices)),
    Column("Категория", "category", "choice", width=20, choices=tuple(Category.choices)),
    Column("Дата присвоения категории", "category_date", "date", width=14),
    Column("Стаж, лет", "experience_years", "int", width=10),
    Column("Направленности", "focuses", "choices", width=30, choices=tuple(Focus.choices)),
    Column("Работает с", "hired_on", "date", width=14),
]
COURSE_COLUMNS = [
    Column("Вид курса", "kind", "choice", width=24, choices=tuple(CourseKind.choices)),
    Column("Программа курса", "title", width=40, required_when="если указан курс"),
    Column("Организация обучения", "provider", width=30),
    Column("Часов", "hours", "int", width=8, required_when="если указан курс"),
    Column("Начало курса", "starts_on", "date", width=14, required_when="если указан курс"),
    Column("Окончание курса", "ends_on", "date", width=14, required_when="если указан курс"),
    Column("Номер удостоверения", "certificate_number", width=20),
]
TEACHER_FIELDS = [c.source for c in TEACHER_COLUMNS]
COURSE_FIELDS = [c.source for c in COURSE_COLUMNS]
NEEDED_FOR_COURSE = {"title": "Программа курса", "hours": "Часов"}
NEEDED_FOR_COURSE |= {"starts_on": "Начало курса", "ends_on": "Окончание курса"}
BATCH = 1000


def columns_for(organisation_column: bool) -> list[Column]:
    return [ORGANISATION] * organisation_column + TEACHER_COLUMNS + COURSE_COLUMNS


@dataclass
class TeacherRow:
    number: int
    organisation: Organisation
    key: tuple
    teacher: dict
    course: dict | None


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    courses: int = 0
    errors: list = field(default_factory=list)


# --- reading -----------------------------------------------------------------------------


class OrganisationLookup:
    """The organisations a row may name: by INN, by short name, or as the template writes
    them («МБОУ СШ № 1 (4808001234)»)."""

    def __init__(self, organisations):
        self.found: dict[str, list[Organisation]] = {}
        for organisation in organisations:
            for name in (organisation.inn, organisation.short_name, label(organisation)):
                if name:
                    self.found.setdefault(normal(name), []).append(organisation)

    def get(self, value) -> Organisation:
        text = str(value).strip()
        if text.endswith(".0"):
            text = text[:-2]  # an INN Excel kept as a number
        found = self.found.get(normal(text), [])
        if len(found) == 1:
            return found[0]
        if found:
            raise ValueError(f"организаций «{text}» несколько: укажите ИНН")
        raise ValueError(f"организации «{text}» нет среди ваших организаций: проверьте ИНН")


def label(organisation: Organisation) -> str:
    return f"{organisation.short_name} ({organisation.inn})"


def teacher_key(organisation_id: int, data: dict) -> tuple:
    names = (data.get("surname"), data.get("name"), data.get("patronymic"))
    return (organisation_id, *(normal(part or "") for part in names))


def _course(data: dict, errors: list) -> dict | None:
    course = {name: data.get(name) for name in COURSE_FIELDS}
    if not any(value for value in course.values()):
        return None
    for name, header in NEEDED_FOR_COURSE.items():
        if course[name] in (None, ""):
            errors.append((header, "укажите, раз в строке есть курс"))
    course["kind"] = course["kind"] or CourseKind.QUALIFICATION
    start, end = course["starts_on"], course["ends_on"]
    if start and end and end < start:
        errors.append(("Окончание курса", "курс не может закончиться раньше, чем начался"))
    return course


class Cells:
    """Each cell converted as its column means it; a text of a list (a choice, an
    organisation's name) is converted once per file, however many rows repeat it."""

    def __init__(self, columns):
        self.columns = columns
        self.seen = {}

    def convert(self, values: dict) -> tuple[dict, list]:
        data, problems = {}, []
        for column in self.columns:
            if column.header not in values:
                continue
            value = values[column.header]
            try:
                if column.kind in ("choice", "choices") and isinstance(value, str):
                    key = (column.header, value)
                    if key not in self.seen:
                        self.seen[key] = convert_cell(column, value)
                    converted = self.seen[key]
                    data[column.source] = list(converted) if column.kind == "choices" else converted
                else:
                    data[column.source] = convert_cell(column, value)
            except ValueError as error:
                problems.append((column.header, str(error)))
        return data, problems


def _row(number, values, cells, organisations, fixed, today, errors):
    data, problems = cells.convert(values)
    organisation = fixed
    if fixed is None and "organisation" in data:
        try:
            organisation = organisations.get(data.pop("organisation"))
        except ValueError as error:
            problems.append((ORGANISATION.header, str(error)))
    if data.get("category_date") and data["category_date"] > today:
        problems.append(("Дата присвоения категории", "дата ещё не наступила"))
    if data.get("hired_on") and data["hired_on"] > today:
        problems.append(("Работает с", "дата ещё не наступила"))
    if data.get("category") not in (None, "", Category.NONE) and not data.get("category_date"):
        problems.append(("Дата присвоения категории", "укажите дату: категория без даты"))
    course = _course(data, problems)
    errors += [RowError(number, column, message) for column, message in problems]
    if problems or organisation is None:
        return None
    teacher = present_fields(Teacher, TEACHER_FIELDS, data)
    return TeacherRow(number, organisation, teacher_key(organisation.pk, data), teacher, course)


def read_teachers(data: bytes, *, user, organisation: Organisation | None = None):
    """([TeacherRow], [RowError]) of the file; ``organisation``: the one a coordinator loads
    for (no organisation column), None for the staff's file with the column."""
    columns = columns_for(organisation is None)
    header, body = read_rows(data, sheet_name=SHEET, width=len(columns))
    errors = check_header(header, columns)
    if errors:
        return [], errors
    lookup = None
    if organisation is None:
        lookup = OrganisationLookup(Organisation.objects.managed_by(user).only("inn", "short_name"))
    today = timezone.localdate()
    rows, seen, cells = [], {}, Cells(columns)
    for number, values in body:
        values = dict(zip(header, values, strict=False))
        row = _row(number, values, cells, lookup, organisation, today, errors)
        if row is None:
            continue
        signature = (row.key, _course_key(row.course))
        if signature in seen:
            errors.append(RowError(number, "—", f"строка повторяет строку {seen[signature]}"))
            continue
        seen[signature] = number
        rows.append(row)
    return rows, errors


def _course_key(course: dict | None):
    if course is None:
        return None
    return (normal(course["title"] or ""), course["starts_on"], course["ends_on"])


# --- writing -----------------------------------------------------------------------------


def _limits(model, names) -> list:
    """(field, its validators and length) of the fields an import writes: their checks
    without ``clean_fields``' work on fields the cells have checked already."""
    fields = [model._meta.get_field(name) for name in names]
    return [(f, f.validators) for f in fields if f.validators]


TEACHER_LIMITS = _limits(Teacher, TEACHER_FIELDS)
COURSE_LIMITS = _limits(Course, [n for n in COURSE_FIELDS if n != "kind"])


def _validated(instance, limits, number, errors) -> None:
    for model_field, validators in limits:
        value = getattr(instance, model_field.attname)
        if value in (None, ""):
            continue
        try:
            for validator in validators:
                validator(value)
        except ValidationError as error:
            verbose = str(model_field.verbose_name)
            errors += [RowError(number, verbose, message) for message in error.messages]


def _teachers(rows: list[TeacherRow], errors: list) -> tuple[dict, list, list]:
    """{key: Teacher} of every teacher named, with the new and the changed ones."""
    organisations = {row.organisation.pk for row in rows}
    existing = {}
    for teacher in Teacher.objects.filter(organisation_id__in=organisations):
        existing[teacher_key(teacher.organisation_id, vars(teacher))] = teacher
    teachers, new, changed = {}, [], []
    now = timezone.now()
    for row in rows:
        if row.key in teachers:
            continue
        teacher = existing.get(row.key)
        if teacher is None:
            teacher = Teacher(organisation=row.organisation, **row.teacher)
            new.append(teacher)
        else:
            for name, value in row.teacher.items():
                setattr(teacher, name, value)
            teacher.updated_at = now
            changed.append(teacher)
        _validated(teacher, TEACHER_LIMITS, row.number, errors)
        teachers[row.key] = teacher
    return teachers, new, changed


def _courses(rows: list[TeacherRow], teachers: dict, errors: list) -> list[Course]:
    known = {
        (teacher_id, normal(title), start, end)
        for teacher_id, title, start, end in Course.objects.filter(
            teacher__in=[t for t in teachers.values() if t.pk]
        ).values_list("teacher_id", "title", "starts_on", "ends_on")
    }
    courses = []
    for row in rows:
        if row.course is None:
            continue
        teacher = teachers[row.key]
        title, start, end = _course_key(row.course)
        if teacher.pk and (teacher.pk, title, start, end) in known:
            continue
        course = Course(teacher=teacher, **{k: v for k, v in row.course.items() if v is not None})
        _validated(course, COURSE_LIMITS, row.number, errors)
        courses.append(course)
    return courses


def teachers_import(data: bytes, *, user, organisation: Organisation | None = None):
    """Read and write the file, all or nothing: an ``ImportResult`` with the counts, or with
    the errors and nothing written."""
    rows, errors = read_teachers(data, user=user, organisation=organisation)
    result = ImportResult(errors=errors)
    if errors:
        return result
    with transaction.atomic():
        teachers, new, changed = _teachers(rows, errors)
        courses = _courses(rows, teachers, errors)
        if errors:
            transaction.set_rollback(True)
            return result
        Teacher.objects.bulk_create(new, batch_size=BATCH)
        Teacher.objects.bulk_update(changed, [*TEACHER_FIELDS, "updated_at"], batch_size=BATCH)
        Course.objects.bulk_create(courses, batch_size=BATCH)
    result.created, result.updated, result.courses = len(new), len(changed), len(courses)
    return result


def write_template(target, *, user, organisations: list[Organisation]) -> None:
    """The import template: the organisation column for the centre's staff only."""
    staff = user.manages_registry
    ended = timezone.localdate().replace(day=1)
    example = {
        "Фамилия": "Шацких",
        "Имя": "Наталья",
        "Отчество": "Александровна",
        "Должность": "педагог дополнительного образования",
        "Место работы": Employment.MAIN.label,
        "Категория": Category.FIRST.label,
        "Направленности": Focus.TECHNICAL.label,
        "Вид курса": CourseKind.QUALIFICATION.label,
        "Программа курса": "Робототехника в дополнительном образовании",
        "Часов": 72,
        "Начало курса": ended - timedelta(days=30),
        "Окончание курса": ended,
    }
    if staff and organisations:
        example["Организация"] = label(organisations[0])
    sheet_templates.write_template(
        target,
        columns=columns_for(staff),
        sheet=SHEET,
        example=example,
        reference_lists={"Организация": [label(o) for o in organisations]} if staff else {},
        title=sheet_layout.PrintTitle.of("Шаблон загрузки педагогов", user),
    )
