"""The link in an invitation letter that lets a new account set its first password."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

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
