"""Programme rows of an import: the preview checks every row against the registry and the
person's organisations; applying writes all of it in one transaction, or nothing."""

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from moc_portal.core import search
from moc_portal.core.bulk import batched
from moc_portal.core.uploads import ImportFileError
from moc_portal.users.models import User

from .. import selectors, services, signals, spreadsheets
from ..choices import ProgramStatus
from ..models import (
    NetworkPartner,
    Organisation,
    Program,
    ProgramGroup,
    ProgramTransition,
    PublishedProgram,
    Specialisation,
)
from ..readiness import payload_problems
from .cells import convert_row, normal, present_fields
from .group_rows import groups_apply, groups_compare, groups_read
from .reading import PROGRESS_EVERY, ImportPreview, RowError, check_header

PROGRAM_FIELDS = [
    c.source
    for c in spreadsheets.PROGRAM_COLUMNS
    if c.importable and c.source not in ("pk", "organisation_label", "specialisation__name")
]
ORGANISATION_HEADER = "Организация"
LEGACY_INN_HEADER = "ИНН организации"
BATCH = 1000
HEADER_OF = {c.source: c.header for c in spreadsheets.PROGRAM_COLUMNS}
HEADER_OF.update({"organisation": ORGANISATION_HEADER, "specialisation": "Профиль"})


@dataclass
class Lookups:
    """What a row's references resolve to, for one person."""

    organisations: dict = field(default_factory=dict)  # INN -> [Organisation the person keeps]
    by_name: dict = field(default_factory=dict)  # normalised name -> [Organisation]
    known_inns: set = field(default_factory=set)  # every INN in the registry
    specialisations: dict = field(default_factory=dict)  # normalised name -> Specialisation


def program_lookups(user: User) -> Lookups:
    organisations, by_name = defaultdict(list), defaultdict(list)
    for organisation in selectors.organisations_for_user(user):
        organisations[organisation.inn].append(organisation)
        for name in {normal(organisation.short_name), normal(organisation.full_name)}:
            by_name[name].append(organisation)
    return Lookups(
        organisations=organisations,
        by_name=by_name,
        known_inns=set(Organisation.objects.values_list("inn", flat=True)),
        specialisations={normal(s.name): s for s in Specialisation.objects.all()},
    )


@dataclass(slots=True)
class NewProgramme:
    """A row that creates a programme, as the preview keeps it: not the programme itself (50,000
    of them would hold the whole file in memory), but what finds it again in the file."""

    number: int
    key: tuple  # ("new", organisation id, normalised name), as the «Группы» sheet names it
    age_from: int
    age_to: int


@dataclass
class _Rows:
    """What turns a row of the file into a programme, for one person."""

    user: User
    header: list
    lookups: Lookups
    existing: dict  # the person's programmes by pk
    by_name: dict  # (organisation id, normalised name) -> programme

    def candidate(self, number: int, values) -> tuple[Program | None, Program | None, list]:
        """(the programme as the row has it, the saved one it changes or None, errors)."""
        raw = dict(zip(self.header, values, strict=False))
        data, problems = convert_row(spreadsheets.PROGRAM_COLUMNS, raw)
        errors = [RowError(number, column, reason) for column, reason in problems]
        organisation = _row_organisation(data, raw, self.lookups, number, errors)
        specialisation = _row_specialisation(data, self.lookups, number, errors)
        if errors:
            return None, None, errors
        target, key_error = _row_target(data, organisation, self.existing, self.by_name)
        if key_error:
            return None, None, [RowError(number, "ID портала", key_error)]
        fields = present_fields(Program, PROGRAM_FIELDS, data)
        fields["organisation"] = organisation
        fields["specialisation"] = specialisation
        candidate = Program(**({**_field_values(target), **fields} if target else fields))
        if target:
            candidate.pk = target.pk
            candidate.status = target.status
        else:
            candidate.status = ProgramStatus.DRAFT
            candidate.created_by = self.user
        return candidate, target, []


