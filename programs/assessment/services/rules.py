"""What every rule of the assessment shares: its error, the campaign's lifecycle table, the
staff check and the log."""

from moc_portal.access import check_manages_municipality
from moc_portal.core.errors import DomainError
from moc_portal.users.models import User

from ..models import (
    AssessmentLog,
    CampaignState,
    Conclusion,
)

CONCLUSION_ORDER = list(Conclusion.values)  # strictest first

# A campaign's lifecycle: which actions take it from which states. Distribution is allowed
# until the closing; programmes and criteria are fixed once the campaign opens.
C = CampaignState
CAMPAIGN_ACTIONS = {
    "distribute": frozenset({C.DRAFT, C.OPEN}),
    "open": frozenset({C.DRAFT}),
    "close": frozenset({C.OPEN}),
}


class AssessmentError(DomainError):
    """A rule of the assessment refused the action; the message says what to do."""


def check_staff_of(user: User, municipality_id: int) -> None:
    check_manages_municipality(
        user, municipality_id, "Оценкой программ муниципалитета управляют его сотрудники МОЦ."
    )


def log_action(campaign, actor, action, comment="", assignment=None) -> None:
    AssessmentLog.objects.create(
        campaign=campaign, actor=actor, action=action, comment=comment, assignment=assignment
    )
