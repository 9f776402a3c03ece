"""Diplomas and certificates: one PDF with a page each (``core.pdf``, WeasyPrint).

A winner's page is «Диплом победителя», a prize-winner's «Диплом призёра (II место)», a
participant's «Сертификат участника». A diploma «награждается Иванова Мария Петровна» (the
name as it is, nominative); a certificate «вручается Ивановой Марии Петровне» (dative, by
``core.names``, pytrovich). An individual entry gives a page to each of its people; a team
entry one page naming the team and its members.

The contest's whole set is built once by the worker (``tasks.contest_diplomas_build``) into
the storage under a name stamped with the moment the results were fixed: results fixed
again make a new name, and the old file is stale and rebuilt. A coordinator's own set (their
organisation's entries) is made when they ask for it.
"""

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse
from django.utils import timezone

from moc_portal.core import pdf
from moc_portal.core.names import decline_person
from programs.territory.centres import centre_of

from .models import Contest, Entry, EntryKind, EntryState, Placement

STYLESHEETS = ("css/diploma.css",)
TEMPLATE = "contests/diploma.html"
FOLDER = "contests/diplomas"
TITLES = {
    Placement.WINNER: "Диплом победителя",
    Placement.SECOND: "Диплом призёра (II место)",
    Placement.THIRD: "Диплом призёра (III место)",
    Placement.PARTICIPANT: "Сертификат участника",
}
BUILDING_SECONDS = 15 * 60


def _teachers(participants) -> str:
    names = []
    for person in participants:
        if person.teacher_name and person.teacher_name not in names:
            names.append(person.teacher_name)
    return ", ".join(names)


def _page(entry: Entry, placement: str, people, common: dict) -> dict:
    diploma = placement != Placement.PARTICIPANT
    page = {
        **common,
        "title": TITLES[placement],
        "diploma": diploma,
        "verb": "награждается" if diploma else "вручается",
        "nomination": entry.nomination.title,
        "category": entry.age_category.title if entry.age_category_id else "",
        "organisation": entry.organisation.short_name,
        "teacher": _teachers(people),
        "work": entry.work_title,
    }
    if entry.kind == EntryKind.TEAM:
        team = entry.team_name or "участников"
        page["whom"] = f"команда «{team}»" if diploma else f"команде «{team}»"
        page["members"] = ", ".join(p.short_name for p in people)
    else:
        page["whom"] = decline_person(people[0], "nominative" if diploma else "dative")
        page["post"] = people[0].post
    return page


def paper_pages(contest: Contest, entries) -> list[dict]:
    """One dict per page, in the order of ``entries``."""
    centre = centre_of(contest.municipality_id)
    fixed = timezone.localtime(contest.results_fixed_at) if contest.results_fixed_at else None
    common = {
        "centre": centre.name,
        "contest": contest.title,
        "head_post": centre.head_post,
        "head_name": centre.head_name,
        "date": (fixed.date() if fixed else timezone.localdate()),
    }
    pages = []
    for entry in entries:
        people = [p for p in entry.participants.all() if not p.erased]
        if not people or not entry.placement:
            continue
        if entry.kind == EntryKind.TEAM:
            pages.append(_page(entry, entry.placement, people, common))
        else:
            pages.extend(_page(entry, entry.placement, [person], common) for person in people)
    return pages


def placed_entries(contest: Contest):
    return (
        Entry.objects.filter(contest=contest, state=EntryState.ADMITTED)
        .exclude(placement="")
        .select_related("nomination", "age_category", "organisation")
        .prefetch_related("participants")
        .order_by("nomination__position", "age_category__position", "rank", "code")
    )


def diplomas_pdf(contest: Contest, entries) -> bytes:
    pages = paper_pages(contest, entries)
    return pdf.render_pdf(TEMPLATE, {"pages": pages, "contest": contest}, stylesheets=STYLESHEETS)


def stored_name(contest: Contest) -> str:
    """Where the contest's set lies in the storage; a new name once results are fixed anew."""
    stamp = contest.results_fixed_at.strftime("%Y%m%d%H%M%S") if contest.results_fixed_at else "0"
    return f"{FOLDER}/{contest.pk}/diplomy-{contest.pk}-{stamp}.pdf"


def _building_key(contest: Contest) -> str:
    return f"contests:diplomas:{stored_name(contest)}"


def diplomas_state(contest: Contest) -> str:
    """ "ready", "building" or "" (not started or stale)."""
    if contest.results_fixed_at is None:
        return ""
    if default_storage.exists(stored_name(contest)):
        return "ready"
    return "building" if cache.get(_building_key(contest)) else ""


def mark_building(contest: Contest) -> bool:
    """True when no build of this set is running already."""
    return cache.add(_building_key(contest), True, BUILDING_SECONDS)


def diplomas_build(contest_id: int) -> str:
    """The contest's whole set into the storage (the older sets of the contest removed);
    its storage name."""
    contest = Contest.objects.select_related("municipality").get(pk=contest_id)
    name = stored_name(contest)
    try:
        if not default_storage.exists(name):
            content = diplomas_pdf(contest, placed_entries(contest))
            saved = default_storage.save(name, ContentFile(content))
            assert saved == name, saved
        _remove_stale(contest, keep=name)
    finally:
        cache.delete(_building_key(contest))
    return name


def remove_sets(contest: Contest) -> None:
    """Every built set of the contest (its children's data erased after the retention)."""
    _remove_stale(contest, keep="")


def _remove_stale(contest: Contest, *, keep: str) -> None:
    folder = f"{FOLDER}/{contest.pk}"
    try:
        _, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for filename in files:
        if f"{folder}/{filename}" != keep:
            default_storage.delete(f"{folder}/{filename}")


def organisation_entries(user, contest: Contest):
    """The placed entries of the coordinator's organisations (all for staff)."""
    return placed_entries(contest).filter(pk__in=Entry.objects.managed_by(user).values("pk"))


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def stored_response(contest: Contest) -> FileResponse:
    name = stored_name(contest)
    return FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=name.rsplit("/", 1)[-1],
        content_type="application/pdf",
    )
