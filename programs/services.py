"""Writes to the registry. Every rule of who may change what, and from which state, is here.

Views, forms, admin actions and commands call these; a view shows a ``RegistryError`` (a
``DomainError``) through ``service_call``, and ``PermissionDenied`` becomes 403. Who may act
on a municipality's records is ``User.manages_municipality``.
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from moc_portal.access import check_manages_municipality
from moc_portal.core import search
from moc_portal.core.bulk import update_rows
from moc_portal.core.concurrency import check_seen, snapshot
from moc_portal.core.errors import DomainError
from moc_portal.users.invitations import invited_account, set_password_url
from moc_portal.users.models import Role, User

from . import settlements, signals
from .cache import bump_catalogue_version
from .centres import centre_of
from .choices import ProgramStatus
from .models import (
    GROUP_FIELDS,
    GroupSchedule,
    NetworkPartner,
    Organisation,
    Program,
    ProgramGroup,
    ProgramTransition,
    PublishedProgram,
)
from .selectors import (
    CARD_FIELDS,
    program_card,
    program_with_card_relations,
    user_coordinates,
    user_manages_organisation,
)

S = ProgramStatus


class RegistryError(DomainError):
    """A request the rules refuse; the message is for the person and says what to do."""


# --- moderation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    sources: frozenset
    target: str
    by_coordinator: bool
    by_staff: bool
    comment_required: bool = False


TRANSITIONS = {
    "submit": Transition(frozenset({S.DRAFT, S.NEEDS_REVISION}), S.ON_MODERATION, True, True),
    "approve": Transition(frozenset({S.ON_MODERATION}), S.PUBLISHED, False, True),
    "return": Transition(
        frozenset({S.ON_MODERATION}), S.NEEDS_REVISION, False, True, comment_required=True
    ),
    "archive": Transition(frozenset({S.PUBLISHED}), S.ARCHIVED, True, True),
    # A coordinator takes a submission back to change something more; what the catalogue
    # shows stays as it was.
    "withdraw": Transition(frozenset({S.ON_MODERATION}), S.DRAFT, True, False),
}

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


def allowed_actions(*, user: User, program: Program) -> list[str]:
    """The transitions this user may apply to the programme now (for buttons)."""
    return [
        action
        for action, rule in TRANSITIONS.items()
        if program.status in rule.sources and _may_apply(user, program, rule)
    ]


def _may_apply(user: User, program: Program, rule: Transition) -> bool:
    if rule.by_staff and user.manages_municipality(program.organisation.municipality_id):
        return True
    return rule.by_coordinator and user_coordinates(user, program.organisation)


@transaction.atomic
def program_transition(*, program: Program, user: User, action: str, comment: str = "") -> Program:
    rule = TRANSITIONS[action]
    program = Program.objects.select_for_update().select_related("organisation").get(pk=program.pk)
    if not _may_apply(user, program, rule):
        raise PermissionDenied("Недостаточно прав для этого действия с программой.")
    if program.status not in rule.sources:
        raise RegistryError(
            f"Действие недоступно: программа в статусе «{program.get_status_display()}»."
        )
    comment = comment.strip()
    if rule.comment_required and not comment:
        raise RegistryError("Напишите комментарий: что нужно исправить в программе.")
    if action == "submit":
        _check_ready_for_moderation(program)
    if action == "approve":
        _check_contacts(program)
    _move(program, user, rule.target, comment)
    if action == "approve":
        _publish_approved_version(program, user)
        _send_after_commit(signals.program_published, program_ids=[program.pk])
    elif action == "archive":
        PublishedProgram.objects.filter(program=program).delete()
        _send_after_commit(signals.program_archived, program_ids=[program.pk])
    return program


def program_submit(*, program: Program, user: User) -> Program:
    return program_transition(program=program, user=user, action="submit")


def program_approve(*, program: Program, user: User, comment: str = "") -> Program:
    return program_transition(program=program, user=user, action="approve", comment=comment)


def program_return(*, program: Program, user: User, comment: str) -> Program:
    return program_transition(program=program, user=user, action="return", comment=comment)


def program_archive(*, program: Program, user: User, comment: str = "") -> Program:
    return program_transition(program=program, user=user, action="archive", comment=comment)


def contacts_missing(organisation: Organisation) -> str:
    """Why parents could not reach the organisation (neither phone nor e-mail), or ""."""
    if organisation.phone.strip() or organisation.email.strip():
        return ""
    return (
        f"у организации «{organisation.short_name}» нет ни телефона, ни электронной почты — "
        "родителям некуда обратиться. Добавьте телефон или почту в карточке организации "
        "(Организации → «Изменить»)"
    )


def _check_contacts(program: Program) -> None:
    missing = contacts_missing(program.organisation)
    if missing:
        raise RegistryError(f"Программу нельзя опубликовать: {missing}.")


def _check_ready_for_moderation(program: Program) -> None:
    if not program.groups.exists():
        raise RegistryError("Добавьте хотя бы одну группу с педагогом и расписанием.")
    if program.groups.filter(schedule__isnull=True).exists():
        raise RegistryError("У каждой группы должно быть расписание занятий.")


def _move(program: Program, user: User | None, target: str, comment: str) -> ProgramTransition:
    source = program.status
    program.status = target
    program.save(update_fields=["status", "updated_at"])
    # A programme sent back keeps the card it was sent back with: the next review shows what
    # the coordinator changed since.
    card = (
        program_card(program_with_card_relations(program.pk))
        if target == ProgramStatus.NEEDS_REVISION
        else {}
    )
    step = ProgramTransition.objects.create(
        program=program,
        actor=user,
        from_status=source,
        to_status=target,
        comment=comment,
        card=card,
    )
    transaction.on_commit(lambda: program_transition_notify_task.delay(step.pk))
    return step


def _publish_approved_version(program: Program, user: User) -> None:
    full = program_with_card_relations(program.pk)
    PublishedProgram.objects.update_or_create(
        program=program,
        defaults={
            **published_columns(full, groups=full.groups.all()),
            "card": program_card(full),
            "data": approved_data(full),
            "approved_at": timezone.now(),
            "approved_by": user,
        },
    )
    search.update_vectors(PublishedProgram.objects.filter(pk=program.pk))


def republish(*, program: Program, user: User) -> None:
    """A moderator's change to a published programme is approved as it is made."""
    _publish_approved_version(program, user)
    _send_after_commit(signals.program_changed, program_ids=[program.pk])


