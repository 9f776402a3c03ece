"""Reads of plans: who may see which, and a plan with its table in order."""

from datetime import timedelta

from django.db.models import Prefetch, QuerySet

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
        return qs.filter(municipality_id__in=municipalities)
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


OPEN_STATUSES = ["planned", "in_progress"]


def items_due(*, user: User, today, responsible: str = "") -> dict:
    """Items of approved or agreed plans the person sees: due this month, and overdue."""
    month_start = today.replace(day=1)
    next_month = (month_start.replace(day=28) + timedelta(days=4)).replace(day=1)
    items = (
        PlanItem.objects.filter(plan__in=plans_for_user(user), status__in=OPEN_STATUSES)
        .exclude(plan__state="draft")
        .select_related("plan", "section")
        .order_by("ends_on", "plan_id", "position")
    )
    if responsible:
        items = items.filter(responsible__icontains=responsible)
    return {
        "overdue": list(items.filter(ends_on__lt=today)),
        "this_month": list(items.filter(ends_on__gte=today, starts_on__lt=next_month)),
    }


def reminder_digest(*, municipality_id: int, today, horizon_days: int = 14) -> dict:
    """What a municipality's staff are reminded of: overdue, and due within the horizon."""
    items = (
        PlanItem.objects.filter(
            plan__municipality_id=municipality_id,
            status__in=OPEN_STATUSES,
            ends_on__isnull=False,
        )
        .exclude(plan__state="draft")
        .select_related("plan")
        .order_by("ends_on", "plan_id", "position")
    )
    return {
        "overdue": list(items.filter(ends_on__lt=today)),
        "soon": list(
            items.filter(ends_on__gte=today, ends_on__lte=today + timedelta(days=horizon_days))
        ),
    }
