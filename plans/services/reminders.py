"""The weekly reminder of plan items overdue or due soon (sent by the beat task in tasks.py)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from moc_portal.users.models import Role, User
from programs.territory.centres import centre_of

from ..selectors import reminder_digest


def plan_reminders_send() -> int:
    """E-mail each municipality's centre staff what is overdue or due within two weeks.

    Returns how many letters went out. Safe to run twice: a second run sends the same digest.
    """
    today = timezone.localdate()
    sent = 0
    staff = User.objects.filter(role=Role.STAFF, is_active=True).exclude(email="")
    for municipality_id in staff.values_list("municipality_id", flat=True).distinct():
        digest = reminder_digest(municipality_id=municipality_id, today=today)
        if not digest["overdue"] and not digest["soon"]:
            continue
        recipients = list(
            staff.filter(municipality_id=municipality_id).values_list("email", flat=True)
        )
        send_mail(
            subject=f"План МОЦ: просрочено {len(digest['overdue'])}, "
            f"скоро срок — {len(digest['soon'])}",
            message=render_to_string(
                "emails/plan_reminder.txt",
                {
                    **digest,
                    "url": settings.SITE_URL + reverse("plans:due"),
                    "centre": centre_of(municipality_id),
                },
            ),
            from_email=None,
            recipient_list=recipients,
        )
        sent += 1
    return sent
