"""Contests for the tests of set-up and applications: a municipal contest taking
applications, with two nominations and two age categories, dates around today."""

from datetime import timedelta

from django.utils import timezone

from plans.contests.models import (
    AgeCategory,
    Contest,
    ContestAudience,
    ContestLevel,
    ContestState,
    Nomination,
)


def dates(days_left: int = 10) -> dict:
    today = timezone.localdate()
    end = today + timedelta(days=days_left)
    return {
        "applications_from": today - timedelta(days=5),
        "applications_to": end,
        "judging_from": end + timedelta(days=1),
        "judging_to": end + timedelta(days=10),
        "results_on": end + timedelta(days=12),
    }


def make_contest(
    municipality,
    *,
    audience=ContestAudience.CHILDREN,
    state=ContestState.APPLICATIONS,
    level=ContestLevel.MUNICIPAL,
    days_left: int = 10,
    title: str = "Юные таланты",
    parent=None,
) -> Contest:
    contest = Contest.objects.create(
        municipality=municipality,
        parent=parent,
        level=level,
        audience=audience,
        title=title,
        state=state,
        is_public=state != ContestState.DRAFT,
        **dates(days_left),
    )
    Nomination.objects.create(contest=contest, position=1, title="Вокал")
    Nomination.objects.create(contest=contest, position=2, title="Рисунок")
    AgeCategory.objects.create(contest=contest, position=1, title="Младшая", age_from=7, age_to=10)
    AgeCategory.objects.create(contest=contest, position=2, title="Старшая", age_from=11, age_to=17)
    return contest


def born(age: int, contest: Contest, *, days: int = 30):
    """A birth date that makes the child ``age`` on the contest's last day of applications."""
    end = contest.applications_to
    try:
        day = end.replace(year=end.year - age)
    except ValueError:
        day = end.replace(year=end.year - age, day=28)
    return day - timedelta(days=days)
