"""The contest's page leads on to every step that follows it (found by the browser test of
the whole path): the jury, the ranking and the papers for those who run it, the diplomas for
the coordinator; a coordinator of one organisation finds it already chosen."""

import pytest
from django.urls import reverse

from plans.contests.models import ContestState
from tests.contests.apply_helpers import make_contest

pytestmark = pytest.mark.django_db


def test_staff_find_the_jury_ranking_and_papers_once_judging(client, municipality, staff):
    contest = make_contest(municipality, state=ContestState.JUDGING)
    client.force_login(staff)
    page = client.get(reverse("contests:detail", args=[contest.pk])).content.decode()
    for name in ("jury", "ranking", "diplomas"):
        assert reverse(f"contests:{name}", args=[contest.pk]) in page


def test_while_applications_only_the_jury_is_linked(client, municipality, staff):
    contest = make_contest(municipality)
    client.force_login(staff)
    page = client.get(reverse("contests:detail", args=[contest.pk])).content.decode()
    assert reverse("contests:jury", args=[contest.pk]) in page
    assert reverse("contests:ranking", args=[contest.pk]) not in page


def test_the_only_organisation_is_already_chosen(client, municipality, coordinator_a, org_a):
    contest = make_contest(municipality)
    client.force_login(coordinator_a)
    for name in ("entry_create", "import"):
        form = client.get(reverse(f"contests:{name}", args=[contest.pk])).context["form"]
        assert form["organisation"].value() == org_a.pk
