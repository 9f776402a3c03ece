from urllib.parse import urlsplit

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone

from moc_portal.core import limits

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
    """At most ``PASSWORD_RESET_RATE_LIMIT`` letters asked from one client address, and for
    one e-mail address in any letter case. Every e-mail asked for is counted, whether an
    account has it or not, so a refusal tells nobody that the account exists."""

    form_class = PasswordResetForm
    template_name = "users/password_reset.html"
    email_template_name = "emails/password_reset.txt"
    subject_template_name = "emails/password_reset_subject.txt"
    success_url = reverse_lazy("users:password_reset_done")

    def form_valid(self, form):
        refusal = self._refusal(form.cleaned_data["email"])
        if refusal:
            wait, message = refusal
            messages.error(self.request, message.format(wait=limits.wait_text(wait)))
            response = self.render_to_response(self.get_context_data(form=form), status=429)
            response["Retry-After"] = str(wait)
            return response
        # The link points at the portal's own address, not at whatever Host the request
        # carried (behind the proxy, or forged).
        site = urlsplit(settings.SITE_URL)
        self.extra_email_context = {"domain": site.netloc, "protocol": site.scheme}
        return super().form_valid(form)

    def _refusal(self, email: str) -> tuple[int, str] | None:
        """(seconds to wait, what to say) when a limit is reached. The client's address is
        counted first, so one client trying many e-mails does not use up their owners'
        attempts."""
        rate = settings.PASSWORD_RESET_RATE_LIMIT
        if wait := limits.seconds_to_wait(self.request, group="password-reset-client", rate=rate):
            return wait, (
                "С этого адреса уже несколько раз просили ссылку для нового пароля. "
                "Попробуйте снова {wait}."
            )
        if wait := limits.seconds_to_wait(
            self.request, group="password-reset-email", rate=rate, account=email
        ):
            return wait, (
                "Ссылку для нового пароля на эту почту уже просили несколько раз. Если адрес "
                "зарегистрирован на портале, письма уже отправлены: проверьте почту (и папку "
                "«Спам») или попробуйте снова {wait}."
            )
        return None


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
