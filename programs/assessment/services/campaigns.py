"""Campaigns: their programmes, expert groups, the distribution of assignments, opening."""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from moc_portal.users.models import Role, User
from programs.choices import ProgramStatus
from programs.models import Program

from ..models import (
    Assignment,
    Campaign,
    CampaignProgram,
    CampaignState,
    ExpertGroup,
    ExpertProfile,
)
from .rules import (
    ASSIGNMENT_LIFECYCLE,
    CAMPAIGN_LIFECYCLE,
    AssessmentError,
    check_staff_of,
    log_action,
)


def check_campaign(user: User, campaign: Campaign, step: str) -> None:
    """Refuse unless this person may take ``step`` of CAMPAIGN_LIFECYCLE now."""
    CAMPAIGN_LIFECYCLE.check(user, campaign, step)


@transaction.atomic
def campaign_save(*, user: User, campaign: Campaign) -> Campaign:
    check_staff_of(user, campaign.municipality_id)
    if campaign.pk:
        check_campaign(user, Campaign.objects.get(pk=campaign.pk), "edit")
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
    check_campaign(user, campaign, "compose")
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
    check_campaign(user, entry.campaign, "edit")
    entry.delete()


@transaction.atomic
def expert_group_save(*, user: User, group: ExpertGroup, experts) -> ExpertGroup:
    check_campaign(user, group.campaign, "compose")
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
    check_campaign(user, entry.campaign, "compose")
    _check_may_assess(expert, entry)
    assignment, _ = Assignment.objects.get_or_create(entry=entry, expert=expert)
    return assignment


@transaction.atomic
def assignment_delete(*, user: User, assignment: Assignment) -> None:
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    ASSIGNMENT_LIFECYCLE.check(user, assignment, "unassign")
    assignment.delete()


@dataclass
class Distribution:
    created: int = 0
    short: list = field(default_factory=list)  # programmes left with fewer experts than wanted


@transaction.atomic
def assignments_distribute(*, user: User, campaign: Campaign) -> Distribution:
    """Give every programme ``experts_per_program`` experts of the campaign's groups, the least
    loaded first, never one from the programme's own organisation."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    check_campaign(user, campaign, "distribute")
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
    log_action(
        campaign, user, "Программы распределены между экспертами", f"назначений: {report.created}"
    )
    return report


@transaction.atomic
def campaign_open(*, user: User, campaign: Campaign) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    check_campaign(user, campaign, "open")
    if not campaign.criteria_set.criteria.exists():
        raise AssessmentError("В наборе критериев нет ни одного критерия.")
    if not campaign.entries.exists():
        raise AssessmentError("Включите в кампанию хотя бы одну программу.")
    if campaign.entries.filter(assignments__isnull=True).exists():
        raise AssessmentError("Не у всех программ есть эксперт: распределите программы.")
    campaign.state = CampaignState.OPEN
    campaign.opened_at = timezone.now()
    campaign.save(update_fields=["state", "opened_at"])
    log_action(campaign, user, "Оценка начата")
    return campaign
