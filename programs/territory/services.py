"""Setting up a municipality: the region's administrator creates it (with its empty centre),
its staff fill in the centre and invite one another."""

from celery import shared_task
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from moc_portal.access import check_manages_municipality
from moc_portal.core.errors import DomainError
from moc_portal.users.invitations import (
    earlier_link_revoke,
    invitation_account,
    set_password_url,
)
from moc_portal.users.models import Role, User

from .centres import centre_of
from .models import Centre, Municipality


class CentreError(DomainError):
    """A refusal in setting up a municipality or its centre's staff, in Russian."""


@transaction.atomic
def municipality_create(*, user: User, data: dict) -> Municipality:
    """A new municipality of the region, with its (empty) centre for its staff to fill in."""
    if not user.is_administrator:
        raise PermissionDenied("Муниципалитеты заводит администратор региона.")
    municipality = Municipality(**data)
    if not municipality.slug:
        municipality.slug = Municipality.free_slug(municipality.name)
    municipality.full_clean()
    municipality.save()  # the home page's chooser follows (``cache.territory_changed``)
    Centre.objects.create(municipality=municipality)
    return municipality


@transaction.atomic
def municipality_update(*, user: User, municipality: Municipality, data: dict) -> Municipality:
    """A municipality's name, region, ОКТМО or page address, changed by an administrator."""
    if not user.is_administrator:
        raise PermissionDenied("Муниципалитеты ведёт администратор региона.")
    for name, value in data.items():
        setattr(municipality, name, value)
    if not municipality.slug:
        municipality.slug = Municipality.free_slug(municipality.name)
    municipality.full_clean()
    municipality.save()  # the cached public pages follow (``cache.territory_changed``)
    return municipality


@transaction.atomic
def centre_update(*, user: User, municipality: Municipality, data: dict) -> Centre:
    check_manages_municipality(
        user, municipality.pk, "Сведения о центре ведут его сотрудники и администратор региона."
    )
    centre, _ = Centre.objects.select_for_update().get_or_create(municipality=municipality)
    for name, value in data.items():
        setattr(centre, name, value)
    centre.full_clean()
    centre.save()  # the cached public pages follow (``cache.territory_changed``)
    return centre


@transaction.atomic
def staff_invite(*, user: User, municipality: Municipality, email: str, **profile: str) -> User:
    """A member of the municipality's centre staff, invited by e-mail to set a password
    (``profile``: last, first and middle name, position, phone).

    Inviting someone who has not set a password yet sends a fresh link and revokes the one
    sent before; an address that belongs to anyone else is refused with who it is.
    """
    check_manages_municipality(
        user, municipality.pk, "Сотрудников центра приглашают его сотрудники и администратор."
    )
    invitation = invitation_account(
        email=email, role=Role.STAFF, profile=profile, municipality=municipality
    )
    person = invitation.person
    if not invitation.created:
        if person.municipality_id != municipality.pk:
            raise CentreError(
                f"{person.display_name} — сотрудник МОЦ другого муниципалитета "
                f"({person.municipality}). Укажите другой адрес."
            )
        if not invitation.pending:
            raise CentreError(f"{person.display_name} уже сотрудник этого центра.")
        earlier_link_revoke(person)
    transaction.on_commit(lambda: staff_invitation_send_task.delay(person.pk))
    return person


def staff_invitation_send(*, user_id: int) -> None:
    person = User.objects.select_related("municipality").get(pk=user_id)
    if person.has_usable_password():
        return  # they set a password in the meantime: nothing to invite them to
    centre = centre_of(person.municipality)
    context = {
        "person": person,
        "municipality": person.municipality,
        "centre": centre,
        "set_password_url": set_password_url(person),
    }
    send_mail(
        subject=f"Приглашение на портал МОЦ: {person.municipality}",
        message=render_to_string("emails/staff_invitation.txt", context),
        from_email=None,
        recipient_list=[person.email],
    )


@shared_task(
    name="programs.tasks.staff_invitation_send",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def staff_invitation_send_task(user_id: int) -> None:
    """The invitation's letter, sent in the background (``staff_invitation_send``)."""
    staff_invitation_send(user_id=user_id)
