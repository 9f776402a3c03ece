"""Excel downloads: exports of the working lists and the import templates."""

import io

from django.db.models import Count, F, Value
from django.db.models.functions import Concat
from django.http import HttpResponse
from django.utils import timezone

from moc_portal.access import registry_required, staff_required

from . import selectors, spreadsheets
from .filters import OrganisationFilter
from .models import ProgramTransition, Specialisation

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_response(buffer: io.BytesIO, name: str) -> HttpResponse:
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.xlsx"'
    return response


@registry_required
def program_export(request):
    """The registry (or a coordinator's programmes) with the list page's current filters."""
    programs = selectors.program_list(user=request.user, filters=request.GET).order_by("name", "pk")
    buffer = io.BytesIO()
    spreadsheets.write_sheet(
        spreadsheets.export_rows(programs, spreadsheets.PROGRAM_COLUMNS),
        buffer,
        sheet="Программы",
        columns=spreadsheets.PROGRAM_COLUMNS,
    )
    return _xlsx_response(buffer, "programmy")


@staff_required
def organisation_export(request):
    organisations = OrganisationFilter(
        request.GET, queryset=selectors.organisations_for_user(request.user)
    ).qs.annotate(published_count=Count("published_programs"))
    buffer = io.BytesIO()
    spreadsheets.write_sheet(
        spreadsheets.export_rows(
            organisations.order_by("short_name", "pk"), spreadsheets.ORGANISATION_COLUMNS
        ),
        buffer,
        sheet="Организации",
        columns=spreadsheets.ORGANISATION_COLUMNS,
    )
    return _xlsx_response(buffer, "organizacii")


@staff_required
def history_export(request):
    """Every moderation step of the programmes the person keeps, newest first."""
    steps = (
        ProgramTransition.objects.filter(program__in=selectors.programs_for_user(request.user))
        .annotate(actor_name=Concat(F("actor__last_name"), Value(" "), F("actor__first_name")))
        .order_by("-created_at", "-pk")
    )
    buffer = io.BytesIO()
    spreadsheets.write_sheet(
        spreadsheets.export_rows(steps, spreadsheets.TRANSITION_COLUMNS),
        buffer,
        sheet="История модерации",
        columns=spreadsheets.TRANSITION_COLUMNS,
    )
    return _xlsx_response(buffer, "istoriya-moderacii")


@registry_required
def program_template(request):
    organisations = selectors.organisations_for_user(request.user).order_by("short_name")
    inns = list(organisations.values_list("inn", flat=True))
    buffer = io.BytesIO()
    spreadsheets.write_template(
        buffer,
        columns=spreadsheets.PROGRAM_COLUMNS,
        sheet="Программы",
        example=spreadsheets.program_example(inns[0] if inns else ""),
        reference_lists={
            "ИНН организации": inns,
            "Профиль": list(Specialisation.objects.order_by("name").values_list("name", flat=True)),
        },
    )
    return _xlsx_response(buffer, "shablon-programmy")


@staff_required
def organisation_template(request):
    buffer = io.BytesIO()
    spreadsheets.write_template(
        buffer,
        columns=spreadsheets.ORGANISATION_COLUMNS,
        sheet="Организации",
        example=spreadsheets.organisation_example(),
        reference_lists={},
    )
    return _xlsx_response(buffer, "shablon-organizacii")
