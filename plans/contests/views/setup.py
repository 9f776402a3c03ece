"""Staff's and the administrator's pages of a contest: the list, a contest set up and
changed, a municipality's stage opened, the lifecycle's buttons, the regulation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from moc_portal.access import role_required, staff_required
from moc_portal.core.views import service_call, stored_file

from .. import selectors, services
from ..forms import ContestForm, StageForm
from ..lifecycle import CONTEST_LIFECYCLE, deadline_refusal, manages_contest
from ..models import Contest, Entry
from ..services.setup import DATE_ORDER

contests_required = role_required(
    lambda user: user.is_coordinator or user.manages_registry,
    "Конкурсы ведут сотрудники МОЦ, заявки подают координаторы организаций.",
)
creators_required = role_required(
    lambda user: user.is_administrator or (user.is_centre_staff and user.municipality_id),
    "Конкурсы создают сотрудники МОЦ своего муниципалитета и администратор региона.",
)


@contests_required
def contest_list(request):
    user = request.user
    context = {"user_is_coordinator": user.is_coordinator}
    if user.is_coordinator:
        context["contests"] = selectors.coordinator_contests(user)
        context["entries"] = (
            Entry.objects.managed_by(user)
            .select_related("contest", "nomination", "organisation")
            .order_by("-submitted_at")
        )
    else:
        context["contests"] = selectors.own_contests(user)
        context["openable"] = selectors.openable_stages(user)
        if user.is_administrator:
            context["regional"] = selectors.regional_contests()
    return render(request, "contests/list.html", context)


@creators_required
def contest_create(request):
    form = ContestForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="Конкурс создан.") as call:
            contest = services.contest_create(
                user=request.user,
                data=form.contest_data(),
                nominations=form.cleaned_data["nomination_lines"],
                categories=form.cleaned_data["category_lines"],
            )
        if call.ok:
            return redirect("contests:detail", contest.pk)
    return render(request, "contests/contest_form.html", {"form": form})


@contests_required
def contest_detail(request, pk):
    contest = selectors.contest_for(request.user, pk)
    manages = manages_contest(request.user, contest)
    context = {
        "contest": contest,
        "manages": manages,
        "lifecycle": CONTEST_LIFECYCLE,
        "nominations": contest.nominations.all(),
        "categories": contest.age_categories.all(),
        "can_edit": CONTEST_LIFECYCLE.permits(request.user, contest, "edit"),
        "can_apply": request.user.is_coordinator and not deadline_refusal(contest),
        "deadline_refusal": deadline_refusal(contest),
    }
    if manages:
        context["counts"] = selectors.entry_counts(contest.entries.all())
    if contest.is_regional and request.user.manages_registry:
        context["stages"] = selectors.stages_by_municipality(contest)
        context["can_open_stage"] = selectors.openable_stages(request.user).filter(pk=pk).exists()
    if request.user.is_coordinator:
        context["own_entries"] = selectors.entries_of(request.user, contest)
    return render(request, "contests/detail.html", context)


@staff_required
def contest_edit(request, pk):
    contest = selectors.managed_contest(request.user, pk)
    if not CONTEST_LIFECYCLE.permits(request.user, contest, "edit"):
        messages.error(request, "Конкурс меняют до начала оценивания.")
        return redirect("contests:detail", pk)
    form = ContestForm(
        request.POST or None, request.FILES or None, instance=contest, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="Изменения сохранены.") as call:
            services.contest_update(
                user=request.user,
                contest=Contest.objects.get(pk=pk),
                data=form.contest_data(),
                nominations=form.cleaned_data.get("nomination_lines"),
                categories=form.cleaned_data.get("category_lines"),
                seen=form.seen,
            )
        if call.ok:
            return redirect("contests:detail", pk)
    return render(request, "contests/contest_form.html", {"form": form, "contest": contest})


@staff_required
def stage_open(request, pk):
    parent = selectors.contest_for(request.user, pk)
    if not selectors.openable_stages(request.user).filter(pk=pk).exists():
        raise Http404
    form = StageForm(
        request.POST or None,
        user=request.user,
        initial={
            **{name: getattr(parent, name) for name in DATE_ORDER},
            "blind": parent.blind,
            "criteria_set": parent.criteria_set_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="Муниципальный этап открыт.") as call:
            stage = services.stage_open(user=request.user, parent=parent, data=form.cleaned_data)
        if call.ok:
            return redirect("contests:detail", stage.pk)
    return render(request, "contests/stage_form.html", {"form": form, "parent": parent})


@staff_required
@require_POST
def contest_action(request, pk, action):
    contest = selectors.managed_contest(request.user, pk)
    if action not in CONTEST_LIFECYCLE:
        raise Http404
    done = {"open_applications": "Приём заявок объявлен.", "start_judging": "Начато оценивание."}
    with service_call(request, success=done.get(action, "")):
        services.contest_transition(user=request.user, contest=contest, action=action)
    return redirect("contests:detail", pk)


@login_required
def regulation(request, pk):
    """The regulation: to those who may open the contest, and to anyone once it is public."""
    contest = Contest.objects.filter(pk=pk).first()
    if contest is None or not contest.regulation:
        raise Http404
    if not contest.is_public:
        try:
            selectors.contest_for(request.user, pk)
        except Http404 as error:
            raise PermissionDenied("Положение доступно после объявления конкурса.") from error
    return stored_file(contest.regulation)
