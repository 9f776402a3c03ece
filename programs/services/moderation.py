"""A programme's moderation: the TRANSITIONS table, who may apply which step from which
state, what each step records, and the letter that tells the people it concerns."""

from dataclasses import dataclass

from celery import shared_task
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from moc_portal.users.models import Role, User

from .. import signals
from ..choices import ProgramStatus
from ..models import Organisation, Program, ProgramTransition, PublishedProgram
from ..selectors import program_card, program_with_card_relations, user_coordinates
from ..territory.centres import centre_of
from .errors import RegistryError
from .publishing import approved_version_publish, send_after_commit

S = ProgramStatus


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
    move_to(program, user, rule.target, comment)
    if action == "approve":
        approved_version_publish(program, user)
        send_after_commit(signals.program_published, program_ids=[program.pk])
    elif action == "archive":
        PublishedProgram.objects.filter(program=program).delete()
        send_after_commit(signals.program_archived, program_ids=[program.pk])
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


def move_to(program: Program, user: User | None, target: str, comment: str) -> ProgramTransition:
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


# The task that runs ``transition_notify`` in the background, under the name beat and queued
# messages know.


@shared_task(
    name="programs.tasks.program_transition_notify",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def program_transition_notify_task(transition_id: int) -> int:
    return transition_notify(transition_id=transition_id)
