"""The link in an invitation letter that lets a new account set its first password."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def set_password_url(user) -> str:
    """A one-time link to set the password; setting it (or a fresh invitation) revokes it."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse(
        "users:password_reset_confirm", kwargs={"uidb64": uid, "token": token}
    )
