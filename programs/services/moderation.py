"""A programme's moderation: its lifecycle table (core.lifecycle: who may apply which step
from which state), what each step records, and the letter that tells the people it concerns."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from moc_portal.core.lifecycle import Lifecycle, Transition
from moc_portal.users.models import Role, User

from .. import signals
from ..choices import ProgramStatus
from ..models import Organisation, Program, ProgramTransition, PublishedProgram
from ..readiness import texts_needed
from ..selectors import program_card, program_with_card_relations, user_coordinates
from ..territory.centres import centre_of
from .errors import RegistryError
from .publishing import approved_version_publish, send_after_commit

S = ProgramStatus


def _staff(user: User, program: Program) -> bool:
    return user.manages_municipality(program.organisation.municipality_id)


def _coordinator(user: User, program: Program) -> bool:
    return user_coordinates(user, program.organisation)


def _staff_or_coordinator(user: User, program: Program) -> bool:
    return _staff(user, program) or _coordinator(user, program)


PROGRAM_LIFECYCLE = Lifecycle(
    state_field="status",
    transitions=(
        Transition(
            "submit",
            frozenset({S.DRAFT, S.NEEDS_REVISION}),
            S.ON_MODERATION,
            "Отправить на модерацию",
            may=_staff_or_coordinator,
        ),
        Transition(
            "approve",
            frozenset({S.ON_MODERATION}),
            S.PUBLISHED,
            "Опубликовать",
            may=_staff,
            style="btn-success",
        ),
        Transition(
            "return",
            frozenset({S.ON_MODERATION}),
            S.NEEDS_REVISION,
            "Вернуть на доработку",
            may=_staff,
            comment_required=True,
            comment_label="Что нужно исправить",
            comment_help="Комментарий увидит координатор организации; он придёт ему и на почту.",
            comment_submit="Вернуть с комментарием",
            comment_refusal="Напишите комментарий: что нужно исправить в программе.",
            style="btn-warning",
        ),
        # A coordinator takes a submission back to change something more; what the catalogue
        # shows stays as it was.
        Transition(
            "withdraw",
            frozenset({S.ON_MODERATION}),
            S.DRAFT,
            "Отозвать с модерации",
            may=_coordinator,
            style="btn-outline-secondary",
        ),
        Transition(
            "archive",
            frozenset({S.PUBLISHED}),
            S.ARCHIVED,
            "В архив",
            may=_staff_or_coordinator,
            style="btn-outline-secondary",
        ),
    ),
    error=RegistryError,
    denied="Недостаточно прав для этого действия с программой.",
    refusal="Действие недоступно: программа в статусе «{state}».",
    url=lambda program, step: reverse("programs:action", args=[program.pk, step.name]),
)


@transaction.atomic
def program_transition(*, program: Program, user: User, action: str, comment: str = "") -> Program:
    program = Program.objects.select_for_update().select_related("organisation").get(pk=program.pk)
    step = PROGRAM_LIFECYCLE.check(user, program, action, comment=comment)
    comment = comment.strip()
    if action == "submit":
        _check_ready_for_moderation(program)
    if action == "approve":
        _check_texts(program, "опубликовать")
        _check_contacts(program)
    move_to(program, user, step.target, comment)
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


def _check_texts(program: Program, step: str) -> None:
    """A programme goes to moderation and to the catalogue with all its texts; a draft loaded
    from a list may lack them (``readiness.PUBLISHING_TEXTS``)."""
    needed = texts_needed(program)
    if needed:
        raise RegistryError(f"Программу нельзя {step}: сначала {needed} (кнопка «Редактировать»).")


def _check_ready_for_moderation(program: Program) -> None:
    _check_texts(program, "отправить на модерацию")
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
