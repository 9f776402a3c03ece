from urllib.parse import urlsplit

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone
from django_ratelimit.core import is_ratelimited

from .cabinet import page_for
from .forms import PasswordResetForm


@login_required
def cabinet(request):
    """The personal page: what needs the person's attention now (``cabinet``)."""
    template, context = page_for(request.user)
    return render(request, template, context)


class LoginView(auth_views.LoginView):
    template_name = "users/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "users/password_change.html"
    success_url = reverse_lazy("users:password_change_done")


class PasswordResetView(auth_views.PasswordResetView):
    """At most ``PASSWORD_RESET_RATE_LIMIT`` letters for one address and from one client."""

    form_class = PasswordResetForm
    template_name = "users/password_reset.html"
    email_template_name = "emails/password_reset.txt"
    subject_template_name = "emails/password_reset_subject.txt"
    success_url = reverse_lazy("users:password_reset_done")

    def form_valid(self, form):
        limited = [
            is_ratelimited(
                self.request,
                group=f"password-reset-{key}",
                key=key,
                rate=settings.PASSWORD_RESET_RATE_LIMIT,
                method="POST",
                increment=True,
            )
            for key in ("ip", lambda group, request: form.cleaned_data["email"].lower())
        ]
        if any(limited):
            messages.error(
                self.request,
                "Ссылку для нового пароля уже присылали несколько раз. Проверьте почту (и папку "
                "«Спам») или попробуйте снова через час.",
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        # The link points at the portal's own address, not at whatever Host the request
        # carried (behind the proxy, or forged).
        site = urlsplit(settings.SITE_URL)
        self.extra_email_context = {"domain": site.netloc, "protocol": site.scheme}
        return super().form_valid(form)


def locked_out(request, original_response=None, credentials=None):
    """django-axes: the sign-in is locked; say why and until when, in Russian."""
    until = timezone.localtime(timezone.now() + get_cool_off(request))
    return render(
        request,
        "users/locked_out.html",
        {"until": until, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "users/password_reset_confirm.html"
    success_url = reverse_lazy("users:password_reset_complete")
