"""The bank of best practices (the regulation's §3.3): what the public finds in it, and how
the centre's staff keep it — a practice found elsewhere with its source, or the entries a
fixed contest of works and practices chose, published with copies of their files."""

import os

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction
from django.db.models import Q

from moc_portal.access import check_manages_municipality
from moc_portal.core.errors import DomainError
from moc_portal.users.models import User

from . import publicity
from .models import Contest, ContestAudience, Entry, EntryState, Practice, PracticeFile

KEEPERS = "Банк практик муниципалитета ведут сотрудники его МОЦ."


def published_practices():
    return (
        Practice.objects.filter(is_published=True)
        .select_related("organisation", "municipality")
        .order_by("-year", "title", "pk")
    )


def search(practices, *, words: str = "", focus: str = "", year=None, organisation=None):
    """Practices whose title, description, authors or organisation have every word."""
    for word in words.split()[:10]:
        practices = practices.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(authors__icontains=word)
            | Q(organisation_name__icontains=word)
            | Q(organisation__short_name__icontains=word)
            | Q(organisation__full_name__icontains=word)
        )
    if focus:
        practices = practices.filter(focus=focus)
    if year:
        practices = practices.filter(year=year)
    if organisation:
        practices = practices.filter(organisation=organisation)
    return practices


def _check(user: User, practice: Practice) -> None:
    check_manages_municipality(user, practice.municipality_id, KEEPERS)
    organisation = practice.organisation
    if organisation and organisation.municipality_id != practice.municipality_id:
        raise PermissionDenied("Организация относится к другому муниципалитету.")


@transaction.atomic
def practice_save(*, user: User, practice: Practice) -> Practice:
    """Add or change a practice; a new one is the user's municipality's."""
    if practice.pk is None:
        practice.municipality_id = practice.municipality_id or user.municipality_id
        practice.created_by = user
    _check(user, practice)
    if not practice.entry_id and not practice.source.strip() and not practice.organisation_id:
        raise ValidationError(
            {"source": "Укажите, где найдена практика (ссылка или издание), или организацию."}
        )
    practice.full_clean()
    practice.save()
    return practice


@transaction.atomic
def practice_delete(*, user: User, practice: Practice) -> None:
    _check(user, practice)
    stored = [(f.file.storage, f.file.name) for f in practice.files.all()]
    practice.delete()
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in stored])


@transaction.atomic
def practice_file_add(*, user: User, practice: Practice, title: str, file) -> PracticeFile:
    _check(user, practice)
    added = PracticeFile(practice=practice, title=title.strip() or file.name, file=file)
    added.full_clean()
    added.save()
    return added


@transaction.atomic
def practice_file_delete(*, user: User, practice_file: PracticeFile) -> None:
    _check(user, practice_file.practice)
    storage, name = practice_file.file.storage, practice_file.file.name
    practice_file.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- from a contest of works and practices ---------------------------------------------------


def publishable_entries(contest: Contest):
    """The admitted entries of a fixed contest of works, the placed ones first."""
    return (
        Entry.objects.filter(contest=contest, state=EntryState.ADMITTED)
        .select_related("organisation", "nomination", "practice")
        .prefetch_related("participants", "files")
        .order_by("nomination__position", "rank", "code", "pk")
    )


def _check_contest(user: User, contest: Contest) -> None:
    check_manages_municipality(user, contest.municipality_id, KEEPERS)
    if contest.audience != ContestAudience.WORKS:
        raise DomainError("В банк практик публикуются работы конкурса работ и практик.")
    if contest.results_fixed_at is None or contest.municipality_id is None:
        raise DomainError("Практики публикуются после того, как итоги конкурса зафиксированы.")


@transaction.atomic
def practices_from_contest(*, user: User, contest: Contest, entry_ids) -> list[Practice]:
    """Publish the chosen entries as practices with copies of their files (an entry published
    before keeps its practice: choosing it again changes nothing)."""
    _check_contest(user, contest)
    ids = {int(value) for value in entry_ids if str(value).isdigit()}
    entries = list(publishable_entries(contest).filter(pk__in=ids))
    if not entries or len(entries) != len(set(entry_ids)):
        raise DomainError("Выберите работы этого конкурса, допущенные к участию.")
    published = []
    for entry in entries:
        practice = getattr(entry, "practice", None)
        if practice is None:
            practice = _practice_of(user, contest, entry)
        published.append(practice)
    return published


def _practice_of(user: User, contest: Contest, entry: Entry) -> Practice:
    names = [name for name in map(publicity.public_name, entry.participants.all()) if name]
    practice = Practice(
        municipality_id=contest.municipality_id,
        title=entry.work_title or entry.team_name or f"Работа {entry.code}",
        description=entry.description or f"Работа конкурса «{contest.title}».",
        organisation=entry.organisation,
        authors=", ".join(names),
        focus=contest.focus,
        year=contest.results_fixed_at.year,
        source=f"Конкурс «{contest.title}»",
        entry=entry,
        created_by=user,
    )
    practice.full_clean()
    practice.save()
    for entry_file in entry.files.all():
        copy = PracticeFile(practice=practice, title=entry_file.title)
        with entry_file.file.open("rb") as handle:
            copy.file.save(os.path.basename(entry_file.file.name), File(handle), save=False)
        copy.save()
    return practice
