"""Inviting someone by e-mail: the one builder of the account an invitation is for (a
coordinator's or a centre staff member's), and the link in the letter that lets a new account
set its first password."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from moc_portal.core.errors import DomainError

from .models import User


def set_password_url(user) -> str:
    """A one-time link to set the password; setting it (or a fresh invitation) revokes it."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse(
        "users:password_reset_confirm", kwargs={"uidb64": uid, "token": token}
    )


def invited_account(
    *,
    email: str,
    role: str,
    last_name: str,
    first_name: str,
    middle_name: str = "",
    position: str = "",
    phone: str = "",
    municipality=None,
):
    """A new account for someone invited by e-mail: their address is their login, and it has
    no password until they set one from the letter's link."""
    person = User(
        username=email,
        email=email,
        last_name=last_name,
        first_name=first_name,
        middle_name=middle_name,
        position=position,
        phone=phone,
        role=role,
        municipality=municipality,
    )
    person.set_unusable_password()
    person.full_clean()
    person.save()
    return person


class InvitationError(DomainError):
    """An invitation the address cannot take, in Russian: whose address it is."""


@dataclass(frozen=True)
class Invitation:
    person: User
    created: bool  # the account is new
    pending: bool  # it has no password yet: the letter carries the link to set one


def invitation_account(*, email: str, role: str, profile: dict, municipality=None) -> Invitation:
    """The account an invitation to ``role`` is for: the one the address already has, or a
    new one without a password. An address that belongs to someone of another role is refused
    with whose it is."""
    email = email.strip().lower()
    person = User.objects.filter(email__iexact=email).first()
    if person is None:
        person = invited_account(email=email, role=role, municipality=municipality, **profile)
        return Invitation(person, created=True, pending=True)
    if person.role != role:
        raise InvitationError(
            f"Адрес {email} уже принадлежит пользователю с ролью "
            f"«{person.get_role_display()}». Укажите другой адрес."
        )
    return Invitation(person, created=False, pending=not person.has_usable_password())


def earlier_link_revoke(person: User) -> None:
    """A fresh invitation to someone who never set a password: a new unusable password changes
    what the reset tokens are made of, so the link sent before stops working."""
    person.set_unusable_password()
    person.save(update_fields=["password"])
