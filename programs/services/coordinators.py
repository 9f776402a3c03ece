"""An organisation's coordinators: the centre's staff invite and detach them; someone who
already coordinates in another municipality confirms from a letter."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from moc_portal.users.invitations import (
    earlier_link_revoke,
    invitation_account,
    set_password_url,
)
from moc_portal.users.models import Role, User

from ..models import Organisation
from ..territory.centres import centre_of
from .errors import RegistryError
from .organisations import check_staff_of

CONFIRM_SALT = "programs.coordinator-confirm"


@transaction.atomic
def coordinator_invite(
    *, user: User, organisation: Organisation, email: str, **profile: str
) -> User:
    """Attach a coordinator to the organisation, creating the account if it is new
    (``profile``: last, first and middle name, position, phone).

    An account that has no password yet (new, or invited before and never signed in) gets a
    link to set one; inviting it again sends a fresh link and revokes the one sent before.
    """
    check_staff_of(user, organisation.municipality_id)
    invitation = invitation_account(email=email, role=Role.COORDINATOR, profile=profile)
    coordinator, pending = invitation.person, invitation.pending
    attached = organisation.coordinators.filter(pk=coordinator.pk).exists()
    if attached and not pending:
        raise RegistryError(f"{coordinator.display_name} уже координатор этой организации.")
    if (
        not invitation.created
        and not attached
        and _coordinates_elsewhere(coordinator, organisation)
    ):
        _confirmation_ask(coordinator, organisation)
        return coordinator
    if pending and not invitation.created:
        earlier_link_revoke(coordinator)
    if not attached:
        organisation.coordinators.add(coordinator)
    transaction.on_commit(
        lambda: coordinator_invitation_send_task.delay(coordinator.pk, organisation.pk, pending)
    )
    return coordinator


def _coordinates_elsewhere(coordinator: User, organisation: Organisation) -> bool:
    """Someone another municipality's centre knows: they confirm it themselves by e-mail."""
    return coordinator.coordinated_organisations.exclude(
        municipality_id=organisation.municipality_id
    ).exists()


def _confirmation_ask(coordinator: User, organisation: Organisation) -> None:
    token = signing.dumps(
        {"user": coordinator.pk, "organisation": organisation.pk}, salt=CONFIRM_SALT
    )
    transaction.on_commit(
        lambda: coordinator_confirmation_send_task.delay(coordinator.pk, organisation.pk, token)
    )


def coordinator_confirmation(*, user: User, token: str) -> Organisation:
    """The organisation the link in this person's letter invites them to coordinate."""
    try:
        data = signing.loads(
            token, salt=CONFIRM_SALT, max_age=timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
        )
    except signing.SignatureExpired as error:
        raise RegistryError(
            "Ссылка устарела. Попросите сотрудника МОЦ пригласить вас ещё раз."
        ) from error
    except signing.BadSignature as error:
        raise RegistryError(
            "Ссылка повреждена: откройте её из письма целиком или попросите прислать новую."
        ) from error
    if data["user"] != user.pk or not user.is_coordinator:
        raise PermissionDenied("Это приглашение адресовано другому пользователю.")
    organisation = (
        Organisation.objects.select_related("municipality").filter(pk=data["organisation"]).first()
    )
    if organisation is None:
        raise RegistryError("Организации из приглашения больше нет в реестре.")
    return organisation


@transaction.atomic
def coordinator_confirm(*, user: User, token: str) -> Organisation:
    """The person confirms, from the link in their letter, that they coordinate one more
    organisation (of another municipality than the ones they coordinate)."""
    organisation = coordinator_confirmation(user=user, token=token)
    organisation.coordinators.add(user)
    return organisation


@transaction.atomic
def coordinator_detach(*, user: User, organisation: Organisation, coordinator: User) -> None:
    check_staff_of(user, organisation.municipality_id)
    organisation.coordinators.remove(coordinator)


def coordinator_invitation_send(*, user_id: int, organisation_id: int, new_account: bool) -> None:
    """The invitation letter; an account without a password gets the link to set one."""
    coordinator = User.objects.get(pk=user_id)
    organisation = Organisation.objects.get(pk=organisation_id)
    context = {
        "coordinator": coordinator,
        "organisation": organisation,
        "centre": centre_of(organisation.municipality_id),
        "login_url": settings.SITE_URL + reverse("users:login"),
        "set_password_url": "",
    }
    if new_account:
        context["set_password_url"] = set_password_url(coordinator)
    send_mail(
        subject=f"Вы — координатор организации «{organisation.short_name}» на портале МОЦ",
        message=render_to_string("emails/coordinator_invitation.txt", context),
        from_email=None,
        recipient_list=[coordinator.email],
    )


def coordinator_confirmation_send(*, user_id: int, organisation_id: int, token: str) -> None:
    """The letter asking a coordinator of another municipality to confirm an organisation."""
    coordinator = User.objects.get(pk=user_id)
    organisation = Organisation.objects.select_related("municipality").get(pk=organisation_id)
    context = {
        "coordinator": coordinator,
        "organisation": organisation,
        "centre": centre_of(organisation.municipality_id),
        "confirm_url": settings.SITE_URL
        + reverse("programs:coordinator_confirm", kwargs={"token": token}),
    }
    send_mail(
        subject=f"Подтвердите: координатор организации «{organisation.short_name}»",
        message=render_to_string("emails/coordinator_confirmation.txt", context),
        from_email=None,
        recipient_list=[coordinator.email],
    )


# The tasks that send the letters in the background, under the names beat and queued messages
# know.


@shared_task(
    name="programs.tasks.coordinator_invitation_send",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def coordinator_invitation_send_task(user_id: int, organisation_id: int, new_account: bool):
    coordinator_invitation_send(
        user_id=user_id, organisation_id=organisation_id, new_account=new_account
    )


@shared_task(
    name="programs.tasks.coordinator_confirmation_send",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def coordinator_confirmation_send_task(user_id: int, organisation_id: int, token: str) -> None:
    coordinator_confirmation_send(user_id=user_id, organisation_id=organisation_id, token=token)
