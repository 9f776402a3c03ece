"""Independent quality assessment: every rule in one place (STYLE.md points 1–2).

Staff of a municipality keep its criteria and campaigns; an expert scores only what they were
assigned, and only until they submit; staff alone reopen a submission, and that is recorded.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from moc_portal.access import check_manages_municipality
from moc_portal.core.concurrency import check_seen, value_text
from moc_portal.core.errors import DomainError
from moc_portal.users.models import Role, User
from programs.cache import bump_catalogue_version
from programs.choices import ProgramStatus
from programs.models import Program

from .models import (
    AssessmentLog,
    Assignment,
    AssignmentState,
    Campaign,
    CampaignProgram,
    CampaignState,
    Conclusion,
    CriteriaSet,
    Criterion,
    ExpertGroup,
    ExpertProfile,
    Score,
)

CONCLUSION_ORDER = list(Conclusion.values)  # strictest first

# A campaign's lifecycle: which actions take it from which states. Distribution is allowed
# until the closing; programmes and criteria are fixed once the campaign opens.
C = CampaignState
CAMPAIGN_ACTIONS = {
    "distribute": frozenset({C.DRAFT, C.OPEN}),
    "open": frozenset({C.DRAFT}),
    "close": frozenset({C.OPEN}),
}


class AssessmentError(DomainError):
    """A rule of the assessment refused the action; the message says what to do."""


def _check_staff_of(user: User, municipality_id: int) -> None:
    check_manages_municipality(
        user, municipality_id, "Оценкой программ муниципалитета управляют его сотрудники МОЦ."
    )


def _log(campaign, actor, action, comment="", assignment=None) -> None:
    AssessmentLog.objects.create(
        campaign=campaign, actor=actor, action=action, comment=comment, assignment=assignment
    )


# --- criteria ---------------------------------------------------------------------------------


def criteria_set_in_use(criteria_set: CriteriaSet) -> bool:
    return criteria_set.campaigns.exclude(state=CampaignState.DRAFT).exists()


@transaction.atomic
def criteria_set_create(*, user: User, municipality, title: str) -> CriteriaSet:
    _check_staff_of(user, municipality.pk)
    criteria_set = CriteriaSet(municipality=municipality, title=title.strip(), created_by=user)
    criteria_set.full_clean()
    criteria_set.save()
    return criteria_set


def _editable_set(user: User, criteria_set: CriteriaSet) -> None:
    _check_staff_of(user, criteria_set.municipality_id)
    if criteria_set_in_use(criteria_set):
        raise AssessmentError(
            "По этой версии критериев уже оценивают: создайте новую версию набора и меняйте её."
        )
    if not criteria_set.is_current:
        raise AssessmentError("Это прежняя версия набора: изменяйте действующую.")


@transaction.atomic
def criterion_save(*, user: User, criterion: Criterion) -> Criterion:
    _editable_set(user, criterion.criteria_set)
    if not criterion.pk:
        last = criterion.criteria_set.criteria.order_by("-position").first()
        criterion.position = (last.position + 1) if last else 1
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def criterion_delete(*, user: User, criterion: Criterion) -> None:
    _editable_set(user, criterion.criteria_set)
    criterion.delete()


@transaction.atomic
def criteria_set_new_version(*, user: User, criteria_set: CriteriaSet) -> CriteriaSet:
    """A copy to edit; the version campaigns were scored on stays as it was."""
    _check_staff_of(user, criteria_set.municipality_id)
    if not criteria_set.is_current:
        raise AssessmentError("Новую версию делают из действующей.")
    copy = CriteriaSet.objects.create(
        municipality=criteria_set.municipality,
        title=criteria_set.title,
        version=criteria_set.version + 1,
        previous=criteria_set,
        created_by=user,
    )
    Criterion.objects.bulk_create(
        Criterion(
            criteria_set=copy,
            position=c.position,
            title=c.title,
            description=c.description,
            scale_max=c.scale_max,
            weight=c.weight,
        )
        for c in criteria_set.criteria.all()
    )
    CriteriaSet.objects.filter(pk=criteria_set.pk).update(is_current=False)
    return copy


# --- campaigns --------------------------------------------------------------------------------


def allowed_actions(*, user: User, campaign: Campaign) -> list[str]:
    """The lifecycle actions this user may take on the campaign now (for buttons)."""
    if not user.manages_municipality(campaign.municipality_id):
        return []
    return [action for action, states in CAMPAIGN_ACTIONS.items() if campaign.state in states]


def _check_campaign(user: User, campaign: Campaign, *states: str) -> None:
    _check_staff_of(user, campaign.municipality_id)
    if states and campaign.state not in states:
        raise AssessmentError(
            f"Действие недоступно: кампания в состоянии «{campaign.get_state_display()}»."
        )


@transaction.atomic
def campaign_save(*, user: User, campaign: Campaign) -> Campaign:
    _check_staff_of(user, campaign.municipality_id)
    if campaign.pk:
        _check_campaign(user, Campaign.objects.get(pk=campaign.pk), CampaignState.DRAFT)
    else:
        campaign.created_by = user
    if campaign.criteria_set.municipality_id != campaign.municipality_id:
        raise ValidationError({"criteria_set": "Выберите набор критериев своего муниципалитета."})
    if not campaign.criteria_set.is_current:
        raise ValidationError({"criteria_set": "Выберите действующую версию набора критериев."})
    if campaign.period_end < campaign.period_start:
        raise ValidationError({"period_end": "Окончание раньше начала."})
    campaign.full_clean()
    campaign.save()
    return campaign


@transaction.atomic
def campaign_add_programs(*, user: User, campaign: Campaign, programs) -> int:
    """Published programmes of the campaign's municipality; ones already in it are skipped.
    Returns how many were added."""
    _check_campaign(user, campaign, CampaignState.DRAFT, CampaignState.OPEN)
    chosen = Program.objects.filter(pk__in=[p.pk for p in programs])
    foreign = chosen.exclude(organisation__municipality_id=campaign.municipality_id)
    if foreign.exists():
        raise PermissionDenied("В кампанию включают программы только своего муниципалитета.")
    not_published = chosen.exclude(status=ProgramStatus.PUBLISHED)
    if not_published.exists():
        raise AssessmentError(
            f"Оценивают только опубликованные программы: «{not_published.first().name}» — нет."
        )
    present = set(campaign.entries.values_list("program_id", flat=True))
    added = CampaignProgram.objects.bulk_create(
        CampaignProgram(campaign=campaign, program=p) for p in chosen if p.pk not in present
    )
    return len(added)


@transaction.atomic
def campaign_remove_program(*, user: User, entry: CampaignProgram) -> None:
    _check_campaign(user, entry.campaign, CampaignState.DRAFT)
    entry.delete()


@transaction.atomic
def expert_group_save(*, user: User, group: ExpertGroup, experts) -> ExpertGroup:
    _check_campaign(user, group.campaign, CampaignState.DRAFT, CampaignState.OPEN)
    not_experts = [u for u in experts if u.role != Role.EXPERT or not u.is_active]
    if not_experts:
        raise ValidationError({"experts": f"{not_experts[0]} — не эксперт."})
    group.full_clean()
    group.save()
    group.experts.set(experts)
    return group


def _expert_organisation(expert: User) -> int | None:
    profile = ExpertProfile.objects.filter(user=expert).first()
    return profile.organisation_id if profile else None


def _check_may_assess(expert: User, entry: CampaignProgram) -> None:
    if expert.role != Role.EXPERT or not expert.is_active:
        raise AssessmentError(f"{expert} — не эксперт.")
    if _expert_organisation(expert) == entry.program.organisation_id:
        raise AssessmentError(
            f"{expert} работает в организации, чья это программа: назначьте другого эксперта."
        )


@transaction.atomic
def assignment_create(*, user: User, entry: CampaignProgram, expert: User) -> Assignment:
    _check_campaign(user, entry.campaign, CampaignState.DRAFT, CampaignState.OPEN)
    _check_may_assess(expert, entry)
    assignment, _ = Assignment.objects.get_or_create(entry=entry, expert=expert)
    return assignment


@transaction.atomic
def assignment_delete(*, user: User, assignment: Assignment) -> None:
    _check_campaign(user, assignment.entry.campaign, CampaignState.DRAFT, CampaignState.OPEN)
    if assignment.state == AssignmentState.SUBMITTED:
        raise AssessmentError("Оценка уже отправлена: назначение нельзя снять.")
    assignment.delete()


@dataclass
class Distribution:
    created: int = 0
    short: list = field(default_factory=list)  # programmes left with fewer experts than wanted


@transaction.atomic
def assignments_distribute(*, user: User, campaign: Campaign) -> Distribution:
    """Give every programme ``experts_per_program`` experts of the campaign's groups, the least
    loaded first, never one from the programme's own organisation."""
    _check_campaign(user, campaign, *CAMPAIGN_ACTIONS["distribute"])
    experts = list(
        User.objects.filter(expert_groups__campaign=campaign, role=Role.EXPERT, is_active=True)
        .distinct()
        .order_by("pk")
    )
    if not experts:
        raise AssessmentError("Сначала сформируйте экспертную группу и включите в неё экспертов.")
    workplace = dict(
        ExpertProfile.objects.filter(user__in=experts).values_list("user_id", "organisation_id")
    )
    load = Counter(
        dict(
            Assignment.objects.filter(entry__campaign=campaign)
            .values_list("expert_id")
            .annotate(n=Count("pk"))
            .values_list("expert_id", "n")
        )
    )
    report = Distribution()
    entries = campaign.entries.select_related("program").prefetch_related("assignments")
    for entry in entries.order_by("pk"):
        taken = {a.expert_id for a in entry.assignments.all()}
        eligible = [
            e
            for e in experts
            if e.pk not in taken and workplace.get(e.pk) != entry.program.organisation_id
        ]
        eligible.sort(key=lambda e: (load[e.pk], e.pk))
        wanted = max(campaign.experts_per_program - len(taken), 0)
        for expert in eligible[:wanted]:
            Assignment.objects.create(entry=entry, expert=expert)
            load[expert.pk] += 1
            report.created += 1
        if len(taken) + min(wanted, len(eligible)) < campaign.experts_per_program:
            report.short.append(entry.program)
    _log(campaign, user, "Программы распределены между экспертами", f"назначений: {report.created}")
    return report