def published_columns(program: Program, *, groups) -> dict:
    """What the catalogue filters and searches on, taken from the approved programme."""
    starts = [g.enrolment_from for g in groups if g.enrolment_from]
    ends = [g.enrolment_to for g in groups if g.enrolment_to]
    specialisation = program.specialisation.name if program.specialisation else ""
    return {
        "organisation_id": program.organisation_id,
        "municipality_id": program.organisation.municipality_id,
        "name": program.name,
        "short_description": program.short_description,
        "focus": program.focus,
        "specialisation_id": program.specialisation_id,
        "level": program.level,
        "program_type": program.program_type,
        "age_from": program.age_from,
        "age_to": program.age_to,
        "study_form": program.study_form,
        "uses_distance_technologies": program.uses_distance_technologies,
        "ovz_suitable": program.ovz_suitable,
        "ovz_categories_key": "".join(f"|{c}" for c in program.ovz_categories) + "|"
        if program.ovz_categories
        else "",
        "aids_career_guidance": program.aids_career_guidance,
        "funding_budget": program.funding_budget,
        "funding_certificate": program.funding_certificate,
        "funding_paid": program.funding_paid,
        "cost": program.cost,
        "enrolment_from": min(starts, default=None),
        "enrolment_to": max(ends, default=None),
        "image": program.image.name if program.image else "",
        "search_title": search.normalize(program.name),
        "search_text": search.normalize(
            " ".join(
                [
                    program.short_description,
                    program.content,
                    program.goals,
                    program.expected_results,
                    program.get_focus_display(),
                    specialisation,
                    program.organisation.short_name,
                ]
            )
        ),
    }


