"""The monthly letter to coordinators: their organisations' teachers whose course of
professional development is overdue or due this year (sent by the beat task in tasks.py)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from moc_portal.core import russian
from moc_portal.users.models import Role, User
from programs.staffing.models import Teacher
from programs.territory.centres import centre_of

from . import selectors


def courses_due_letters_send(on=None) -> int:
    """E-mail each active coordinator the list of their organisations' teachers overdue or
    due this year; nobody gets a letter with an empty list. Returns how many went out."""
    on = on or timezone.localdate()
    sent = 0
    coordinators = User.objects.filter(role=Role.COORDINATOR, is_active=True).exclude(email="")
    for coordinator in coordinators.order_by("pk"):
        due = selectors.due_teachers(Teacher.objects.managed_by(coordinator), on)
        if not due:
            continue
        counts = selectors.due_counts(due)
        municipality_id = due[0][0].organisation.municipality_id
        send_mail(
            subject=f"Курсы повышения квалификации: просрочено — {counts['overdue']}, "
            f"в этом году — {counts['this_year']}",
            message=render_to_string(
                "emails/development_courses_due.txt",
                {
                    "due": due,
                    "counts": counts,
                    "teachers": russian.count(len(due), "педагог"),
                    "interval": russian.count(selectors.interval_years(), "год"),
                    "on": on,
                    "url": settings.SITE_URL + reverse("development:due"),
                    "centre": centre_of(municipality_id),
                },
            ),
            from_email=None,
            recipient_list=[coordinator.email],
        )
        sent += 1
    return sent
