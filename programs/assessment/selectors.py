from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from moc_portal.users.models import User
from programs.choices import ProgramStatus
from programs.models import Program

from .models import (
    Assignment,
    AssignmentState,
    Campaign,
    CampaignProgram,
    CampaignState,
    Conclusion,
)


def assignments_for_expert(user: User) -> QuerySet[Assignment]:
    """Only the expert's own, in campaigns that have started."""
    return (
        Assignment.objects.filter(expert=user)
        .exclude(entry__campaign__state=CampaignState.DRAFT)
        .select_related("entry__program__organisation", "entry__campaign")
        .order_by("state", "entry__campaign__period_end", "entry__program__name")
    )


def campaign_progress(campaign: Campaign) -> list[dict]:
    """Per expert: assigned and submitted (staff see who, never the coordinator)."""
    rows = (
        Assignment.objects.filter(entry__campaign=campaign)
        .values("expert_id", "expert__last_name", "expert__first_name", "expert__username")
        .annotate(
            total=Count("pk"), submitted=Count("pk", filter=Q(state=AssignmentState.SUBMITTED))
        )
        .order_by("expert__last_name", "expert__first_name")
    )
    return [
        {
            "name": " ".join(p for p in (r["expert__last_name"], r["expert__first_name"]) if p)
            or r["expert__username"],
            "total": r["total"],
            "submitted": r["submitted"],
            "percent": round(100 * r["submitted"] / r["total"]) if r["total"] else 0,
        }
        for r in rows
    ]


def latest_result(program: Program) -> CampaignProgram | None:
    """The programme's most recent conclusion from a closed campaign."""
    return (
        CampaignProgram.objects.filter(
            program=program, campaign__state=CampaignState.CLOSED, decided_at__isnull=False
        )
        .select_related("campaign")
        .order_by("-decided_at")
        .first()
    )


def result_for_coordinator(entry: CampaignProgram) -> list[dict]:
    """The experts' conclusions and comments, numbered, never named."""
    reviews = []
    assignments = entry.assignments.filter(state=AssignmentState.SUBMITTED).prefetch_related(
        "scores__criterion"
    )
    for number, assignment in enumerate(assignments.order_by("pk"), start=1):
        reviews.append(
            {
                "label": f"Эксперт {number}",
                "conclusion": assignment.get_conclusion_display(),
                "comment": assignment.comment,
                "notes": [
                    (s.criterion.title, s.comment) for s in assignment.scores.all() if s.comment
                ],
            }
        )
    return reviews


def recommended_exists(program_ref: str = "program_id") -> Exists:
    """For the catalogue: the programme's latest closed campaign recommended it."""
    return Exists(
        CampaignProgram.objects.filter(
            program_id=OuterRef(program_ref),
            campaign__state=CampaignState.CLOSED,
            conclusion=Conclusion.RECOMMENDED,
        )
    )


@dataclass
class Share:
    published: int
    ready: int  # included in a campaign (prepared for assessment)
    assessed: int  # with a conclusion
    recommended: int
    target_percent: int | None  # the latest campaign's; None while no campaign set one

    @property
    def ready_percent(self) -> float:
        return round(100 * self.ready / self.published, 1) if self.published else 0.0

    @property
    def assessed_percent(self) -> float:
        return round(100 * self.assessed / self.published, 1) if self.published else 0.0

    @property
    def recommended_percent(self) -> float:
        return round(100 * self.recommended / self.published, 1) if self.published else 0.0

    @property
    def target_met(self) -> bool | None:
        if self.target_percent is None:
            return None
        return self.ready_percent >= self.target_percent


def assessment_share(municipality_id: int, as_of: datetime | None = None) -> Share:
    """Programmes ready for and having passed assessment against the plan target — now, or as
    they stood at the moment ``as_of``: published then, in a campaign created by then, with a
    conclusion given by then, recommended by a campaign closed by then."""
    campaigns = Campaign.objects.filter(municipality_id=municipality_id)
    entries = CampaignProgram.objects.filter(campaign__municipality_id=municipality_id)
    if as_of is None:
        published = Program.objects.filter(
            organisation__municipality_id=municipality_id, status=ProgramStatus.PUBLISHED
        )
        decided = entries.filter(decided_at__isnull=False)
        closed = entries.filter(campaign__state=CampaignState.CLOSED)
    else:
        published = Program.objects.filter(
            pk__in=Program.objects.filter(organisation__municipality_id=municipality_id)
            .published_as_of(as_of)
            .values("pk")
        )
        campaigns = campaigns.filter(created_at__lte=as_of)
        entries = entries.filter(campaign__created_at__lte=as_of)
        decided = entries.filter(decided_at__lte=as_of)
        closed = entries.filter(campaign__closed_at__lte=as_of)
    latest = campaigns.order_by("-period_start").first()
    return Share(
        published=published.count(),
        ready=published.filter(assessments__in=entries).distinct().count(),
        assessed=decided.values("program_id").distinct().count(),
        recommended=closed.filter(conclusion=Conclusion.RECOMMENDED)
        .values("program_id")
        .distinct()
        .count(),
        target_percent=latest.target_percent if latest else None,
    )


def regional_register(user: User) -> QuerySet[CampaignProgram]:
    """The register of programmes sent to regional expertise: of the person's municipality,
    or of every one for an administrator."""
    entries = (
        CampaignProgram.objects.managed_by(user)
        .filter(sent_to_region=True, campaign__state=CampaignState.CLOSED)
        .select_related("program__organisation", "campaign")
    )
    return entries.order_by("program__organisation__short_name", "program__name")


def attach_candidates(campaign: Campaign, entries: list[CampaignProgram]) -> None:
    """``entry.candidates``: experts of the campaign's groups who may still take it (not from
    its organisation, not already on it), in two queries for the whole campaign."""
    experts = list(
        User.objects.filter(expert_groups__campaign=campaign, role="expert", is_active=True)
        .select_related("expert_profile")
        .distinct()
        .order_by("last_name", "first_name")
    )
    for entry in entries:
        taken = {a.expert_id for a in entry.assignments.all()}
        entry.candidates = [
            e
            for e in experts
            if e.pk not in taken
            and getattr(getattr(e, "expert_profile", None), "organisation_id", None)
            != entry.program.organisation_id
        ]
