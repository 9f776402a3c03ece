"""Bringing a plan in from its file: the upload goes to a worker, then the person chooses the
table and confirms (``plans.imports``)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from moc_portal.access import centre_staff_required
from moc_portal.core import russian
from moc_portal.core.views import service_call
from programs import jobs
from programs.models import SpreadsheetJob

from . import imports
from .forms import ImportConfirmForm, ImportForm

SECTION = "раздел"


@centre_staff_required
def plan_import(request):
    """Step one: the file goes to a worker, which reads it (the person watches the job's page);
    nothing is written yet."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.pop("file")
        plan = {
            k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in form.cleaned_data.items()
        }
        job = jobs.import_queue(
            user=request.user,
            kind=SpreadsheetJob.Kind.PLAN_IMPORT,
            upload=upload,
            params={"plan": plan, "back": reverse("plans:import")},
        )
        job.params["next"] = reverse("plans:import_review", args=[job.pk])
        job.save(update_fields=["params"])
        return redirect("programs:job", job.pk)
    return render(request, "plans/import.html", {"form": form})


@centre_staff_required
def plan_import_review(request, pk):
    """Step two: what the worker found, to choose the table and confirm."""
    job = get_object_or_404(
        SpreadsheetJob.objects.filter(
            user=request.user,
            kind=SpreadsheetJob.Kind.PLAN_IMPORT,
            state=SpreadsheetJob.State.CHECKED,
        ),
        pk=pk,
    )
    token = job.summary.get("token", "")
    with service_call(request) as call:
        plan, document = imports.unsign(token)
    if not call.ok:
        return redirect("plans:import")
    return render(
        request,
        "plans/import_confirm.html",
        {
            "form": ImportConfirmForm(tables=document.tables, initial={"token": token, "table": 0}),
            "tables": document.tables,
            "front": document.front,
            "plan": plan,
        },
    )


@centre_staff_required
@require_POST
def plan_import_confirm(request):
    """Step two: the chosen table becomes a draft plan, every row of it or none."""
    with service_call(request) as call:
        plan_data, document = imports.unsign(request.POST.get("token", ""))
    if not call.ok:
        return redirect("plans:import")
    tables = document.tables
    form = ImportConfirmForm(request.POST, tables=tables)
    if not form.is_valid():
        return render(
            request,
            "plans/import_confirm.html",
            {"form": form, "tables": tables, "front": document.front, "plan": plan_data},
        )
    table = tables[form.cleaned_data["table"]]
    title = form.cleaned_data["title"] or table.title or f"Таблица {form.cleaned_data['table'] + 1}"
    with service_call(request) as call:
        plan = imports.plan_import(
            user=request.user,
            data={**plan_data, "title": title},
            table=table,
            front=document.front,
        )
    if not call.ok:
        return redirect("plans:import")
    found = russian.count(table.item_count, imports.ITEM)
    if table.section_count:
        found += f", {russian.count(table.section_count, SECTION)}"
    messages.success(
        request, f"План загружен: {found}. Проверьте сроки, шапку и грифы согласования."
    )
    return redirect("plans:detail", plan.pk)
