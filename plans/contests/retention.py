"""Children's personal data of a contest is kept only as long as its purpose needs (152-ФЗ):
``CONTEST_PERSONAL_DATA_RETENTION_DAYS`` after the results were fixed, the children's
surnames, names, patronymics, dates of birth, classes and consent scans are erased. The
entries, their places and the counts stay, so the events register and the yearly report
still add up. Teachers' names stay: their professional contests' results are public."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from moc_portal.core.russian import count
from moc_portal.users.audit import personal_data_event
from moc_portal.users.models import PersonalDataAction

from . import diplomas
from .models import Contest, Participant, ParticipantKind

ERASED = {"surname": "", "name": "", "patronymic": "", "birth_date": None, "grade": ""}


def due_contests(now=None):
    """Contests whose results were fixed longer ago than the retention and not erased yet."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.CONTEST_PERSONAL_DATA_RETENTION_DAYS)
    return Contest.objects.filter(results_fixed_at__lte=cutoff, personal_data_erased_at=None)


@transaction.atomic
def erase_contest(contest: Contest, now=None) -> int:
    """Erase one contest's children's data; the number of participants erased."""
    children = Participant.objects.filter(entry__contest=contest, kind=ParticipantKind.CHILD)
    files = list(children.exclude(consent_file="").values_list("consent_file", flat=True))
    erased = children.update(erased=True, consent_file="", **ERASED)
    Contest.objects.filter(pk=contest.pk).update(personal_data_erased_at=now or timezone.now())
    if erased:
        personal_data_event(
            actor=None,
            action=PersonalDataAction.PURGED,
            subject=f"Участники конкурса № {contest.pk}: {count(erased, 'ребёнок')}",
            municipality_id=contest.municipality_id,
        )
    storage = Participant._meta.get_field("consent_file").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in files])
    # The built diplomas name every child in full: they go with the rest.
    transaction.on_commit(lambda: diplomas.remove_sets(contest))
    return erased


def erase_due(now=None) -> int:
    """Every contest past the retention, each in a transaction of its own; the participants
    erased."""
    return sum(erase_contest(contest, now) for contest in due_contests(now))
