"""Reads of the registry, by subject: ``registry`` (whose organisations and programmes a
person keeps, lists, the moderation queue), ``card`` (the programme as a person reads it and
what differs between two cards), ``history`` (field-level changes), ``dashboards`` (home
pages' counts) and ``public`` (the one public shape of a published programme and its groups,
which the catalogue page, the vacancies, the API, the open data and the Navigator read).

The names other modules take are imported here, so ``from programs.selectors import X`` and
``selectors.X`` read the same whichever module holds X.
"""

from .card import (
    CARD_FIELDS,
    card_changes,
    field_text,
    period_text,
    program_card,
    program_changes_since_approval,
    program_changes_since_return,
    program_with_card_relations,
    with_card_relations,
)
from .dashboards import coordinator_dashboard, staff_dashboard
from .history import change_history, history_rows
from .public import (
    PublicGroup,
    PublicProgramme,
    catalogue_search_finds,
    live_groups,
    organisation_programmes,
    public_group,
    public_programme,
    public_programme_today,
)
from .registry import (
    moderation_queue,
    program_list,
    published_as_of,
    user_coordinates,
    user_manages_organisation,
    with_last_comment,
    working_programs,
)

__all__ = [
    "CARD_FIELDS",
    "PublicGroup",
    "PublicProgramme",
    "card_changes",
    "catalogue_search_finds",
    "change_history",
    "coordinator_dashboard",
    "field_text",
    "history_rows",
    "live_groups",
    "moderation_queue",
    "organisation_programmes",
    "period_text",
    "program_card",
    "program_changes_since_approval",
    "program_changes_since_return",
    "program_list",
    "program_with_card_relations",
    "public_group",
    "public_programme",
    "public_programme_today",
    "published_as_of",
    "staff_dashboard",
    "user_coordinates",
    "user_manages_organisation",
    "with_card_relations",
    "with_last_comment",
    "working_programs",
]
