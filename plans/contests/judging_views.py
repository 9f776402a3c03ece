"""Pages of the jury's work: the jury of a contest, the juror's entries and scores, the
ranking with the chair's decisions on ties, fixing the results, and the papers — protocol,
diplomas, nominees."""

import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from moc_portal.access import expert_required, staff_required
from moc_portal.core.forms import BootstrapFormMixin
from moc_portal.core.views import download, service_call
from moc_portal.users.models import Role, User

from . import diplomas, judging, nominees, ranking, results, tasks
from .lifecycle import CONTEST_LIFECYCLE
from .models import Contest, ContestLevel, ContestState, EntryFile, JuryMember, Nomination
from .protocol import protocol_docx


def staff_contest(request, pk) -> Contest:
    """A contest the person runs: staff of its municipality, the administrator."""
    return get_object_or_404(Contest.objects.managed_by(request.user), pk=pk)


class JuryForm(BootstrapFormMixin, forms.Form):
    expert = forms.ModelChoiceField(label="Эксперт", queryset=User.objects.none())
    nominations = forms.ModelMultipleChoiceField(
        label="Номинации", queryset=Nomination.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    is_chair = forms.BooleanField(label="Председатель жюри", required=False)

    def __init__(self, *args, contest: Contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = User.objects.filter(
            role=Role.EXPERT, is_active=True
        ).order_by("last_name", "first_name", "username")
        self.fields["nominations"].queryset = contest.nominations.all()


@staff_required
def jury(request, pk):
    contest = staff_contest(request, pk)
    form = JuryForm(request.POST or None, contest=contest)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_call(request, form=form, success="Член жюри назначен.") as call:
            judging.jury_assign(
                user=request.user,
                contest=contest,
                expert=data["expert"],
                nominations=data["nominations"],
                is_chair=data["is_chair"],
            )
        if call.ok:
            return redirect("contests:jury", pk=contest.pk)
    members = contest.jury.select_related("expert").prefetch_related("nominations")
    return render(
        request,
        "contests/judging/jury.html",
        {"contest": contest, "form": form, "members": members},
    )


@staff_required
@require_POST
def jury_remove(request, pk, member_pk):
    contest = staff_contest(request, pk)
    member = get_object_or_404(JuryMember, contest=contest, pk=member_pk)
    with service_call(request, success="Член жюри исключён."):
        judging.jury_remove(user=request.user, member=member)
    return redirect("contests:jury", pk=contest.pk)


@expert_required
def judging_list(request):
    return render(
        request,
        "contests/judging/list.html",
        {"contests": judging.judged_contests(request.user)},
    )


def _juror_contest(request, pk) -> tuple[Contest, JuryMember]:
    contest = get_object_or_404(Contest, pk=pk)
    member = judging.juror_of(request.user, contest)
    if member is None or not request.user.is_expert:
        raise Http404("Вы не входите в жюри этого конкурса.")
    return contest, member


@expert_required
def judging_entries(request, pk):
    contest, member = _juror_contest(request, pk)
    entries = list(judging.juror_entries(request.user, contest, member))
    scored = judging.scored_entry_ids(request.user, contest)
    for entry in entries:
        entry.scored_in_full = entry.pk in scored
    return render(
        request,
        "contests/judging/entries.html",
        {"contest": contest, "member": member, "entries": entries},
    )


def _posted_scores(request, criteria) -> dict:
    return {
        c.pk: (request.POST.get(f"score_{c.pk}", ""), request.POST.get(f"comment_{c.pk}", ""))
        for c in criteria
    }


@expert_required
def judging_score(request, pk, entry_pk):
    contest, member = _juror_contest(request, pk)
    try:
        entry = judging.entry_for_juror(request.user, contest, entry_pk)
    except PermissionDenied as refused:
        raise Http404(str(refused)) from refused
    criteria = judging.criteria_of(contest)
    if request.method == "POST":
        posted = _posted_scores(request, criteria)
        with service_call(request, success="Оценки сохранены.") as call:
            judging.scores_save(user=request.user, entry=entry, scores=posted)
        if call.ok:
            return redirect("contests:judging_entries", pk=contest.pk)
    else:
        posted = judging.saved_scores(request.user, entry)
    rows = [(c, *posted.get(c.pk, ("", ""))) for c in criteria]
    return render(
        request,
        "contests/judging/score.html",
        {
            "contest": contest,
            "entry": entry,
            "rows": rows,
            "files": list(entry.files.all()),
            "people": [] if contest.blind else list(entry.participants.all()),
            "open": contest.state == ContestState.JUDGING,
        },
    )


@expert_required
def judging_file(request, pk, file_pk):
    contest, _ = _juror_contest(request, pk)
    stored = get_object_or_404(EntryFile, pk=file_pk, entry__contest=contest)
    try:
        entry = judging.entry_for_juror(request.user, contest, stored.entry_id)
    except PermissionDenied as refused:
        raise Http404(str(refused)) from refused
    extension = stored.file.name.rsplit(".", 1)[-1].lower()
    filename = f"{entry.code}-{stored.pk}.{extension}" if contest.blind else None
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=filename or stored.file.name.rsplit("/", 1)[-1],
    )


def _ranking_contest(request, pk) -> tuple[Contest, bool]:
    """The contest whose ranking the person sees, and whether they are its chair."""
    contest = get_object_or_404(Contest, pk=pk)
    chair = JuryMember.objects.filter(contest=contest, expert=request.user, is_chair=True).exists()
    runs = request.user.manages_municipality(contest.municipality_id)
    if not (chair and request.user.is_expert) and not runs:
        raise Http404("Рейтинг конкурса видят сотрудники МОЦ и председатель жюри.")
    return contest, chair


@login_required
def ranking_page(request, pk):
    contest, chair = _ranking_contest(request, pk)
    groups = ranking.contest_ranking(contest)
    return render(
        request,
        "contests/judging/ranking.html",
        {
            "contest": contest,
            "groups": groups,
            "chair": chair and contest.state == ContestState.JUDGING,
            "runs": request.user.manages_municipality(contest.municipality_id),
            "refusals": results.refusals(groups) if contest.state == ContestState.JUDGING else [],
            "may_fix": CONTEST_LIFECYCLE.permits(request.user, contest, "fix_results"),
            "nominating": contest.level == ContestLevel.MUNICIPAL_STAGE,
        },
    )


@login_required
@require_POST
def tie_settle(request, pk):
    contest, chair = _ranking_contest(request, pk)
    if not chair:
        raise PermissionDenied("Равенство баллов решает председатель жюри.")
    order = [int(v) for v in request.POST.getlist("order") if v.isdigit()]
    with service_call(request, success="Порядок работ с равными баллами записан."):
        ranking.tie_settle(user=request.user, contest=contest, order=order)
    return redirect("contests:ranking", pk=contest.pk)


@staff_required
@require_POST
def results_fix(request, pk):
    contest = staff_contest(request, pk)
    with service_call(request, success="Итоги зафиксированы.") as call:
        results.results_fix(user=request.user, contest=contest)
    if call.ok:
        return redirect("contests:diplomas", pk=contest.pk)
    return redirect("contests:ranking", pk=contest.pk)


@staff_required
def protocol(request, pk):
    contest = staff_contest(request, pk)
    buffer = io.BytesIO()
    protocol_docx(contest, buffer)
    return download(buffer, f"protokol-zhyuri-{contest.pk}.docx")


@staff_required
def nominees_export(request, pk):
    contest = staff_contest(request, pk)
    buffer = io.BytesIO()
    nominees.nominees_xlsx(contest, buffer)
    return download(buffer, f"vydvinutye-{contest.pk}.xlsx")


@staff_required
@require_POST
def nominees_transfer(request, pk):
    contest = staff_contest(request, pk)
    with service_call(request) as call:
        created = nominees.nominees_transfer(user=request.user, contest=contest)
    if call.ok:
        text = nominees.transfer_message(created)
        messages.success(request, text)
    return redirect("contests:diplomas", pk=contest.pk)


@login_required
def diplomas_page(request, pk):
    """Staff start the build and download the whole set; a coordinator downloads the
    diplomas of their organisation's participants."""
    contest = get_object_or_404(Contest, pk=pk)
    runs = request.user.manages_municipality(contest.municipality_id)
    own = diplomas.organisation_entries(request.user, contest) if not runs else None
    if not runs and not (request.user.is_coordinator and own.exists()):
        raise Http404("Дипломы конкурса выдаются его организаторам и участникам.")
    return render(
        request,
        "contests/judging/diplomas.html",
        {
            "contest": contest,
            "runs": runs,
            "state": diplomas.diplomas_state(contest) if runs else "",
            "fixed": contest.state == ContestState.RESULTS,
            "own_count": own.count() if own is not None else 0,
            "nominating": contest.level == ContestLevel.MUNICIPAL_STAGE and contest.parent_id,
        },
    )


@staff_required
@require_POST
def diplomas_start(request, pk):
    contest = staff_contest(request, pk)
    with service_call(request) as call:
        tasks.diplomas_start(user=request.user, contest=contest)
    if call.ok:
        ready = diplomas.diplomas_state(contest) == "ready"  # built at once where tasks run eagerly
        messages.success(
            request,
            "Дипломы готовы: скачайте файл ниже."
            if ready
            else "Дипломы готовятся: обновите страницу через минуту.",
        )
    return redirect("contests:diplomas", pk=contest.pk)


@staff_required
def diplomas_file(request, pk):
    contest = staff_contest(request, pk)
    if diplomas.diplomas_state(contest) != "ready":
        raise Http404("Дипломы ещё не сформированы.")
    return diplomas.stored_response(contest)


@login_required
def diplomas_own(request, pk):
    """The PDF of the coordinator's own participants' diplomas, made on asking."""
    contest = get_object_or_404(Contest, pk=pk, state=ContestState.RESULTS)
    if not request.user.is_coordinator:
        raise Http404("Свои дипломы скачивают координаторы организаций.")
    entries = diplomas.organisation_entries(request.user, contest)
    if not entries.exists():
        raise Http404("У вашей организации нет участников с итогами в этом конкурсе.")
    content = diplomas.diplomas_pdf(contest, entries)
    return diplomas.pdf_response(content, f"diplomy-{contest.pk}.pdf")
