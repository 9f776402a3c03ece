"""Excel import of programmes and organisations: check everything first, then write it all.

``import_check`` reads the file and validates every row, recording a preview (what would be
created, updated or left as it is) and every error with its row, column and reason in Russian.
``import_apply`` checks the file again and writes all rows in one transaction, or nothing.
Reading is python-calamine (the issue measured 4.4 s for 50,000 × 30 against openpyxl's 29 s).
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from python_calamine import CalamineError, CalamineWorkbook, PasswordError
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from moc_portal.core import search
from moc_portal.core import spreadsheets as sheets
from moc_portal.core.uploads import ImportFileError, check_office_file
from moc_portal.users.models import User

from . import selectors, services, signals, spreadsheets
from .choices import ProgramStatus
from .models import (
    Organisation,
    Program,
    ProgramTransition,
    PublishedProgram,
    Specialisation,
    SpreadsheetJob,
)

PREVIEW_ROWS = 200
PROGRESS_EVERY = 500
# No count or price in the registry reaches 10¹²; a cell like «1e999999999» would otherwise
# make Python build a billion-digit integer.
MAX_DIGITS = 12
NOT_AN_XLSX = (
    "Файл повреждён или это не таблица Excel (.xlsx). Откройте его в Excel и сохраните как "
    "«Книга Excel (.xlsx)»."
)


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


# --- reading -------------------------------------------------------------------------------


def read_rows(data: bytes, *, sheet_name: str) -> tuple[list[str], list[tuple[int, list]]]:
    """(header, [(sheet row number, values)]) of the sheet, after checking the file."""
    check_office_file(
        data,
        wrong_format=NOT_AN_XLSX,
        old_format="Файл защищён паролем или сохранён в старом формате .xls. Снимите пароль и "
        "сохраните файл как «Книга Excel (.xlsx)».",
    )
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError as error:
        raise ImportFileError("Файл защищён паролем. Снимите пароль и загрузите снова.") from error
    except (CalamineError, ValueError) as error:
        raise ImportFileError(NOT_AN_XLSX) from error
    name = sheet_name if sheet_name in book.sheet_names else book.sheet_names[0]
    sheet = book.get_sheet_by_name(name)
    merged = [_range_name(r) for r in (sheet.merged_cell_ranges or [])]
    if merged:
        raise ImportFileError(
            f"На листе «{name}» есть объединённые ячейки ({', '.join(merged[:5])}). "
            "Разъедините их: в каждой ячейке — одно значение."
        )
    formulas = _formula_cells(data, name)
    if formulas:
        raise ImportFileError(
            f"На листе «{name}» есть формулы (ячейки {', '.join(formulas[:5])}). Замените их "
            "значениями: «Копировать» → «Вставить значения»."
        )
    rows = sheet.to_python(skip_empty_area=False)
    if not rows or not any(_present(v) for v in rows[0]):
        raise ImportFileError(f"Лист «{name}» пуст: нет строки заголовков.")
    header = [str(v).strip() if _present(v) else "" for v in rows[0]]
    body = [
        (number, list(values))
        for number, values in enumerate(rows[1:], start=2)
        if any(_present(v) for v in values)
    ]
    if not body:
        raise ImportFileError(f"На листе «{name}» нет ни одной строки с данными под заголовком.")
    return header, body


def _formula_cells(data: bytes, sheet_name: str) -> list[str]:
    """Cells with a formula on that sheet, read from the sheet's XML (calamine gives values)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    path = _sheet_path(archive, sheet_name)
    if path is None:
        return []
    xml = archive.read(path).decode("utf-8", errors="replace")
    return re.findall(r'<c r="([A-Z]+\d+)"[^>]*>\s*<f[ >/]', xml)


def _sheet_path(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    try:
        workbook = archive.read("xl/workbook.xml").decode("utf-8", errors="replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", errors="replace")
    except KeyError:
        return None
    for name, rel_id in re.findall(r'<sheet [^>]*name="([^"]*)"[^>]*r:id="([^"]*)"', workbook):
        if _xml_unescape(name) == sheet_name:
            target = re.search(
                rf'Id="{re.escape(rel_id)}"[^>]*Target="([^"]*)"', rels
            ) or re.search(rf'Target="([^"]*)"[^>]*Id="{re.escape(rel_id)}"', rels)
            if target:
                path = target.group(1).lstrip("/")
                return path if path.startswith("xl/") else f"xl/{path}"
    return None


def _xml_unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    )


