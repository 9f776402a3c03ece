"""The «Группы» sheet of a programme import: each programme named there gets exactly the groups
its rows list (added, changed by name, removed), with schedules as people write them, in the
same preview and the same all-or-nothing transaction as the programmes."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from moc_portal.core.sheet_cells import convert_row, normal
from moc_portal.core.sheet_import import RowError, check_header

from .. import spreadsheets
from ..choices import GroupFunding
from ..models import GROUP_FIELDS, GroupSchedule, Program, ProgramGroup
from ..schedules import ScheduleError, format_schedule, parse_schedule
from ..staffing.group_teachers import group_teachers_store
from ..staffing.matching import TeacherNameError, current_teachers, group_teachers_resolve

HEADER_OF = {c.source: c.header for c in spreadsheets.GROUP_COLUMNS}
SHEET = spreadsheets.GROUPS_SHEET


@dataclass
class GroupRow:
    number: int
    group: ProgramGroup  # unsaved; ``program`` is set when the programme exists
    slots: list
    teachers: tuple = ()  # from the organisation's list; none while the list is empty


@dataclass
class GroupsPlan:
    """What the sheet does: per programme key, its groups as the file lists them."""

    by_programme: dict = field(default_factory=dict)  # key -> [GroupRow]
    add: int = 0
    change: int = 0
    remove: int = 0
    changed_programmes: set = field(default_factory=set)  # existing pks whose groups change

    def summary(self) -> dict:
        return {"groups_add": self.add, "groups_change": self.change, "groups_remove": self.remove}


def groups_read(header, rows, *, keys, existing, organisations, errors, read_as=None) -> GroupsPlan:
    """Check every group row. ``keys`` maps (organisation id, normalised name) of the
    programmes sheet's rows to their programme keys; ``existing`` the person's programmes by
    pk; ``organisations`` resolves «name (ИНН)»; ``read_as`` (``ImportPreview.read_as``)
    hears of choices typed otherwise than listed («платное» for «платно»)."""
    plan = GroupsPlan()
    header_errors = check_header(header, spreadsheets.GROUP_COLUMNS)
    if header_errors:
        errors.extend(RowError(1, e.column, f"лист «{SHEET}»: {e.message}") for e in header_errors)
        return plan
    by_name = {(p.organisation_id, normal(p.name)): p.pk for p in existing.values()}
    seen = defaultdict(dict)
    teacher_lists = _TeacherLists()
    for number, values in rows:
        raw = dict(zip(header, values, strict=False))
        readings = []
        data, problems = convert_row(spreadsheets.GROUP_COLUMNS, raw, readings)
        if read_as and readings:
            read_as(number, readings, sheet=SHEET)
        row_errors = [RowError(number, column, f"лист «{SHEET}»: {r}") for column, r in problems]
        key = organisation_id = None
        if not row_errors:
            key, organisation_id, reason = _programme_key(
                data, keys, existing, by_name, organisations
            )
            if reason:
                row_errors.append(RowError(number, _key_header(data), f"лист «{SHEET}»: {reason}"))
        slots = []
        if not row_errors:
            try:
                slots = parse_schedule(data.get("schedule_text"))
            except ScheduleError as error:
                row_errors.append(RowError(number, HEADER_OF["schedule_text"], str(error)))
        group = None
        if not row_errors:
            name = normal(data["name"])
            if name in seen[key]:
                row_errors.append(
                    RowError(
                        number,
                        HEADER_OF["name"],
                        f"у программы уже есть группа «{data['name']}» (строка {seen[key][name]} "
                        f"листа «{SHEET}»): названия групп одной программы не повторяются",
                    )
                )
            seen[key][name] = number
            group = ProgramGroup(
                **{n: data[n] for n in GROUP_FIELDS if data.get(n) is not None},
            )
            if not group.funding:
                group.funding = GroupFunding.BUDGET
            row_errors += _model_errors(group, number)
        teachers = ()
        if not row_errors:
            teachers, row_errors = teacher_lists.resolve(group, organisation_id, number)
        if row_errors:
            errors.extend(row_errors)
            continue
        plan.by_programme.setdefault(key, []).append(GroupRow(number, group, slots, teachers))
    return plan


class _TeacherLists(dict):
    """Each organisation's current teachers, read once per import, to match the «Педагог»
    of its groups (``staffing.matching``)."""

    def resolve(self, group: ProgramGroup, organisation_id: int, number: int):
        """(the group's teachers, []) with its text from the list, or ((), [the error])."""
        if organisation_id not in self:
            self[organisation_id] = current_teachers(organisation_id)
        try:
            resolved = group_teachers_resolve(group.teacher_name, self[organisation_id])
        except TeacherNameError as error:
            return (), [RowError(number, HEADER_OF["teacher_name"], f"лист «{SHEET}»: {error}")]
        group.teacher_name = resolved.text
        return resolved.teachers, []


def _key_header(data) -> str:
    return HEADER_OF["program_id"] if data.get("program_id") else HEADER_OF["program__name"]


def _programme_key(data, keys, existing, by_name, organisations):
    """(programme key, its organisation's id, None) or (None, None, why it names no
    programme)."""
    if data.get("program_id") is not None:
        pk = data["program_id"]
        if pk in existing:
            return pk, existing[pk].organisation_id, None
        return None, None, f"программы с ID {pk} нет среди ваших"
    label, name = data.get("organisation_label"), data.get("program__name")
    if not label or not name:
        return (
            None,
            None,
            (
                "укажите «ID портала программы» или «Организация» и «Программа», как на листе "
                "«Программы»"
            ),
        )
    organisation = organisations(label)
    if organisation is None:
        return None, None, f"организации «{label}» нет среди ваших"
    key = (organisation.pk, normal(name))
    if key in keys:
        return keys[key], organisation.pk, None
    if key in by_name:
        return by_name[key], organisation.pk, None
    return (
        None,
        None,
        (
            f"программы «{name}» организации «{organisation.short_name}» нет ни на листе "
            "«Программы», ни в реестре"
        ),
    )


def _model_errors(group: ProgramGroup, number: int) -> list[RowError]:
    try:
        group.clean_fields(exclude=["program"])
        group.clean()
    except ValidationError as error:
        return [
            RowError(number, HEADER_OF.get(name, "—"), f"лист «{SHEET}»: {m.rstrip('.')}")
            for name, messages in error.message_dict.items()
            for m in messages
        ]
    return []


def groups_compare(plan: GroupsPlan) -> None:
    """Count what the sheet adds, changes and removes among existing programmes' groups."""
    existing_keys = [key for key in plan.by_programme if isinstance(key, int)]
    current = defaultdict(dict)
    for group in ProgramGroup.objects.filter(program_id__in=existing_keys).prefetch_related(
        "schedule"
    ):
        current[group.program_id][normal(group.name)] = group
    for key, rows in plan.by_programme.items():
        have = current.get(key, {}) if isinstance(key, int) else {}
        names = set()
        for row in rows:
            names.add(normal(row.group.name))
            old = have.get(normal(row.group.name))
            if old is None:
                plan.add += 1
            elif not _same(old, row):
                plan.change += 1
            else:
                continue
            if isinstance(key, int):
                plan.changed_programmes.add(key)
        removed = [name for name in have if name not in names]
        plan.remove += len(removed)
        if removed:
            plan.changed_programmes.add(key)


def _same(old: ProgramGroup, row: GroupRow) -> bool:
    if any(getattr(old, n) != getattr(row.group, n) for n in GROUP_FIELDS):
        return False
    slots = {(s.weekday, s.time_start, s.time_end) for s in old.schedule.all()}
    return slots == {(s.weekday, s.time_start, s.time_end) for s in row.slots}


def groups_apply(plan: GroupsPlan, programme_of) -> None:
    """Replace each named programme's groups with the file's; ``programme_of(key)`` gives the
    saved programme's pk. Groups keep their ids where their names stay (the Navigator's
    group codes)."""
    pks = {key: programme_of(key) for key in plan.by_programme}
    current = defaultdict(dict)
    for group in ProgramGroup.objects.filter(program_id__in=pks.values()):
        current[group.program_id][normal(group.name)] = group
    to_create, to_update, slots_of, removed = [], [], [], []
    for key, rows in plan.by_programme.items():
        pk = pks[key]
        have = current.get(pk, {})
        names = {normal(row.group.name) for row in rows}
        removed += [g.pk for name, g in have.items() if name not in names]
        for row in rows:
            old = have.get(normal(row.group.name))
            if old is None:
                row.group.program_id = pk
                to_create.append(row.group)
            else:
                for name in GROUP_FIELDS:
                    setattr(old, name, getattr(row.group, name))
                to_update.append(old)
                row.group = old
            slots_of.append(row)
    ProgramGroup.objects.filter(pk__in=removed).delete()
    ProgramGroup.objects.bulk_create(to_create, batch_size=1000)
    ProgramGroup.objects.bulk_update(to_update, GROUP_FIELDS, batch_size=1000)
    group_teachers_store({row.group.pk: row.teachers for row in slots_of})
    GroupSchedule.objects.filter(group__in=[g.pk for g in to_update]).delete()
    GroupSchedule.objects.bulk_create(
        (
            GroupSchedule(
                group_id=row.group.pk,
                weekday=slot.weekday,
                time_start=slot.time_start,
                time_end=slot.time_end,
            )
            for row in slots_of
            for slot in row.slots
        ),
        batch_size=2000,
    )


def group_export_rows(programs):
    """The «Группы» sheet of an export: every group of the exported programmes."""
    groups = (
        ProgramGroup.objects.filter(program__in=programs.values("pk"))
        .select_related("program__organisation")
        .prefetch_related("schedule")
        .order_by("program__name", "program_id", "pk")
    )
    columns = spreadsheets.GROUP_COLUMNS
    for group in groups.iterator(chunk_size=2000):
        program: Program = group.program
        values = {
            "program_id": program.pk,
            "organisation_label": f"{program.organisation.short_name} ({program.organisation.inn})",
            "program__name": program.name,
            "schedule_text": format_schedule(group.schedule.all()),
            **{n: getattr(group, n) for n in GROUP_FIELDS},
        }
        yield {c.header: c.export_value(values.get(c.source)) for c in columns}
