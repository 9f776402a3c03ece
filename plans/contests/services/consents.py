"""A child's parental consent to the processing of personal data, as the organisation
records it: the signed paper kept in the organisation, or its scan uploaded."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from moc_portal.users.models import User

from ..lifecycle import ContestError
from ..models import ConsentState, Participant, ParticipantKind
from .entries import check_coordinator

SCAN_TYPES = {"pdf", "jpg", "jpeg", "png"}


@transaction.atomic
def consent_record(
    *, user: User, participant: Participant, state: str, allows_publishing: bool, scan=None
) -> Participant:
    participant = (
        Participant.objects.select_for_update().select_related("entry").get(pk=participant.pk)
    )
    check_coordinator(user, participant.entry.organisation)
    if participant.kind != ParticipantKind.CHILD:
        raise PermissionDenied("Согласие родителей отмечают у обучающихся.")
    if state not in ConsentState.values:
        raise ContestError("Выберите, как хранится согласие.")
    if state == ConsentState.UPLOADED:
        if scan is None and not participant.consent_file:
            raise ContestError("Приложите скан согласия (PDF, JPG или PNG).")
        if scan is not None:
            extension = scan.name.rsplit(".", 1)[-1].lower() if "." in scan.name else ""
            if extension not in SCAN_TYPES:
                raise ContestError("Скан согласия принимается в формате PDF, JPG или PNG.")
            if participant.consent_file:
                participant.consent_file.delete(save=False)
            participant.consent_file.save(scan.name, scan, save=False)
    participant.consent = state
    participant.consent_allows_publishing = allows_publishing and state != ConsentState.MISSING
    participant.consent_recorded_at = timezone.now() if state != ConsentState.MISSING else None
    participant.save()
    return participant
