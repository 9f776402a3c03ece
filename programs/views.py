from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from moc_portal.access import registry_required, staff_required
from moc_portal.core.views import service_call
from moc_portal.querystring import query_without

from . import readiness, selectors, services
from .assessment.selectors import latest_result, result_for_coordinator
from .filters import ProgramFilter
from .forms import (
    FreePlacesForm,
    GroupForm,
    PartnerFormSet,
    ProgramForm,
    ScheduleFormSet,
)
from .models import Program, ProgramGroup, PublishedProgram

PAGE_SIZE = 25

ACTION_MESSAGES = {
    "submit": "Программа отправлена на модерацию.",
    "approve": "Программа опубликована.",
    "return": "Программа возвращена на доработку.",
    "archive": "Программа перенесена в архив.",
    "withdraw": "Программа отозвана с модерации и снова доступна для изменений.",
}


def paginated(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# --- programmes ------------------------------------------------------------------------------


@registry_required
def program_list(request):
    programs = selectors.program_list(user=request.user, filters=request.GET)
    filterset = ProgramFilter(request.GET, queryset=programs, user=request.user)
    return render(
        request,
        "programs/program_list.html",
        {
            "filter": filterset,
            "page": paginated(request, programs.order_by("name")),
            "query": query_without(request, "page"),
        },
    )


@staff_required
def moderation_queue(request):
    programs = selectors.moderation_queue(user=request.user, filters=request.GET)
    data = request.GET.copy()
    data.setdefault("status", "on_moderation")
    page = paginated(request, programs)
    return render(
        request,
        "programs/moderation_queue.html",
        {
            "filter": ProgramFilter(data, queryset=programs, user=request.user),
            "page": page,
            "not_ready": readiness.not_ready(Program.objects.filter(pk__in=[p.pk for p in page])),
            "query": query_without(request, "page"),
            "export_query": data.urlencode(),
        },
    )


def _program_form_page(request, form, partners, program=None):
    return render(
        request,
        "programs/program_form.html",
        {
            "form": form,
            "partners": partners,
            "program": program,
            "not_ready": _problems(program) if program else [],
            "needs": readiness.publishing_needs(program) if program else [],
        },
    )


def _problems(program: Program) -> list[str]:
    problems = readiness.not_ready(Program.objects.filter(pk=program.pk)).get(program.pk, [])
    return readiness.said_elsewhere(problems, program)


@registry_required
def program_create(request):
    form = ProgramForm(request.POST or None, request.FILES or None, user=request.user)
    partners = PartnerFormSet(request.POST or None, prefix="partners")
    if request.method == "POST" and form.is_valid() and partners.is_valid():
        data = form.service_data()
        organisation = data.pop("organisation")
        with service_call(
            request,
            form=form,
            success="Черновик программы сохранён. Добавьте группы и отправьте на модерацию.",
        ) as call:
            program = services.program_create(
                user=request.user, organisation=organisation, data=data, partners=partners.rows()
            )
        if call.ok:
            return redirect("programs:detail", program.pk)
    return _program_form_page(request, form, partners)


@registry_required
def program_edit(request, pk):
    program = _program(request, pk)
    initial_partners = list(program.partners.values("name", "inn", "ogrn"))
    form = ProgramForm(
        request.POST or None,
        request.FILES or None,
        instance=program,
        user=request.user,
        seen=services.card_seen(program),
    )
    partners = PartnerFormSet(request.POST or None, prefix="partners", initial=initial_partners)
    if request.method == "POST" and form.is_valid() and partners.is_valid():
        was_published = program.status == "published"
        with service_call(request, form=form) as call:
            program = services.program_update(
                user=request.user,
                program=program,
                data=form.service_data(),
                partners=partners.rows(),
                seen=form.seen,
            )
        if call.ok:
            if was_published and program.status == "on_moderation":
                messages.info(
                    request,
                    "Изменения отправлены на модерацию. До их одобрения в каталоге "
                    "остаётся опубликованная версия.",
                )
            else:
                messages.success(request, "Изменения сохранены.")
            return redirect("programs:detail", program.pk)
    return _program_form_page(request, form, partners, program)


@registry_required
def program_detail(request, pk):
    program = _program(request, pk)
    program = selectors.program_with_card_relations(program.pk)
    assessment = latest_result(program)
    return render(
        request,
        "programs/program_detail.html",
        {
            "assessment": assessment,
            "reviews": result_for_coordinator(assessment) if assessment else [],
            "program": program,
            "card": selectors.program_card(program),
            "transitions": program.transitions.select_related("actor"),
            "lifecycle": services.PROGRAM_LIFECYCLE,
            "can_edit": services.can_edit_card(user=request.user, program=program),
            "moderator": request.user.manages_municipality(program.organisation.municipality_id),
            "published": PublishedProgram.objects.filter(program=program).first(),
            "not_ready": _problems(program),
            "needs": readiness.publishing_needs(program),
        },
    )


@registry_required
@require_POST
def program_action(request, pk, action):
    program = _program(request, pk)
    if action not in services.PROGRAM_LIFECYCLE:
        raise PermissionDenied("Неизвестное действие.")
    comment = request.POST.get("comment", "")
    with service_call(request, success=ACTION_MESSAGES[action]) as call:
        services.program_transition(
            program=program, user=request.user, action=action, comment=comment
        )
    back_to_queue = action in ("approve", "return") and request.POST.get("next") == "queue"
    if call.ok and back_to_queue:
        return redirect("programs:moderation")
    return redirect("programs:detail", pk)


@registry_required
@require_POST
def program_copy(request, pk):
    program = _program(request, pk)
    copy = services.program_copy(user=request.user, program=program)
    messages.success(request, "Создана копия программы. Проверьте её и сохраните.")
    return redirect("programs:edit", copy.pk)


@staff_required
def program_review(request, pk):
    program = _program(request, pk)
    program = selectors.program_with_card_relations(program.pk)
    return render(
        request,
        "programs/program_review.html",
        {
            "program": program,
            "card": selectors.program_card(program),
            "published": PublishedProgram.objects.filter(program=program).first(),
            "changes": selectors.program_changes_since_approval(program),
            "since_return": selectors.program_changes_since_return(program),
            "not_ready": _problems(program),
            "lifecycle": services.PROGRAM_LIFECYCLE,
        },
    )


@staff_required
def program_history(request, pk):
    program = _program(request, pk)
    return render(
        request,
        "programs/program_history.html",
        {"program": program, "rows": selectors.change_history(program)},
    )


# --- groups ----------------------------------------------------------------------------------


def _group_form_page(request, program, group):
    seen = services.group_seen(group) if group.pk else None
    form = GroupForm(request.POST or None, instance=group, seen=seen)
    initial = [
        {"weekday": s.weekday, "time_start": s.time_start, "time_end": s.time_end}
        for s in (group.schedule.all() if group.pk else [])
    ]
    schedule = ScheduleFormSet(request.POST or None, prefix="schedule", initial=initial)
    if request.method == "POST" and form.is_valid() and schedule.is_valid():
        with service_call(request, form=form, success="Группа сохранена.") as call:
            services.group_save(
                user=request.user,
                program=program,
                group=form.instance,
                schedule=schedule.rows(),
                seen=form.seen,
            )
        if call.ok:
            return redirect("programs:detail", program.pk)
    return render(
        request,
        "programs/group_form.html",
        {"form": form, "schedule": schedule, "program": program, "group": group},
    )


@registry_required
def group_create(request, pk):
    program = _program(request, pk)
    group = ProgramGroup(program=program, age_from=program.age_from, age_to=program.age_to)
    return _group_form_page(request, program, group)


def _program(request, pk) -> Program:
    """A programme the person keeps (``selectors.working_programs``), else 404."""
    return get_object_or_404(selectors.working_programs(request.user), pk=pk)


def _group_for_user(request, pk):
    programs = Program.objects.managed_by(request.user)
    return get_object_or_404(
        ProgramGroup.objects.select_related("program"), pk=pk, program__in=programs
    )


@registry_required
def group_edit(request, pk):
    group = _group_for_user(request, pk)
    return _group_form_page(request, group.program, group)


@registry_required
@require_POST
def group_free_places(request, pk):
    """Free places change day to day: saved at once, without moderation."""
    group = _group_for_user(request, pk)
    form = FreePlacesForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["free_places"][0])
        return redirect("programs:detail", group.program_id)
    with service_call(request, success=f"Свободные места группы «{group.name}» сохранены."):
        services.free_places_update(
            user=request.user, group=group, free_places=form.cleaned_data["free_places"]
        )
    return redirect("programs:detail", group.program_id)


@registry_required
@require_POST
def group_delete(request, pk):
    group = _group_for_user(request, pk)
    with service_call(request, success="Группа удалена."):
        services.group_delete(user=request.user, group=group)
    return redirect("programs:detail", group.program_id)
