"""An organisation's entries: applied for by its coordinator until the deadline, checked
against the categories' ages and for a participant entered twice in a nomination, coded per
contest («Н1-001»), admitted or returned by the staff.

A child's age is taken on the last day of applications (``Contest.applications_to``): the
day the list is final, and the one date every organisation's children are measured on.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from moc_portal.core import russian
from moc_portal.users.models import User
from programs.models import Organisation
from programs.staffing.matching import TeacherNameError, match_names
from programs.staffing.models import Teacher

from ..lifecycle import ENTRY_LIFECYCLE, ContestError, deadline_refusal
from ..models import (
    AgeCategory,
    ConsentState,
    Contest,
    ContestAudience,
    Entry,
    EntryKind,
    EntryState,
    Nomination,
    Participant,
    ParticipantKind,
)

SHOWN_PROBLEMS = 30


class RowsError(ContestError):
    """Several drafts refused (an import's rows): ``lines`` each say what to fix."""

    def __init__(self, lines: list[str]):
        self.lines = lines[:SHOWN_PROBLEMS]
        more = len(lines) - len(self.lines)
        if more:
            self.lines.append(f"…и ещё {russian.count(more, 'ошибка')}.")
        super().__init__(" ".join(self.lines))


LIVE = (EntryState.SUBMITTED, EntryState.ADMITTED, EntryState.RETURNED)


@dataclass
class ParticipantRow:
    surname: str
    name: str
    patronymic: str = ""
    birth_date: date | None = None
    grade: str = ""
    post: str = ""
    teacher_name: str = ""

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.name, self.patronymic) if p)

    def key(self, nomination_id: int) -> tuple:
        return (
            nomination_id,
            self.surname.strip().lower(),
            self.name.strip().lower(),
            self.patronymic.strip().lower(),
            self.birth_date,
        )


@dataclass
class EntryDraft:
    """An entry as a form or a file's rows give it, not yet checked."""

    nomination: Nomination
    age_category: AgeCategory | None = None
    kind: str = EntryKind.INDIVIDUAL
    team_name: str = ""
    work_title: str = ""
    description: str = ""
    participants: list[ParticipantRow] = field(default_factory=list)
    where: str = ""  # «Строка 5» in an import; "" on a form


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def check_coordinator(user: User, organisation: Organisation) -> None:
    if not (user.is_coordinator and organisation.coordinators.filter(pk=user.pk).exists()):
        raise PermissionDenied("Заявку подаёт координатор своей организации.")


def check_applying(user: User, contest: Contest, organisation: Organisation) -> None:
    check_coordinator(user, organisation)
    if contest.municipality_id is None or contest.municipality_id != organisation.municipality_id:
        raise PermissionDenied("Организация подаёт заявки на конкурсы своего муниципалитета.")
    refusal = deadline_refusal(contest)
    if refusal:
        raise ContestError(refusal)


def _fail(draft: EntryDraft, text: str):
    raise ContestError(f"{draft.where}: {text}" if draft.where else text)


def check_draft(contest: Contest, draft: EntryDraft, taken: set) -> None:
    """Everything a draft must be before anything is written; ``taken`` holds the keys of the
    participants already in the contest's nominations and gains this draft's."""
    if draft.nomination.contest_id != contest.pk:
        _fail(draft, "номинация не из этого конкурса.")
    if draft.age_category and draft.age_category.contest_id != contest.pk:
        _fail(draft, "возрастная категория не из этого конкурса.")
    _check_shape(contest, draft)
    for row in draft.participants:
        _check_person(contest, draft, row)
        key = row.key(draft.nomination.pk)
        if key in taken:
            _fail(
                draft,
                f"{row.full_name} уже участвует в номинации «{draft.nomination.title}» этого "
                "конкурса. Один участник подаётся в номинацию один раз.",
            )
        taken.add(key)


def _check_lengths(draft: EntryDraft, model, values: dict) -> None:
    """Texts that fit their columns (a file's cell may hold anything)."""
    for name, value in values.items():
        column = model._meta.get_field(name)
        if column.max_length and len(value or "") > column.max_length:
            longest = russian.count(column.max_length, "знак", case="gent")
            _fail(draft, f"«{column.verbose_name}» длиннее {longest}: сократите текст.")


