"""Independent quality assessment: every rule in one place (STYLE.md points 1–2).

Staff of a municipality keep its criteria and campaigns; an expert scores only what they were
assigned, and only until they submit; staff alone reopen a submission, and that is recorded.
"""

from .campaigns import (
    Distribution,
    assignment_create,
    assignment_delete,
    assignments_distribute,
    campaign_add_programs,
    campaign_open,
    campaign_remove_program,
    campaign_save,
    expert_group_save,
)
from .criteria import (
    criteria_set_create,
    criteria_set_in_use,
    criteria_set_new_version,
    criterion_delete,
    criterion_save,
)
from .results import aggregate_conclusion, assignment_percent, campaign_close, register_toggle
from .rules import (
    ASSIGNMENT_LIFECYCLE,
    CAMPAIGN_LIFECYCLE,
    CONCLUSION_ORDER,
    AssessmentError,
    check_staff_of,
    log_action,
)
from .scoring import assignment_reopen, assignment_submit, scores_save, scoring_seen

__all__ = [
    "AssessmentError",
    "ASSIGNMENT_LIFECYCLE",
    "CAMPAIGN_LIFECYCLE",
    "CONCLUSION_ORDER",
    "Distribution",
    "aggregate_conclusion",
    "assignment_create",
    "assignment_delete",
    "assignment_percent",
    "assignment_reopen",
    "assignment_submit",
    "assignments_distribute",
    "campaign_add_programs",
    "campaign_close",
    "campaign_open",
    "campaign_remove_program",
    "campaign_save",
    "check_staff_of",
    "criteria_set_create",
    "criteria_set_in_use",
    "criteria_set_new_version",
    "criterion_delete",
    "criterion_save",
    "expert_group_save",
    "log_action",
    "register_toggle",
    "scores_save",
    "scoring_seen",
]
