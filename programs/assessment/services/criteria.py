"""The criteria sets a municipality's centre keeps, and their versions once used."""

from django.db import transaction

from moc_portal.users.models import User

from ..models import (
    CampaignState,
    CriteriaSet,
    Criterion,
)
from .rules import AssessmentError, check_staff_of


def criteria_set_in_use(criteria_set: CriteriaSet) -> bool:
    return criteria_set.campaigns.exclude(state=CampaignState.DRAFT).exists()


@transaction.atomic
def criteria_set_create(*, user: User, municipality, title: str) -> CriteriaSet:
    check_staff_of(user, municipality.pk)
    criteria_set = CriteriaSet(municipality=municipality, title=title.strip(), created_by=user)
    criteria_set.full_clean()
    criteria_set.save()
    return criteria_set


def _editable_set(user: User, criteria_set: CriteriaSet) -> None:
    check_staff_of(user, criteria_set.municipality_id)
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
    check_staff_of(user, criteria_set.municipality_id)
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
