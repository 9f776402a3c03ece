"""Reads of plans: a plan with its table in order, what is due, the media plan's counts and the
history. Whose plans a person sees is ``Plan.objects.managed_by(user)``."""

from datetime import timedelta

from django.db.models import Case, Count, Prefetch, QuerySet, When

from moc_portal.users.models import User
from programs.selectors import history_rows

from .models import Channel, Event, Plan, PlanItem, PlanSection, Publication


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


def document_plans(head: Plan) -> list[Plan]:
    """The plans printed in ``head``'s document, in their order: itself and those bound to it."""
    bound = head.bound_plans.order_by("document_position", "pk").values_list("pk", flat=True)
    plans = [head, *(plan_with_table(pk) for pk in bound)]
    return sorted(plans, key=lambda plan: (plan.document_position, plan.pk))


OPEN_STATUSES = ["planned", "in_progress"]


def items_due(*, user: User, today, responsible: str = "") -> dict:
    """Items of approved or agreed plans the person sees: due this month, and overdue."""
    month_start = today.replace(day=1)
    next_month = (month_start.replace(day=28) + timedelta(days=4)).replace(day=1)
    items = (
        PlanItem.objects.filter(plan__in=Plan.objects.managed_by(user), status__in=OPEN_STATUSES)
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


def register_items(user: User) -> QuerySet[PlanItem]:
    """Items a publication or event may be linked to: those of the person's plans, the media
    plan's first, newest plans first."""
    return (
        PlanItem.objects.filter(plan__in=Plan.objects.managed_by(user))
        .select_related("plan")
        .order_by(
            Case(When(plan__kind="media", then=0), default=1),
            "-plan__period_start",
            "plan_id",
            "position",
        )
    )


def publication_counts(publications: QuerySet[Publication]) -> list[dict]:
    """Per plan item, how many publications each channel had: the media plan's report.
    Publications linked to no item come last."""
    channels = [value for value, _ in Channel.choices]
    rows: dict = {}
    for row in publications.order_by().values("item_id", "channel").annotate(n=Count("pk")):
        counts = rows.setdefault(row["item_id"], dict.fromkeys(channels, 0))
        counts[row["channel"]] = row["n"]
    items = PlanItem.objects.select_related("plan").in_bulk([pk for pk in rows if pk])

    def order(pk):
        item = items.get(pk)
        return (1, 0, 0) if item is None else (0, item.plan_id, item.position)

    return [
        {
            "item": items.get(pk),
            "counts": [rows[pk][channel] for channel in channels],
            "total": sum(rows[pk].values()),
        }
        for pk in sorted(rows, key=order)
    ]


def plan_history(plan: Plan) -> list[dict]:
    """Every change of the plan and of its items (deleted ones too), newest first: after
    approval this is the record of how the plan was executed."""
    rows = [
        {**row, "subject": "План"}
        for row in history_rows(
            list(plan.history.select_related("history_user").order_by("-history_date")), Plan
        )
    ]
    records = PlanItem.history.filter(plan_id=plan.pk).select_related("history_user")
    by_item: dict[int, list] = {}
    for record in records.order_by("-history_date", "-history_id"):
        by_item.setdefault(record.id, []).append(record)
    for item_records in by_item.values():
        latest = item_records[0]
        subject = f"Мероприятие {latest.number} «{latest.title[:80]}»"
        rows += [
            {**row, "subject": subject}
            for row in history_rows(item_records, PlanItem, hidden={"position"})
        ]
    rows.sort(key=lambda row: row["record"].history_date, reverse=True)
    return rows


def public_events() -> QuerySet[Event]:
    """Events marked public: the portal's calendar for children, parents and teachers."""
    return Event.objects.filter(is_public=True).select_related("municipality")
