"""What the registry puts on a signed-in person's page (``moc_portal.users.cabinet``): staff
see the moderation queue and what the Navigator would refuse, coordinators their
organisations' programmes that need them. Registered at start-up (``programs.apps``)."""

from moc_portal.users import cabinet

from . import readiness, selectors
from .choices import ProgramStatus
from .models import Program


def staff_page(user) -> dict:
    context = selectors.staff_dashboard(user)
    # Published or waiting programmes the Navigator would refuse as they are now.
    context["not_ready_count"] = len(
        readiness.not_ready(
            Program.objects.managed_by(user).filter(
                status__in=[ProgramStatus.ON_MODERATION, ProgramStatus.PUBLISHED]
            )
        )
    )
    return context


def register() -> None:
    cabinet.register(
        applies=lambda user: user.manages_registry,
        template="users/cabinet_staff.html",
        context=staff_page,
    )
    cabinet.register(
        applies=lambda user: user.is_coordinator,
        template="users/cabinet_coordinator.html",
        context=selectors.coordinator_dashboard,
    )
