"""Pages of the quality assessment: thin interfaces over ``services`` and ``selectors``."""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from moc_portal.access import expert_required, staff_required
from moc_portal.core.views import download, service_call
from moc_portal.users.models import User
from programs.models import Municipality
from programs.selectors import program_card, program_with_card_relations

from . import documents, selectors, services
from .forms import (
    CampaignForm,
    CriteriaSetForm,
    CriterionForm,
    ExpertGroupForm,
    ProgramPickForm,
    ReopenForm,
    ScoringForm,
)
from .models import (
    Assignment,
    Campaign,
    CampaignProgram,
    CampaignState,
    CriteriaSet,
    Criterion,
    ExpertGroup,
)


def _municipality(user: User) -> Municipality:
    if user.municipality_id:
        return user.municipality
    raise PermissionDenied("Укажите муниципалитет в профиле, чтобы вести оценку.")


# --- staff: overview and criteria -----------------------------------------------------------------


@staff_required
def overview(request):
    municipality_id = request.user.municipality_id
    return render(
        request,
        "assessment/overview.html",
        {
            "campaigns": Campaign.objects.managed_by(request.user).select_related(
                "criteria_set", "municipality"
            ),
            "share": selectors.assessment_share(municipality_id) if municipality_id else None,
            "criteria_sets": CriteriaSet.objects.managed_by(request.user).filter(is_current=True),
        },
    )


@staff_required
def criteria_set_create(request):
    municipality = _municipality(request.user)
    form = CriteriaSetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        criteria_set = services.criteria_set_create(
            user=request.user, municipality=municipality, title=form.cleaned_data["title"]
        )
        messages.success(request, "Набор критериев создан: добавьте критерии.")
        return redirect("assessment:criteria_set", criteria_set.pk)
    return render(request, "assessment/criteria_set_form.html", {"form": form})


@staff_required
def criteria_set_detail(request, pk):
    criteria_set = get_object_or_404(CriteriaSet.objects.managed_by(request.user), pk=pk)
    form = CriterionForm(request.POST or None, instance=Criterion(criteria_set=criteria_set))
    if request.method == "POST" and form.is_valid():
        with service_call(request, success="Критерий добавлен.") as call:
            services.criterion_save(user=request.user, criterion=form.instance)
        if call.ok:
            return redirect("assessment:criteria_set", pk)
    return render(
        request,
        "assessment/criteria_set.html",
        {
            "criteria_set": criteria_set,
            "criteria": criteria_set.criteria.all(),
            "form": form,
            "in_use": services.criteria_set_in_use(criteria_set),
            "versions": CriteriaSet.objects.filter(
                municipality_id=criteria_set.municipality_id, title=criteria_set.title
            ),
        },
    )


@staff_required
@require_POST
def criterion_delete(request, pk):
    criterion = get_object_or_404(
        Criterion.objects.filter(criteria_set__in=CriteriaSet.objects.managed_by(request.user)),
        pk=pk,
    )
    with service_call(request, success="Критерий удалён."):
        services.criterion_delete(user=request.user, criterion=criterion)
    return redirect("assessment:criteria_set", criterion.criteria_set_id)


@staff_required
@require_POST
def criteria_set_new_version(request, pk):
    criteria_set = get_object_or_404(CriteriaSet.objects.managed_by(request.user), pk=pk)
    with service_call(request) as call:
        copy = services.criteria_set_new_version(user=request.user, criteria_set=criteria_set)
    if not call.ok:
        return redirect("assessment:criteria_set", pk)
    messages.success(request, f"Создана версия {copy.version}: её можно менять.")
    return redirect("assessment:criteria_set", copy.pk)


# --- staff: campaigns -----------------------------------------------------------------------------


@staff_required
def campaign_create(request):
    municipality = _municipality(request.user)
    form = CampaignForm(
        request.POST or None,
        instance=Campaign(municipality=municipality),
        municipality_id=municipality.pk,
    )
    if request.method == "POST" and form.is_valid():
        with service_call(
            request, form=form, success="Кампания создана: включите программы и экспертов."
        ) as call:
            campaign = services.campaign_save(user=request.user, campaign=form.instance)
        if call.ok:
            return redirect("assessment:campaign", campaign.pk)
    return render(request, "assessment/campaign_form.html", {"form": form})


