"""The jury: assignment with the conflict rule, the juror's entries, scoring by criterion."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from plans.contests import judging
from plans.contests.models import ContestState, EntryFile, JuryMember, Score
from tests.contests import judging_world as world
from tests.factories import ExpertFactory


@pytest.fixture
def contest(municipality):
    return world.stage(municipality)


@pytest.fixture
def entries(contest, org_a, org_b):
    return [world.entry(contest, org_a, "A-1"), world.entry(contest, org_b, "B-1")]


def test_a_juror_of_an_entrys_organisation_is_refused_and_nothing_written(
    contest, entries, staff, expert, org_a
):
    from programs.assessment.models import ExpertProfile

    ExpertProfile.objects.create(user=expert, organisation=org_a)
    with pytest.raises(judging.JudgingError) as refused:
        judging.jury_assign(
            user=staff, contest=contest, expert=expert, nominations=contest.nominations.all()
        )
    assert "член жюри работает в «МБОУ СШ № 1»" in str(refused.value)
    assert "Рисунок" in str(refused.value)
    assert not JuryMember.objects.exists()
    # The other nomination has no entry of the school: that one they may judge.
    other = contest.nominations.get(title="Поделка")
    member = judging.jury_assign(user=staff, contest=contest, expert=expert, nominations=[other])
    assert list(member.nominations.all()) == [other]


def test_one_chair_and_only_the_contests_staff_assign(contest, staff, staff_other, expert):
    second = ExpertFactory(username="second")
    judging.jury_assign(
        user=staff,
        contest=contest,
        expert=expert,
        nominations=contest.nominations.all(),
        is_chair=True,
    )
    judging.jury_assign(
        user=staff,
        contest=contest,
        expert=second,
        nominations=contest.nominations.all(),
        is_chair=True,
    )
    assert list(JuryMember.objects.filter(is_chair=True).values_list("expert", flat=True)) == [
        second.pk
    ]
    with pytest.raises(PermissionDenied):
        judging.jury_assign(user=staff_other, contest=contest, expert=expert, nominations=[])


def test_a_coordinator_is_not_put_on_a_jury(contest, staff, coordinator_a):
    with pytest.raises(judging.JudgingError, match="не эксперт"):
        judging.jury_assign(
            user=staff,
            contest=contest,
            expert=coordinator_a,
            nominations=contest.nominations.all(),
        )


def test_an_entry_of_the_jurors_organisation_coming_later_is_never_listed(
    contest, entries, expert, org_a
):
    world.juror(contest, expert, organisation=org_a)
    listed = judging.juror_entries(expert, contest)
    assert [e.code for e in listed] == ["B-1"]
    with pytest.raises(PermissionDenied):
        judging.entry_for_juror(expert, contest, entries[0].pk)


def test_a_score_outside_the_scale_is_refused_and_nothing_written(contest, entries, expert):
    world.juror(contest, expert)
    content, design = contest.criteria_set.criteria.all()
    with pytest.raises(judging.JudgingError) as refused:
        judging.scores_save(
            user=expert,
            entry=entries[0],
            scores={content.pk: ("4", ""), design.pk: ("7", "")},
        )
    assert "«Оформление»: балл 7 вне шкалы" in str(refused.value)
    assert "от 0 до 3" in str(refused.value)
    assert not Score.objects.exists()
    with pytest.raises(judging.JudgingError, match="от 0 до 5"):
        judging.scores_save(user=expert, entry=entries[0], scores={content.pk: ("-1", "")})
    judging.scores_save(
        user=expert,
        entry=entries[0],
        scores={content.pk: ("4", " Интересно "), design.pk: ("3", "")},
    )
    assert dict(Score.objects.values_list("criterion__title", "value")) == {
        "Содержание": 4,
        "Оформление": 3,
    }
    assert Score.objects.get(criterion=content).comment == "Интересно"


def test_scoring_only_while_the_contest_is_judged(contest, entries, expert):
    world.juror(contest, expert)
    contest.state = ContestState.RESULTS
    contest.save()
    criterion = contest.criteria_set.criteria.first()
    with pytest.raises(judging.JudgingError, match="«Оценивание»"):
        judging.scores_save(user=expert, entry=entries[0], scores={criterion.pk: ("1", "")})
    assert not Score.objects.exists()


def test_a_juror_scores_only_the_nominations_given(contest, entries, expert):
    world.juror(contest, expert, nominations=[contest.nominations.get(title="Поделка")])
    criterion = contest.criteria_set.criteria.first()
    with pytest.raises(PermissionDenied):
        judging.scores_save(user=expert, entry=entries[0], scores={criterion.pk: ("1", "")})


def test_a_blind_juror_sees_the_code_and_the_work_not_the_child(client, contest, entries, expert):
    world.juror(contest, expert)
    stored = EntryFile(entry=entries[0], title="Иванова_рисунок")
    from django.core.files.base import ContentFile

    stored.file.save("ivanova.pdf", ContentFile(b"%PDF-1.4"), save=True)
    client.force_login(expert)
    page = client.get(reverse("contests:judging_score", args=[contest.pk, entries[0].pk]))
    text = page.content.decode()
    assert "A-1" in text and "Работа A-1" in text
    assert "Скворцова" not in text and "МБОУ СШ № 1" not in text
    assert "Файл 1" in text
    response = client.get(reverse("contests:judging_file", args=[contest.pk, stored.pk]))
    assert "A-1-" in response["Content-Disposition"]
    assert "ivanova" not in response["Content-Disposition"]
    listed = client.get(reverse("contests:judging_entries", args=[contest.pk])).content.decode()
    assert "A-1" in listed and "Скворцова" not in listed


def test_an_open_juror_sees_the_names(client, municipality, org_a, expert):
    contest = world.stage(municipality, blind=False)
    made = world.entry(contest, org_a, "A-1")
    world.juror(contest, expert)
    client.force_login(expert)
    page = client.get(reverse("contests:judging_score", args=[contest.pk, made.pk]))
    assert "Скворцова Алина Олеговна" in page.content.decode()


def test_the_scoring_page_refuses_a_score_off_the_scale(client, contest, entries, expert):
    world.juror(contest, expert)
    content, design = contest.criteria_set.criteria.all()
    client.force_login(expert)
    url = reverse("contests:judging_score", args=[contest.pk, entries[1].pk])
    response = client.post(url, {f"score_{content.pk}": "5", f"score_{design.pk}": "9"})
    assert response.status_code == 200
    assert "балл 9 вне шкалы" in response.content.decode()
    assert not Score.objects.exists()
    response = client.post(url, {f"score_{content.pk}": "5", f"score_{design.pk}": "2"})
    assert response.status_code == 302
    assert Score.objects.count() == 2


def test_experts_find_the_contests_they_judge_in_their_cabinet(client, contest, expert):
    world.juror(contest, expert)
    client.force_login(expert)
    page = client.get(reverse("users:cabinet")).content.decode()
    assert reverse("contests:judging_entries", args=[contest.pk]) in page


def test_the_jury_page_assigns_and_shows_the_refusal(
    client, contest, entries, staff, expert, org_b
):
    from programs.assessment.models import ExpertProfile

    ExpertProfile.objects.create(user=expert, organisation=org_b)
    client.force_login(staff)
    url = reverse("contests:jury", args=[contest.pk])
    nominations = [str(n.pk) for n in contest.nominations.all()]
    response = client.post(url, {"expert": expert.pk, "nominations": nominations})
    assert "член жюри работает в «МБОУ СШ № 2»" in response.content.decode()
    assert not JuryMember.objects.exists()