def _check_shape(contest: Contest, draft: EntryDraft) -> None:
    _check_lengths(draft, Entry, {"team_name": draft.team_name, "work_title": draft.work_title})
    count = len(draft.participants)
    if contest.audience == ContestAudience.WORKS and not draft.work_title.strip():
        _fail(draft, "напишите название работы или практики.")
    children = contest.audience == ContestAudience.CHILDREN
    if children and _has_categories(contest) and draft.age_category is None:
        _fail(draft, "выберите возрастную категорию.")
    if draft.kind == EntryKind.TEAM:
        if not draft.team_name.strip():
            _fail(draft, "напишите название команды.")
        if count < 2:
            _fail(draft, "в команде должно быть не меньше двух участников.")
    elif contest.audience != ContestAudience.WORKS and count != 1:
        _fail(draft, "в индивидуальной заявке один участник.")


def _has_categories(contest: Contest) -> bool:
    if not hasattr(contest, "_has_categories"):
        contest._has_categories = contest.age_categories.exists()
    return contest._has_categories


def _check_person(contest: Contest, draft: EntryDraft, row: ParticipantRow) -> None:
    texts = ("surname", "name", "patronymic", "grade", "post", "teacher_name")
    _check_lengths(draft, Participant, {name: getattr(row, name) for name in texts})
    if not (row.surname.strip() and row.name.strip()):
        _fail(draft, "у участника должны быть фамилия и имя.")
    if contest.audience != ContestAudience.CHILDREN:
        if contest.audience == ContestAudience.TEACHERS and not row.post.strip():
            _fail(draft, f"укажите должность: {row.full_name}.")
        return
    if row.birth_date is None:
        _fail(draft, f"укажите дату рождения: {row.full_name}.")
    if row.birth_date > timezone.localdate():
        _fail(draft, f"дата рождения {row.birth_date:%d.%m.%Y} ещё не наступила: {row.full_name}.")
    category = draft.age_category
    if category is None:
        return
    age = age_on(row.birth_date, contest.applications_to)
    if not category.age_from <= age <= category.age_to:
        _fail(
            draft,
            f"{row.full_name}: возраст на {contest.applications_to:%d.%m.%Y} (последний день "
            f"приёма заявок), полных лет: {age}, а в категории «{category.title}» возраст, лет: "
            f"{category.age_from}–{category.age_to}. Выберите другую категорию или проверьте "
            "дату рождения.",
        )


def taken_keys(contest: Contest, exclude_entry: int | None = None) -> set:
    """The participants already entered in the contest's nominations (withdrawn entries
    aside)."""
    rows = Participant.objects.filter(entry__contest=contest, entry__state__in=LIVE)
    if exclude_entry:
        rows = rows.exclude(entry_id=exclude_entry)
    return {
        (nomination, surname.lower(), name.lower(), patronymic.lower(), birth)
        for nomination, surname, name, patronymic, birth in rows.values_list(
            "entry__nomination_id", "surname", "name", "patronymic", "birth_date"
        )
    }


class Codes:
    """The next codes of a contest's entries: «Н<номинация>-<номер>»."""

    def __init__(self, contest: Contest):
        self.last: dict[str, int] = {}
        for code in Entry.objects.filter(contest=contest).values_list("code", flat=True):
            match = re.fullmatch(r"(Н\d+)-(\d+)", code)
            if match:
                self.last[match[1]] = max(self.last.get(match[1], 0), int(match[2]))

    def next(self, nomination: Nomination) -> str:
        prefix = f"Н{nomination.position}"
        self.last[prefix] = self.last.get(prefix, 0) + 1
        return f"{prefix}-{self.last[prefix]:03d}"


