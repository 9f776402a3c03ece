"""Programme rows of an import: the preview checks every row against the registry and the
person's organisations (each row read by ``program_candidates``); applying writes all of it
in one transaction, or nothing."""

import itertools
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from moc_portal.core import search
from moc_portal.core.bulk import batched
from moc_portal.core.sheet_cells import normal
from moc_portal.core.sheet_import import PROGRESS_EVERY, ImportPreview, RowError, check_header
from moc_portal.core.uploads import ImportFileError
from moc_portal.users.models import User

from .. import selectors, services, signals, spreadsheets
from ..choices import ProgramStatus
from ..models import (
    NetworkPartner,
    Program,
    ProgramGroup,
    ProgramTransition,
    PublishedProgram,
)
from ..readiness import missing_texts, payload_problems, said_elsewhere, texts_needed
from .group_rows import groups_apply, groups_compare, groups_read
from .program_candidates import (
    ORGANISATION_HEADER,
    PROGRAM_FIELDS,
    ProgramCandidates,
    field_values,
    model_errors,
    organisation_for,
    program_lookups,
    same_programme,
)

BATCH = 1000


@dataclass(slots=True)
class NewProgramme:
    """A row that creates a programme, as the preview keeps it: not the programme itself (50,000
    of them would hold the whole file in memory), but what finds it again in the file."""

    number: int
    key: tuple  # ("new", organisation id, normalised name), as the «Группы» sheet names it
    age_from: int
    age_to: int


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
        for p in Program.objects.managed_by(user).select_related("organisation", "specialisation")
    }
    by_name = {(p.organisation_id, normal(p.name)): p for p in existing.values()}
    source = ProgramCandidates(user, header, program_lookups(user), existing, by_name)
    editable = services.STAFF_EDITABLE if user.manages_registry else services.COORDINATOR_EDITABLE
    unchanged = _rows_preview(
        preview, source, rows, progress=progress, publish=publish, editable=editable
    )
    # Not through ``preview``: a cycle would keep the sheet (a hundred megabytes of a large
    # file) alive until the garbage collector's next full pass.
    created = preview.create
    preview.new_programmes = lambda: _found_again(source, rows, created)
    if groups is not None:
        _groups_preview(preview, groups, existing, source.lookups, editable, unchanged)
    _readiness_preview(preview)
    return preview


def _rows_preview(preview, source, rows, *, progress, publish, editable) -> dict:
    """Each row checked and counted as one to create, update or leave; returns the unchanged
    programmes' row numbers by pk (their groups on the «Группы» sheet may still change them)."""
    unchanged, seen = {}, {}
    for index, (number, values) in enumerate(rows):
        if progress and index and index % PROGRESS_EVERY == 0:
            progress(index)
        candidate, target, errors = source.candidate(number, values, preview.read_as)
        if not errors:
            errors = _row_errors(
                number, candidate, target, seen=seen, publish=publish, editable=editable
            )
        if errors:
            preview.errors.extend(errors)
            continue
        organisation = candidate.organisation
        draft = ""
        if target is None:
            new_key = ("new", organisation.pk, normal(candidate.name))
            preview.create.append(
                NewProgramme(number, new_key, candidate.age_from, candidate.age_to)
            )
            action = "создать"
            draft = texts_needed(candidate)
            preview.drafts += bool(draft)
        elif same_programme(target, candidate):
            preview.unchanged += 1
            unchanged[target.pk] = number
            action = "без изменений"
        else:
            preview.update.append((target, candidate))
            action = "обновить"
        preview.show(number, action, candidate.name, organisation.short_name, draft=draft)
    return unchanged


