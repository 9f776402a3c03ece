"""Writes to a plan's table: its sections and items, their order and numbers, and an item's
edit that must not overwrite someone else's."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from moc_portal.core.concurrency import check_seen, snapshot
from moc_portal.users.models import User

from ..models import Plan, PlanItem, PlanSection
from ..periods import parse_period
from .rules import PlanError, check_content_open, check_manager, locked_plan

# What the approval freezes, and what the year's execution keeps changing.
ITEM_CONTENT_FIELDS = [
    "section",
    "number",
    "title",
    "period_text",
    "starts_on",
    "ends_on",
    "responsible",
    "expected_result",
    "position",
]
ITEM_EXECUTION_FIELDS = ["status", "result_quantitative", "result_qualitative", "evidence"]
SECTION_FIELDS = ["number", "title"]


# What an item's form shows, and so what a save from a stale form is checked against; its place
# in the section is changed by moving it (``item_move``), which renumbers the neighbours too.
ITEM_SEEN_FIELDS = [
    *(name for name in ITEM_CONTENT_FIELDS if name != "position"),
    *ITEM_EXECUTION_FIELDS,
]


# --- sections -------------------------------------------------------------------------------


@transaction.atomic
def section_add(*, user: User, plan: Plan, title: str, number: str = "") -> PlanSection:
    check_manager(user, plan)
    check_content_open(plan)
    position = plan.sections.count()
    section = PlanSection(
        plan=plan, title=title, number=number or f"{position + 1}.", position=position
    )
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_update(
    *, user: User, section: PlanSection, number: str, title: str, seen: str | None = None
) -> PlanSection:
    plan = locked_plan(section.plan_id)
    check_manager(user, plan)
    check_content_open(plan)
    check_seen(seen, snapshot(PlanSection.objects.get(pk=section.pk), SECTION_FIELDS))
    section.number, section.title = number, title
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_delete(*, user: User, section: PlanSection) -> None:
    plan = locked_plan(section.plan_id)
    check_manager(user, plan)
    check_content_open(plan)
    if section.items.exists():
        raise PlanError(
            "В разделе есть мероприятия: перенесите их в другой раздел или удалите, "
            "потом удалите раздел."
        )
    section.delete()


@transaction.atomic
def section_move(*, user: User, section: PlanSection, direction: str) -> None:
    """Swap the section with its neighbour above («up») or below («down»)."""
    plan = locked_plan(section.plan_id)
    check_manager(user, plan)
    check_content_open(plan)
    positions_swap(
        list(plan.sections.order_by("position", "pk")), section.pk, direction, PlanSection
    )


def positions_swap(siblings: list, pk: int, direction: str, model) -> None:
    """Swap a record with its neighbour in ``siblings`` (in order) and renumber them all."""
    index = next(i for i, other in enumerate(siblings) if other.pk == pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(siblings):
        return
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, other in enumerate(siblings):
        other.position = position
    model.objects.bulk_update(siblings, ["position"])


# --- items ----------------------------------------------------------------------------------


def _dates_for(plan: Plan, data: dict) -> dict:
    """Dates worked out from the period text, unless the person gave them."""
    if "period_text" in data and "starts_on" not in data and "ends_on" not in data:
        period = parse_period(
            data["period_text"], plan_start=plan.period_start, plan_end=plan.period_end
        )
        return {**data, "starts_on": period.start, "ends_on": period.end}
    return data


def _dates_after_edit(item: PlanItem, data: dict) -> dict:
    """A new period text brings its own dates, unless the person set the dates themselves."""
    text_changed = data.get("period_text", item.period_text) != item.period_text
    dates_kept = all(
        data.get(name, getattr(item, name)) == getattr(item, name)
        for name in ("starts_on", "ends_on")
    )
    if text_changed and dates_kept:
        data = {k: v for k, v in data.items() if k not in ("starts_on", "ends_on")}
        return _dates_for(item.plan, data)
    return data


@transaction.atomic
def item_add(*, user: User, plan: Plan, section: PlanSection | None, data: dict) -> PlanItem:
    check_manager(user, plan)
    check_content_open(plan)
    if section is not None and section.plan_id != plan.pk:
        raise PermissionDenied("Раздел относится к другому плану.")
    siblings = plan.items.filter(section=section)
    item = PlanItem(plan=plan, section=section, position=siblings.count(), **_dates_for(plan, data))
    if not item.number:
        dotted = numbers_dotted(plan)
        parent = section.number.rstrip(".") if section and section.number else ""
        item.number = number_as_written(parent, siblings.count() + 1, dotted=dotted)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def item_update(*, user: User, item: PlanItem, data: dict, seen: str | None = None) -> PlanItem:
    """Save what the person changed, if nobody saved the item since they opened it (``seen``:
    the snapshot of ``ITEM_SEEN_FIELDS`` their form carried; ``None`` for callers without one).

    Content is frozen once the plan is approved; execution (status, results, evidence) stays
    open all year. Every save is in the item's history.
    """
    current = PlanItem.objects.select_for_update().select_related("plan").get(pk=item.pk)
    check_manager(user, current.plan)
    check_seen(seen, snapshot(current, ITEM_SEEN_FIELDS))
    data = _dates_after_edit(current, data)
    content = {k for k, v in data.items() if k in ITEM_CONTENT_FIELDS and getattr(current, k) != v}
    if content:
        check_content_open(current.plan)
    unknown = set(data) - set(ITEM_CONTENT_FIELDS) - set(ITEM_EXECUTION_FIELDS)
    if unknown:
        raise PlanError(f"Эти поля мероприятия не редактируются: {', '.join(sorted(unknown))}.")
    section = data.get("section")
    if section is not None and section.plan_id != current.plan_id:
        raise PermissionDenied("Раздел относится к другому плану.")
    if "section" in content:  # moved to another section: it goes to the end of it
        data["position"] = current.plan.items.filter(section=section).count()
    for name, value in data.items():
        setattr(current, name, value)
    current.full_clean()
    current.save()
    return current


@transaction.atomic
def item_delete(*, user: User, item: PlanItem) -> None:
    plan = locked_plan(item.plan_id)
    check_manager(user, plan)
    check_content_open(plan)
    item.delete()


@transaction.atomic
def item_move(*, user: User, item: PlanItem, direction: str) -> None:
    """Swap the item with its neighbour above («up») or below («down») in its section."""
    item = PlanItem.objects.select_for_update().select_related("plan").get(pk=item.pk)
    check_manager(user, item.plan)
    check_content_open(item.plan)
    siblings = list(
        PlanItem.objects.select_for_update()
        .filter(plan=item.plan, section=item.section_id)
        .order_by("position", "pk")
    )
    positions_swap(siblings, item.pk, direction, PlanItem)


# --- numbers --------------------------------------------------------------------------------


@transaction.atomic
def plan_renumber(*, user: User, plan: Plan) -> None:
    """Number sections «1.», «2.», … and their items 1.1, 1.2, … in the order they stand, the
    items with a closing dot («1.», «1.1.») when the plan writes its numbers so."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    check_manager(user, plan)
    check_content_open(plan)
    dotted = numbers_dotted(plan)
    changed = []
    loose = list(plan.items.filter(section__isnull=True).order_by("position", "pk"))
    for index, item in enumerate(loose, start=1):
        item.number = number_as_written("", index, dotted=dotted)
        changed.append(item)
    for s_index, section in enumerate(plan.sections.order_by("position", "pk"), start=1):
        section.number = f"{s_index}."  # «1. Организационная работа»
        section.save(update_fields=["number"])
        for i_index, item in enumerate(section.items.order_by("position", "pk"), start=1):
            item.number = number_as_written(str(s_index), i_index, dotted=dotted)
            changed.append(item)
    PlanItem.objects.bulk_update(changed, ["number"])


def numbers_dotted(plan: Plan) -> bool:
    """Whether the plan ends its numbers with a dot, as most of its items are written."""
    numbers = [n for n in plan.items.values_list("number", flat=True) if n]
    return sum(n.endswith(".") for n in numbers) * 2 > len(numbers)


def number_as_written(parent: str, index: int, *, dotted: bool) -> str:
    number = f"{parent}.{index}" if parent else str(index)
    return f"{number}." if dotted else number
