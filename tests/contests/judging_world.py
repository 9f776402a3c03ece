"""A contest ready for its jury, made directly on the models (the applications are another
part's): a regional contest and municipality A's stage of it, two nominations and an age
category copied from the regional ones, a criteria set of two criteria (0–5 weight 1, 0–3
weight 2), and admitted entries of organisations A and B."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from plans.contests.models import (
    AgeCategory,
    Contest,
    ContestAudience,
    ContestLevel,
    ContestState,
    Entry,
    EntryKind,
    EntryState,
    JuryMember,
    Nomination,
    Participant,
    ParticipantKind,
    Score,
)
from programs.assessment.models import CriteriaSet, Criterion, ExpertProfile


def dates() -> dict:
    today = timezone.localdate()
    return {
        "applications_from": today - timedelta(days=30),
        "applications_to": today - timedelta(days=10),
        "judging_from": today - timedelta(days=9),
        "judging_to": today + timedelta(days=5),
        "results_on": today + timedelta(days=6),
    }


def criteria(municipality) -> CriteriaSet:
    criteria_set = CriteriaSet.objects.create(municipality=municipality, title="Критерии конкурса")
    Criterion.objects.create(
        criteria_set=criteria_set, position=1, title="Содержание", scale_max=5, weight=1
    )
    Criterion.objects.create(
        criteria_set=criteria_set, position=2, title="Оформление", scale_max=3, weight=Decimal(2)
    )
    return criteria_set


def regional_contest(state=ContestState.APPLICATIONS) -> Contest:
    regional = Contest.objects.create(
        level=ContestLevel.REGIONAL,
        audience=ContestAudience.CHILDREN,
        title="Областной конкурс «Зелёная планета»",
        state=state,
        **dates(),
    )
    for position, title in enumerate(["Рисунок", "Поделка"], start=1):
        Nomination.objects.create(contest=regional, position=position, title=title)
    AgeCategory.objects.create(contest=regional, title="7–10 лет", age_from=7, age_to=10)
    return regional


def stage(municipality, *, regional=None, blind=True, state=ContestState.JUDGING) -> Contest:
    regional = regional or regional_contest()
    contest = Contest.objects.create(
        municipality=municipality,
        parent=regional,
        level=ContestLevel.MUNICIPAL_STAGE,
        audience=ContestAudience.CHILDREN,
        title="Муниципальный этап конкурса «Зелёная планета»",
        criteria_set=criteria(municipality),
        blind=blind,
        nominees_per_category=1,
        state=state,
        **dates(),
    )
    for nomination in regional.nominations.all():
        Nomination.objects.create(
            contest=contest, position=nomination.position, title=nomination.title, source=nomination
        )
    for category in regional.age_categories.all():
        AgeCategory.objects.create(
            contest=contest, title=category.title, age_from=7, age_to=10, source=category
        )
    return contest


def entry(contest, organisation, code, *, nomination=None, people=None, team="", **fields):
    """An admitted entry with its children (surname, name, patronymic)."""
    made = Entry.objects.create(
        contest=contest,
        organisation=organisation,
        nomination=nomination or contest.nominations.first(),
        age_category=contest.age_categories.first(),
        kind=EntryKind.TEAM if team else EntryKind.INDIVIDUAL,
        team_name=team,
        code=code,
        state=fields.pop("state", EntryState.ADMITTED),
        work_title=fields.pop("work_title", f"Работа {code}"),
        **fields,
    )
    for surname, name, patronymic in people or [("Скворцова", "Алина", "Олеговна")]:
        Participant.objects.create(
            entry=made,
            kind=ParticipantKind.CHILD,
            surname=surname,
            name=name,
            patronymic=patronymic,
            birth_date=date(2016, 3, 1),
            teacher_name="Петрова Анна Ивановна",
            consent="paper",
        )
    return made


def juror(contest, expert, *, organisation=None, chair=False, nominations=None) -> JuryMember:
    if organisation is not None:
        ExpertProfile.objects.update_or_create(user=expert, defaults={"organisation": organisation})
    member = JuryMember.objects.create(contest=contest, expert=expert, is_chair=chair)
    member.nominations.set(nominations or contest.nominations.all())
    return member


def score(contest, entry, expert, values) -> None:
    """``values``: the scores of the criteria in their order."""
    for criterion, value in zip(contest.criteria_set.criteria.all(), values, strict=True):
        Score.objects.update_or_create(
            entry=entry, juror=expert, criterion=criterion, defaults={"value": value}
        )
