"""Ranking, the chair's decisions on ties, and fixing the results."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import TestCase
from django.urls import reverse

from plans.contests import ranking, results
from plans.contests.lifecycle import ContestError
from plans.contests.models import Contest, ContestState, Entry, EntryState, Placement
from plans.contests.signals import results_fixed
from tests.contests import judging_world as world
from tests.factories import ExpertFactory


@pytest.fixture
def contest(municipality):
    return world.stage(municipality)


@pytest.fixture
def jury(contest, expert):
    second = ExpertFactory(username="second", last_name="Сидоров")
    return [world.juror(contest, expert, chair=True), world.juror(contest, second)]


def _scored(contest, jury, entry, first, second):
    world.score(contest, entry, jury[0].expert, first)
    world.score(contest, entry, jury[1].expert, second)


def test_a_total_is_the_mean_of_the_jurors_weighted_sums(contest, jury, org_a):
    made = world.entry(contest, org_a, "A-1")
    _scored(contest, jury, made, [5, 3], [3, 1])  # 5 + 2×3 = 11 and 3 + 2×1 = 5
    (group,) = ranking.contest_ranking(contest)
    assert group.rows[0].total == Decimal("8.00")
    assert group.rows[0].rank == 1


def test_a_juror_of_the_entrys_organisation_is_not_waited_for(contest, jury, org_a, org_b):
    from programs.assessment.models import ExpertProfile

    ExpertProfile.objects.create(user=jury[1].expert, organisation=org_a)
    made = world.entry(contest, org_a, "A-1")
    world.score(contest, made, jury[0].expert, [4, 2])
    (group,) = ranking.contest_ranking(contest)
    assert group.rows[0].total == Decimal("8.00") and not group.rows[0].missing


def test_results_with_unscored_entries_are_refused_and_nothing_written(
    contest, jury, staff, org_a, org_b
):
    scored = world.entry(contest, org_a, "A-1")
    world.entry(contest, org_b, "B-1")
    _scored(contest, jury, scored, [5, 3], [5, 3])
    with pytest.raises(results.ResultsError) as refused:
        results.results_fix(user=staff, contest=contest)
    assert "Не оценены: B-1 (Иванова Мария, Сидоров" in str(refused.value)
    contest.refresh_from_db()
    assert contest.state == ContestState.JUDGING and contest.results_fixed_at is None
    assert not Entry.objects.exclude(placement="").exists()


def _four(contest, jury, org_a, org_b):
    entries = [
        world.entry(contest, org, code)
        for org, code in [(org_a, "A-1"), (org_b, "B-1"), (org_a, "A-2"), (org_b, "B-2")]
    ]
    _scored(contest, jury, entries[0], [5, 3], [5, 3])  # 11
    _scored(contest, jury, entries[1], [4, 2], [4, 2])  # 8
    _scored(contest, jury, entries[2], [4, 2], [4, 2])  # 8: a tie for the 2nd place
    _scored(contest, jury, entries[3], [1, 0], [1, 0])  # 1
    return entries


def test_an_unsettled_tie_in_the_top_three_is_refused_until_the_chair_decides(
    contest, jury, staff, org_a, org_b
):
    entries = _four(contest, jury, org_a, org_b)
    with pytest.raises(results.ResultsError) as refused:
        results.results_fix(user=staff, contest=contest)
    assert "Равенство баллов: Рисунок · 7–10 лет: A-2, B-1 — решение председателя" in str(
        refused.value
    )
    assert Contest.objects.get(pk=contest.pk).state == ContestState.JUDGING
    with pytest.raises(PermissionDenied):
        ranking.tie_settle(
            user=jury[1].expert, contest=contest, order=[entries[1].pk, entries[2].pk]
        )
    with pytest.raises(ranking.RankingError, match="равными баллами"):
        ranking.tie_settle(
            user=jury[0].expert, contest=contest, order=[entries[0].pk, entries[1].pk]
        )
    ranking.tie_settle(user=jury[0].expert, contest=contest, order=[entries[1].pk, entries[2].pk])
    sent = []

    def receiver(sender, contest, **kwargs):
        sent.append(contest.pk)

    results_fixed.connect(receiver)
    try:
        with TestCase.captureOnCommitCallbacks(execute=True):
            results.results_fix(user=staff, contest=contest)
    finally:
        results_fixed.disconnect(receiver)
    placed = dict(Entry.objects.values_list("code", "placement"))
    assert placed == {
        "A-1": Placement.WINNER,
        "B-1": Placement.SECOND,
        "A-2": Placement.THIRD,
        "B-2": Placement.PARTICIPANT,
    }
    assert list(Entry.objects.filter(nominated=True).values_list("code", flat=True)) == ["A-1"]
    assert Entry.objects.get(code="A-1").total == Decimal("11.00")
    assert sent == [contest.pk]
    contest.refresh_from_db()
    assert contest.state == ContestState.RESULTS and contest.results_fixed_at


def test_a_tie_below_the_top_three_shares_its_place(contest, jury, staff, org_a, org_b):
    entries = [world.entry(contest, org_a, f"A-{n}") for n in range(1, 6)]
    for made, value in zip(entries, [5, 4, 3, 1, 1], strict=True):
        _scored(contest, jury, made, [value, 0], [value, 0])
    results.results_fix(user=staff, contest=contest)
    assert dict(Entry.objects.values_list("code", "rank")) == {
        "A-1": 1,
        "A-2": 2,
        "A-3": 3,
        "A-4": 4,
        "A-5": 4,
    }


def test_returned_and_withdrawn_entries_take_no_place(contest, jury, staff, org_a):
    made = world.entry(contest, org_a, "A-1")
    world.entry(contest, org_a, "A-2", state=EntryState.RETURNED)
    world.entry(contest, org_a, "A-3", state=EntryState.WITHDRAWN)
    _scored(contest, jury, made, [1, 1], [1, 1])
    results.results_fix(user=staff, contest=contest)
    assert dict(Entry.objects.values_list("code", "placement")) == {
        "A-1": Placement.WINNER,
        "A-2": "",
        "A-3": "",
    }


def test_only_the_contests_staff_fix_and_only_after_judging(
    contest, jury, staff, staff_other, coordinator_a, org_a
):
    made = world.entry(contest, org_a, "A-1")
    _scored(contest, jury, made, [1, 1], [1, 1])
    for person in (staff_other, coordinator_a, jury[0].expert):
        with pytest.raises(PermissionDenied):
            results.results_fix(user=person, contest=contest)
    Contest.objects.filter(pk=contest.pk).update(state=ContestState.APPLICATIONS)
    with pytest.raises(ContestError, match="«Приём заявок»"):
        results.results_fix(user=staff, contest=contest)


def test_a_regional_contests_results_are_the_administrators(staff, administrator):
    regional = world.regional_contest(state=ContestState.JUDGING)
    with pytest.raises(PermissionDenied):
        results.results_fix(user=staff, contest=regional)
    results.results_fix(user=administrator, contest=regional)
    assert Contest.objects.get(pk=regional.pk).state == ContestState.RESULTS


def test_the_ranking_page_shows_the_tie_and_the_chair_settles_it(
    client, contest, jury, staff, org_a, org_b
):
    entries = _four(contest, jury, org_a, org_b)
    client.force_login(staff)
    page = client.get(reverse("contests:ranking", args=[contest.pk])).content.decode()
    assert "Равенство баллов" in page and "tie-form" not in page
    response = client.post(reverse("contests:results_fix", args=[contest.pk]), follow=True)
    assert "решение председателя" in response.content.decode()
    client.force_login(jury[0].expert)
    page = client.get(reverse("contests:ranking", args=[contest.pk])).content.decode()
    assert "tie-form" in page
    client.post(
        reverse("contests:tie_settle", args=[contest.pk]),
        {"order": [entries[2].pk, entries[1].pk]},
    )
    assert Entry.objects.get(pk=entries[2].pk).tie_order == 1
    client.force_login(jury[1].expert)
    assert client.get(reverse("contests:ranking", args=[contest.pk])).status_code == 404
