"""E-mail notices of the registry. Each task takes ids and is safe to run twice."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from moc_portal.users.models import Role, User

from .choices import ProgramStatus
from .models import Organisation, ProgramTransition


def _recipients(step: ProgramTransition) -> list[str]:
    program = step.program
    if step.to_status == ProgramStatus.ON_MODERATION:
        people = User.objects.filter(
            role=Role.STAFF, municipality_id=program.organisation.municipality_id
        )
    else:
        people = program.organisation.coordinators.all()
    return sorted(
        {p.email for p in people.filter(is_active=True).exclude(email="") if p != step.actor}
    )


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def program_transition_notify(transition_id: int) -> int:
    """Tell the people a moderation step concerns; returns how many were told."""
    with transaction.atomic():
        step = (
            ProgramTransition.objects.select_for_update(of=("self",))
            .select_related("program__organisation", "actor")
            .filter(pk=transition_id, notified_at__isnull=True)
            .first()
        )
        if step is None:
            return 0
        recipients = _recipients(step)
        if recipients:
            context = {
                "step": step,
                "program": step.program,
                "url": settings.SITE_URL + reverse("programs:detail", args=[step.program_id]),
                "centre_name": settings.MOC_CENTRE_NAME,
            }
            send_mail(
                subject=f"Программа «{step.program.name[:80]}»: {step.get_to_status_display()}",
                message=render_to_string("emails/program_transition.txt", context),
                from_email=None,
                recipient_list=recipients,
            )
        step.notified_at = timezone.now()
        step.save(update_fields=["notified_at"])
    return len(recipients)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def coordinator_invitation_send(user_id: int, organisation_id: int, new_account: bool) -> None:
    coordinator = User.objects.get(pk=user_id)
    organisation = Organisation.objects.get(pk=organisation_id)
    context = {
        "coordinator": coordinator,
        "organisation": organisation,
        "centre_name": settings.MOC_CENTRE_NAME,
        "login_url": settings.SITE_URL + reverse("users:login"),
        "set_password_url": "",
    }
    if new_account:
        uid = urlsafe_base64_encode(force_bytes(coordinator.pk))
        token = default_token_generator.make_token(coordinator)
        context["set_password_url"] = settings.SITE_URL + reverse(
            "users:password_reset_confirm", kwargs={"uidb64": uid, "token": token}
        )
    send_mail(
        subject=f"Вы — координатор организации «{organisation.short_name}» на портале МОЦ",
        message=render_to_string("emails/coordinator_invitation.txt", context),
        from_email=None,
        recipient_list=[coordinator.email],
    )


@shared_task
def spreadsheet_job_check(job_id: int) -> str:
    from . import imports
    from .models import SpreadsheetJob

    job = SpreadsheetJob.objects.select_related("user").get(pk=job_id)
    if job.state not in (SpreadsheetJob.State.QUEUED, SpreadsheetJob.State.CHECKING):
        return job.state  # already checked: running twice changes nothing
    return imports.import_check(job).state


@shared_task
def spreadsheet_job_apply(job_id: int) -> str:
    from . import imports
    from .models import SpreadsheetJob

    with transaction.atomic():
        job = SpreadsheetJob.objects.select_for_update().get(pk=job_id)
        if job.state != SpreadsheetJob.State.CONFIRMED:
            return job.state  # written once already, or never confirmed: nothing to do
        SpreadsheetJob.objects.filter(pk=job_id).update(state=SpreadsheetJob.State.WRITING)
    job = SpreadsheetJob.objects.select_related("user").get(pk=job_id)
    return imports.import_apply(job).state


@shared_task
def spreadsheet_job_export(job_id: int) -> str:
    from . import exports
    from .models import SpreadsheetJob

    job = SpreadsheetJob.objects.select_related("user").get(pk=job_id)
    if job.state == SpreadsheetJob.State.DONE:
        return job.state
    return exports.program_export_job(job).state
