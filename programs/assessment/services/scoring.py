"""The expert's work: scores saved with the snapshot of what the expert saw, submitted,
reopened by staff."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from moc_portal.core.concurrency import check_seen, value_text
from moc_portal.users.models import User

from ..models import (
    Assignment,
    AssignmentState,
    Conclusion,
    Score,
)
from .rules import ASSIGNMENT_LIFECYCLE, AssessmentError, log_action


def scoring_seen(assignment: Assignment) -> dict[str, str]:
    """The scores, notes and conclusion as the scoring form shows them (core.concurrency)."""
    scores = {score.criterion_id: score for score in assignment.scores.all()}
    state = {}
    for criterion in assignment.entry.campaign.criteria_set.criteria.all():
        score = scores.get(criterion.pk)
        label = f"{criterion.position}. {criterion.title}"
        state[label] = value_text(score.value if score else None)
        state[f"{label}: комментарий"] = score.comment if score else ""
    state["Заключение"] = assignment.get_conclusion_display() if assignment.conclusion else ""
    state["Комментарий эксперта"] = assignment.comment
    return state


@transaction.atomic
def scores_save(
    *,
    user: User,
    assignment: Assignment,
    scores: dict,
    conclusion: str,
    comment: str,
    seen: str | None = None,
) -> Assignment:
    """``scores``: {criterion_id: (value or None, comment)}. A draft may be incomplete.
    ``seen``: what the expert's form showed (another tab may have saved since)."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    ASSIGNMENT_LIFECYCLE.check(user, assignment, "save")
    check_seen(seen, scoring_seen(assignment))
    criteria = {c.pk: c for c in assignment.entry.campaign.criteria_set.criteria.all()}
    errors = {}
    for criterion_id, (value, _note) in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise AssessmentError("Критерий не из набора этой кампании.")
        if value is not None and not 0 <= value <= criterion.scale_max:
            errors[f"score_{criterion_id}"] = f"Балл от 0 до {criterion.scale_max}."
    if conclusion and conclusion not in Conclusion.values:
        errors["conclusion"] = "Выберите заключение из списка."
    if errors:
        raise ValidationError(errors)
    for criterion_id, (value, note) in scores.items():
        if value is None:
            Score.objects.filter(assignment=assignment, criterion_id=criterion_id).delete()
            continue
        Score.objects.update_or_create(
            assignment=assignment,
            criterion_id=criterion_id,
            defaults={"value": value, "comment": note.strip()},
        )
    assignment.conclusion = conclusion
    assignment.comment = comment.strip()
    assignment.save(update_fields=["conclusion", "comment"])
    return assignment


@transaction.atomic
def assignment_submit(*, user: User, assignment: Assignment) -> Assignment:
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    ASSIGNMENT_LIFECYCLE.check(user, assignment, "submit")
    criteria = assignment.entry.campaign.criteria_set.criteria.all()
    scored = set(assignment.scores.values_list("criterion_id", flat=True))
    missing = [c.title for c in criteria if c.pk not in scored]
    if missing:
        raise AssessmentError(f"Поставьте балл по критерию «{missing[0]}».")
    if not assignment.conclusion:
        raise AssessmentError("Выберите заключение по программе.")
    assignment.state = AssignmentState.SUBMITTED
    assignment.submitted_at = timezone.now()
    assignment.save(update_fields=["state", "submitted_at"])
    log_action(assignment.entry.campaign, user, "Оценка отправлена", assignment=assignment)
    return assignment


@transaction.atomic
def assignment_reopen(*, user: User, assignment: Assignment, comment: str) -> Assignment:
    """Staff give a submitted assessment back to its expert; why is recorded."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    ASSIGNMENT_LIFECYCLE.check(user, assignment, "reopen", comment=comment)
    assignment.state = AssignmentState.ASSIGNED
    assignment.submitted_at = None
    assignment.save(update_fields=["state", "submitted_at"])
    log_action(
        assignment.entry.campaign,
        user,
        "Оценка возвращена эксперту",
        comment.strip(),
        assignment=assignment,
    )
    return assignment
