"""Editing a programme: its card, network partners and groups with their schedule, who may
change them in which state, and what an edit of a published programme sets off."""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from moc_portal.core.concurrency import check_seen, snapshot
from moc_portal.users.models import User

from .. import signals
from ..cache import bump_catalogue_version
from ..choices import ProgramStatus
from ..models import (
    GROUP_FIELDS,
    GroupSchedule,
    NetworkPartner,
    Organisation,
    Program,
    ProgramGroup,
    PublishedProgram,
)
from ..selectors import (
    CARD_FIELDS,
    program_with_card_relations,
    user_coordinates,
    user_manages_organisation,
)
from ..staffing.group_teachers import group_teachers_copy, group_teachers_store
from ..staffing.matching import TeacherNameError, current_teachers, group_teachers_resolve
from .errors import RegistryError
from .moderation import move_to
from .publishing import republish, send_after_commit

S = ProgramStatus


REFUSALS = {
    S.ON_MODERATION: (
        "Программа на модерации: дождитесь решения сотрудника МОЦ или отзовите её с модерации."
    ),
    S.ARCHIVED: "Программа в архиве. Чтобы продолжить работу, сделайте её копию.",
}


# Statuses in which a coordinator may edit the card; editing a published programme sends it
# back to moderation while the catalogue keeps the approved version.
COORDINATOR_EDITABLE = {S.DRAFT, S.NEEDS_REVISION, S.PUBLISHED}


STAFF_EDITABLE = {S.DRAFT, S.NEEDS_REVISION, S.ON_MODERATION, S.PUBLISHED}


def _check_card_access(user: User, program: Program) -> None:
    if user.manages_municipality(program.organisation.municipality_id):
        if program.status not in STAFF_EDITABLE:
            raise RegistryError(REFUSALS.get(program.status, "Программу сейчас нельзя изменить."))
        return
    if not user_coordinates(user, program.organisation):
        raise PermissionDenied("Вы не можете изменять программы этой организации.")
    if program.status not in COORDINATOR_EDITABLE:
        raise RegistryError(REFUSALS.get(program.status, "Программу сейчас нельзя изменить."))


def can_edit_card(*, user: User, program: Program) -> bool:
    try:
        _check_card_access(user, program)
    except (PermissionDenied, RegistryError):
        return False
    return True


def _check_organisation(user: User, organisation: Organisation) -> None:
    if not user_manages_organisation(user, organisation):
        raise PermissionDenied("Вы не можете вести программы этой организации.")


def _after_card_change(program: Program, user: User) -> None:
    """A published programme changed: a coordinator's edit goes back to moderation; a
    moderator's own edit is approved as it is made."""
    if program.status != S.PUBLISHED:
        return
    if user.manages_municipality(program.organisation.municipality_id):
        republish(program=program, user=user)
    else:
        move_to(program, user, S.ON_MODERATION, "Изменения опубликованной программы")


def _save_partners(program: Program, partners: list[dict]) -> None:
    # A partner whose INN stays is the same partner, updated: the rooms and equipment it
    # lends (``staffing.PartnerResource``) stay with it.
    earlier = {p.inn: p for p in program.partners.all()}
    saved = []
    for data in partners:
        partner = earlier.pop(data.get("inn"), None) or NetworkPartner(program=program)
        for name, value in data.items():
            setattr(partner, name, value)
        partner.full_clean()
        partner.save()
        saved.append(partner.pk)
    program.partners.exclude(pk__in=saved).delete()
    if program.is_network and not partners:
        raise ValidationError(
            {"is_network": "Для сетевой программы укажите хотя бы одного сетевого партнёра."}
        )


@transaction.atomic
def program_create(
    *, user: User, organisation: Organisation, data: dict, partners: list[dict] = ()
) -> Program:
    _check_organisation(user, organisation)
    program = Program(organisation=organisation, created_by=user, status=S.DRAFT, **data)
    program.full_clean()
    program.save()
    _save_partners(program, list(partners))
    return program


def card_seen(program: Program) -> dict[str, str]:
    """The card as its form shows it, partners included: what a save must not overwrite."""
    partners = "; ".join(
        " ".join(filter(None, [p.name, p.inn and f"ИНН {p.inn}", p.ogrn and f"ОГРН {p.ogrn}"]))
        for p in program.partners.order_by("pk")
    )
    return snapshot(
        program, ["organisation", *CARD_FIELDS, "image"], {"Сетевые партнёры": partners}
    )


def group_seen(group: ProgramGroup) -> dict[str, str]:
    schedule = "; ".join(str(slot) for slot in group.schedule.all())
    return snapshot(group, [*GROUP_FIELDS, "settlement"], {"Расписание": schedule})


