"""A contest whose results are fixed becomes an entry of the events register (kind «Конкурс»)
with its real participant count and its winners and prize-winners, and writes its result into
the plan item it is linked to (``Contest.item``). Fixing again updates both, never duplicates.
Whether the event shows in the public calendar stays the staff's choice in the register: the
contest itself is on the public contests page.

Connected to ``signals.results_fixed`` in ``apps.ContestsConfig.ready``.
"""

from django.db import transaction
from django.db.models import Count, Q

from moc_portal.core.russian import count
from plans.models import Audience, Event, EventKind, PlanItem

from .models import (
    Contest,
    ContestAudience,
    EntryState,
    Participant,
    ParticipantKind,
    Placement,
)
from .publicity import outcome, public_name

AUDIENCES = {
    ContestAudience.CHILDREN: [Audience.CHILDREN],
    ContestAudience.TEACHERS: [Audience.TEACHERS],
    ContestAudience.WORKS: [Audience.TEACHERS],
}


def counts(contest: Contest) -> dict:
    """Participants of the admitted entries, and the entries placed first, second or third."""
    participants = Participant.objects.filter(
        entry__contest=contest, entry__state=EntryState.ADMITTED
    ).count()
    placed = contest.entries.filter(state=EntryState.ADMITTED).aggregate(
        winners=Count("pk", filter=Q(placement=Placement.WINNER)),
        prize=Count("pk", filter=Q(placement__in=[Placement.SECOND, Placement.THIRD])),
    )
    return {"participants": participants, **placed}


def result_text(contest: Contest, figures: dict | None = None) -> str:
    """«Участников — 40; победителей — 4, призёров — 8», and for a teachers' contest its
    teachers by name with their outcome («Педагог Шацких Н.А. – финалист»)."""
    figures = figures or counts(contest)
    text = (
        f"{count(figures['participants'], 'участник')}: "
        f"{count(figures['winners'], 'победитель')}, {count(figures['prize'], 'призёр')}"
    )
    named = teacher_outcomes(contest)
    return f"{text}. {'; '.join(named)}" if named else text


def teacher_outcomes(contest: Contest) -> list[str]:
    """«Педагог Шацких Н.А. – финалист» for each teacher with an outcome."""
    if contest.audience != ContestAudience.TEACHERS:
        return []
    lines = []
    entries = contest.entries.filter(state=EntryState.ADMITTED).prefetch_related("participants")
    for entry in entries.order_by("placement", "rank", "pk"):
        word = outcome(contest, entry)
        if not word:
            continue
        for participant in entry.participants.all():
            if participant.kind == ParticipantKind.TEACHER and public_name(participant):
                lines.append(f"Педагог {public_name(participant)} – {word}")
    return lines


@transaction.atomic
def register_contest(contest: Contest) -> Event | None:
    """Create or update the contest's event and its plan item's result; a regional contest
    (no municipality) has no register of its own."""
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    if contest.municipality_id is None:
        return None
    figures = counts(contest)
    event = contest.event or Event(municipality_id=contest.municipality_id, created_by=None)
    event.kind = EventKind.CONTEST
    event.title = contest.title[:500]
    event.starts_on = contest.applications_from
    event.ends_on = max(contest.results_on, contest.applications_from)
    event.audience = AUDIENCES.get(contest.audience, [])
    event.participants = figures["participants"]
    event.result = result_text(contest, figures)
    event.item = contest.item if _same_municipality(contest) else None
    event.save()
    if contest.event_id != event.pk:
        Contest.objects.filter(pk=contest.pk).update(event=event)
    if event.item:
        _write_item_result(event.item, contest, event.result)
    return event


def _same_municipality(contest: Contest) -> bool:
    return bool(contest.item_id) and contest.item.plan.municipality_id == contest.municipality_id


def _write_item_result(item: PlanItem, contest: Contest, text: str) -> None:
    """The item's quantitative result keeps one line per contest, ««Title»: …», replaced when
    the contest is fixed again."""
    prefix = f"«{contest.title}»:"
    lines = [line for line in item.result_quantitative.splitlines() if not line.startswith(prefix)]
    lines.append(f"{prefix} {text}")
    item.result_quantitative = "\n".join(line for line in lines if line.strip())
    item.save(update_fields=["result_quantitative", "updated_at"])


def on_results_fixed(sender, contest: Contest, **kwargs) -> None:
    register_contest(contest)
