"""Writes to plans: who may change what, in which state, without losing anyone's edit.

By subject: ``rules`` (who keeps a plan, when its content is frozen), ``lifecycle`` (create,
edit, copy, agree and approve a plan), ``table`` (its sections and items, their order and
numbers), ``register`` (the media register, events and evidence files), ``reminders`` (the
weekly letter). Callers import them from here: ``from plans import services``.
"""

from .lifecycle import (
    PLAN_LIFECYCLE,
    letterhead_defaults,
    plan_copy,
    plan_create,
    plan_transition,
    plan_update,
)
from .register import (
    event_delete,
    event_save,
    evidence_file_add,
    evidence_file_delete,
    publication_delete,
    publication_save,
)
from .reminders import plan_reminders_send
from .rules import PlanError
from .table import (
    ITEM_CONTENT_FIELDS,
    ITEM_EXECUTION_FIELDS,
    ITEM_SEEN_FIELDS,
    SECTION_FIELDS,
    item_add,
    item_delete,
    item_move,
    item_update,
    number_as_written,
    numbers_dotted,
    plan_renumber,
    positions_swap,
    section_add,
    section_delete,
    section_move,
    section_update,
)

__all__ = [
    "ITEM_CONTENT_FIELDS",
    "ITEM_EXECUTION_FIELDS",
    "ITEM_SEEN_FIELDS",
    "SECTION_FIELDS",
    "PLAN_LIFECYCLE",
    "PlanError",
    "event_delete",
    "event_save",
    "evidence_file_add",
    "evidence_file_delete",
    "item_add",
    "item_delete",
    "item_move",
    "item_update",
    "letterhead_defaults",
    "number_as_written",
    "numbers_dotted",
    "plan_copy",
    "plan_create",
    "plan_reminders_send",
    "plan_renumber",
    "plan_transition",
    "plan_update",
    "positions_swap",
    "publication_delete",
    "publication_save",
    "section_add",
    "section_delete",
    "section_move",
    "section_update",
]
