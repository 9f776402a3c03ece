"""What contests do: set-up (``setup``), applications (``entries``, ``participants``),
consents (``consents``)."""

from .consents import consent_record
from .entries import (
    EntryDraft,
    ParticipantRow,
    age_on,
    entries_create,
    entry_create,
    entry_file_add,
    entry_transition,
    missing_consents,
)
from .participants import participant_add, participant_remove, participant_update
from .setup import (
    categories_text,
    check_manages,
    contest_create,
    contest_transition,
    contest_update,
    nominations_text,
    parse_categories,
    parse_nominations,
    stage_open,
    usable_criteria_sets,
)

__all__ = [
    "EntryDraft",
    "ParticipantRow",
    "age_on",
    "categories_text",
    "check_manages",
    "consent_record",
    "contest_create",
    "contest_transition",
    "contest_update",
    "entries_create",
    "entry_create",
    "entry_file_add",
    "entry_transition",
    "missing_consents",
    "nominations_text",
    "parse_categories",
    "parse_nominations",
    "participant_add",
    "participant_remove",
    "participant_update",
    "stage_open",
    "usable_criteria_sets",
]