def _campaign_for(request, pk) -> Campaign:
    return get_object_or_404(
        Campaign.objects.managed_by(request.user).select_related("criteria_set"), pk=pk
    )


@staff_required
def campaign_detail(request, pk):
    campaign = _campaign_for(request, pk)
    entries = list(
        campaign.entries.select_related("program__organisation").prefetch_related(
            "assignments__expert"
        )
    )
    if campaign.state != CampaignState.CLOSED:
        selectors.attach_candidates(campaign, entries)
    progress = selectors.campaign_progress(campaign)
    return render(
        request,
        "assessment/campaign.html",
        {
            "campaign": campaign,
            "lifecycle": services.CAMPAIGN_LIFECYCLE,
            "steps": {
                step.name for step in services.CAMPAIGN_LIFECYCLE.allowed(request.user, campaign)
            },
            "assignment_lifecycle": services.ASSIGNMENT_LIFECYCLE,
            "entries": entries,
            "groups": campaign.groups.prefetch_related("experts"),
            "progress": progress,
            "totals": {
                "total": sum(row["total"] for row in progress),
                "submitted": sum(row["submitted"] for row in progress),
            },
            "pick_form": ProgramPickForm(campaign=campaign),
            "group_form": ExpertGroupForm(),
            "reopen_form": ReopenForm(),
            "log": campaign.log.select_related("actor")[:30],
        },
    )


@staff_required
@require_POST
def campaign_add_programs(request, pk):
    campaign = _campaign_for(request, pk)
    form = ProgramPickForm(request.POST, campaign=campaign)
    if form.is_valid():
        chosen = form.chosen()
        if not chosen:
            messages.error(request, "Отметьте программы или выберите «все подходящие под фильтр».")
        else:
            with service_call(request, success=f"Включено программ: {len(chosen)}."):
                services.campaign_add_programs(
                    user=request.user, campaign=campaign, programs=chosen
                )
    return redirect("assessment:campaign", pk)


@staff_required
@require_POST
def campaign_remove_program(request, pk):
    entry = get_object_or_404(
        CampaignProgram.objects.managed_by(request.user),
        pk=pk,
    )
    with service_call(request, success="Программа исключена из кампании."):
        services.campaign_remove_program(user=request.user, entry=entry)
    return redirect("assessment:campaign", entry.campaign_id)


@staff_required
@require_POST
def group_add(request, pk):
    campaign = _campaign_for(request, pk)
    form = ExpertGroupForm(request.POST, instance=ExpertGroup(campaign=campaign))
    if not form.is_valid():
        messages.error(request, "Укажите название группы и отметьте экспертов.")
    else:
        with service_call(request, success="Экспертная группа сформирована."):
            services.expert_group_save(
                user=request.user, group=form.instance, experts=form.cleaned_data["experts"]
            )
    return redirect("assessment:campaign", pk)


@staff_required
@require_POST
def distribute(request, pk):
    campaign = _campaign_for(request, pk)
    with service_call(request) as call:
        report = services.assignments_distribute(user=request.user, campaign=campaign)
    if call.ok:
        messages.success(request, f"Назначено экспертов: {report.created}.")
        if report.short:
            names = ", ".join(f"«{p.name}»" for p in report.short[:5])
            messages.warning(
                request,
                f"Не хватило экспертов без конфликта интересов для {len(report.short)} "
                f"программ: {names}. Добавьте экспертов в группу или назначьте вручную.",
            )
    return redirect("assessment:campaign", pk)


@staff_required
@require_POST
def assign(request, pk):
    entry = get_object_or_404(
        CampaignProgram.objects.managed_by(request.user),
        pk=pk,
    )
    expert = get_object_or_404(User, pk=request.POST.get("expert") or 0)
    with service_call(request, success=f"Программа назначена эксперту {expert}."):
        services.assignment_create(user=request.user, entry=entry, expert=expert)
    return redirect("assessment:campaign", entry.campaign_id)


