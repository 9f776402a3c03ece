"""What every rule of the assessment shares: its error, the lifecycle tables of a campaign
and of an expert's assignment, the staff check and the log."""

from django.urls import reverse

from moc_portal.access import check_manages_municipality
from moc_portal.core.errors import DomainError
from moc_portal.core.lifecycle import Lifecycle, Transition
from moc_portal.users.models import User

from ..models import (
    AssessmentLog,
    AssignmentState,
    CampaignState,
    Conclusion,
)

CONCLUSION_ORDER = list(Conclusion.values)  # strictest first


class AssessmentError(DomainError):
    """A rule of the assessment refused the action; the message says what to do."""


def _staff(user: User, campaign) -> bool:
    return user.manages_municipality(campaign.municipality_id)


def _campaign_url(campaign, step) -> str:
    if step.name == "distribute":
        return reverse("assessment:distribute", args=[campaign.pk])
    return reverse("assessment:campaign_state", args=[campaign.pk, step.name])


# A campaign's lifecycle. Programmes and criteria are fixed once the campaign opens; experts
# are distributed and changed until it closes; the register is decided after.
C = CampaignState
_EDITABLE = frozenset({C.DRAFT, C.OPEN})
CAMPAIGN_LIFECYCLE = Lifecycle(
    state_field="state",
    transitions=(
        Transition(
            "distribute",
            _EDITABLE,
            None,
            "Распределить программы между экспертами",
            may=_staff,
            style="btn-outline-primary",
        ),
        Transition("open", frozenset({C.DRAFT}), C.OPEN, "Начать оценку", may=_staff),
        Transition("close", frozenset({C.OPEN}), C.CLOSED, "Завершить оценку", may=_staff),
        # Changes made on the campaign's own forms rather than by a button.
        Transition("edit", frozenset({C.DRAFT}), None, "Изменить", may=_staff, button=False),
        Transition("compose", _EDITABLE, None, "Изменить состав", may=_staff, button=False),
        Transition("register", frozenset({C.CLOSED}), None, "Реестр", may=_staff, button=False),
    ),
    error=AssessmentError,
    denied="Оценкой программ муниципалитета управляют его сотрудники МОЦ.",
    refusal="Действие недоступно: кампания в состоянии «{state}».",
    url=_campaign_url,
)


def _campaign_state_refusal(*states):
    """The assignment's step waits for its campaign to be in one of ``states``."""

    def refusal(assignment) -> str:
        campaign = assignment.entry.campaign
        if campaign.state in states:
            return ""
        return f"Действие недоступно: кампания в состоянии «{campaign.get_state_display()}»."

    return refusal


def _expert_refusal(assignment) -> str:
    if assignment.entry.campaign.state != C.OPEN:
        return "Оценка в этой кампании не идёт."
    return ""


def _assignee(user: User, assignment) -> bool:
    return assignment.expert_id == user.pk


def _campaign_staff(user: User, assignment) -> bool:
    return _staff(user, assignment.entry.campaign)


A = AssignmentState
_LOCKED = "Оценка отправлена и закрыта; изменить её можно, если сотрудник МОЦ вернёт её."
_OTHER_EXPERT = "Эта программа назначена другому эксперту."
# An expert's assignment: scored and submitted by its expert while the campaign is open;
# given back by staff with a reason, or taken off before it is submitted.
ASSIGNMENT_LIFECYCLE = Lifecycle(
    state_field="state",
    transitions=(
        Transition(
            "save",
            frozenset({A.ASSIGNED}),
            None,
            "Сохранить черновик",
            may=_assignee,
            guard=_expert_refusal,
            refusal=_LOCKED,
            denied=_OTHER_EXPERT,
            button=False,
        ),
        Transition(
            "submit",
            frozenset({A.ASSIGNED}),
            A.SUBMITTED,
            "Отправить оценку",
            may=_assignee,
            guard=_expert_refusal,
            refusal=_LOCKED,
            denied=_OTHER_EXPERT,
            button=False,
        ),
        Transition(
            "reopen",
            frozenset({A.SUBMITTED}),
            A.ASSIGNED,
            "Вернуть эксперту",
            may=_campaign_staff,
            guard=_campaign_state_refusal(C.OPEN),
            refusal="Оценка ещё не отправлена: возвращать нечего.",
            comment_required=True,
            comment_label="Почему оценка возвращается эксперту",
            comment_help="Почему вернуть",
            comment_refusal="Напишите, почему оценка возвращается эксперту.",
            style="btn-outline-warning",
        ),
        Transition(
            "unassign",
            frozenset({A.ASSIGNED}),
            None,
            "снять",
            may=_campaign_staff,
            guard=_campaign_state_refusal(*_EDITABLE),
            refusal="Оценка уже отправлена: назначение нельзя снять.",
            style="btn-link p-0",
            aria_label="Снять назначение: {obj.expert}",
        ),
    ),
    error=AssessmentError,
    denied="Оценкой программ муниципалитета управляют его сотрудники МОЦ.",
    url=lambda assignment, step: reverse(f"assessment:{step.name}", args=[assignment.pk]),
)


def check_staff_of(user: User, municipality_id: int) -> None:
    check_manages_municipality(
        user, municipality_id, "Оценкой программ муниципалитета управляют его сотрудники МОЦ."
    )


def log_action(campaign, actor, action, comment="", assignment=None) -> None:
    AssessmentLog.objects.create(
        campaign=campaign, actor=actor, action=action, comment=comment, assignment=assignment
    )
