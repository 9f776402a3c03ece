"""A plan's pages: the list, the plan and its table edited in place, its lifecycle, copy,
history and documents. The import's pages are ``import_views``; the register's,
``register_views``."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from moc_portal.access import centre_staff_required, staff_required
from moc_portal.context_processors import show_municipality
from moc_portal.core.concurrency import snapshot
from moc_portal.core.views import download, service_call

from . import documents, selectors, services
from .forms import (
    CopyForm,
    ItemForm,
    NewItemForm,
    PlanForm,
    SectionForm,
)
from .models import Plan, PlanItem, PlanSection, PlanState

ACTION_MESSAGES = {
    "agree": "План согласован.",
    "approve": "План утверждён: содержание закрыто, выполнение отмечается по мероприятиям.",
    "return_to_draft": "План возвращён в черновик.",
}


def _plan_for(request, pk):
    plan = get_object_or_404(
        Plan.objects.select_related("municipality").managed_by(request.user), pk=pk
    )
    show_municipality(request, plan.municipality)
    return plan


def _managed(request, pk):
    plan = _plan_for(request, pk)
    if not request.user.manages_municipality(plan.municipality_id):
        raise PermissionDenied(
            "План ведут сотрудники МОЦ его муниципалитета; вам он доступен для чтения."
        )
    return plan


@login_required
def plan_list(request):
    return render(
        request,
        "plans/plan_list.html",
        {
            "plans": Plan.objects.select_related("municipality").managed_by(request.user),
            "can_create": request.user.is_centre_staff,
        },
    )


@centre_staff_required
def plan_create(request):
    form = PlanForm(
        request.POST or None,
        initial=services.letterhead_defaults(request.user.municipality),
        municipality=request.user.municipality,
    )
    if request.method == "POST" and form.is_valid():
        with service_call(
            request, form=form, success="План создан. Добавьте разделы и мероприятия."
        ) as call:
            plan = services.plan_create(user=request.user, data=form.cleaned_data)
        if call.ok:
            return redirect("plans:detail", plan.pk)
    return render(request, "plans/plan_form.html", {"form": form})


@login_required
def plan_detail(request, pk):
    plan = selectors.plan_with_table(_plan_for(request, pk).pk)
    manages = request.user.manages_municipality(plan.municipality_id)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "manages": manages,
            "content_open": manages and plan.state != PlanState.APPROVED,
            "lifecycle": services.PLAN_LIFECYCLE,
            "publishable": services.PLAN_LIFECYCLE.permits(request.user, plan, "publish"),
            # Two forms on one page: prefixes keep their field ids apart.
            "documents": [("plan", "План"), ("report", "Отчёт о выполнении")],
            "section_form": SectionForm(prefix="section"),
            "item_form": NewItemForm(plan=plan, prefix="item"),
        },
    )


@staff_required
def plan_edit(request, pk):
    plan = _managed(request, pk)
    form = PlanForm(
        request.POST or None,
        instance=plan,
        municipality=plan.municipality,
        seen=snapshot(plan, PlanForm._meta.fields),
    )
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="План сохранён.") as call:
            services.plan_update(
                user=request.user, plan=plan, data=form.cleaned_data, seen=form.seen
            )
        if call.ok:
            return redirect("plans:detail", pk)
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan})


@staff_required
@require_POST
def plan_action(request, pk, action):
    plan = _managed(request, pk)
    if action not in services.PLAN_LIFECYCLE:
        raise PermissionDenied("Неизвестное действие.")
    with service_call(request, success=ACTION_MESSAGES[action]):
        services.plan_transition(user=request.user, plan=plan, action=action)
    return redirect("plans:detail", pk)


@staff_required
def plan_copy(request, pk):
    plan = _managed(request, pk)
    form = CopyForm(
        request.POST or None, initial={"title": plan.title}, user=request.user, plan=plan
    )
    if request.method == "POST" and form.is_valid():
        copy = services.plan_copy(user=request.user, plan=plan, **form.cleaned_data)
        messages.success(
            request, "Создан новый план — копия прошлого. Проверьте сроки мероприятий."
        )
        return redirect("plans:detail", copy.pk)
    return render(request, "plans/plan_copy.html", {"form": form, "plan": plan})


@staff_required
@require_POST
def section_add(request, pk):
    plan = _managed(request, pk)
    form = SectionForm(request.POST, prefix="section")
    if form.is_valid():
        with service_call(request):
            services.section_add(user=request.user, plan=plan, **form.cleaned_data)
    else:
        messages.error(request, "Укажите название раздела.")
    return redirect("plans:detail", pk)


@staff_required
@require_POST
def item_add(request, pk):
    plan = _managed(request, pk)
    form = NewItemForm(request.POST, plan=plan, prefix="item")
    if form.is_valid():
        data = dict(form.cleaned_data)
        section = data.pop("section")
        with service_call(request):
            services.item_add(user=request.user, plan=plan, section=section, data=data)
    else:
        messages.error(request, "Укажите наименование мероприятия.")
    return redirect("plans:detail", pk)


def _in_managed_plan(request, model, pk):
    """An item or section of a plan the person sees (else 404) and keeps (else 403)."""
    part = get_object_or_404(
        model.objects.select_related("plan"),
        pk=pk,
        plan__in=Plan.objects.managed_by(request.user),
    )
    if not request.user.manages_municipality(part.plan.municipality_id):
        raise PermissionDenied("План ведут сотрудники МОЦ его муниципалитета.")
    return part


def _item_for(request, pk) -> PlanItem:
    return _in_managed_plan(request, PlanItem, pk)


@staff_required
def item_edit(request, pk):
    """The item's row turns into a form in place (htmx); a stale save shows the other's change."""
    item = _item_for(request, pk)
    locked = item.plan.state == PlanState.APPROVED
    seen = snapshot(item, services.ITEM_SEEN_FIELDS)
    form = ItemForm(request.POST or None, instance=item, locked=locked, seen=seen)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form) as call:
            item = services.item_update(
                user=request.user, item=item, data=form.service_data(), seen=form.seen
            )
        if call.ok:
            if request.htmx:
                return render(request, "plans/_item_row.html", _row_context(item))
            messages.success(request, "Мероприятие сохранено.")
            return redirect("plans:detail", item.plan_id)
    template = "plans/_item_form.html" if request.htmx else "plans/item_form.html"
    return render(request, template, {"form": form, "item": item})


@staff_required
def item_row(request, pk):
    """The row as it is, for «Отмена» in the in-place form."""
    item = _item_for(request, pk)
    return render(request, "plans/_item_row.html", _row_context(item))


def _row_context(item: PlanItem) -> dict:
    return {"item": item, "manages": True, "content_open": item.plan.state != PlanState.APPROVED}


@staff_required
@require_POST
def item_delete(request, pk):
    item = _item_for(request, pk)
    with service_call(request, success="Мероприятие удалено."):
        services.item_delete(user=request.user, item=item)
    return redirect("plans:detail", item.plan_id)


@login_required
def items_due(request):
    """What is due this month and what is overdue, for the plans the person sees."""
    responsible = request.GET.get("responsible", "").strip()
    return render(
        request,
        "plans/due.html",
        {
            **selectors.items_due(
                user=request.user, today=timezone.localdate(), responsible=responsible
            ),
            "responsible": responsible,
        },
    )


@staff_required
@require_POST
def item_move(request, pk, direction):
    item = _item_for(request, pk)
    if direction not in ("up", "down"):
        raise PermissionDenied("Неизвестное направление.")
    with service_call(request):
        services.item_move(user=request.user, item=item, direction=direction)
    return redirect(f"{reverse('plans:detail', args=[item.plan_id])}#item-{item.pk}")


@staff_required
@require_POST
def plan_renumber(request, pk):
    plan = _managed(request, pk)
    with service_call(request, success="Разделы и мероприятия перенумерованы по порядку."):
        services.plan_renumber(user=request.user, plan=plan)
    return redirect("plans:detail", pk)


DOCUMENTS = {"plan": False, "report": True}


def _document(request, pk, document):
    if document not in DOCUMENTS:
        raise Http404("Нет такого документа.")
    return documents.plan_document(_plan_for(request, pk), report=DOCUMENTS[document])


@login_required
def plan_print(request, pk, document):
    """The plan (or its execution report) laid out for printing and signing."""
    return render(request, "plans/print.html", {"document": _document(request, pk, document)})


@login_required
def plan_export(request, pk, document, fmt):
    doc = _document(request, pk, document)
    writers = {"xlsx": documents.write_xlsx, "docx": documents.write_docx}
    if fmt not in writers:
        raise Http404("Нет такого формата.")
    buffer = io.BytesIO()
    writers[fmt](doc, buffer)
    return download(buffer, f"{doc.filename}.{fmt}")


def _section_for(request, pk) -> PlanSection:
    return _in_managed_plan(request, PlanSection, pk)


@staff_required
def section_edit(request, pk):
    section = _section_for(request, pk)
    seen = snapshot(section, services.SECTION_FIELDS)
    form = SectionForm(request.POST or None, instance=section, seen=seen)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="Раздел сохранён.") as call:
            services.section_update(
                user=request.user, section=section, seen=form.seen, **form.cleaned_data
            )
        if call.ok:
            return redirect("plans:detail", section.plan_id)
    return render(request, "plans/section_form.html", {"form": form, "section": section})


@staff_required
@require_POST
def section_delete(request, pk):
    section = _section_for(request, pk)
    with service_call(request, success="Раздел удалён."):
        services.section_delete(user=request.user, section=section)
    return redirect("plans:detail", section.plan_id)


@staff_required
@require_POST
def section_move(request, pk, direction):
    section = _section_for(request, pk)
    if direction not in ("up", "down"):
        raise PermissionDenied("Неизвестное направление.")
    with service_call(request):
        services.section_move(user=request.user, section=section, direction=direction)
    return redirect("plans:detail", section.plan_id)


@staff_required
def plan_history(request, pk):
    """Who changed what in the plan and its items, and when; after approval, the execution."""
    plan = _managed(request, pk)
    return render(
        request, "plans/plan_history.html", {"plan": plan, "rows": selectors.plan_history(plan)}
    )
