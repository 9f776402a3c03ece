"""An expert's profile, kept by an administrator: where the expert works, so that a programme
of that organisation is never given to them (``services.campaigns._check_may_assess``). It has
no portal page yet: the Django admin saves here, and a page made later calls the same
functions.

A profile is never deleted here; an expert who leaves is switched off with their account.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from moc_portal.access import check_changes_only
from moc_portal.core.concurrency import check_seen, snapshot
from moc_portal.users.models import Role, User

from .models import Assignment, AssignmentState, CampaignState, ExpertProfile
from .services import AssessmentError

PROFILE_FIELDS = ["organisation", "position"]


def expert_profile_seen(profile: ExpertProfile) -> dict[str, str]:
    """The profile as its form shows it: what a save must not overwrite unseen."""
    return snapshot(profile, PROFILE_FIELDS)


def _check_administrator(user: User) -> None:
    if not user.is_administrator:
        raise PermissionDenied("Сведения об экспертах ведёт администратор.")


def _check_not_assessing_own(expert: User, organisation) -> None:
    """A new workplace whose programme the expert still has to score would be the conflict
    of interest the distribution avoids."""
    if organisation is None:
        return
    pending = Assignment.objects.filter(
        expert=expert,
        state=AssignmentState.ASSIGNED,
        entry__program__organisation=organisation,
        entry__campaign__state__in=[CampaignState.DRAFT, CampaignState.OPEN],
    ).select_related("entry__program")
    first = pending.first()
    if first is not None:
        raise AssessmentError(
            f"Эксперту {expert} назначена программа этой организации «{first.entry.program}»: "
            "сначала снимите назначение в кампании."
        )


@transaction.atomic
def expert_profile_create(*, user: User, expert: User, data: dict) -> ExpertProfile:
    _check_administrator(user)
    check_changes_only(data, PROFILE_FIELDS)
    if expert.role != Role.EXPERT:
        raise ValidationError({"user": f"{expert} — не эксперт: сначала смените роль."})
    _check_not_assessing_own(expert, data.get("organisation"))
    profile = ExpertProfile(user=expert, **data)
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def expert_profile_update(
    *, user: User, profile: ExpertProfile, data: dict, seen: str | None = None
) -> ExpertProfile:
    """``seen``: what the person's form showed (``core.concurrency``); a profile saved by
    someone else since is refused with their change."""
    _check_administrator(user)
    check_changes_only(data, PROFILE_FIELDS)
    profile = ExpertProfile.objects.select_for_update().get(pk=profile.pk)
    check_seen(seen, expert_profile_seen(profile))
    organisation = data.get("organisation", profile.organisation)
    if organisation != profile.organisation:
        _check_not_assessing_own(profile.user, organisation)
    for name, value in data.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    return profile
