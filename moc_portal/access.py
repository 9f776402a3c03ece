"""View guards by role. Object scope is enforced by selectors (404) and services (403)."""

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