def approved_data(program: Program, *, groups=None, partners=None) -> dict:
    """The approved programme's details as data, for exchange (the regional Navigator): what
    the catalogue columns do not already hold. ``groups`` ([(group, its slots)]) and
    ``partners`` stand in for the saved ones, for a programme not written yet (an import)."""
    if groups is None:
        groups = [(g, g.schedule.all()) for g in program.groups.all()]
    if partners is None:
        partners = program.partners.all() if program.pk else []
    return {
        "description": program.content,
        "duration_months": program.duration_months,
        "duration_hours": program.duration_hours,
        "address": program.address,
        "ovz_categories": list(program.ovz_categories),
        "partners": [{"name": p.name, "inn": p.inn, "ogrn": p.ogrn} for p in partners],
        "groups": [
            {
                "id": g.pk,
                "name": g.name,
                "teacher": g.teacher_name,
                "age_from": g.age_from,
                "age_to": g.age_to,
                "places": g.places,
                "enrolment_from": g.enrolment_from.isoformat() if g.enrolment_from else None,
                "enrolment_to": g.enrolment_to.isoformat() if g.enrolment_to else None,
                "study_from": g.study_from.isoformat() if g.study_from else None,
                "study_to": g.study_to.isoformat() if g.study_to else None,
                "free_places": g.free_places,
                "funding": g.funding,
                "cost": float(g.cost) if g.cost is not None else None,
                "address": g.address,
                "schedule": [
                    {
                        "weekday": s.weekday,
                        "time_start": s.time_start.strftime("%H:%M"),
                        "time_end": s.time_end.strftime("%H:%M"),
                    }
                    for s in slots
                ],
            }
            for g, slots in groups
        ],
    }


def _send_after_commit(signal, **kwargs) -> None:
    transaction.on_commit(lambda: signal.send(sender=Program, **kwargs))


# --- the card --------------------------------------------------------------------------------


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
        _move(program, user, S.ON_MODERATION, "Изменения опубликованной программы")


def _save_partners(program: Program, partners: list[dict]) -> None:
    program.partners.all().delete()
    for data in partners:
        partner = NetworkPartner(program=program, **data)
        partner.full_clean()
        partner.save()
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
        group.pk = None
        group.program = copy
        group.save()
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
    group.schedule.all().delete()
    for slot in schedule:
        entry = GroupSchedule(group=group, **slot)
        entry.full_clean()
        entry.save()
    _after_card_change(program, user)
    return group


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
        _send_after_commit(signals.program_changed, program_ids=[group.program_id])
    transaction.on_commit(bump_catalogue_version)
    return group


@transaction.atomic
def group_delete(*, user: User, group: ProgramGroup) -> None:
    program = Program.objects.select_for_update().get(pk=group.program_id)
    _check_card_access(user, program)
    group.delete()
    _after_card_change(program, user)


# --- organisations and coordinators ----------------------------------------------------------

# What a coordinator may change in their own organisation's profile; the rest (municipality,
# the support-centre mark, type and legal details) is kept by the centre.
COORDINATOR_PROFILE_FIELDS = {
    "short_name",
    "head_name",
    "address",
    "settlement",
    "phone",
    "email",
    "website",
    "staff_total",
    "teachers_total",
    "classrooms",
    "has_accessible_environment",
    "infrastructure_notes",
}


def _check_staff_of(user: User, municipality_id: int) -> None:
    check_manages_municipality(
        user, municipality_id, "Организациями муниципалитета занимаются сотрудники его МОЦ."
    )


@transaction.atomic
def organisation_create(*, user: User, data: dict) -> Organisation:
    municipality = data.get("municipality") or user.municipality
    if municipality is None:
        raise RegistryError("Укажите муниципалитет организации.")
    _check_staff_of(user, municipality.pk)
    organisation = Organisation(**{**data, "municipality": municipality})
    organisation.full_clean()
    organisation.save()
    settlements.place_by_address([organisation])
    return organisation


