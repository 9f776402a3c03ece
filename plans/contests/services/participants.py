"""A participant added to an entry, corrected or removed while the entry may change (a
returned entry is fixed before it is resubmitted). A participant corrected into another
person loses the consent recorded for the first one."""

from django.db import transaction

from moc_portal.core import russian
from moc_portal.users.models import User

from ..lifecycle import ENTRY_LIFECYCLE, ContestError
from ..models import ConsentState, ContestAudience, Entry, EntryKind, Participant
from .entries import (
    LIVE,
    EntryDraft,
    ParticipantRow,
    _check_person,
    _participants,
    taken_keys,
    teacher_index,
)


@transaction.atomic
def participant_add(*, user: User, entry: Entry, row: ParticipantRow) -> Participant:
    """One more participant of a team (or an author of a work)."""
    entry = Entry.objects.select_for_update().select_related("contest").get(pk=entry.pk)
    ENTRY_LIFECYCLE.check(user, entry, "change")
    if entry.kind != EntryKind.TEAM and entry.contest.audience != ContestAudience.WORKS:
        raise ContestError("В индивидуальной заявке один участник. Подайте отдельную заявку.")
    draft = EntryDraft(nomination=entry.nomination, age_category=entry.age_category)
    _check_person(entry.contest, draft, row)
    if row.key(entry.nomination_id) in taken_keys(entry.contest):
        raise ContestError(
            f"{row.full_name} уже участвует в номинации «{entry.nomination.title}» этого конкурса."
        )
    (participant,) = _participants(entry.contest, entry, [row], teacher_index(entry.organisation))
    participant.save()
    return participant


@transaction.atomic
def participant_update(*, user: User, participant: Participant, row: ParticipantRow) -> Participant:
    """A participant's data corrected (a returned entry is fixed before it is resubmitted)."""
    entry = Entry.objects.select_for_update().select_related("contest").get(pk=participant.entry_id)
    ENTRY_LIFECYCLE.check(user, entry, "change")
    draft = EntryDraft(nomination=entry.nomination, age_category=entry.age_category)
    _check_person(entry.contest, draft, row)
    others = Participant.objects.filter(entry__contest=entry.contest, entry__state__in=LIVE)
    others = others.exclude(pk=participant.pk).filter(entry__nomination=entry.nomination)
    keys = {
        ParticipantRow(*values).key(entry.nomination_id)
        for values in others.values_list("surname", "name", "patronymic", "birth_date")
    }
    if row.key(entry.nomination_id) in keys:
        raise ContestError(
            f"{row.full_name} уже участвует в номинации «{entry.nomination.title}» этого конкурса."
        )
    (fresh,) = _participants(entry.contest, entry, [row], teacher_index(entry.organisation))
    person = ("surname", "name", "patronymic", "birth_date")
    if any(getattr(participant, name) != getattr(fresh, name) for name in person):
        _forget_consent(participant)  # another person: their parent's consent is not yet given
    for name in (*person, "grade", "post"):
        setattr(participant, name, getattr(fresh, name))
    participant.teacher_name, participant.teacher = fresh.teacher_name, fresh.teacher
    participant.save()
    return participant


def _forget_consent(participant: Participant) -> None:
    _delete_on_commit(participant.consent_file)
    participant.consent = ConsentState.MISSING
    participant.consent_file = ""
    participant.consent_allows_publishing = False
    participant.consent_recorded_at = None


def _delete_on_commit(field_file) -> None:
    """A stored file removed once the change that dropped it is committed."""
    if field_file:
        storage, name = field_file.storage, field_file.name
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def participant_remove(*, user: User, participant: Participant) -> None:
    entry = Entry.objects.select_for_update().get(pk=participant.entry_id)
    ENTRY_LIFECYCLE.check(user, entry, "change")
    least = 2 if entry.kind == EntryKind.TEAM else 1
    if entry.contest.audience != ContestAudience.WORKS and entry.participants.count() <= least:
        raise ContestError(
            f"В заявке должно остаться не меньше {russian.count(least, 'участник', case='gent')}."
        )
    _delete_on_commit(participant.consent_file)
    participant.delete()