def _assignment_of_staff(request, pk) -> Assignment:
    return get_object_or_404(
        Assignment.objects.filter(
            entry__campaign__in=Campaign.objects.managed_by(request.user)
        ).select_related("entry__campaign"),
        pk=pk,
    )


@staff_required
@require_POST
def unassign(request, pk):
    assignment = _assignment_of_staff(request, pk)
    with service_call(request, success="Назначение снято."):
        services.assignment_delete(user=request.user, assignment=assignment)
    return redirect("assessment:campaign", assignment.entry.campaign_id)


@staff_required
@require_POST
def reopen(request, pk):
    assignment = _assignment_of_staff(request, pk)
    with service_call(request, success="Оценка возвращена эксперту."):
        services.assignment_reopen(
            user=request.user, assignment=assignment, comment=request.POST.get("comment", "")
        )
    return redirect("assessment:campaign", assignment.entry.campaign_id)


@staff_required
@require_POST
def campaign_state(request, pk, action):
    campaign = _campaign_for(request, pk)
    change = {"open": services.campaign_open, "close": services.campaign_close}.get(action)
    if change is None:
        raise PermissionDenied("Неизвестное действие.")
    done = {"open": "Оценка начата: эксперты видят свои программы.", "close": "Оценка завершена."}
    with service_call(request, success=done[action]):
        change(user=request.user, campaign=campaign)
    return redirect("assessment:campaign", pk)


@staff_required
@require_POST
def register_toggle(request, pk):
    entry = get_object_or_404(
        CampaignProgram.objects.managed_by(request.user),
        pk=pk,
    )
    include = request.POST.get("include") == "1"
    with service_call(request, success="Реестр для региональной экспертизы обновлён."):
        services.register_toggle(user=request.user, entry=entry, include=include)
    return redirect("assessment:campaign", entry.campaign_id)


@staff_required
def protocol_export(request, pk, fmt):
    campaign = _campaign_for(request, pk)
    buffer = io.BytesIO()
    if fmt == "docx":
        documents.protocol_docx(campaign, buffer)
        return download(buffer, f"protocol-{campaign.pk}.docx")
    documents.protocol_xlsx(campaign, buffer)
    return download(buffer, f"protocol-{campaign.pk}.xlsx")


@staff_required
def register_export(request):
    buffer = io.BytesIO()
    documents.register_xlsx(
        selectors.regional_register(request.user),
        buffer,
        municipality=None if request.user.is_administrator else request.user.municipality,
    )
    return download(buffer, "register-regional-expertise.xlsx")


# --- the expert -----------------------------------------------------------------------------------


@expert_required
def queue(request):
    return render(
        request,
        "assessment/queue.html",
        {"assignments": selectors.assignments_for_expert(request.user)},
    )


@expert_required
def scoring(request, pk):
    assignment = get_object_or_404(selectors.assignments_for_expert(request.user), pk=pk)
    campaign = assignment.entry.campaign
    criteria = list(campaign.criteria_set.criteria.all())
    form = ScoringForm(
        request.POST or None,
        criteria=criteria,
        assignment=assignment,
        seen=services.scoring_seen(assignment),
    )
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        with service_call(request, form=form) as call:
            services.scores_save(
                user=request.user,
                assignment=assignment,
                scores=form.scores(),
                conclusion=form.cleaned_data["conclusion"],
                comment=form.cleaned_data["comment"],
                seen=form.seen,
            )
            if submit:
                services.assignment_submit(user=request.user, assignment=assignment)
        if call.ok and submit:
            messages.success(request, "Оценка отправлена. Спасибо!")
            return redirect("assessment:queue")
        if call.ok:
            messages.success(request, "Черновик оценки сохранён.")
            return redirect("assessment:scoring", pk)
    program = program_with_card_relations(assignment.entry.program_id)
    return render(
        request,
        "assessment/scoring.html",
        {
            "assignment": assignment,
            "campaign": campaign,
            "program": program,
            "card": program_card(program),
            "form": form,
            "locked": not services.ASSIGNMENT_LIFECYCLE.permits(request.user, assignment, "save"),
        },
    )
