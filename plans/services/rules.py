"""What every write to a plan checks first: who keeps the plan, and whether its content is
still open (an approved plan's content is frozen; its execution is not)."""

from moc_portal.access import check_manages_municipality
from moc_portal.core.errors import DomainError
from moc_portal.users.models import User

from ..models import Plan, PlanState


class PlanError(DomainError):
    """A change the rules refuse; the message says what to do."""


def check_manager(user: User, plan: Plan) -> None:
    check_manages_municipality(
        user, plan.municipality_id, "Планы муниципалитета ведут сотрудники его МОЦ."
    )


def check_content_open(plan: Plan) -> None:
    if plan.state == PlanState.APPROVED:
        raise PlanError(
            "План утверждён: его содержание менять нельзя. Отмечайте выполнение мероприятий "
            "или сделайте копию плана."
        )


def locked_plan(plan_id: int) -> Plan:
    """The plan as it is now, locked for this change: its state decides what may change."""
    return Plan.objects.select_for_update().get(pk=plan_id)
