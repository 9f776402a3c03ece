from django import forms
from django.contrib.auth import forms as auth_forms

from moc_portal.core.forms import BootstrapFormMixin

from .models import User


class PasswordResetForm(auth_forms.PasswordResetForm):
    """«Забыли пароль?» for every active account with this address, also an invited one that
    has no password yet: the link in the letter sets its first password."""

    def get_users(self, email):
        return User.objects.filter(email__iexact=email, is_active=True).exclude(email="")


class InviteForm(BootstrapFormMixin, forms.Form):
    email = forms.EmailField(label="Электронная почта")
    last_name = forms.CharField(label="Фамилия", max_length=150)
    first_name = forms.CharField(label="Имя", max_length=150)
    middle_name = forms.CharField(label="Отчество", max_length=150, required=False)
    position = forms.CharField(label="Должность", max_length=255, required=False)
    phone = forms.CharField(label="Телефон", max_length=50, required=False)