@transaction.atomic
def organisation_update(
    *, user: User, organisation: Organisation, data: dict, seen: str | None = None
) -> Organisation:
    """``seen``: what the person's form showed of the fields in ``data``."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not user_manages_organisation(user, organisation):
        raise PermissionDenied("Вы не можете изменять эту организацию.")
    check_seen(seen, snapshot(organisation, list(data)))
    if user.is_coordinator:
        refused = set(data) - COORDINATOR_PROFILE_FIELDS
        if refused:
            raise PermissionDenied("Эти сведения об организации меняет сотрудник МОЦ.")
    municipality = data.get("municipality")
    if municipality is not None and municipality.pk != organisation.municipality_id:
        _check_staff_of(user, municipality.pk)
    for name, value in data.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    settlements.place_by_address([organisation])
    ids = [organisation.pk]
    transaction.on_commit(
        lambda: signals.organisation_changed.send(sender=Organisation, organisation_ids=ids)
    )
    return organisation


@transaction.atomic
def coordinator_invite(
    *,
    user: User,
    organisation: Organisation,
    email: str,
    last_name: str,
    first_name: str,
    middle_name: str = "",
    position: str = "",
    phone: str = "",
) -> User:
    """Attach a coordinator to the organisation, creating the account if it is new.

    An account that has no password yet (new, or invited before and never signed in) gets a
    link to set one; inviting it again sends a fresh link and revokes the one sent before.
    """
    _check_staff_of(user, organisation.municipality_id)
    email = email.strip().lower()
    coordinator = User.objects.filter(email__iexact=email).first()
    created = coordinator is None
    if coordinator is not None and coordinator.role != Role.COORDINATOR:
        raise RegistryError(
            f"Адрес {email} уже принадлежит пользователю с ролью "
            f"«{coordinator.get_role_display()}». Укажите другой адрес."
        )
    if created:
        coordinator = invited_account(
            email=email,
            role=Role.COORDINATOR,
            last_name=last_name,
            first_name=first_name,
            middle_name=middle_name,
            position=position,
            phone=phone,
        )
    pending = not coordinator.has_usable_password()
    attached = organisation.coordinators.filter(pk=coordinator.pk).exists()
    if attached and not pending:
        raise RegistryError(f"{coordinator.display_name} уже координатор этой организации.")
    elsewhere = coordinator.coordinated_organisations.exclude(
        municipality_id=organisation.municipality_id
    )
    if not created and not attached and elsewhere.exists():
        # Someone another municipality's centre knows: they confirm it themselves by e-mail.
        token = signing.dumps(
            {"user": coordinator.pk, "organisation": organisation.pk}, salt=CONFIRM_SALT
        )
        transaction.on_commit(
            lambda: coordinator_confirmation_send_task.delay(coordinator.pk, organisation.pk, token)
        )
        return coordinator
    if pending and not created:
        # A new unusable password changes what the reset tokens are made of: the link sent
        # before stops working, and only the fresh one sets the password.
        coordinator.set_unusable_password()
        coordinator.save(update_fields=["password"])
    if not attached:
        organisation.coordinators.add(coordinator)
    transaction.on_commit(
        lambda: coordinator_invitation_send_task.delay(coordinator.pk, organisation.pk, pending)
    )
    return coordinator


CONFIRM_SALT = "programs.coordinator-confirm"


def coordinator_confirmation(*, user: User, token: str) -> Organisation:
    """The organisation the link in this person's letter invites them to coordinate."""
    try:
        data = signing.loads(
            token, salt=CONFIRM_SALT, max_age=timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
        )
    except signing.SignatureExpired as error:
        raise RegistryError(
            "Ссылка устарела. Попросите сотрудника МОЦ пригласить вас ещё раз."
        ) from error
    except signing.BadSignature as error:
        raise RegistryError(
            "Ссылка повреждена: откройте её из письма целиком или попросите прислать новую."
        ) from error
    if data["user"] != user.pk or not user.is_coordinator:
        raise PermissionDenied("Это приглашение адресовано другому пользователю.")
    organisation = (
        Organisation.objects.select_related("municipality").filter(pk=data["organisation"]).first()
    )
    if organisation is None:
        raise RegistryError("Организации из приглашения больше нет в реестре.")
    return organisation


@transaction.atomic
def coordinator_confirm(*, user: User, token: str) -> Organisation:
    """The person confirms, from the link in their letter, that they coordinate one more
    organisation (of another municipality than the ones they coordinate)."""
    organisation = coordinator_confirmation(user=user, token=token)
    organisation.coordinators.add(user)
    return organisation


@transaction.atomic
def coordinator_detach(*, user: User, organisation: Organisation, coordinator: User) -> None:
    _check_staff_of(user, organisation.municipality_id)
    organisation.coordinators.remove(coordinator)


