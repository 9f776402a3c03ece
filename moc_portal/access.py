"""Who may do what: the view guards by role, and the one check of a municipality's records.

Guards answer 403 before a view runs; object scope is enforced by selectors (404 for what a
person may not see) and services (403 through ``check_manages_municipality``, and
``check_changes_only`` for data beyond the fields a service keeps). Every guard is named
``<who>_required``.
"""

from collections.abc import Iterable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def role_required(predicate, message: str):
    def decorator(view):
        @wraps(view)
        @login_required
        def guarded(request, *args, **kwargs):
            if not predicate(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return guarded

    return decorator


registry_required = role_required(
    lambda user: user.is_coordinator or user.manages_registry,
    "Раздел доступен координаторам организаций и сотрудникам МОЦ.",
)
staff_required = role_required(
    lambda user: user.manages_registry, "Раздел доступен только сотрудникам МОЦ."
)
centre_staff_required = role_required(
    lambda user: user.is_centre_staff,
    "Это делают сотрудники МОЦ своего муниципалитета.",
)
expert_required = role_required(lambda user: user.is_expert, "Раздел для экспертов.")
administrator_required = role_required(
    lambda user: user.is_administrator,
    "Раздел доступен администраторам и РМЦ.",
)


def check_manages_municipality(user, municipality_id: int | None, message: str) -> None:
    """Refuse (403) unless ``user`` keeps this municipality's records (``manages_municipality``)."""
    if not user.manages_municipality(municipality_id):
        raise PermissionDenied(message)


def check_changes_only(data: dict, fields: Iterable[str]) -> None:
    """Refuse (403) ``data`` naming anything but ``fields``, the ones a service changes."""
    unknown = set(data) - set(fields)
    if unknown:
        raise PermissionDenied(f"Эти сведения здесь не меняются: {', '.join(sorted(unknown))}.")
