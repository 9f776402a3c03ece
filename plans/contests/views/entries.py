"""Entries: applied for by coordinators (a form, or the contest's Excel file), looked at and
admitted or returned by staff; participants, files and consents."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from moc_portal.access import role_required, staff_required
from moc_portal.core import russian
from moc_portal.core.views import download, service_call, stored_file

from .. import consent, imports, selectors, services
from ..forms import (
    ConsentForm,
    EntryFileForm,
    EntryFilterForm,
    EntryForm,
    ImportForm,
    ParticipantForm,
    ParticipantFormSet,
)
from ..lifecycle import ENTRY_LIFECYCLE, ContestError, deadline_refusal, manages_contest
from ..models import EntryFile, Participant, ParticipantKind
from .setup import contests_required

coordinator_required = role_required(
    lambda user: user.is_coordinator, "Заявки подают координаторы организаций."
)


def _applying(request, pk):
    """The contest and the person's organisations that may apply to it (404 when none)."""
    contest = selectors.contest_for(request.user, pk)
    organisations = request.user.coordinated_organisations.filter(
        municipality_id=contest.municipality_id
    )
    if not organisations.exists():
        raise Http404
    return contest, organisations


@coordinator_required
def entry_create(request, pk):
    contest, organisations = _applying(request, pk)
    data = request.POST or None
    form = EntryForm(data, contest=contest, organisations=organisations)
    people = ParticipantFormSet(data, form_kwargs={"audience": contest.audience})
    if request.method == "POST" and form.is_valid() and people.is_valid():
        draft = services.EntryDraft(
            nomination=form.cleaned_data["nomination"],
            age_category=form.cleaned_data.get("age_category"),
            kind=form.cleaned_data["kind"],
            team_name=form.cleaned_data["team_name"],
            work_title=form.cleaned_data.get("work_title", ""),
            description=form.cleaned_data.get("description", ""),
            participants=people.rows(),
        )
        with service_call(request, form=form, success="Заявка подана.") as call:
            entry = services.entry_create(
                user=request.user,
                contest=contest,
                organisation=form.cleaned_data["organisation"],
                draft=draft,
            )
        if call.ok:
            return redirect("contests:entry", entry.pk)
    refusal = deadline_refusal(contest)
    return render(
        request,
        "contests/entry_form.html",
        {"contest": contest, "form": form, "people": people, "refusal": refusal},
    )


@contests_required
def entry_detail(request, pk):
    entry = selectors.entry_for(request.user, pk)
    can_change = ENTRY_LIFECYCLE.permits(request.user, entry, "change")
    return render(
        request,
        "contests/entry.html",
        {
            "entry": entry,
            "contest": entry.contest,
            "participants": [
                (person, _edit_form(entry, person) if can_change else None)
                for person in entry.participants.all()
            ],
            "files": entry.files.all(),
            "lifecycle": ENTRY_LIFECYCLE,
            "can_change": can_change,
            "is_coordinator": request.user.is_coordinator,
            "participant_form": ParticipantForm(audience=entry.contest.audience),
            "file_form": EntryFileForm(),
            "consent_form": ConsentForm(),
            "missing": services.missing_consents(entry),
            "children": ParticipantKind.CHILD,
        },
    )


def _edit_form(entry, person) -> ParticipantForm:
    fields = ("surname", "name", "patronymic", "birth_date", "grade", "teacher_name", "post")
    return ParticipantForm(
        audience=entry.contest.audience,
        initial={name: getattr(person, name) for name in fields},
        auto_id=f"id_p{person.pk}_%s",
    )


@contests_required
@require_POST
def entry_action(request, pk, action):
    entry = selectors.entry_for(request.user, pk)
    if action not in ENTRY_LIFECYCLE:
        raise Http404
    done = {
        "admit": "Заявка допущена.",
        "return": "Заявка возвращена на доработку.",
        "resubmit": "Заявка подана снова.",
        "withdraw": "Заявка отозвана.",
    }
    with service_call(request, success=done.get(action, "")):
        services.entry_transition(
            user=request.user, entry=entry, action=action, comment=request.POST.get("comment", "")
        )
    target = request.POST.get("next", "")
    if target.startswith("/contests/"):
        return redirect(target)
    return redirect("contests:entry", pk)


@coordinator_required
@require_POST
def participant_add(request, pk):
    entry = selectors.entry_for(request.user, pk)
    form = ParticipantForm(request.POST, audience=entry.contest.audience)
    if form.is_valid() and form.row():
        with service_call(request, success="Участник добавлен."):
            services.participant_add(user=request.user, entry=entry, row=form.row())
    else:
        raise_message(request, "Заполните фамилию и имя участника.")
    return redirect("contests:entry", pk)


def raise_message(request, text: str) -> None:
    messages.error(request, text)


