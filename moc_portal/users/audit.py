"""The audit trail of personal data: one call for every view, answer, export or erasure."""

from .models import PersonalDataAction, PersonalDataEvent


def personal_data_event(*, actor, action: PersonalDataAction, subject: str, municipality_id=None):
    return PersonalDataEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        subject=subject[:255],
        municipality_id=municipality_id,
    )
