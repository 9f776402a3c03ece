"""Excel downloads: exports of the working lists and the import templates."""

import io

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Value
from django.db.models.functions import Concat
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from moc_portal.access import registry_required, staff_required
from moc_portal.core import russian, sheet_layout, sheet_templates
from moc_portal.core import spreadsheets as sheets
from moc_portal.core.text import dated_filename
from moc_portal.core.views import download, stored_file
from moc_portal.users.audit import personal_data_event
from moc_portal.users.models import PersonalDataAction

from . import exports, jobs, spreadsheets
from .filters import OrganisationFilter
from .forms import ImportForm
from .imports.organisation_rows import municipality_label, organisation_columns
from .imports.program_candidates import organisation_label
from .models import (
    Municipality,
    Organisation,
    Program,
    ProgramTransition,
    Specialisation,
    SpreadsheetJob,
)


@registry_required
def program_export(request):
    """The registry (or a coordinator's programmes) with the list page's current filters.

    A large export is built by a Celery task; the person watches its progress and downloads
    the file when it is ready.
    """
    programs = exports.program_export_queryset(request.user, request.GET)
    if programs.count() > settings.EXPORT_BACKGROUND_ROWS:
        job = jobs.export_queue(user=request.user, query=request.GET.urlencode())
        return redirect("programs:job", job.pk)
    buffer = io.BytesIO()
    exports.write_program_export(programs, buffer, title=exports.registry_title(request.user))
    return download(buffer, dated_filename("programmy", "xlsx"))


@staff_required
def organisation_export(request):
    organisations = OrganisationFilter(
        request.GET,
        queryset=Organisation.objects.select_related("municipality").managed_by(request.user),
    ).qs.annotate(published_count=Count("published_programs"))
    buffer = io.BytesIO()
    sheets.write_sheet(
        sheets.export_rows(
            organisations.order_by("short_name", "pk"), spreadsheets.ORGANISATION_COLUMNS
        ),
        buffer,
        sheet="Организации",
        columns=spreadsheets.ORGANISATION_COLUMNS,
        title=sheet_layout.PrintTitle.of("Организации", request.user),
    )
    # The heads' names, phones and e-mails go out with the list.
    personal_data_event(
        actor=request.user,
        action=PersonalDataAction.EXPORTED,
        subject=f"Выгрузка организаций в Excel: {russian.count(organisations.count(), 'строка')}",
        municipality_id=request.user.municipality_id,
    )
    return download(buffer, dated_filename("organizacii", "xlsx"))


@staff_required
def history_export(request):
    """Every moderation step of the programmes the person keeps, newest first."""
    steps = (
        ProgramTransition.objects.filter(program__in=Program.objects.managed_by(request.user))
        .annotate(actor_name=Concat(F("actor__last_name"), Value(" "), F("actor__first_name")))
        .order_by("-created_at", "-pk")
    )
    buffer = io.BytesIO()
    sheets.write_sheet(
        sheets.export_rows(steps, spreadsheets.TRANSITION_COLUMNS),
        buffer,
        sheet="История модерации",
        columns=spreadsheets.TRANSITION_COLUMNS,
        title=sheet_layout.PrintTitle.of("История модерации программ", request.user),
    )
    return download(buffer, dated_filename("istoriya-moderacii", "xlsx"))


@registry_required
def program_template(request):
    organisations = (
        Organisation.objects.select_related("municipality")
        .managed_by(request.user)
        .order_by("short_name", "inn")
    )
    labels = [organisation_label(o) for o in organisations]
    buffer = io.BytesIO()
    sheet_templates.write_template(
        buffer,
        columns=spreadsheets.PROGRAM_COLUMNS,
        sheet="Программы",
        example=spreadsheets.program_example(labels[0] if labels else ""),
        more_sheets=[
            (
                spreadsheets.GROUPS_SHEET,
                spreadsheets.GROUP_COLUMNS,
                spreadsheets.group_example(labels[0] if labels else ""),
                GROUP_INSTRUCTIONS,
            )
        ],
        reference_lists={
            "Организация": labels,
            "Профиль": list(Specialisation.objects.order_by("name").values_list("name", flat=True)),
        },
        title=sheet_layout.PrintTitle.of("Шаблон загрузки программ", request.user),
    )
    return download(buffer, dated_filename("shablon-programmy", "xlsx"))


