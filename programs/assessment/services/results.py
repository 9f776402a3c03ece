"""Results: percentages, the aggregate conclusion, closing a campaign, the register."""

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from moc_portal.users.models import User
from programs.cache import bump_catalogue_version

from ..models import (
    Assignment,
    AssignmentState,
    Campaign,
    CampaignProgram,
    CampaignState,
    Conclusion,
    Criterion,
)
from .campaigns import check_campaign
from .rules import CONCLUSION_ORDER, AssessmentError, log_action


def assignment_percent(assignment: Assignment, criteria: list[Criterion]) -> Decimal:
    """Weighted points as a share of the weighted maximum, in per cent."""
    values = {s.criterion_id: s.value for s in assignment.scores.all()}
    maximum = sum((c.weight * c.scale_max for c in criteria), Decimal(0))
    got = sum((c.weight * values.get(c.pk, 0) for c in criteria), Decimal(0))
    return (Decimal(100) * got / maximum) if maximum else Decimal(0)


def aggregate_conclusion(conclusions: list[str]) -> str:
    """The experts' majority; a tie goes to the stricter conclusion."""
    counts = Counter(conclusions)
    best = max(counts.values())
    return next(c for c in CONCLUSION_ORDER if counts.get(c) == best)


@transaction.atomic
def campaign_close(*, user: User, campaign: Campaign) -> Campaign:
    """Results for every programme with at least one submitted assessment; recommended ones go
    into the register for regional expertise. Unsubmitted assessments block the closing."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    check_campaign(user, campaign, "close")
    waiting = Assignment.objects.filter(
        entry__campaign=campaign, state=AssignmentState.ASSIGNED
    ).count()
    if waiting:
        raise AssessmentError(
            f"Не отправлено оценок: {waiting}. Дождитесь экспертов или снимите назначения."
        )
    criteria = list(campaign.criteria_set.criteria.all())
    now = timezone.now()
    entries = campaign.entries.prefetch_related("assignments__scores")
    for entry in entries:
        submitted = [a for a in entry.assignments.all() if a.state == AssignmentState.SUBMITTED]
        if not submitted:
            continue
        percents = [assignment_percent(a, criteria) for a in submitted]
        entry.score_percent = (sum(percents) / len(percents)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
        entry.conclusion = aggregate_conclusion([a.conclusion for a in submitted])
        entry.decided_at = now
        entry.sent_to_region = entry.conclusion == Conclusion.RECOMMENDED
        entry.save(update_fields=["score_percent", "conclusion", "decided_at", "sent_to_region"])
    campaign.state = CampaignState.CLOSED
    campaign.closed_at = now
    campaign.save(update_fields=["state", "closed_at"])
    transaction.on_commit(bump_catalogue_version)  # the «рекомендована» badges change
    log_action(campaign, user, "Оценка завершена, заключения сформированы")
    return campaign


@transaction.atomic
def register_toggle(*, user: User, entry: CampaignProgram, include: bool) -> CampaignProgram:
    """Staff decide what goes to the regional expertise (recommended ones are in by default)."""
    check_campaign(user, entry.campaign, "register")
    if include and entry.conclusion == Conclusion.NOT_RECOMMENDED:
        raise AssessmentError(
            "Программа не рекомендована: в реестр для региональной экспертизы её не включают."
        )
    entry.sent_to_region = include
    entry.save(update_fields=["sent_to_region"])
    return entry
