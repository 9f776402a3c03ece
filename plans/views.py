from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from moc_portal.access import role_required, staff_required
from moc_portal.forms import apply_validation_error

from . import selectors, services
from .forms import CopyForm, ItemForm, NewItemForm, PlanForm, SectionForm
from .models import PlanItem, PlanState

ACTION_MESSAGES = {
    "agree": "План согласован.",
    "approve": "План утверждён: содержание закрыто, выполнение отмечается по мероприятиям.",
    "return_to_draft": "План возвращён в черновик.",
}


def _plan_for(request, pk):
    return get_object_or_404(selectors.plans_for_user(request.user), pk=pk)


def _managed(request, pk):
    plan = _plan_for(request, pk)
    if not services.user_manages_plan(request.user, plan):
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
            "plans": selectors.plans_for_user(request.user),
            "can_create": request.user.is_centre_staff,
        },
    )


centre_staff_required = role_required(
    lambda user: user.is_centre_staff, "Планы создают сотрудники МОЦ своего муниципалитета."
)


@centre_staff_required
def plan_create(request):
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, "План создан. Добавьте разделы и мероприятия.")
            return redirect("plans:detail", plan.pk)
    return render(request, "plans/plan_form.html", {"form": form})


@login_required
def plan_detail(request, pk):
    plan = selectors.plan_with_table(_plan_for(request, pk).pk)
    manages = services.user_manages_plan(request.user, plan)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "manages": manages,
            "content_open": manages and plan.state != PlanState.APPROVED,
            "actions": [a for a, rule in services.TRANSITIONS.items() if plan.state in rule.sources]
            if manages
            else [],
            # Two forms on one page: prefixes keep their field ids apart.
            "section_form": SectionForm(prefix="section"),
            "item_form": NewItemForm(plan=plan, prefix="item"),
        },
    )


@staff_required
def plan_edit(request, pk):
    plan = _managed(request, pk)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(user=request.user, plan=plan, data=form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        except services.PlanError as error:
            messages.error(request, str(error))
            return redirect("plans:detail", pk)
        else:
            messages.success(request, "План сохранён.")
            return redirect("plans:detail", pk)
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan})


@staff_required
@require_POST
def plan_action(request, pk, action):
    plan = _managed(request, pk)
    if action not in services.TRANSITIONS:
        raise PermissionDenied("Неизвестное действие.")
    try:
        services.plan_transition(user=request.user, plan=plan, action=action)
    except services.PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, ACTION_MESSAGES[action])
    return redirect("plans:detail", pk)


@staff_required
def plan_copy(request, pk):
    plan = _managed(request, pk)
    form = CopyForm(request.POST or None, initial={"title": plan.title})
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
        try:
            services.section_add(user=request.user, plan=plan, **form.cleaned_data)
        except services.PlanError as error:
            messages.error(request, str(error))
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
        try:
            services.item_add(user=request.user, plan=plan, section=section, data=data)
        except (services.PlanError, ValidationError) as error:
            messages.error(request, "; ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.error(request, "Укажите наименование мероприятия.")
    return redirect("plans:detail", pk)


def _item_for(request, pk) -> PlanItem:
    item = get_object_or_404(
        PlanItem.objects.select_related("plan"),
        pk=pk,
        plan__in=selectors.plans_for_user(request.user),
    )
    if not services.user_manages_plan(request.user, item.plan):
        raise PermissionDenied("План ведут сотрудники МОЦ его муниципалитета.")
    return item


@staff_required
def item_edit(request, pk):
    """The item's row turns into a form in place (htmx); a stale save shows the other's change."""
    item = _item_for(request, pk)
    locked = item.plan.state == PlanState.APPROVED
    form = ItemForm(request.POST or None, instance=item, locked=locked)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_update(
                user=request.user,
                item=item,
                data=form.service_data(),
                version=form.cleaned_data["version"],
            )
        except services.PlanConflict as error:
            conflict = error
            form = ItemForm(request.POST, instance=PlanItem.objects.get(pk=pk), locked=locked)
            form.data = form.data.copy()
            form.data["version"] = error.version
        except services.PlanError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            if request.htmx:
                return render(request, "plans/_item_row.html", _row_context(item))
            messages.success(request, "Мероприятие сохранено.")
            return redirect("plans:detail", item.plan_id)
    template = "plans/_item_form.html" if request.htmx else "plans/item_form.html"
    return render(request, template, {"form": form, "item": item, "conflict": conflict})


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
    try:
        services.item_delete(user=request.user, item=item)
    except services.PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Мероприятие удалено.")
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
    try:
        services.item_move(user=request.user, item=item, direction=direction)
    except services.PlanError as error:
        messages.error(request, str(error))
    return redirect(f"{reverse('plans:detail', args=[item.plan_id])}#item-{item.pk}")


@staff_required
@require_POST
def plan_renumber(request, pk):
    plan = _managed(request, pk)
    try:
        services.plan_renumber(user=request.user, plan=plan)
    except services.PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Разделы и мероприятия перенумерованы по порядку.")
    return redirect("plans:detail", pk)
