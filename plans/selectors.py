"""Reads of plans: who may see which, and a plan with its table in order."""

from django.db.models import Prefetch, Q, QuerySet

from moc_portal.users.models import User
from programs.selectors import organisations_for_user

from .models import Plan, PlanItem, PlanSection


def plans_for_user(user: User) -> QuerySet[Plan]:
    """Staff see their municipality's plans; coordinators those of their organisations'
    municipalities; experts and administrators every plan. Only staff change them."""
    qs = Plan.objects.select_related("municipality")
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.is_administrator or user.is_expert:
        return qs
    if user.is_centre_staff:
        return qs.filter(municipality_id=user.municipality_id)
    if user.is_coordinator:
        municipalities = organisations_for_user(user).values("municipality_id")
        return qs.filter(Q(municipality_id__in=municipalities))
    return qs.none()


def plan_with_table(plan_id: int) -> Plan:
    items = PlanItem.objects.order_by("position", "pk")
    return (
        Plan.objects.select_related("municipality")
        .prefetch_related(
            Prefetch(
                "sections",
                queryset=PlanSection.objects.prefetch_related(Prefetch("items", queryset=items)),
            ),
            Prefetch("items", queryset=items.filter(section__isnull=True), to_attr="loose_items"),
        )
        .get(pk=plan_id)
    )
