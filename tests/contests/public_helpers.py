"""Contests with fixed results, built straight on the models (the public pages', the
retention's, the register's and the report's tests)."""

from datetime import timedelta
from itertools import count

from django.utils import timezone

from plans.contests.models import (
    AgeCategory,
    ConsentState,
    Contest,
    ContestAudience,
    ContestLevel,
    ContestState,
    Entry,
    EntryState,
    Nomination,
    Participant,
    ParticipantKind,
)

_codes = count(1)


def make_contest(municipality, *, fixed=True, audience=ContestAudience.CHILDREN, **fields):
    today = timezone.localdate()
    values = {
        "municipality": municipality,
        "level": ContestLevel.MUNICIPAL,
        "audience": audience,
        "title": "Конкурс «Мой край»",
        "applications_from": today - timedelta(days=60),
        "applications_to": today - timedelta(days=30),
        "judging_from": today - timedelta(days=29),
        "judging_to": today - timedelta(days=15),
        "results_on": today - timedelta(days=10),
        "is_public": True,
        "state": ContestState.RESULTS if fixed else ContestState.APPLICATIONS,
        "results_fixed_at": timezone.now() - timedelta(days=10) if fixed else None,
    }
    values.update(fields)
    contest = Contest.objects.create(**values)
    Nomination.objects.create(contest=contest, title="Рисунок", position=1)
    AgeCategory.objects.create(contest=contest, title="7–10 лет", age_from=7, age_to=10)
    return contest


def add_entry(contest, organisation, *, placement="participant", people=(), **fields):
    """An admitted entry with its participants: ``people`` are (surname, name, patronymic,
    allows publishing) of children, or dicts of a participant's own fields."""
    entry = Entry.objects.create(
        contest=contest,
        organisation=organisation,
        nomination=contest.nominations.first(),
        age_category=contest.age_categories.first(),
        code=f"K-{next(_codes):04d}",
        state=fields.pop("state", EntryState.ADMITTED),
        placement=placement,
        **fields,
    )
    for person in people:
        if isinstance(person, dict):
            Participant.objects.create(entry=entry, **person)
            continue
        surname, name, patronymic, allows = person
        Participant.objects.create(
            entry=entry,
            kind=ParticipantKind.CHILD,
            surname=surname,
            name=name,
            patronymic=patronymic,
            birth_date=timezone.localdate() - timedelta(days=9 * 365),
            grade="3 «Б»",
            consent=ConsentState.PAPER,
            consent_allows_publishing=allows,
        )
    return entry
