from django.contrib.auth import forms as auth_forms

from .models import User


class PasswordResetForm(auth_forms.PasswordResetForm):
    """«Забыли пароль?» for every active account with this address, also an invited one that
    has no password yet: the link in the letter sets its first password."""

    def get_users(self, email):
        return User.objects.filter(email__iexact=email, is_active=True).exclude(email="")