def program_import_preview(
    user: User, header, rows, *, progress=None, publish: bool = False, groups=None
) -> ImportPreview:
    """What the file would do. ``publish``: new programmes go straight to the catalogue (staff),
    so each needs an organisation parents can reach. ``groups``: the «Группы» sheet's
    (header, rows), which replace the named programmes' groups. ``rows`` is read twice: the
    programmes a file creates are found again in it by ``preview.new_programmes()``."""
    publish = publish and user.manages_registry
    preview = ImportPreview()
    header_errors = check_header(header, spreadsheets.PROGRAM_COLUMNS, kind="programs")
    if header_errors:
        preview.errors.extend(header_errors)
        return preview
    existing = {
        p.pk: p
        for p in selectors.programs_for_user(user).select_related("organisation", "specialisation")
    }
    by_name = {(p.organisation_id, normal(p.name)): p for p in existing.values()}
    source = _Rows(user, header, program_lookups(user), existing, by_name)
    unchanged = {}
    editable = services.STAFF_EDITABLE if user.manages_registry else services.COORDINATOR_EDITABLE
    seen: dict = {}
    for index, (number, values) in enumerate(rows):
        if progress and index and index % PROGRESS_EVERY == 0:
            progress(index)
        candidate, target, errors = source.candidate(number, values)
        if not errors:
            key = target.pk if target else (candidate.organisation_id, normal(candidate.name))
            if key in seen:
                errors.append(
                    RowError(
                        number,
                        "Полное наименование",
                        f"строка повторяет строку {seen[key]} (та же программа)",
                    )
                )
            seen[key] = number
        if not errors:
            errors = _model_errors(candidate, number)
        if not errors and publish and not target:
            unreachable = services.contacts_missing(candidate.organisation)
            if unreachable:
                errors = [
                    RowError(
                        number, ORGANISATION_HEADER, f"сразу опубликовать нельзя: {unreachable}"
                    )
                ]
        if (
            not errors
            and target is not None
            and target.status not in editable
            and not _same(target, candidate)
        ):
            errors = [
                RowError(
                    number,
                    "ID портала",
                    f"программа «{target.name}» в статусе «{target.get_status_display()}»: "
                    "её сейчас нельзя изменить",
                )
            ]
        if errors:
            preview.errors.extend(errors)
            continue
        organisation = candidate.organisation
        new_key = ("new", organisation.pk, normal(candidate.name))
        if target is None:
            preview.create.append(
                NewProgramme(number, new_key, candidate.age_from, candidate.age_to)
            )
            action = "создать"
        elif _same(target, candidate):
            preview.unchanged += 1
            unchanged[target.pk] = number
            action = "без изменений"
        else:
            preview.update.append((target, candidate))
            action = "обновить"
        preview.show(number, action, candidate.name, organisation.short_name)
    # Not through ``preview``: a cycle would keep the sheet (a hundred megabytes of a large
    # file) alive until the garbage collector's next full pass.
    created = preview.create
    preview.new_programmes = lambda: _found_again(source, rows, created)
    if groups is not None:
        _groups_preview(preview, groups, existing, source.lookups, editable, unchanged)
    _readiness_preview(preview)
    return preview


def _found_again(source: _Rows, rows, new: list[NewProgramme]):
    """The programmes the file creates, built again from their rows, one at a time."""
    wanted = {row.number for row in new}
    for number, values in rows:
        if number in wanted:
            yield source.candidate(number, values)[0]