def _row_errors(number, candidate, target, *, seen, publish, editable) -> list[RowError]:
    """What keeps a row the file reads well out of the import, the first found: it repeats an
    earlier row, the model refuses it, its new programme cannot be published at once, or the
    programme it changes cannot be changed in its status. ``seen``: rows by programme so far."""
    key = target.pk if target else (candidate.organisation_id, normal(candidate.name))
    repeated = seen.get(key)
    seen[key] = number
    if repeated is not None:
        return [
            RowError(
                number,
                "Полное наименование",
                f"строка повторяет строку {repeated} (та же программа)",
            )
        ]
    errors = model_errors(candidate, number)
    if errors:
        return errors
    if publish and target is None:
        missing = missing_texts(candidate)
        if missing:
            return [
                RowError(
                    number,
                    missing[0],
                    f"сразу опубликовать нельзя: {texts_needed(candidate)}; или загрузите без "
                    "публикации — программа станет черновиком",
                )
            ]
        unreachable = services.contacts_missing(candidate.organisation)
        if unreachable:
            return [
                RowError(number, ORGANISATION_HEADER, f"сразу опубликовать нельзя: {unreachable}")
            ]
    frozen = target is not None and target.status not in editable
    if frozen and not same_programme(target, candidate):
        return [
            RowError(
                number,
                "ID портала",
                f"программа «{target.name}» в статусе «{target.get_status_display()}»: "
                "её сейчас нельзя изменить",
            )
        ]
    return []


def _found_again(source: ProgramCandidates, rows, new: list[NewProgramme]):
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
        # A draft's missing texts are said once, by the draft's own line.
        problems = said_elsewhere(problems, candidate)
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
        read_as=preview.read_as,
    )
    _group_ages_check(preview, plan, existing)
    if preview.errors:
        return
    groups_compare(plan)
    _programmes_of_changed_groups(preview, plan, existing, editable, unchanged)
    preview.groups = plan


def _group_ages_check(preview, plan, existing) -> None:
    """A group's ages lie within its programme's."""
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


def _programmes_of_changed_groups(preview, plan, existing, editable, unchanged) -> None:
    """Existing programmes whose groups the sheet changes count as changed, under the same
    status rules as any change of them."""
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
        candidate = Program(**field_values(target), organisation=target.organisation)
        candidate.pk, candidate.status = target.pk, target.status
        candidate.specialisation = target.specialisation
        preview.update.append((target, candidate))
        if pk in unchanged:
            preview.unchanged -= 1


def program_import_apply(user: User, preview: ImportPreview, *, publish: bool) -> dict:
    """Write the whole preview in the caller's transaction: new drafts (or published, for
    staff), updates. New programmes are built again from the file and written a thousand at
    a time, so the file's 50,000 programmes are never all in memory at once."""
    if preview.errors:
        raise ImportFileError("В файле есть ошибки: исправьте их и загрузите файл снова.")
    publish = publish and user.manages_registry
    now = timezone.now()
    new, published_ids = _create_new(preview, user, publish=publish)
    to_moderation, republished = _update_changed(preview, user, now)
    if preview.groups is not None:
        groups_apply(preview.groups, lambda key: new[key] if isinstance(key, tuple) else key)
    _record_transitions(user, published_ids, to_moderation)
    for batch in batched(published_ids, BATCH):
        _publish_new(list(Program.objects.filter(pk__in=batch)), user, now)
    for program in republished:
        services.republish(program=program, user=user)
    if published_ids:
        transaction.on_commit(
            lambda: signals.program_published.send(sender=Program, program_ids=published_ids)
        )
    return {**preview.summary(), "published": len(published_ids)}


def _create_new(preview: ImportPreview, user: User, *, publish: bool) -> tuple[dict, list]:
    """The new programmes, a thousand at a time: ({("new", organisation id, normalised
    name): pk} for the «Группы» sheet, [pk of those published at once])."""
    new, published_ids = {}, []
    for batch in batched(preview.new_programmes(), BATCH):
        for program in batch:
            if publish:
                program.status = ProgramStatus.PUBLISHED
        created = bulk_create_with_history(batch, Program, batch_size=BATCH, default_user=user)
        if preview.groups is not None:
            new.update({("new", p.organisation_id, normal(p.name)): p.pk for p in created})
        if publish:
            published_ids += [p.pk for p in created]
    return new, published_ids


def _update_changed(preview: ImportPreview, user: User, now) -> tuple[list, list]:
    """The changed programmes written; a published one a coordinator changed goes back to
    moderation. Returns (sent to moderation, published ones staff changed: to republish)."""
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
    return to_moderation, republished


def _record_transitions(user: User, published_ids: list, to_moderation: list) -> None:
    """The lifecycle's record of the import: new programmes published at once, published
    ones sent back to moderation by their change."""
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


def _publish_new(programs, user, now) -> None:
    prefetch_related_objects(programs, "partners", "groups__schedule", "groups__teachings__teacher")
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
