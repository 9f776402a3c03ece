"""Children's personal data of a contest is erased after the retention; the counts stay."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from moc_portal.users.models import PersonalDataAction, PersonalDataEvent
from plans.contests import retention, tasks_retention
from plans.contests.models import Participant, ParticipantKind, Placement
from plans.contests.register import counts
from tests.contests.public_helpers import add_entry, make_contest


def _fixed_days_ago(municipality, org, days):
    contest = make_contest(municipality, results_fixed_at=timezone.now() - timedelta(days=days))
    add_entry(
        contest, org, placement=Placement.WINNER, people=[("Иванова", "Мария", "Петровна", True)]
    )
    add_entry(contest, org, people=[("Петров", "Иван", "", False), ("Смирнов", "Лев", "", False)])
    teacher = {"kind": ParticipantKind.TEACHER, "surname": "Шацких", "name": "Наталья"}
    add_entry(contest, org, people=[teacher])
    return contest


def test_past_the_retention_names_are_gone_and_counts_remain(
    settings, municipality, org_a, django_capture_on_commit_callbacks
):
    settings.CONTEST_PERSONAL_DATA_RETENTION_DAYS = 365
    contest = _fixed_days_ago(municipality, org_a, 366)
    child = Participant.objects.filter(surname="Иванова").get()
    child.consent_file.save("consent.pdf", ContentFile(b"%PDF scan"))
    scan = child.consent_file.name
    before = counts(contest)

    with django_capture_on_commit_callbacks(execute=True):
        erased = tasks_retention.contest_personal_data_erase()

    assert erased == 3
    assert counts(contest) == before == {"participants": 4, "winners": 1, "prize": 0}
    children = Participant.objects.filter(entry__contest=contest, kind=ParticipantKind.CHILD)
    assert not children.exclude(
        surname="", name="", patronymic="", birth_date=None, grade=""
    ).exists()
    assert all(p.erased and not p.consent_file for p in children)
    assert not default_storage.exists(scan)
    assert Participant.objects.filter(surname="Шацких").exists()  # teachers' names stay
    contest.refresh_from_db()
    assert contest.personal_data_erased_at is not None
    assert contest.entries.filter(placement=Placement.WINNER).count() == 1
    trail = PersonalDataEvent.objects.get()
    assert (trail.action, trail.subject) == (
        PersonalDataAction.PURGED,
        f"Участники конкурса № {contest.pk}: 3 ребёнка",
    )


def test_within_the_retention_nothing_is_erased(settings, municipality, org_a):
    settings.CONTEST_PERSONAL_DATA_RETENTION_DAYS = 365
    contest = _fixed_days_ago(municipality, org_a, 364)

    assert retention.erase_due() == 0

    assert Participant.objects.filter(surname="Иванова", erased=False).exists()
    contest.refresh_from_db()
    assert contest.personal_data_erased_at is None


def test_the_retention_is_a_setting(settings, municipality, org_a):
    settings.CONTEST_PERSONAL_DATA_RETENTION_DAYS = 30
    _fixed_days_ago(municipality, org_a, 31)
    make_contest(municipality, fixed=False)  # results not fixed: never erased

    assert retention.erase_due() == 3
    assert retention.erase_due() == 0  # once erased, a contest is left alone


def test_the_erasure_runs_nightly():
    schedule = settings_schedule()
    assert schedule["task"] == tasks_retention.contest_personal_data_erase.name


def settings_schedule():
    from django.conf import settings

    return settings.CELERY_BEAT_SCHEDULE["contest-personal-data-erase"]