def _readiness_preview(preview) -> None:
    """What the Navigator would refuse among the programmes the file creates or changes, by
    the push's own checks, said in the preview before anyone confirms or publishes."""
    if preview.errors:
        return
    targets = [target.pk for target, _ in preview.update]
    saved_groups, saved_partners = defaultdict(list), defaultdict(list)
    for group in ProgramGroup.objects.filter(program_id__in=targets).prefetch_related("schedule"):
        saved_groups[group.program_id].append((group, list(group.schedule.all())))
    for partner in NetworkPartner.objects.filter(program_id__in=targets):
        saved_partners[partner.program_id].append(partner)
    planned = preview.groups.by_programme if preview.groups is not None else {}
    rows = {p["name"]: p for p in preview.preview}
    new = ((c, ("new", c.organisation_id, normal(c.name))) for c in preview.new_programmes())
    changed = ((c, target.pk) for target, c in preview.update)
    for candidate, key in itertools.chain(changed, new):
        if key in planned:
            groups = [(row.group, row.slots) for row in planned[key]]
        else:
            groups = saved_groups.get(key, [])
        problems = payload_problems(candidate, groups=groups, partners=saved_partners.get(key, []))
        if problems:
            preview.not_ready += 1
            if candidate.name in rows:
                rows[candidate.name]["not_ready"] = "; ".join(problems)


def _groups_preview(preview, groups, existing, lookups, editable, unchanged) -> None:
    """The «Группы» sheet: its rows checked, and existing programmes whose groups it changes
    counted as changed (the same status rules as any change of them)."""

    def organisation(label):
        found, _ = organisation_for(label, "", lookups)
        return found

    # The programmes sheet's rows by (organisation, name), as the «Группы» sheet names them.
    row_keys = {row.key[1:]: row.key for row in preview.create}
    row_keys.update(
        {(t.organisation_id, normal(c.name)): t.pk for t, c in preview.update}
        | {(existing[pk].organisation_id, normal(existing[pk].name)): pk for pk in unchanged}
    )
    header, rows = groups
    plan = groups_read(
        header,
        rows,
        keys=row_keys,
        existing=existing,
        organisations=organisation,
        errors=preview.errors,
    )
    programmes = {row.key: row for row in preview.create}
    programmes.update({target.pk: candidate for target, candidate in preview.update})
    for key, group_rows in plan.by_programme.items():
        programme = programmes.get(key) or existing.get(key)
        for row in group_rows:
            if row.group.age_from < programme.age_from or row.group.age_to > programme.age_to:
                preview.errors.append(
                    RowError(
                        row.number,
                        "Возраст от",
                        f"лист «Группы»: возраст группы должен быть в пределах возраста "
                        f"программы: {programme.age_from}–{programme.age_to} лет",
                    )
                )
    if preview.errors:
        return
    groups_compare(plan)
    updating = {target.pk for target, _ in preview.update}
    for pk in sorted(plan.changed_programmes - updating):
        target = existing[pk]
        if target.status not in editable:
            preview.errors.append(
                RowError(
                    plan.by_programme[pk][0].number if plan.by_programme.get(pk) else 1,
                    "Название группы",
                    f"лист «Группы»: программа «{target.name}» в статусе "
                    f"«{target.get_status_display()}»: её группы сейчас нельзя изменить",
                )
            )
            continue
        candidate = Program(**_field_values(target), organisation=target.organisation)
        candidate.pk, candidate.status = target.pk, target.status
        candidate.specialisation = target.specialisation
        preview.update.append((target, candidate))
        if pk in unchanged:
            preview.unchanged -= 1
    preview.groups = plan


LABEL_INN = re.compile(r"^(?P<name>.*?)\s*\((?:ИНН\s*)?(?P<inn>\d{10}|\d{12})\)\s*$")


def organisation_label(organisation: Organisation) -> str:
    """How the template names an organisation: «МБОУ СШ № 1 (4808001234)»."""
    return f"{organisation.short_name} ({organisation.inn})"


def _row_organisation(data, raw, lookups, number, errors):
    label = str(data.get("organisation_label") or "").strip()
    if not label:
        return None
    organisation, reason = organisation_for(label, raw.get(LEGACY_INN_HEADER), lookups)
    if reason:
        errors.append(RowError(number, ORGANISATION_HEADER, reason))
    return organisation