def _range_name(merged) -> str:
    (r1, c1), (r2, c2) = merged
    return f"{_cell_name(r1, c1)}:{_cell_name(r2, c2)}"


def _cell_name(row: int, col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def _present(value) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


# --- one row -------------------------------------------------------------------------------


@dataclass
class Lookups:
    """What a row's references resolve to, for one person."""

    organisations: dict = field(default_factory=dict)  # INN -> Organisation the person keeps
    known_inns: set = field(default_factory=set)  # every INN in the registry
    specialisations: dict = field(default_factory=dict)  # normalised name -> Specialisation


def convert_cell(column: sheets.Column, value):
    """The value a cell means for its column, or ValueError with the reason in Russian."""
    if not _present(value):
        if column.required:
            raise ValueError("обязательное поле не заполнено")
        return {"text": "", "choices": [], "bool": False}.get(column.kind)
    kind = column.kind
    if kind == "text":
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a number typed into a text column (an INN, say)
        if isinstance(value, (date, datetime)):
            raise ValueError("ожидается текст, а в ячейке дата")
        return str(value).strip()
    if kind == "int":
        number = _number(value)
        if number != int(number):
            raise ValueError(f"ожидается целое число, а указано «{value}»")
        return int(number)
    if kind == "decimal":
        return _number(value)
    if kind == "bool":
        text = _normal(value)
        if text in ("да", "1", "true", "истина", "+"):
            return True
        if text in ("нет", "0", "false", "ложь", "-"):
            return False
        raise ValueError(f"ожидается «да» или «нет», а указано «{value}»")
    if kind == "choice":
        return _choice(column, value)
    if kind == "choices":
        return [_choice(column, part) for part in re.split(r"[;\n]", str(value)) if part.strip()]
    if kind in ("date", "datetime"):
        return _date(value)
    raise ValueError(f"неизвестный вид колонки {kind}")


def _normal(value) -> str:
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
    wanted = _normal(value)
    for code, label in column.choices:
        if wanted in (_normal(label), _normal(code)):
            return code
    allowed = "; ".join(str(label) for _, label in column.choices)
    raise ValueError(f"значения «{str(value).strip()}» нет в справочнике; допустимо: {allowed}")


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


def convert_row(columns, values: dict) -> tuple[dict, list[tuple[str, str]]]:
    """{source: value} of the importable columns present, and [(header, reason)] errors."""
    cleaned, errors = {}, []
    for column in columns:
        if not column.importable or column.header not in values:
            continue
        try:
            cleaned[column.source] = convert_cell(column, values[column.header])
        except ValueError as error:
            errors.append((column.header, str(error)))
    return cleaned, errors


# --- programmes ----------------------------------------------------------------------------

PROGRAM_FIELDS = [
    c.source
    for c in spreadsheets.PROGRAM_COLUMNS
    if c.importable and c.source not in ("pk", "organisation__inn", "specialisation__name")
]
HEADER_OF = {c.source: c.header for c in spreadsheets.PROGRAM_COLUMNS}
HEADER_OF.update({"organisation": "ИНН организации", "specialisation": "Профиль"})


@dataclass
class Plan:
    """What an import would do."""

    create: list = field(default_factory=list)
    update: list = field(default_factory=list)
    unchanged: int = 0
    errors: list = field(default_factory=list)
    preview: list = field(default_factory=list)

    def show(self, row: int, action: str, name: str, organisation: str) -> None:
        """A line of the preview; the first PREVIEW_ROWS are kept."""
        if len(self.preview) < PREVIEW_ROWS:
            self.preview.append(
                {"row": row, "action": action, "name": name, "organisation": organisation}
            )

    def summary(self) -> dict:
        return {
            "create": len(self.create),
            "update": len(self.update),
            "unchanged": self.unchanged,
            "errors": len(self.errors),
        }


def program_lookups(user: User) -> Lookups:
    organisations = {o.inn: o for o in selectors.organisations_for_user(user)}
    return Lookups(
        organisations=organisations,
        known_inns=set(Organisation.objects.values_list("inn", flat=True)),
        specialisations={_normal(s.name): s for s in Specialisation.objects.all()},
    )


def plan_program_import(user: User, header, rows, *, progress=None) -> Plan:
    plan = Plan()
    columns = spreadsheets.PROGRAM_COLUMNS
    header_errors = _check_header(header, columns)
    if header_errors:
        plan.errors = header_errors
        return plan
    lookups = program_lookups(user)
    editable = services.STAFF_EDITABLE if user.manages_registry else services.COORDINATOR_EDITABLE
    existing = {
        p.pk: p
        for p in selectors.programs_for_user(user).select_related("organisation", "specialisation")
    }
    by_name = {(p.organisation_id, _normal(p.name)): p for p in existing.values()}
    seen: dict = {}
    for index, (number, values) in enumerate(rows):
        if progress and index and index % PROGRESS_EVERY == 0:
            progress(index)
        raw = dict(zip(header, values, strict=False))
        data, problems = convert_row(columns, raw)
        errors = [RowError(number, column, reason) for column, reason in problems]
        organisation = _row_organisation(data, lookups, number, errors)
        specialisation = _row_specialisation(data, lookups, number, errors)
        target = None
        if not errors:
            target, key_error = _row_target(data, organisation, existing, by_name)
            if key_error:
                errors.append(RowError(number, "ID портала", key_error))
        if not errors:
            key = target.pk if target else (organisation.pk, _normal(data["name"]))
            if key in seen:
                errors.append(
                    RowError(
                        number,
                        "Полное наименование",
                        f"строка повторяет строку {seen[key]} (та же программа)",
                    )
                )
            seen[key] = number
        if errors:
            plan.errors.extend(errors)
            continue
        fields = _present_fields(Program, PROGRAM_FIELDS, data)
        fields["organisation"] = organisation
        fields["specialisation"] = specialisation
        candidate = Program(
            **({**_field_values(target), **fields} if target else fields),
        )
        if target:
            candidate.pk = target.pk
            candidate.status = target.status
        model_errors = _model_errors(candidate, number)
        if model_errors:
            plan.errors.extend(model_errors)
            continue
        if target is None:
            candidate.status = ProgramStatus.DRAFT
            candidate.created_by = user
            plan.create.append(candidate)
            action = "создать"
        elif _same(target, candidate):
            plan.unchanged += 1
            action = "без изменений"
        elif target.status not in editable:
            plan.errors.append(
                RowError(
                    number,
                    "ID портала",
                    f"программа «{target.name}» в статусе «{target.get_status_display()}»: "
                    "её сейчас нельзя изменить",
                )
            )
            continue
        else:
            plan.update.append((target, candidate))
            action = "обновить"
        plan.show(number, action, candidate.name, organisation.short_name)
    return plan


def _check_header(header, columns) -> list[RowError]:
    known = {c.header for c in columns}
    required = [c.header for c in columns if c.required and c.importable]
    errors = [
        RowError(
            1,
            name or f"колонка {i + 1}",
            "колонки нет в шаблоне: проверьте заголовок или скачайте шаблон заново",
        )
        for i, name in enumerate(header)
        if name not in known
    ]
    errors += [
        RowError(1, name, "обязательной колонки нет в файле: добавьте её, как в шаблоне")
        for name in required
        if name not in header
    ]
    duplicates = {name for name in header if name and header.count(name) > 1}
    errors += [RowError(1, name, "колонка повторяется") for name in sorted(duplicates)]
    return errors


def _row_organisation(data, lookups, number, errors):
    inn = data.get("organisation__inn")
    if not inn:
        return None
    organisation = lookups.organisations.get(inn)
    if organisation is None:
        reason = (
            f"организация с ИНН {inn} есть в реестре, но вы не можете загружать её программы"
            if inn in lookups.known_inns
            else f"организации с ИНН {inn} нет в реестре: сначала добавьте её"
        )
        errors.append(RowError(number, "ИНН организации", reason))
    return organisation


def _row_specialisation(data, lookups, number, errors):
    name = data.get("specialisation__name")
    if not name:
        return None
    specialisation = lookups.specialisations.get(_normal(name))
    if specialisation is None:
        errors.append(RowError(number, "Профиль", f"профиля «{name}» нет в справочнике портала"))
    return specialisation


def _row_target(data, organisation, existing, by_name):
    pk = data.get("pk")
    if pk is not None:
        target = existing.get(pk)
        if target is None:
            return (
                None,
                f"программы с ID {pk} нет среди ваших: очистите ячейку, чтобы создать новую",
            )
        if target.organisation_id != organisation.pk:
            return None, (
                f"программа с ID {pk} относится к другой организации; перенос между "
                "организациями делается в карточке программы"
            )
        return target, None
    return by_name.get((organisation.pk, _normal(data["name"]))), None


def _present_fields(model, names, data) -> dict:
    """The row's values; an empty cell leaves a field that cannot be empty as it was."""
    return {
        name: data[name]
        for name in names
        if name in data and (data[name] is not None or model._meta.get_field(name).null)
    }


def _field_values(program: Program) -> dict:
    return {name: getattr(program, name) for name in PROGRAM_FIELDS}


def _same(target: Program, candidate: Program) -> bool:
    names = [*PROGRAM_FIELDS, "organisation_id", "specialisation_id"]
    return all(_comparable(getattr(target, n)) == _comparable(getattr(candidate, n)) for n in names)


def _comparable(value):
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def _model_errors(program: Program, number: int) -> list[RowError]:
    try:
        program.clean_fields(exclude=["organisation", "specialisation", "created_by", "image"])
        program.clean()
    except ValidationError as error:
        return [
            RowError(number, HEADER_OF.get(name, "—"), message.rstrip("."))
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


def apply_program_plan(user: User, plan: Plan, *, publish: bool) -> dict:
    """Write the whole plan in one transaction: new drafts (or published, for staff), updates."""
    if plan.errors:
        raise ImportFileError("В файле есть ошибки: исправьте их и загрузите файл снова.")
    publish = publish and user.manages_registry
    now = timezone.now()
    with transaction.atomic():
        created = plan.create
        if publish:
            for program in created:
                program.status = ProgramStatus.PUBLISHED
        created = bulk_create_with_history(created, Program, batch_size=1000, default_user=user)
        if not created or created[0].pk is None:  # databases that return no ids (none here)
            created = list(Program.objects.filter(created_by=user).order_by("-pk")[: len(created)])
        to_moderation, republished = [], []
        updated = []
        for target, candidate in plan.update:
            for name in PROGRAM_FIELDS + ["organisation", "specialisation"]:
                setattr(target, name, getattr(candidate, name))
            target.updated_at = now
            if target.status == ProgramStatus.PUBLISHED:
                (republished if user.manages_registry else to_moderation).append(target)
            updated.append(target)
        for program in to_moderation:
            program.status = ProgramStatus.ON_MODERATION
        if updated:
            bulk_update_with_history(
                updated,
                Program,
                [*PROGRAM_FIELDS, "organisation", "specialisation", "status", "updated_at"],
                batch_size=1000,
                default_user=user,
            )
        steps = [
            ProgramTransition(
                program=p,
                actor=user,
                from_status=ProgramStatus.DRAFT,
                to_status=ProgramStatus.PUBLISHED,
                comment="Загружена из файла и опубликована",
            )
            for p in (created if publish else [])
        ] + [
            ProgramTransition(
                program=p,
                actor=user,
                from_status=ProgramStatus.PUBLISHED,
                to_status=ProgramStatus.ON_MODERATION,
                comment="Изменения опубликованной программы загружены из файла",
            )
            for p in to_moderation
        ]
        ProgramTransition.objects.bulk_create(steps, batch_size=1000)
        if publish and created:
            _publish_new(created, user, now)
        for program in republished:
            services.republish(program=program, user=user)
        published_ids = [p.pk for p in created] if publish else []
        if published_ids:
            transaction.on_commit(
                lambda: signals.program_published.send(sender=Program, program_ids=published_ids)
            )
    return {**plan.summary(), "published": len(published_ids)}


def _publish_new(programs, user, now) -> None:
    prefetch_related_objects(programs, "partners", "groups__schedule")
    PublishedProgram.objects.bulk_create(
        (
            PublishedProgram(
                program=program,
                **services.published_columns(program, groups=[]),
                card=selectors.program_card(program),
                data=services.approved_data(program),
                approved_at=now,
                approved_by=user,
            )
            for program in programs
        ),
        batch_size=1000,
    )
    search.update_vectors(PublishedProgram.objects.filter(pk__in=[p.pk for p in programs]))


# --- organisations -------------------------------------------------------------------------

ORGANISATION_FIELDS = [
    c.source for c in spreadsheets.ORGANISATION_COLUMNS if c.importable and c.source != "pk"
]


def plan_organisation_import(user: User, header, rows, *, progress=None) -> Plan:
    plan = Plan()
    columns = spreadsheets.ORGANISATION_COLUMNS
    plan.errors = _check_header(header, columns)
    if plan.errors:
        return plan
    if not user.is_centre_staff:
        plan.errors = [
            RowError(1, "—", "организации загружает сотрудник МОЦ своего муниципалитета")
        ]
        return plan
    municipality = user.municipality
    existing = {o.pk: o for o in Organisation.objects.filter(municipality=municipality)}
    by_inn = {o.inn: o for o in existing.values()}
    centre = next((o for o in existing.values() if o.is_support_centre), None)
    seen: dict = {}
    for index, (number, values) in enumerate(rows):
        if progress and index and index % PROGRESS_EVERY == 0:
            progress(index)
        data, problems = convert_row(columns, dict(zip(header, values, strict=False)))
        errors = [RowError(number, column, reason) for column, reason in problems]
        target = None
        if not errors:
            if data.get("pk") is not None:
                target = existing.get(data["pk"])
                if target is None:
                    errors.append(
                        RowError(
                            number,
                            "ID портала",
                            f"организации с ID {data['pk']} нет в вашем муниципалитете",
                        )
                    )
            else:
                target = by_inn.get(data["inn"])
        if not errors:
            key = target.pk if target else data["inn"]
            if key in seen:
                errors.append(RowError(number, "ИНН", f"строка повторяет строку {seen[key]}"))
            seen[key] = number
            if data.get("is_support_centre") and centre and centre != target:
                errors.append(
                    RowError(
                        number,
                        "Муниципальный опорный центр",
                        f"опорный центр муниципалитета уже есть: {centre}",
                    )
                )
        if errors:
            plan.errors.extend(errors)
            continue
        fields = _present_fields(Organisation, ORGANISATION_FIELDS, data)
        base = {n: getattr(target, n) for n in ORGANISATION_FIELDS} if target else {}
        candidate = Organisation(municipality=municipality, **{**base, **fields})
        if target:
            candidate.pk = target.pk
        try:
            candidate.full_clean(
                exclude=["municipality"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            plan.errors.extend(
                RowError(number, _org_header(name), message.rstrip("."))
                for name, messages in error.message_dict.items()
                for message in messages
            )
            continue
        if target is None:
            plan.create.append(candidate)
            action = "создать"
        elif all(getattr(target, n) == getattr(candidate, n) for n in ORGANISATION_FIELDS):
            plan.unchanged += 1
            action = "без изменений"
        else:
            plan.update.append((target, candidate))
            action = "обновить"
        plan.show(number, action, candidate.short_name, candidate.inn)
    return plan


def _org_header(name: str) -> str:
    return next((c.header for c in spreadsheets.ORGANISATION_COLUMNS if c.source == name), "—")


def apply_organisation_plan(user: User, plan: Plan) -> dict:
    if plan.errors:
        raise ImportFileError("В файле есть ошибки: исправьте их и загрузите файл снова.")
    with transaction.atomic():
        bulk_create_with_history(plan.create, Organisation, batch_size=1000, default_user=user)
        updated = []
        for target, candidate in plan.update:
            for name in ORGANISATION_FIELDS:
                setattr(target, name, getattr(candidate, name))
            updated.append(target)
        if updated:
            bulk_update_with_history(
                updated, Organisation, ORGANISATION_FIELDS, batch_size=1000, default_user=user
            )
        changed = [o.pk for o in updated]
        if changed:
            transaction.on_commit(
                lambda: signals.organisation_changed.send(
                    sender=Organisation, organisation_ids=changed
                )
            )
    return plan.summary()


# --- jobs ----------------------------------------------------------------------------------

KINDS = {
    SpreadsheetJob.Kind.PROGRAM_IMPORT: ("Программы", plan_program_import),
    SpreadsheetJob.Kind.ORGANISATION_IMPORT: ("Организации", plan_organisation_import),
}


def _plan(job: SpreadsheetJob) -> tuple[Plan, list, list]:
    sheet, planner = KINDS[job.kind]
    job.source.open("rb")
    try:
        data = job.source.read()
    finally:
        job.source.close()
    header, rows = read_rows(data, sheet_name=sheet)
    SpreadsheetJob.objects.filter(pk=job.pk).update(total_rows=len(rows), processed_rows=0)

    def progress(done):
        SpreadsheetJob.objects.filter(pk=job.pk).update(processed_rows=done)

    return planner(job.user, header, rows, progress=progress), header, rows


def import_check(job: SpreadsheetJob) -> SpreadsheetJob:
    _set_state(job, SpreadsheetJob.State.CHECKING)
    try:
        plan, header, rows = _plan(job)
    except ImportFileError as error:
        return _finish(job, SpreadsheetJob.State.FAILED, message=str(error))
    job.summary = plan.summary()
    job.preview = plan.preview
    job.errors = [e.as_dict() for e in plan.errors]
    if plan.errors:
        _attach_error_report(job, header, rows, plan.errors)
    return _finish(job, SpreadsheetJob.State.CHECKED)


def _attach_error_report(job: SpreadsheetJob, header, rows, errors) -> None:
    """The rows with errors, as they were, plus a column saying what is wrong with each."""
    by_row: dict[int, list[str]] = {}
    for error in errors:
        by_row.setdefault(error.row, []).append(f"{error.column}: {error.message}")
    names = _unique_names([*header, "Ошибки"])
    width = len(names) - 1

    def line(values, reasons):
        cells = (list(values) + [None] * width)[:width]
        return dict(zip(names, [*cells, "; ".join(reasons)], strict=True))

    report = [line(values, by_row[number]) for number, values in rows if number in by_row]
    if 1 in by_row:  # the header itself
        report.insert(0, line(["(заголовок)"], by_row[1]))
    buffer = io.BytesIO()
    sheets.write_sheet(
        report,
        buffer,
        sheet="Ошибки",
        columns=[sheets.Column(header=name, source=name) for name in names],
    )
    job.result.save(f"oshibki-{job.pk}.xlsx", ContentFile(buffer.getvalue()), save=False)


def _unique_names(names) -> list[str]:
    result = []
    for index, name in enumerate(names, start=1):
        name = str(name or f"Колонка {index}")
        while name in result:
            name += " (2)"
        result.append(name)
    return result


def confirm(job: SpreadsheetJob) -> bool:
    """The person confirms a checked, error-free import; it is written in the background.

    Moves the job to «confirmed» at once, so the page shows progress from that moment and a
    second click cannot queue the file twice.
    """
    from .tasks import spreadsheet_job_apply

    confirmed = (
        SpreadsheetJob.objects.filter(pk=job.pk, state=SpreadsheetJob.State.CHECKED)
        .exclude(summary__errors__gt=0)
        .update(state=SpreadsheetJob.State.CONFIRMED)
    )
    if confirmed:
        transaction.on_commit(lambda: spreadsheet_job_apply.delay(job.pk))
    return bool(confirmed)


def import_apply(job: SpreadsheetJob) -> SpreadsheetJob:
    """Check the file again (the registry may have changed since) and write it, or nothing."""
    _set_state(job, SpreadsheetJob.State.WRITING)
    plan = None
    try:
        plan, _, _ = _plan(job)
        if job.kind == SpreadsheetJob.Kind.PROGRAM_IMPORT:
            job.summary = apply_program_plan(job.user, plan, publish=job.publish)
        else:
            job.summary = apply_organisation_plan(job.user, plan)
    except ImportFileError as error:
        job.errors = [e.as_dict() for e in plan.errors] if plan else []
        return _finish(job, SpreadsheetJob.State.FAILED, message=str(error))
    return _finish(job, SpreadsheetJob.State.DONE)


def _set_state(job: SpreadsheetJob, state) -> None:
    job.state = state
    SpreadsheetJob.objects.filter(pk=job.pk).update(state=state, processed_rows=0, message="")


def _finish(job: SpreadsheetJob, state, *, message: str = "") -> SpreadsheetJob:
    job.state = state
    job.message = message
    job.finished_at = timezone.now()
    job.processed_rows = job.total_rows = SpreadsheetJob.objects.get(pk=job.pk).total_rows
    job.save(
        update_fields=[
            "state",
            "message",
            "finished_at",
            "summary",
            "preview",
            "errors",
            "processed_rows",
            "total_rows",
            "result",
        ]
    )
    return job