@staff_required
def organisation_template(request):
    """The centre's template; an administrator's names each row's municipality. The example
    school stands in the person's municipality (the administrator's, in the first listed)."""
    listed = list(Municipality.objects.order_by("name").prefetch_related("settlements"))
    municipalities = [municipality_label(m) for m in listed]
    regional = request.user.is_administrator
    own = (listed[0] if listed else None) if regional else request.user.municipality
    buffer = io.BytesIO()
    sheet_templates.write_template(
        buffer,
        columns=organisation_columns(request.user),
        sheet="Организации",
        example=spreadsheets.organisation_example(
            municipalities[0] if regional and listed else "",
            spreadsheets.example_place(own),
        ),
        reference_lists={"Муниципалитет": municipalities} if regional else {},
        title=sheet_layout.PrintTitle.of("Шаблон загрузки организаций", request.user),
    )
    return download(buffer, dated_filename("shablon-organizacii", "xlsx"))


GROUP_INSTRUCTIONS = [
    "Группы программ: одна строка — одна группа. Программу называет «ID портала программы» "
    "или пара «Организация» и «Программа», как на листе «Программы».",
    "Для каждой программы, названной на этом листе, загрузка оставит ровно эти группы: новые "
    "добавит, совпадающие по названию изменит, остальные удалит. Программы, которых на листе "
    "нет, сохранят свои группы.",
    "Расписание пишите как обычно: «Пн, Ср 15:00–16:30; Пт 10:00–11:30».",
]


# --- imports and background jobs ---------------------------------------------------------

IMPORT_KINDS = {
    "programs": SpreadsheetJob.Kind.PROGRAM_IMPORT,
    "organisations": SpreadsheetJob.Kind.ORGANISATION_IMPORT,
}


@registry_required
def import_new(request):
    kind = IMPORT_KINDS.get(request.GET.get("kind", "programs"))
    if kind is None:
        raise Http404
    if kind == SpreadsheetJob.Kind.ORGANISATION_IMPORT and not (
        request.user.is_centre_staff or request.user.is_administrator
    ):
        raise PermissionDenied("Организации загружает сотрудник МОЦ своего муниципалитета.")
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user, kind=kind)
    if request.method == "POST" and form.is_valid():
        job = jobs.import_queue(
            user=request.user,
            kind=kind,
            upload=form.cleaned_data["file"],
            publish=form.cleaned_data.get("publish", False),
        )
        return redirect("programs:job", job.pk)
    return render(request, "programs/import_form.html", {"form": form, "kind": kind})


def _own_job(request, pk) -> SpreadsheetJob:
    return get_object_or_404(SpreadsheetJob.objects.filter(user=request.user), pk=pk)


@registry_required
def job_detail(request, pk):
    job = _own_job(request, pk)
    template = "programs/_job.html" if request.htmx else "programs/job.html"
    return render(request, template, {"job": job, "errors": job.errors[:500]})


@registry_required
@require_POST
def job_confirm(request, pk):
    job = _own_job(request, pk)
    if not jobs.confirm(job):
        messages.error(
            request,
            "Эту загрузку нельзя подтвердить: она уже подтверждена или в файле есть ошибки.",
        )
    return redirect("programs:job", pk)


@registry_required
@require_POST
def job_cancel(request, pk):
    job = _own_job(request, pk)
    if jobs.cancel(user=request.user, job=job):
        messages.success(request, "Задание отменено.")
    else:
        messages.error(request, "Задание уже закончилось: отменять нечего.")
    return redirect("programs:job", pk)


@registry_required
def job_result(request, pk):
    job = _own_job(request, pk)
    if not job.result:
        raise Http404
    return stored_file(job.result)
