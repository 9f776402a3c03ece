"""The registry's models, by subject: the territory's (municipalities, their centres,
settlements, children counts, parents' wishes: ``programs.territory.models``),
``organisations``, ``programmes`` (the card, partners, moderation steps), ``groups`` (groups
and their schedule), ``published`` (the approved version the public sees),
``spreadsheet_jobs``. Callers import them from here."""

# Choices that other apps import from here (navigator_sync.exports, reports.figures).
from ..choices import (
    Focus,
    LegalForm,
    Level,
    OrganisationType,
    OvzCategory,
    Ownership,
    ProgramType,
    StudyForm,
)
from ..territory.models import (
    WISH_MAX_LENGTH,
    Centre,
    ChildCount,
    Municipality,
    Settlement,
    Wish,
    oktmo_validator,
)
from .groups import GROUP_FIELDS, GroupSchedule, ProgramGroup
from .organisations import Organisation, OrganisationQuerySet
from .programmes import (
    AGE_VALIDATORS,
    NetworkPartner,
    Program,
    ProgramQuerySet,
    ProgramTransition,
    Specialisation,
    academic_year_validator,
)
from .published import PublishedProgram
from .spreadsheet_jobs import SpreadsheetJob

__all__ = [
    "AGE_VALIDATORS",
    "WISH_MAX_LENGTH",
    "GROUP_FIELDS",
    "Centre",
    "ChildCount",
    "Focus",
    "GroupSchedule",
    "LegalForm",
    "Level",
    "Municipality",
    "NetworkPartner",
    "Organisation",
    "OrganisationQuerySet",
    "OrganisationType",
    "OvzCategory",
    "Ownership",
    "Program",
    "ProgramGroup",
    "ProgramQuerySet",
    "ProgramTransition",
    "ProgramType",
    "PublishedProgram",
    "Settlement",
    "Specialisation",
    "SpreadsheetJob",
    "StudyForm",
    "Wish",
    "academic_year_validator",
    "oktmo_validator",
]
