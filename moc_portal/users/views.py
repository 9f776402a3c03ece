from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse_lazy

from programs import selectors


@login_required
def cabinet(request):
    """The personal page: what needs the person's attention now."""
    user = request.user
    context = {}
    if user.manages_registry:
        template = "users/cabinet_staff.html"
        context = selectors.staff_dashboard(user)
    elif user.is_coordinator:
        template = "users/cabinet_coordinator.html"
        context = selectors.coordinator_dashboard(user)
    else:
        template = "users/cabinet_expert.html"
    return render(request, template, context)


class LoginView(auth_views.LoginView):
    template_name = "users/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "users/password_change.html"
    success_url = reverse_lazy("users:password_change_done")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "users/password_reset.html"
    email_template_name = "emails/password_reset.txt"
    subject_template_name = "emails/password_reset_subject.txt"
    success_url = reverse_lazy("users:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "users/password_reset_confirm.html"
    success_url = reverse_lazy("users:password_reset_complete")