def program_navigator_links_save(links: dict[int, tuple[str, str]]) -> None:
    """Record where programmes are in the Navigator: ``{program_id: (id, url)}``, empty strings
    once withdrawn. The catalogue's "Записаться в Навигаторе" button follows the URL."""
    if not links:
        return
    # A plain update: where a programme sits in the Navigator is not a change of the programme.
    update_rows(
        Program,
        ["navigator_id", "navigator_url"],
        [(pk, navigator_id, url) for pk, (navigator_id, url) in links.items()],
    )
    bump_catalogue_version()


# --- e-mail notices (sent by the tasks in tasks.py) ----------------------------------------


def _transition_recipients(step: ProgramTransition) -> list[str]:
    program = step.program
    if step.to_status == ProgramStatus.ON_MODERATION:
        people = User.objects.filter(
            role=Role.STAFF, municipality_id=program.organisation.municipality_id
        )
    else:
        people = program.organisation.coordinators.all()
    return sorted(
        {p.email for p in people.filter(is_active=True).exclude(email="") if p != step.actor}
    )


def transition_notify(*, transition_id: int) -> int:
    """Tell the people a moderation step concerns; returns how many were told."""
    with transaction.atomic():
        step = (
            ProgramTransition.objects.select_for_update(of=("self",))
            .select_related("program__organisation", "actor")
            .filter(pk=transition_id, notified_at__isnull=True)
            .first()
        )
        if step is None:
            return 0
        recipients = _transition_recipients(step)
        if recipients:
            context = {
                "step": step,
                "program": step.program,
                "url": settings.SITE_URL + reverse("programs:detail", args=[step.program_id]),
                "centre": centre_of(step.program.organisation.municipality_id),
            }
            send_mail(
                subject=f"Программа «{step.program.name[:80]}»: {step.get_to_status_display()}",
                message=render_to_string("emails/program_transition.txt", context),
                from_email=None,
                recipient_list=recipients,
            )
        step.notified_at = timezone.now()
        step.save(update_fields=["notified_at"])
    return len(recipients)


def coordinator_invitation_send(*, user_id: int, organisation_id: int, new_account: bool) -> None:
    """The invitation letter; an account without a password gets the link to set one."""
    coordinator = User.objects.get(pk=user_id)
    organisation = Organisation.objects.get(pk=organisation_id)
    context = {
        "coordinator": coordinator,
        "organisation": organisation,
        "centre": centre_of(organisation.municipality_id),
        "login_url": settings.SITE_URL + reverse("users:login"),
        "set_password_url": "",
    }
    if new_account:
        context["set_password_url"] = set_password_url(coordinator)
    send_mail(
        subject=f"Вы — координатор организации «{organisation.short_name}» на портале МОЦ",
        message=render_to_string("emails/coordinator_invitation.txt", context),
        from_email=None,
        recipient_list=[coordinator.email],
    )


def coordinator_confirmation_send(*, user_id: int, organisation_id: int, token: str) -> None:
    """The letter asking a coordinator of another municipality to confirm an organisation."""
    coordinator = User.objects.get(pk=user_id)
    organisation = Organisation.objects.select_related("municipality").get(pk=organisation_id)
    context = {
        "coordinator": coordinator,
        "organisation": organisation,
        "centre": centre_of(organisation.municipality_id),
        "confirm_url": settings.SITE_URL
        + reverse("programs:coordinator_confirm", kwargs={"token": token}),
    }
    send_mail(
        subject=f"Подтвердите: координатор организации «{organisation.short_name}»",
        message=render_to_string("emails/coordinator_confirmation.txt", context),
        from_email=None,
        recipient_list=[coordinator.email],
    )


# --- the tasks that run these services in the background (their names are the ones beat and
# queued messages know) --------------------------------------------------------------------


@shared_task(
    name="programs.tasks.program_transition_notify",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def program_transition_notify_task(transition_id: int) -> int:
    return transition_notify(transition_id=transition_id)


@shared_task(
    name="programs.tasks.coordinator_invitation_send",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def coordinator_invitation_send_task(user_id: int, organisation_id: int, new_account: bool):
    coordinator_invitation_send(
        user_id=user_id, organisation_id=organisation_id, new_account=new_account
    )


@shared_task(
    name="programs.tasks.coordinator_confirmation_send",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def coordinator_confirmation_send_task(user_id: int, organisation_id: int, token: str) -> None:
    coordinator_confirmation_send(user_id=user_id, organisation_id=organisation_id, token=token)