@transaction.atomic
def campaign_open(*, user: User, campaign: Campaign) -> Campaign:
    _check_campaign(user, campaign, *CAMPAIGN_ACTIONS["open"])
    if not campaign.criteria_set.criteria.exists():
        raise AssessmentError("В наборе критериев нет ни одного критерия.")
    if not campaign.entries.exists():
        raise AssessmentError("Включите в кампанию хотя бы одну программу.")
    if campaign.entries.filter(assignments__isnull=True).exists():
        raise AssessmentError("Не у всех программ есть эксперт: распределите программы.")
    campaign.state = CampaignState.OPEN
    campaign.opened_at = timezone.now()
    campaign.save(update_fields=["state", "opened_at"])
    _log(campaign, user, "Оценка начата")
    return campaign


# --- the expert's work ------------------------------------------------------------------------


def _check_own_open(user: User, assignment: Assignment) -> None:
    if assignment.expert_id != user.pk:
        raise PermissionDenied("Эта программа назначена другому эксперту.")
    if assignment.entry.campaign.state != CampaignState.OPEN:
        raise AssessmentError("Оценка в этой кампании не идёт.")
    if assignment.state == AssignmentState.SUBMITTED:
        raise AssessmentError(
            "Оценка отправлена и закрыта; изменить её можно, если сотрудник МОЦ вернёт её."
        )


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
    _check_own_open(user, assignment)
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
    _check_own_open(user, assignment)
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
    _log(assignment.entry.campaign, user, "Оценка отправлена", assignment=assignment)
    return assignment


