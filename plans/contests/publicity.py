"""How a contest's participant is shown in public (results page, feeds, the bank of practices).

A child is never shown by full name, date of birth or class: the surname and the first
initial with the organisation only where the parent's consent allows publishing
(``consent_allows_publishing``), else the organisation alone. Teachers are adults taking part
in their professional contests, whose results are public (seed 002: «Педагог Шацких Н.А. –
финалист»): their surname and initials with the organisation.
"""

from .models import Contest, ContestLevel, Entry, Participant, ParticipantKind, Placement


def organisation_label(entry: Entry) -> str:
    organisation = entry.organisation
    return organisation.short_name or organisation.full_name


def public_name(participant: Participant) -> str:
    """«Иванова М.» for a child whose consent allows it, «Шацких Н.А.» for a teacher, else ""."""
    if participant.erased or not participant.surname:
        return ""
    if participant.kind == ParticipantKind.TEACHER:
        return participant.short_name
    if not participant.consent_allows_publishing:
        return ""
    initial = f" {participant.name[0]}." if participant.name else ""
    return f"{participant.surname}{initial}"


def public_entry(entry: Entry) -> dict:
    """What the public sees of an entry: its names (those allowed), the team or the work, and
    the organisation. ``entry.participants`` is best prefetched."""
    names = [name for name in map(public_name, entry.participants.all()) if name]
    return {
        "names": names,
        "team": entry.team_name,
        "work": entry.work_title,
        "organisation": organisation_label(entry),
        "placement": entry.placement,
        "placement_label": entry.get_placement_display(),
    }


def public_line(entry: Entry) -> str:
    """The entry on one line: «Иванова М., Петров С. (МБОУ СОШ № 1)», or the organisation."""
    shown = public_entry(entry)
    who = ", ".join(shown["names"]) or shown["team"] or shown["work"]
    return f"{who} ({shown['organisation']})" if who else shown["organisation"]


PRIZE_WORDS = {
    Placement.WINNER: "победитель",
    Placement.SECOND: "призёр",
    Placement.THIRD: "призёр",
}
FINALIST = "финалист"


def outcome(contest: Contest, entry: Entry) -> str:
    """How seed 002 names a result: «победитель», «призёр» (2nd and 3rd places), or
    «финалист» for one a municipal stage sent on to the regional stage (the regional contest's
    final, as «“Сердце отдаю детям – 2023”: Педагог Шацких Н.А. – финалист» says); "" for a
    participant without a place."""
    if contest.level == ContestLevel.MUNICIPAL_STAGE and entry.nominated:
        return FINALIST
    return PRIZE_WORDS.get(entry.placement, "")
