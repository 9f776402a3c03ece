"""The nominees of a municipal stage: their list for the regional stage (Excel) and their
transfer into the regional contest without retyping.

Staff of the stage's municipality send the nominees once the stage's results are fixed. Each
becomes a new entry of the regional contest (``parent``): ``source`` is the stage's entry,
the nomination and age category are the regional ones the stage's copies came from
(``source``), the participants are copied with their consents (and the work's files), the
state is «Подана», the code a new one. Sending twice creates nothing new.

The regional contest must be taking entries: in «Приём заявок», or in «Оценивание» while no
juror has scored anything yet (a late stage still joins before the jury starts; once scoring
has begun the field is closed).
"""

import secrets

from django.db import transaction

from moc_portal.core import spreadsheets as sheets
from moc_portal.core.errors import DomainError
from moc_portal.core.sheet_layout import PrintTitle
from moc_portal.users.models import User

from .judging import check_runs_contest
from .models import (
    Contest,
    ContestLevel,
    ContestState,
    Entry,
    EntryFile,
    EntryState,
    Participant,
    Score,
)

TRANSFER_DENIED = "Выдвинутых на региональный этап отправляют сотрудники МОЦ муниципалитета."


class NomineesError(DomainError):
    """The nominees cannot be sent now: the message says why."""


def nominees(contest: Contest):
    return (
        Entry.objects.filter(contest=contest, nominated=True)
        .select_related("nomination", "age_category", "organisation")
        .prefetch_related("participants")
        .order_by("nomination__position", "age_category__position", "rank", "code")
    )


COLUMNS = [
    sheets.Column("Номинация", "nomination", width=28, printed=True),
    sheets.Column("Возрастная категория", "category", width=18, printed=True),
    sheets.Column("Место", "rank", "int", width=8, printed=True),
    sheets.Column("Итог", "placement", width=18, printed=True),
    sheets.Column("Сумма баллов", "total", "decimal", width=10),
    sheets.Column("Шифр", "code", width=10),
    sheets.Column("Участники", "people", width=40, printed=True),
    sheets.Column("Дата рождения", "birth_dates", width=14),
    sheets.Column("Организация", "organisation", width=30, printed=True),
    sheets.Column("Педагог", "teacher", width=28),
    sheets.Column("Работа", "work", width=30),
]


def _row(entry: Entry) -> dict:
    people = [p for p in entry.participants.all() if not p.erased]
    names = ", ".join(p.full_name for p in people)
    if entry.team_name:
        names = f"Команда «{entry.team_name}»: {names}"
    return {
        "nomination": entry.nomination.title,
        "category": entry.age_category.title if entry.age_category_id else "",
        "rank": entry.rank,
        "placement": entry.get_placement_display(),
        "total": entry.total,
        "code": entry.code,
        "people": names,
        "birth_dates": ", ".join(f"{p.birth_date:%d.%m.%Y}" for p in people if p.birth_date),
        "organisation": entry.organisation.short_name,
        "teacher": ", ".join(sorted({p.teacher_name for p in people if p.teacher_name})),
        "work": entry.work_title,
    }


def nominees_xlsx(contest: Contest, target) -> None:
    """The list with the title row (what, whose, as of when) and the head row under it."""
    rows = sheets.source_rows([_row(e) for e in nominees(contest)], COLUMNS)
    sheets.write_sheet(
        rows,
        target,
        sheet="Выдвинутые",
        columns=COLUMNS,
        title=PrintTitle(f"Выдвинуты на региональный этап: {contest.title}", contest.municipality),
    )


def _check_regional_open(regional: Contest) -> None:
    if regional.state == ContestState.APPLICATIONS:
        return
    scoring_begun = Score.objects.filter(entry__contest=regional).exists()
    if regional.state == ContestState.JUDGING and not scoring_begun:
        return
    raise NomineesError(
        f"Региональный конкурс «{regional}» не принимает участников: он в состоянии "
        f"«{regional.get_state_display()}»"
        + (" и жюри уже начало оценивание" if scoring_begun else "")
        + ". Отправить выдвинутых можно во время приёма заявок регионального этапа."
    )


def _new_code(taken: set[str]) -> str:
    while True:
        code = f"Р-{secrets.randbelow(900_000) + 100_000}"
        if code not in taken:
            taken.add(code)
            return code


def _mapped(entry: Entry, regional: Contest, nominations: dict, categories: dict):
    nomination = nominations.get(entry.nomination.source_id)
    if nomination is None:
        raise NomineesError(
            f"Номинация «{entry.nomination}» этапа не связана с номинацией регионального "
            "конкурса: создайте этап из регионального конкурса или свяжите номинацию."
        )
    category = None
    if entry.age_category_id:
        category = categories.get(entry.age_category.source_id)
        if category is None:
            raise NomineesError(
                f"Возрастная категория «{entry.age_category}» этапа не связана с категорией "
                "регионального конкурса."
            )
    return nomination, category


def _copy(entry: Entry, regional: Contest, nomination, category, code: str, user) -> Entry:
    copy = Entry.objects.create(
        contest=regional,
        organisation=entry.organisation,
        nomination=nomination,
        age_category=category,
        kind=entry.kind,
        team_name=entry.team_name,
        work_title=entry.work_title,
        description=entry.description,
        code=code,
        state=EntryState.SUBMITTED,
        source=entry,
        submitted_by=user,
    )
    people = []
    for person in entry.participants.all():
        person.pk, person.id, person.entry = None, None, copy
        person.consent_file = _stored_copy(person.consent_file)
        people.append(person)
    Participant.objects.bulk_create(people)
    EntryFile.objects.bulk_create(
        EntryFile(entry=copy, title=f.title, file=_stored_copy(f.file)) for f in entry.files.all()
    )
    return copy


def _stored_copy(field_file) -> str:
    """A file of its own for the regional entry: the stage's retention (or a new scan there)
    removes the stage's file and must leave the regional one."""
    if not field_file:
        return ""
    storage = field_file.storage
    with storage.open(field_file.name, "rb") as source:
        return storage.save(field_file.name, source)


@transaction.atomic
def nominees_transfer(*, user: User, contest: Contest) -> list[Entry]:
    """The new entries of the regional contest (none when every nominee was sent before)."""
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    check_runs_contest(user, contest, TRANSFER_DENIED)
    if contest.level != ContestLevel.MUNICIPAL_STAGE or contest.parent_id is None:
        raise NomineesError("Выдвигать на региональный этап можно из муниципального этапа.")
    if contest.state != ContestState.RESULTS:
        raise NomineesError("Сначала зафиксируйте итоги этапа: выдвинутых определяют итоги.")
    regional = Contest.objects.select_for_update().get(pk=contest.parent_id)
    _check_regional_open(regional)
    nominations = {n.pk: n for n in regional.nominations.all()}
    categories = {c.pk: c for c in regional.age_categories.all()}
    taken = set(regional.entries.values_list("code", flat=True))
    waiting = nominees(contest).filter(nominated_as__isnull=True).prefetch_related("files")
    created = []
    for entry in waiting:
        nomination, category = _mapped(entry, regional, nominations, categories)
        created.append(_copy(entry, regional, nomination, category, _new_code(taken), user))
    return created


def transfer_message(created: list[Entry]) -> str:
    from moc_portal.core.russian import count

    if not created:
        return "Все выдвинутые уже отправлены на региональный этап: новых заявок нет."
    return f"На региональный этап отправлено: {count(len(created), 'заявка')}."
