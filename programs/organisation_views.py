"""The organisations' pages: the inventory list, an organisation's card and profile, its
coordinators (added, confirmed by their link, removed) and its history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from moc_portal.access import registry_required, staff_required
from moc_portal.core.concurrency import snapshot
from moc_portal.core.views import service_call
from moc_portal.querystring import query_without
from moc_portal.users.forms import InviteForm

from . import selectors, services
from .filters import OrganisationFilter
from .forms import (
    OrganisationForm,
    OrganisationProfileForm,
)
from .models import Organisation
from .views import paginated


def _organisation(request, pk) -> Organisation:
    """An organisation the person keeps (``OrganisationQuerySet.managed_by``), else 404."""
    return get_object_or_404(
        Organisation.objects.select_related("municipality").managed_by(request.user), pk=pk
    )


@staff_required
def organisation_list(request):
    organisations = Organisation.objects.select_related("municipality").managed_by(request.user)
    filterset = OrganisationFilter(request.GET, queryset=organisations)
    rows = filterset.qs.annotate(program_count=Count("programs", distinct=True)).prefetch_related(
        "coordinators"
    )
    return render(
        request,
        "programs/organisation_list.html",
        {
            "filter": filterset,
            "page": paginated(request, rows.order_by("short_name")),
            "query": query_without(request, "page"),
        },
    )


@staff_required
def organisation_create(request):
    form = OrganisationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="Организация добавлена.") as call:
            organisation = services.organisation_create(
                user=request.user, data=dict(form.cleaned_data)
            )
        if call.ok:
            return redirect("programs:organisation_detail", organisation.pk)
    return render(request, "programs/organisation_form.html", {"form": form})


@registry_required
def organisation_detail(request, pk):
    organisation = _organisation(request, pk)
    return render(
        request,
        "programs/organisation_detail.html",
        {
            "organisation": organisation,
            "coordinators": organisation.coordinators.order_by("last_name"),
            "programs": organisation.programs.order_by("name"),
            "is_staff": request.user.manages_registry,
            "invite_form": InviteForm(),
        },
    )


@registry_required
def organisation_edit(request, pk):
    organisation = _organisation(request, pk)
    if request.user.manages_registry:
        form_class, kwargs = OrganisationForm, {"user": request.user}
    else:
        form_class, kwargs = OrganisationProfileForm, {}

    def seen(form):  # the fields this person's form has
        return snapshot(organisation, list(form.fields))

    form = form_class(request.POST or None, instance=organisation, seen=seen, **kwargs)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="Сведения об организации сохранены.") as call:
            services.organisation_update(
                user=request.user,
                organisation=organisation,
                data=dict(form.cleaned_data),
                seen=form.seen,
            )
        if call.ok:
            return redirect("programs:organisation_detail", pk)
    return render(
        request, "programs/organisation_form.html", {"form": form, "organisation": organisation}
    )


@staff_required
def coordinator_add(request, pk):
    organisation = _organisation(request, pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form) as call:
            coordinator = services.coordinator_invite(
                user=request.user, organisation=organisation, **form.cleaned_data
            )
        if call.ok and not organisation.coordinators.filter(pk=coordinator.pk).exists():
            messages.info(
                request,
                f"{coordinator.display_name} — координатор организации другого муниципалитета. "
                f"Мы отправили письмо на {coordinator.email}: координатором этой организации "
                f"{coordinator.display_name} станет, подтвердив это по ссылке из письма.",
            )
            return redirect("programs:organisation_detail", pk)
        if call.ok:
            messages.success(
                request,
                f"{coordinator.display_name} — координатор организации. Приглашение со ссылкой "
                f"для входа отправлено на {coordinator.email}"
                + (
                    "; прежняя ссылка больше не действует."
                    if not coordinator.has_usable_password()
                    else "."
                ),
            )
            return redirect("programs:organisation_detail", pk)
    return render(
        request,
        "programs/coordinator_form.html",
        {"form": form, "organisation": organisation},
    )


@login_required
def coordinator_confirm(request, token):
    """A coordinator of another municipality agrees, from their letter, to one more
    organisation."""
    with service_call(request) as call:
        organisation = services.coordinator_confirmation(user=request.user, token=token)
    if not call.ok:
        return redirect("users:cabinet")
    if request.method == "POST":
        with service_call(request, success="Готово: вы координатор этой организации.") as call:
            services.coordinator_confirm(user=request.user, token=token)
        if call.ok:
            return redirect("programs:organisation_detail", organisation.pk)
    return render(request, "programs/coordinator_confirm.html", {"organisation": organisation})


@staff_required
@require_POST
def coordinator_remove(request, pk, user_pk):
    organisation = _organisation(request, pk)
    coordinator = get_object_or_404(organisation.coordinators, pk=user_pk)
    services.coordinator_detach(
        user=request.user, organisation=organisation, coordinator=coordinator
    )
    messages.success(request, f"{coordinator.display_name} больше не координатор организации.")
    return redirect("programs:organisation_detail", pk)


@staff_required
def organisation_history(request, pk):
    organisation = _organisation(request, pk)
    return render(
        request,
        "programs/organisation_history.html",
        {"organisation": organisation, "rows": selectors.change_history(organisation)},
    )