@transaction.atomic
def program_update(
    *,
    user: User,
    program: Program,
    data: dict,
    partners: list[dict] | None = None,
    seen: str | None = None,
) -> Program:
    """``seen``: what the person's form showed (``core.concurrency``); a card saved by someone
    else since is refused with their change."""
    program = Program.objects.select_for_update().select_related("organisation").get(pk=program.pk)
    _check_card_access(user, program)
    check_seen(seen, card_seen(program))
    organisation = data.pop("organisation", program.organisation)
    if organisation.pk != program.organisation_id:
        _check_organisation(user, organisation)
        program.organisation = organisation
    for name, value in data.items():
        setattr(program, name, value)
    program.full_clean()
    program.save()
    if partners is not None:
        _save_partners(program, partners)
    _after_card_change(program, user)
    return program


@transaction.atomic
def program_copy(*, user: User, program: Program) -> Program:
    """A new draft with the same card, groups and schedule, to start next year's version."""
    _check_organisation(user, program.organisation)
    source = program_with_card_relations(program.pk)
    copy = Program.objects.get(pk=source.pk)
    copy.pk = None
    copy.uuid = uuid.uuid4()  # a new programme for every system it is sent to
    copy.name = f"{source.name} (копия)"[:500]
    copy.status = S.DRAFT
    copy.navigator_id = ""
    copy.navigator_url = ""
    copy.created_by = user
    copy.save()
    NetworkPartner.objects.bulk_create(
        NetworkPartner(program=copy, name=p.name, inn=p.inn, ogrn=p.ogrn)
        for p in source.partners.all()
    )
    for group in source.groups.all():
        slots = list(group.schedule.all())
        source_id = group.pk
        group.pk = None
        group.program = copy
        group.save()
        group_teachers_copy(source_id, group.pk)
        GroupSchedule.objects.bulk_create(
            GroupSchedule(
                group=group, weekday=s.weekday, time_start=s.time_start, time_end=s.time_end
            )
            for s in slots
        )
    return copy


@transaction.atomic
def group_save(
    *,
    user: User,
    program: Program,
    group: ProgramGroup,
    schedule: list[dict],
    seen: str | None = None,
) -> ProgramGroup:
    """Create or change a group with its whole schedule (``seen`` as in ``program_update``)."""
    program = Program.objects.select_for_update().select_related("organisation").get(pk=program.pk)
    _check_card_access(user, program)
    if group.pk and group.program_id != program.pk:
        raise PermissionDenied("Группа относится к другой программе.")
    if group.pk:
        check_seen(seen, group_seen(ProgramGroup.objects.get(pk=group.pk)))
    group.program = program
    teachers = _group_teachers(program, group)
    group.full_clean()
    if group.age_from < program.age_from or group.age_to > program.age_to:
        raise ValidationError(
            {
                "age_from": (
                    f"Возраст группы должен быть в пределах возраста программы: "
                    f"{program.age_from}–{program.age_to} лет."
                )
            }
        )
    if not schedule:
        raise ValidationError("Добавьте в расписание хотя бы одно занятие.")
    group.save()
    group_teachers_store({group.pk: teachers})
    group.schedule.all().delete()
    for slot in schedule:
        entry = GroupSchedule(group=group, **slot)
        entry.full_clean()
        entry.save()
    _after_card_change(program, user)
    return group


def _group_teachers(program: Program, group: ProgramGroup) -> tuple:
    """The group's «Педагог» matched to its organisation's list (``staffing.matching``); its
    text becomes the list's «Фамилия И.О.»."""
    if not (group.teacher_name or "").strip():
        return ()  # the model says the field is required
    try:
        resolved = group_teachers_resolve(
            group.teacher_name, current_teachers(program.organisation_id)
        )
    except TeacherNameError as error:
        raise ValidationError({"teacher_name": str(error)}) from error
    group.teacher_name = resolved.text
    return resolved.teachers


@transaction.atomic
def free_places_update(*, user: User, group: ProgramGroup, free_places: int | None) -> ProgramGroup:
    """How many children the group can take now: the day-to-day figure the organisation keeps,
    not the programme's content, so it changes without moderation — in the group, in the
    approved version the catalogue and the Navigator read, and on the vacancy page at once."""
    group = (
        ProgramGroup.objects.select_for_update()
        .select_related("program__organisation")
        .get(pk=group.pk)
    )
    program = group.program
    if not (
        user.manages_municipality(program.organisation.municipality_id)
        or user_coordinates(user, program.organisation)
    ):
        raise PermissionDenied("Вы не можете изменять программы этой организации.")
    if program.status == S.ARCHIVED:
        raise RegistryError(REFUSALS[S.ARCHIVED])
    group.free_places = free_places
    group.full_clean()
    group.save(update_fields=["free_places"])
    published = PublishedProgram.objects.select_for_update().filter(pk=group.program_id).first()
    if published is not None:
        for approved in published.data.get("groups", []) + published.card.get("groups", []):
            if approved.get("id") == group.pk:
                approved["free_places"] = free_places
        published.save(update_fields=["data", "card", "changed_at"])
        send_after_commit(signals.program_changed, program_ids=[group.program_id])
    transaction.on_commit(bump_catalogue_version)
    return group


@transaction.atomic
def group_delete(*, user: User, group: ProgramGroup) -> None:
    program = Program.objects.select_for_update().get(pk=group.program_id)
    _check_card_access(user, program)
    group.delete()
    _after_card_change(program, user)