def teacher_index(organisation: Organisation):
    """The organisation's teacher a participant's «педагог-наставник» names, read as a group's
    «Педагог» is read (``programs.staffing.matching``), or None where it names nobody on the
    list, several people or more than one name."""
    teachers = list(Teacher.objects.filter(organisation=organisation))

    @cache
    def find(text: str) -> Teacher | None:
        try:
            found = match_names(text, teachers)
        except TeacherNameError:
            return None
        return found[0] if len(found) == 1 else None

    return find


def _participants(contest, entry, rows, teachers) -> list[Participant]:
    kind = ParticipantKind.CHILD
    if contest.audience != ContestAudience.CHILDREN:
        kind = ParticipantKind.TEACHER
    return [
        Participant(
            entry=entry,
            kind=kind,
            surname=row.surname.strip(),
            name=row.name.strip(),
            patronymic=row.patronymic.strip(),
            birth_date=row.birth_date,
            grade=row.grade.strip(),
            post=row.post.strip(),
            teacher_name=row.teacher_name.strip(),
            teacher=teachers(row.teacher_name) if row.teacher_name else None,
        )
        for row in rows
    ]


@transaction.atomic
def entries_create(
    *, user: User, contest: Contest, organisation: Organisation, drafts: list[EntryDraft]
) -> list[Entry]:
    """All the drafts checked, then written, or nothing (the first refusal is raised)."""
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    check_applying(user, contest, organisation)
    taken, problems = taken_keys(contest), []
    for draft in drafts:
        try:
            check_draft(contest, draft, taken)
        except ContestError as error:
            problems.append(str(error))
    if problems:
        raise RowsError(problems)
    codes, teachers = Codes(contest), teacher_index(organisation)
    entries = Entry.objects.bulk_create(
        Entry(
            contest=contest,
            organisation=organisation,
            nomination=draft.nomination,
            age_category=draft.age_category,
            kind=draft.kind,
            team_name=draft.team_name.strip() if draft.kind == EntryKind.TEAM else "",
            work_title=draft.work_title.strip(),
            description=draft.description.strip(),
            code=codes.next(draft.nomination),
            submitted_by=user,
        )
        for draft in drafts
    )
    people = []
    for entry, draft in zip(entries, drafts, strict=True):
        people += _participants(contest, entry, draft.participants, teachers)
    Participant.objects.bulk_create(people, batch_size=500)
    return entries


def entry_create(*, user: User, contest: Contest, organisation: Organisation, draft) -> Entry:
    return entries_create(user=user, contest=contest, organisation=organisation, drafts=[draft])[0]


@transaction.atomic
def entry_file_add(*, user: User, entry: Entry, title: str, upload) -> None:
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    ENTRY_LIFECYCLE.check(user, entry, "change")
    item = entry.files.model(entry=entry, title=title.strip() or upload.name)
    item.file.name = upload.name  # checked before anything is stored
    item.full_clean(exclude=["entry"])
    item.file.save(upload.name, upload, save=False)
    item.save()


def missing_consents(entry: Entry) -> list[str]:
    return [
        p.short_name
        for p in entry.participants.filter(kind=ParticipantKind.CHILD, consent=ConsentState.MISSING)
    ]


@transaction.atomic
def entry_transition(*, user: User, entry: Entry, action: str, comment: str = "") -> Entry:
    entry = Entry.objects.select_for_update().select_related("contest").get(pk=entry.pk)
    step = ENTRY_LIFECYCLE.check(user, entry, action, comment=comment)
    if action == "admit":
        missing = missing_consents(entry)
        if missing:
            raise ContestError(
                "Заявку нельзя допустить: нет согласия на обработку персональных данных — "
                f"{', '.join(missing)}. Координатор отмечает согласие в заявке."
            )
    if action == "resubmit":
        others = taken_keys(entry.contest, exclude_entry=entry.pk)
        for person in entry.participants.all():
            row = ParticipantRow(person.surname, person.name, person.patronymic, person.birth_date)
            if row.key(entry.nomination_id) in others:
                raise ContestError(f"{row.full_name} уже участвует в этой номинации.")
    entry.state = step.target
    if action == "return":
        entry.state_comment = comment.strip()
    entry.save(update_fields=["state", "state_comment"])
    return entry
