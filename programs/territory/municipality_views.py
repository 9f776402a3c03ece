"""Setting up the region's municipalities in the portal: a regional administrator creates
one and invites its centre's staff; the staff (and administrators) fill in the centre."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from moc_portal.access import administrator_required, check_manages_municipality, staff_required
from moc_portal.context_processors import show_municipality
from moc_portal.core import russian
from moc_portal.core.views import service_call
from moc_portal.users.forms import InviteForm
from moc_portal.users.models import Role, User

from . import centres, services
from .forms import CentreForm, MunicipalityForm
from .models import Centre, Municipality


def _managed(request, pk) -> Municipality:
    municipality = get_object_or_404(Municipality, pk=pk)
    check_manages_municipality(
        request.user,
        municipality.pk,
        "Этот муниципалитет ведут сотрудники его центра и администратор региона.",
    )
    show_municipality(request, municipality)
    return municipality


@administrator_required
def municipality_create(request):
    form = MunicipalityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_call(
            request,
            form=form,
            success="Муниципалитет создан. Пригласите сотрудников его опорного центра.",
        ) as call:
            municipality = services.municipality_create(user=request.user, data=form.cleaned_data)
        if call.ok:
            return redirect("territory:municipality", municipality.pk)
    return render(request, "territory/municipality_form.html", {"form": form})


@administrator_required
def municipality_edit(request, pk):
    municipality = _managed(request, pk)
    # The form checks a copy: the page keeps naming the municipality as it is until saved.
    form = MunicipalityForm(
        request.POST or None, instance=Municipality.objects.get(pk=municipality.pk)
    )
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="Муниципалитет сохранён.") as call:
            services.municipality_update(
                user=request.user, municipality=municipality, data=form.cleaned_data
            )
        if call.ok:
            return redirect("territory:municipality", municipality.pk)
    return render(
        request, "territory/municipality_form.html", {"form": form, "municipality": municipality}
    )


@staff_required
def municipality_detail(request, pk):
    municipality = _managed(request, pk)
    return render(
        request,
        "territory/municipality.html",
        {
            "municipality": municipality,
            "record": Centre.objects.filter(municipality=municipality).first(),
            "identity": centres.centre_of(municipality),
            "staff": User.objects.filter(role=Role.STAFF, municipality=municipality).order_by(
                "last_name", "first_name"
            ),
            "invite_form": InviteForm(),
        },
    )


@staff_required
def centre_edit(request, pk):
    municipality = _managed(request, pk)
    centre = Centre.objects.filter(municipality=municipality).first() or Centre(
        municipality=municipality
    )
    form = CentreForm(request.POST or None, instance=centre)
    if request.method == "POST" and form.is_valid():
        with service_call(
            request,
            form=form,
            success="Сведения о центре сохранены: они уже на страницах муниципалитета.",
        ) as call:
            services.centre_update(
                user=request.user, municipality=municipality, data=form.cleaned_data
            )
        if call.ok:
            return redirect("territory:municipality", municipality.pk)
    return render(
        request, "territory/centre_form.html", {"form": form, "municipality": municipality}
    )


@staff_required
def staff_invite(request, pk):
    municipality = _managed(request, pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form) as call:
            person = services.staff_invite(
                user=request.user, municipality=municipality, **form.cleaned_data
            )
        if call.ok:
            messages.success(
                request,
                f"{person.display_name} {russian.past(person, 'приглашён')} в центр. "
                f"Письмо со ссылкой для входа отправлено на {person.email}.",
            )
            return redirect("territory:municipality", municipality.pk)
    return render(
        request, "territory/staff_invite_form.html", {"form": form, "municipality": municipality}
    )
