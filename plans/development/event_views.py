"""Methodical events for teachers: coordinators register their organisation's teachers,
the centre's staff see the registrations by organisation and mark who came."""

from itertools import groupby

from django.shortcuts import get_object_or_404, redirect, render

from moc_portal.access import registry_required, role_required, staff_required
from moc_portal.core.views import service_call
from programs.filters import MAX_ID
from programs.staffing.models import Teacher

from ..models import Event
from . import selectors, services
from .forms import TeacherChoiceForm
from .models import Registration

coordinator_required = role_required(
    lambda user: user.is_coordinator, "Педагогов записывают координаторы организаций."
)


@registry_required
def event_list(request):
    """Events that take teachers' registrations: for a coordinator, those of their
    organisations' municipalities; for staff, their municipality's."""
    events = selectors.registration_events(request.user).order_by("-starts_on", "-pk")
    return render(
        request,
        "development/events.html",
        {"events": events, "is_coordinator": request.user.is_coordinator},
    )


@coordinator_required
def event_register(request, pk):
    event = get_object_or_404(selectors.registration_events(request.user), pk=pk)
    organisations = list(
        request.user.coordinated_organisations.filter(municipality_id=event.municipality_id)
    )
    chosen = request.POST.get("organisation") or request.GET.get("organisation", "")
    organisation = next((o for o in organisations if str(o.pk) == chosen), organisations[0])
    teachers = Teacher.objects.filter(organisation=organisation).working()
    registered = Registration.objects.filter(event=event, teacher__organisation=organisation)
    form = TeacherChoiceForm(
        request.POST or None,
        teachers=teachers,
        initial={"teachers": list(registered.values_list("teacher_id", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="Список записанных сохранён.") as call:
            services.registrations_set(
                user=request.user,
                event=event,
                organisation=organisation,
                teachers=list(form.cleaned_data["teachers"]),
            )
        if call.ok:
            return redirect(f"{request.path}?organisation={organisation.pk}")
    return render(
        request,
        "development/event_register.html",
        {
            "event": event,
            "form": form,
            "organisation": organisation,
            "organisations": organisations,
            "open": services.registration_open(event),
        },
    )


@staff_required
def event_registrations(request, pk):
    """Registrations by organisation, and the attendance: one checkbox per teacher, one POST."""
    event = get_object_or_404(
        Event.objects.managed_by(request.user).filter(takes_registrations=True), pk=pk
    )
    registrations = list(
        Registration.objects.filter(event=event)
        .select_related("teacher__organisation")
        .order_by("teacher__organisation__short_name", "teacher__surname", "teacher__name")
    )
    if request.method == "POST":
        attended = {
            int(v) for v in request.POST.getlist("attended") if v.isdigit() and int(v) <= MAX_ID
        }
        with service_call(request, success="Посещаемость отмечена.") as call:
            services.attendance_mark(user=request.user, event=event, attended=attended)
        if call.ok:
            return redirect("development:event_registrations", event.pk)
    by_organisation = [
        (organisation, list(rows))
        for organisation, rows in groupby(registrations, key=lambda r: r.teacher.organisation)
    ]
    return render(
        request,
        "development/event_registrations.html",
        {
            "event": event,
            "by_organisation": by_organisation,
            "total": len(registrations),
            "marked": any(r.attended is not None for r in registrations),
        },
    )