def organisation_for(label: str, legacy_inn, lookups):
    """(organisation, None) from «name (ИНН)» as the template lists it — a bare INN or a name
    alone also do when they point at one organisation the person keeps — or (None, why)."""
    label = str(label).strip()
    match = LABEL_INN.match(label)
    name, inn = (match["name"], match["inn"]) if match else ("", "")
    if not match and label.isdigit():
        inn = label
    elif not match:
        name = label
        inn = str(legacy_inn or "").strip()  # an export of the older template
    if inn:
        found = lookups.organisations.get(inn, [])
        if name and len(found) > 1:
            found = [
                o for o in found if normal(name) in (normal(o.short_name), normal(o.full_name))
            ]
    else:
        found = lookups.by_name.get(normal(name), [])
    if len(found) == 1:
        return found[0], None
    if len(found) > 1:
        reason = (
            f"организаций «{label}» у вас несколько (в разных муниципалитетах): выберите "
            "нужную из списка — в нём указаны наименование и ИНН"
        )
    elif inn and inn in lookups.known_inns:
        reason = f"организация с ИНН {inn} есть в реестре, но вы не можете загружать её программы"
    elif inn:
        reason = f"организации с ИНН {inn} нет в реестре: сначала добавьте её"
    else:
        reason = (
            f"организации «{label}» нет среди ваших: выберите её из списка «наименование (ИНН)» "
            "на листе «Справочники»"
        )
    return None, reason


def _row_specialisation(data, lookups, number, errors):
    name = data.get("specialisation__name")
    if not name:
        return None
    specialisation = lookups.specialisations.get(normal(name))
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
    return by_name.get((organisation.pk, normal(data["name"]))), None


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


def program_import_apply(user: User, preview: ImportPreview, *, publish: bool) -> dict:
    """Write the whole preview in the caller's transaction: new drafts (or published, for
    staff), updates. New programmes are built again from the file and written a thousand at
    a time, so the file's 50,000 programmes are never all in memory at once."""
    if preview.errors:
        raise ImportFileError("В файле есть ошибки: исправьте их и загрузите файл снова.")
    publish = publish and user.manages_registry
    now = timezone.now()
    new = {}  # ("new", organisation id, normalised name) -> pk, for the «Группы» sheet
    published_ids = []
    for batch in batched(preview.new_programmes(), BATCH):
        for program in batch:
            if publish:
                program.status = ProgramStatus.PUBLISHED
        created = bulk_create_with_history(batch, Program, batch_size=BATCH, default_user=user)
        if preview.groups is not None:
            new.update({("new", p.organisation_id, normal(p.name)): p.pk for p in created})
        if publish:
            published_ids += [p.pk for p in created]
    to_moderation, republished = [], []
    updated = []
    for target, candidate in preview.update:
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
            batch_size=BATCH,
            default_user=user,
        )
    if preview.groups is not None:
        groups_apply(preview.groups, lambda key: new[key] if isinstance(key, tuple) else key)
    steps = (
        ProgramTransition(
            program_id=pk,
            actor=user,
            from_status=ProgramStatus.DRAFT,
            to_status=ProgramStatus.PUBLISHED,
            comment="Загружена из файла и опубликована",
        )
        for pk in published_ids
    )
    moderation = (
        ProgramTransition(
            program=p,
            actor=user,
            from_status=ProgramStatus.PUBLISHED,
            to_status=ProgramStatus.ON_MODERATION,
            comment="Изменения опубликованной программы загружены из файла",
        )
        for p in to_moderation
    )
    ProgramTransition.objects.bulk_create(itertools.chain(steps, moderation), batch_size=BATCH)
    for batch in batched(published_ids, BATCH):
        _publish_new(list(Program.objects.filter(pk__in=batch)), user, now)
    for program in republished:
        services.republish(program=program, user=user)
    if published_ids:
        transaction.on_commit(
            lambda: signals.program_published.send(sender=Program, program_ids=published_ids)
        )
    return {**preview.summary(), "published": len(published_ids)}


def _publish_new(programs, user, now) -> None:
    prefetch_related_objects(programs, "partners", "groups__schedule")
    PublishedProgram.objects.bulk_create(
        (
            PublishedProgram(
                program=program,
                **services.published_columns(program, groups=program.groups.all()),
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