@coordinator_required
@require_POST
def participant_edit(request, pk):
    participant = selectors.participant_for(request.user, pk)
    form = ParticipantForm(request.POST, audience=participant.entry.contest.audience)
    if form.is_valid() and form.row():
        with service_call(request, success="Сведения об участнике исправлены."):
            services.participant_update(user=request.user, participant=participant, row=form.row())
    else:
        raise_message(request, "Заполните фамилию и имя участника.")
    return redirect("contests:entry", participant.entry_id)


@coordinator_required
@require_POST
def participant_delete(request, pk):
    participant = selectors.participant_for(request.user, pk)
    with service_call(request, success="Участник убран из заявки."):
        services.participant_remove(user=request.user, participant=participant)
    return redirect("contests:entry", participant.entry_id)


@coordinator_required
@require_POST
def file_add(request, pk):
    entry = selectors.entry_for(request.user, pk)
    form = EntryFileForm(request.POST, request.FILES)
    if form.is_valid():
        with service_call(request, success="Файл приложен."):
            services.entry_file_add(
                user=request.user,
                entry=entry,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
    else:
        raise_message(request, "Выберите файл.")
    return redirect("contests:entry", pk)


@contests_required
def entry_file(request, pk):
    item = get_object_or_404(EntryFile, pk=pk)
    selectors.entry_for(request.user, item.entry_id)
    return stored_file(item.file)


@coordinator_required
@require_POST
def consent_record(request, pk):
    participant = selectors.participant_for(request.user, pk)
    form = ConsentForm(request.POST, request.FILES)
    if form.is_valid():
        with service_call(request, success=f"Согласие отмечено: {participant.short_name}."):
            services.consent_record(
                user=request.user,
                participant=participant,
                state=form.cleaned_data["consent"],
                allows_publishing=form.cleaned_data["allows_publishing"],
                scan=form.cleaned_data["scan"],
            )
    else:
        raise_message(request, "Выберите, как хранится согласие.")
    return redirect("contests:entry", participant.entry_id)


@contests_required
def consent_scan(request, pk):
    participant = selectors.participant_for(request.user, pk)
    if not participant.consent_file:
        raise Http404
    return stored_file(participant.consent_file)


def _consents(contest, participants, filename):
    children = [p for p in participants if p.kind == ParticipantKind.CHILD]
    if not children:
        raise Http404
    return download(consent.consent_document(contest, children), filename)


@contests_required
def consent_form(request, pk):
    participant = selectors.participant_for(request.user, pk)
    return _consents(participant.entry.contest, [participant], f"soglasie-{participant.pk}.docx")


@contests_required
def entry_consents(request, pk):
    entry = selectors.entry_for(request.user, pk)
    people = entry.participants.select_related("entry__organisation")
    return _consents(entry.contest, list(people), f"soglasiya-{entry.code}.docx")


@coordinator_required
def organisation_consents(request, pk, organisation):
    contest = selectors.contest_for(request.user, pk)
    org = get_object_or_404(request.user.coordinated_organisations, pk=organisation)
    people = (
        selectors.entries_of(request.user, contest)
        .filter(organisation=org)
        .values_list("pk", flat=True)
    )
    participants = Participant.objects.filter(entry_id__in=list(people))
    participants = participants.select_related("entry__organisation").order_by("surname", "name")
    return _consents(contest, list(participants), f"soglasiya-konkurs-{contest.pk}.docx")


@contests_required
def import_template(request, pk):
    contest = selectors.contest_for(request.user, pk)
    return download(imports.template(contest, request.user), f"uchastniki-{contest.pk}.xlsx")


@coordinator_required
def import_participants(request, pk):
    contest, organisations = _applying(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None, organisations=organisations)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            entries = imports.import_participants(
                user=request.user,
                contest=contest,
                organisation=form.cleaned_data["organisation"],
                data=form.cleaned_data["file"].read(),
            )
        except services.entries.RowsError as error:
            problems = error.lines
        except ContestError as error:
            problems = [str(error)]
        except imports.ImportFileError as error:
            problems = [str(error)]
        else:
            messages.success(request, f"Загружено: {russian.count(len(entries), 'заявка')}.")
            return redirect("contests:detail", pk)
    return render(
        request,
        "contests/import.html",
        {"contest": contest, "form": form, "problems": problems},
    )


@staff_required
def entry_list(request, pk):
    contest = selectors.contest_for(request.user, pk)
    if not manages_contest(request.user, contest):
        raise PermissionDenied("Заявки конкурса рассматривают сотрудники МОЦ его муниципалитета.")
    entries = selectors.entries_of(request.user, contest)
    form = EntryFilterForm(request.GET or None, contest=contest)
    if form.is_valid():
        if form.cleaned_data["nomination"]:
            entries = entries.filter(nomination=form.cleaned_data["nomination"])
        if form.cleaned_data["state"]:
            entries = entries.filter(state=form.cleaned_data["state"])
    return render(
        request,
        "contests/entries.html",
        {
            "contest": contest,
            "entries": entries,
            "form": form,
            "counts": selectors.entry_counts(entries),
            "lifecycle": ENTRY_LIFECYCLE,
        },
    )