@transaction.atomic
def assignment_reopen(*, user: User, assignment: Assignment, comment: str) -> Assignment:
    """Staff give a submitted assessment back to its expert; why is recorded."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    _check_campaign(user, assignment.entry.campaign, CampaignState.OPEN)
    if assignment.state != AssignmentState.SUBMITTED:
        raise AssessmentError("Оценка ещё не отправлена: возвращать нечего.")
    if not comment.strip():
        raise AssessmentError("Напишите, почему оценка возвращается эксперту.")
    assignment.state = AssignmentState.ASSIGNED
    assignment.submitted_at = None
    assignment.save(update_fields=["state", "submitted_at"])
    _log(
        assignment.entry.campaign,
        user,
        "Оценка возвращена эксперту",
        comment.strip(),
        assignment=assignment,
    )
    return assignment


# --- results ----------------------------------------------------------------------------------


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
    _check_campaign(user, campaign, *CAMPAIGN_ACTIONS["close"])
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
    _log(campaign, user, "Оценка завершена, заключения сформированы")
    return campaign


@transaction.atomic
def register_toggle(*, user: User, entry: CampaignProgram, include: bool) -> CampaignProgram:
    """Staff decide what goes to the regional expertise (recommended ones are in by default)."""
    _check_campaign(user, entry.campaign, CampaignState.CLOSED)
    if include and entry.conclusion == Conclusion.NOT_RECOMMENDED:
        raise AssessmentError(
            "Программа не рекомендована: в реестр для региональной экспертизы её не включают."
        )
    entry.sent_to_region = include
    entry.save(update_fields=["sent_to_region"])
    return entry
