"""The lifecycle tables of a contest and of an organisation's entry.

A contest is prepared (draft), takes applications, is judged and ends with its results. An
entry is submitted by its organisation's coordinator, admitted or returned with a comment by
the staff who run the contest, resubmitted after a fix before the deadline, or withdrawn.
"""

from django.urls import reverse
from django.utils import timezone

from moc_portal.core.errors import DomainError
from moc_portal.core.lifecycle import Lifecycle, Transition
from moc_portal.users.models import User

from .models import ContestState, EntryState


class ContestError(DomainError):
    """A rule of the contests refused the action; the message says what to do."""


def manages_contest(user: User, contest) -> bool:
    """Staff of the contest's municipality; a regional contest (no municipality) is the
    administrator's."""
    if contest.municipality_id is None:
        return user.is_administrator
    return user.manages_municipality(contest.municipality_id)


def deadline_refusal(contest) -> str:
    """Why applications are no longer taken, or ""."""
    if contest.state != ContestState.APPLICATIONS:
        return f"Заявки не принимаются: конкурс в состоянии «{contest.get_state_display()}»."
    if timezone.localdate() > contest.applications_to:
        return (
            f"Приём заявок закончился {contest.applications_to:%d.%m.%Y}. Заявку уже нельзя "
            "подать или изменить."
        )
    return ""


def _has_nominations(contest) -> str:
    if not contest.nominations.exists():
        return "Добавьте хотя бы одну номинацию, чтобы объявить приём заявок."
    return ""


C = ContestState
CONTEST_LIFECYCLE = Lifecycle(
    state_field="state",
    transitions=(
        Transition(
            "open_applications",
            frozenset({C.DRAFT}),
            C.APPLICATIONS,
            "Объявить приём заявок",
            may=manages_contest,
            guard=_has_nominations,
        ),
        Transition(
            "start_judging",
            frozenset({C.APPLICATIONS}),
            C.JUDGING,
            "Закрыть приём заявок и начать оценивание",
            may=manages_contest,
        ),
        # On the ranking page's own form: ``results.results_fix`` checks the scores and ties.
        Transition(
            "fix_results",
            frozenset({C.JUDGING}),
            C.RESULTS,
            "Зафиксировать итоги",
            may=manages_contest,
            denied="Итоги фиксируют сотрудники МОЦ муниципалитета (регионального конкурса — РМЦ).",
            refusal="Итоги фиксируются по окончании оценивания; сейчас конкурс «{state}».",
            button=False,
        ),
        Transition(
            "edit",
            frozenset({C.DRAFT, C.APPLICATIONS}),
            None,
            "Изменить",
            may=manages_contest,
            refusal="Конкурс меняют до начала оценивания.",
            button=False,
        ),
    ),
    error=ContestError,
    denied="Конкурсом управляют сотрудники МОЦ его муниципалитета.",
    refusal="Действие недоступно: конкурс в состоянии «{state}».",
    url=lambda contest, step: reverse("contests:action", args=[contest.pk, step.name]),
)


def _entry_staff(user: User, entry) -> bool:
    return manages_contest(user, entry.contest)


def _entry_coordinator(user: User, entry) -> bool:
    return user.is_coordinator and entry.organisation.coordinators.filter(pk=user.pk).exists()


def _entry_deadline(entry) -> str:
    return deadline_refusal(entry.contest)


def _entry_judging_not_started(entry) -> str:
    if entry.contest.state not in (C.APPLICATIONS, C.JUDGING):
        return "Заявки рассматривают, пока конкурс принимает заявки или оценивается."
    return ""


E = EntryState
ENTRY_LIFECYCLE = Lifecycle(
    state_field="state",
    transitions=(
        Transition(
            "admit",
            # A returned entry too: staff may take it back once it can no longer be resubmitted.
            frozenset({E.SUBMITTED, E.RETURNED}),
            E.ADMITTED,
            "Допустить",
            may=_entry_staff,
            guard=_entry_judging_not_started,
            style="btn-success",
        ),
        Transition(
            "return",
            frozenset({E.SUBMITTED, E.ADMITTED}),
            E.RETURNED,
            "Вернуть на доработку",
            may=_entry_staff,
            guard=_entry_judging_not_started,
            comment_required=True,
            comment_label="Что исправить",
            comment_help="Координатор увидит комментарий в заявке.",
            comment_refusal="Напишите, что исправить в заявке.",
            style="btn-outline-danger",
        ),
        Transition(
            "resubmit",
            frozenset({E.RETURNED}),
            E.SUBMITTED,
            "Подать снова",
            may=_entry_coordinator,
            guard=_entry_deadline,
        ),
        Transition(
            "withdraw",
            frozenset({E.SUBMITTED, E.RETURNED}),
            E.WITHDRAWN,
            "Отозвать заявку",
            may=_entry_coordinator,
            guard=_entry_deadline,
            style="btn-outline-secondary",
        ),
        # The coordinator changes participants and files on the entry's own forms.
        Transition(
            "change",
            frozenset({E.SUBMITTED, E.RETURNED}),
            None,
            "Изменить",
            may=_entry_coordinator,
            guard=_entry_deadline,
            refusal="Заявку в состоянии «{state}» не меняют.",
            button=False,
        ),
    ),
    error=ContestError,
    denied="Заявку ведёт координатор её организации, рассматривают сотрудники МОЦ.",
    refusal="Действие недоступно: заявка в состоянии «{state}».",
    url=lambda entry, step: reverse("contests:entry_action", args=[entry.pk, step.name]),
)
