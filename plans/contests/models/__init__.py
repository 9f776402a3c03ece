from .contests import (
    AgeCategory,
    Contest,
    ContestAudience,
    ContestLevel,
    ContestState,
    JuryMember,
    Nomination,
)
from .entries import (
    ConsentState,
    Entry,
    EntryFile,
    EntryKind,
    EntryState,
    Participant,
    ParticipantKind,
    Placement,
    Score,
)
from .practices import Practice, PracticeFile

__all__ = [
    "AgeCategory",
    "ConsentState",
    "Contest",
    "ContestAudience",
    "ContestLevel",
    "ContestState",
    "Entry",
    "EntryFile",
    "EntryKind",
    "EntryState",
    "JuryMember",
    "Nomination",
    "Participant",
    "ParticipantKind",
    "Placement",
    "Practice",
    "PracticeFile",
    "Score",
]
