"""The supply grid with the centre's plan beside it: the grid of the territory
(``programs.territory.supply``) and, in each empty cell, the plan items the centre put there
(``SupplyGap``: a gap linked to a plan item, which is why it lives here, above both the
territory and the plans)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from moc_portal.access import check_manages_municipality
from moc_portal.users.models import User
from plans import services as plan_services
from plans.models import Plan, PlanItem, PlanSection
from programs.choices import AgeBand, Focus, focus_genitive
from programs.models import Settlement
from programs.territory import supply
from programs.territory.supply import Row

from .models import SupplyGap


def grid(municipality_ids: list[int], as_of: date | None = None) -> list[Row]:
    """The supply grid's rows (``supply.grid``) with the plan items linked to their gaps."""
    rows = supply.grid(municipality_ids, as_of)
    _gaps({row.settlement.pk: row for row in rows})
    return rows


def _gaps(rows: dict) -> None:
    links = SupplyGap.objects.filter(settlement_id__in=rows).select_related("item__plan")
    for link in links:
        rows[link.settlement_id].cell(AgeBand(link.band), link.focus).gaps.append(link.item)


def gap_title(settlement: Settlement, band: str, focus: str) -> str:
    """What a plan item about a gap says until the person writes it their way."""
    return (
        f"Открыть группу {focus_genitive(focus)} направленности для детей "
        f"{AgeBand(band).label} в {settlement}"
    )


@transaction.atomic
def gap_link(
    *,
    user: User,
    settlement: Settlement,
    band: str,
    focus: str,
    plan: Plan | None = None,
    section: PlanSection | None = None,
    item: PlanItem | None = None,
    title: str = "",
) -> PlanItem:
    """Put a gap of the grid into a plan: a new item of ``plan`` (in ``section``) or an item
    already there. The grid then shows the item in the gap's cell."""
    check_manages_municipality(
        user, settlement.municipality_id, "Пробелы муниципалитета в план вносят сотрудники его МОЦ."
    )
    AgeBand(band), Focus(focus)
    if item is None:
        if plan is None:
            raise ValidationError("Выберите план, в который внести мероприятие.")
        if plan.municipality_id != settlement.municipality_id:
            raise PermissionDenied("План относится к другому муниципалитету.")
        item = plan_services.item_add(
            user=user,
            plan=plan,
            section=section,
            data={
                "title": title.strip() or gap_title(settlement, band, focus),
                "period_text": "",
                "responsible": "",
                "expected_result": f"Программы для детей {AgeBand(band).label} в {settlement}",
            },
        )
    elif item.plan.municipality_id != settlement.municipality_id:
        raise PermissionDenied("Пункт плана относится к другому муниципалитету.")
    SupplyGap.objects.get_or_create(
        settlement=settlement,
        band=band,
        focus=focus,
        item=item,
        defaults={"created_by": user},
    )
    return item
