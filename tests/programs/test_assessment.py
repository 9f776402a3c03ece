"""Independent quality assessment: criteria, campaigns, assignment rules, the expert's work,
results, exports and who sees what."""

import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from docx import Document

from programs.assessment import experts as expert_profiles
from programs.assessment import selectors, services
from programs.assessment.models import (
    AssessmentLog,
    Assignment,
    CampaignProgram,
    CampaignState,
    Conclusion,
    CriteriaSet,
    Criterion,
    ExpertGroup,
    ExpertProfile,
)
from programs.choices import ProgramStatus
from tests.factories import ExpertFactory
from tests.helpers import login, move_to, seen
from tests.programs.factories import CampaignFactory, ProgramFactory, ProgramGroupFactory


@pytest.fixture
def criteria(municipality, staff):
    criteria_set = services.criteria_set_create(
        user=staff, municipality=municipality, title="Критерии оценки ДООП"
    )
    for title, weight in [("Соответствие требованиям", "1"), ("Содержание программы", "3")]:
        services.criterion_save(
            user=staff,
            criterion=Criterion(criteria_set=criteria_set, title=title, scale_max=2, weight=weight),
        )
    return criteria_set


@pytest.fixture
def experts(org_a, org_b):
    """One expert works in organisation A, one in B, one outside the registry."""
    made = []
    for username, organisation in [("exp_a", org_a), ("exp_b", org_b), ("exp_free", None)]:
        expert = ExpertFactory(username=username, last_name=username)
        ExpertProfile.objects.create(user=expert, organisation=organisation)
        made.append(expert)
    return made


def _published(org, staff, coordinator, name):
    program = ProgramFactory(organisation=org, name=name)
    ProgramGroupFactory(program=program)
    return move_to(program, ProgramStatus.PUBLISHED, staff=staff, coordinator=coordinator)


@pytest.fixture
def programs(org_a, org_b, staff, coordinator_a, coordinator_b):
    return [
        _published(org_a, staff, coordinator_a, "Робототехника"),
        _published(org_a, staff, coordinator_a, "Шахматы"),
        _published(org_b, staff, coordinator_b, "Хор"),
    ]


@pytest.fixture
def campaign(municipality, staff, criteria, experts, programs):
    campaign = services.campaign_save(
        user=staff,
        campaign=CampaignFactory.build(municipality=municipality, criteria_set=criteria),
    )
    services.campaign_add_programs(user=staff, campaign=campaign, programs=programs)
    services.expert_group_save(
        user=staff, group=ExpertGroup(campaign=campaign, title="Группа"), experts=experts
    )
    return campaign


def _entry(campaign, name):
    return campaign.entries.get(program__name=name)


def _score(assignment, values, conclusion, comment=""):
    criteria = list(assignment.entry.campaign.criteria_set.criteria.all())
    services.scores_save(
        user=assignment.expert,
        assignment=assignment,
        scores={
            c.pk: (v, f"по критерию {c.position}") for c, v in zip(criteria, values, strict=True)
        },
        conclusion=conclusion,
        comment=comment,
    )
    return services.assignment_submit(user=assignment.expert, assignment=assignment)


# --- assignment rules --------------------------------------------------------------------------


def test_distribution_never_gives_a_programme_to_its_own_organisation(campaign, staff):
    report = services.assignments_distribute(user=staff, campaign=campaign)
    pairs = set(Assignment.objects.values_list("entry__program__name", "expert__username"))
    assert pairs == {
        ("Робототехника", "exp_b"),
        ("Робототехника", "exp_free"),
        ("Шахматы", "exp_b"),
        ("Шахматы", "exp_free"),
        ("Хор", "exp_a"),
        ("Хор", "exp_free"),
    }
    assert report.created == 6 and report.short == []
    again = services.assignments_distribute(user=staff, campaign=campaign)
    assert again.created == 0  # running it twice adds nobody


def test_distribution_gives_the_next_programme_to_the_least_loaded_expert(campaign, staff, experts):
    extra = ExpertFactory(username="exp_c")
    campaign.experts_per_program = 1
    campaign.save()
    campaign.groups.get().experts.set([experts[2], extra])
    services.assignments_distribute(user=staff, campaign=campaign)
    loads = sorted(Assignment.objects.values_list("expert__username", flat=True))
    assert loads.count("exp_free") - loads.count("exp_c") in (0, 1)
    assert len(loads) == 3


def test_manual_assignment_to_an_expert_of_the_same_organisation_is_refused(
    campaign, staff, experts
):
    exp_a = experts[0]
    with pytest.raises(services.AssessmentError, match="работает в организации"):
        services.assignment_create(
            user=staff, entry=_entry(campaign, "Робототехника"), expert=exp_a
        )
    assert not Assignment.objects.exists()


def test_an_expert_cannot_move_to_an_organisation_whose_programme_they_still_assess(
    campaign, staff, experts, org_a, org_b, administrator
):
    exp_free = experts[2]
    services.assignment_create(user=staff, entry=_entry(campaign, "Робототехника"), expert=exp_free)
    profile = exp_free.expert_profile
    with pytest.raises(services.AssessmentError, match="сначала снимите назначение"):
        expert_profiles.expert_profile_update(
            user=administrator, profile=profile, data={"organisation": org_a}
        )
    profile.refresh_from_db()
    assert profile.organisation is None
    # Organisation B has no programme waiting for this expert.
    expert_profiles.expert_profile_update(
        user=administrator, profile=profile, data={"organisation": org_b}
    )
    profile.refresh_from_db()
    assert profile.organisation == org_b


def test_too_few_experts_are_reported_not_hidden(campaign, staff, experts):
    campaign.groups.get().experts.set([experts[0]])  # only the expert from organisation A
    report = services.assignments_distribute(user=staff, campaign=campaign)
    assert {p.name for p in report.short} == {"Робототехника", "Шахматы", "Хор"}
    assert report.created == 1  # Хор gets exp_a, A's programmes get nobody


def test_staff_of_another_municipality_cannot_touch_the_campaign(campaign, staff_other):
    with pytest.raises(PermissionDenied):
        services.assignments_distribute(user=staff_other, campaign=campaign)
    with pytest.raises(PermissionDenied):
        services.campaign_open(user=staff_other, campaign=campaign)


# --- the expert's work -------------------------------------------------------------------------


@pytest.fixture
def open_campaign(campaign, staff):
    services.assignments_distribute(user=staff, campaign=campaign)
    return services.campaign_open(user=staff, campaign=campaign)


def test_expert_sees_only_their_assignments(client, open_campaign, experts):
    exp_a = experts[0]
    page = login(client, exp_a).get(reverse("assessment:queue")).content.decode()
    assert "Хор" in page and "Робототехника" not in page
    foreign = Assignment.objects.exclude(expert=exp_a).first()
    assert client.get(reverse("assessment:scoring", args=[foreign.pk])).status_code == 404
    response = client.post(reverse("assessment:scoring", args=[foreign.pk]), {"conclusion": ""})
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.scores_save(
            user=exp_a, assignment=foreign, scores={}, conclusion="", comment="чужое"
        )


def test_submitted_scores_lock_and_only_staff_reopen_with_a_record(
    client, open_campaign, experts, staff, coordinator_a
):
    assignment = Assignment.objects.get(expert=experts[0])
    _score(assignment, [2, 1], Conclusion.WITH_REVISION)
    with pytest.raises(services.AssessmentError, match="отправлена и закрыта"):
        services.scores_save(
            user=experts[0], assignment=assignment, scores={}, conclusion="", comment="правка"
        )
    page = login(client, experts[0]).get(reverse("assessment:scoring", args=[assignment.pk]))
    assert 'id="scoring-locked"' in page.content.decode()
    with pytest.raises(PermissionDenied):
        services.assignment_reopen(user=coordinator_a, assignment=assignment, comment="хочу")
    with pytest.raises(services.AssessmentError, match="почему"):
        services.assignment_reopen(user=staff, assignment=assignment, comment=" ")
    services.assignment_reopen(
        user=staff, assignment=assignment, comment="Уточните балл по содержанию"
    )
    assignment.refresh_from_db()
    assert assignment.state == "assigned" and assignment.scores.count() == 2
    record = AssessmentLog.objects.get(action="Оценка возвращена эксперту")
    assert (record.actor, record.comment) == (staff, "Уточните балл по содержанию")
    _score(assignment, [2, 2], Conclusion.RECOMMENDED)  # the expert may change it again


def test_campaign_page_draws_campaign_and_assignment_buttons_from_their_tables(
    client, open_campaign, experts, staff, administrator
):
    submitted = Assignment.objects.get(expert=experts[0])
    _score(submitted, [2, 1], Conclusion.WITH_REVISION)
    waiting = Assignment.objects.exclude(state="submitted").count()
    # Written out by hand: an open campaign is distributed again or closed; a submitted
    # assessment goes back to its expert with a reason, a waiting one is taken off.
    expected = ["distribute", "close"] + ["reopen"] + ["unassign"] * waiting
    url = reverse("assessment:campaign", args=[open_campaign.pk])
    for user in (staff, administrator):
        page = login(client, user).get(url).content.decode()
        shown = re.findall(r'data-step="([\w-]+)"', page)
        assert sorted(shown) == sorted(expected)
        drawn = [
            b.transition.name for b in services.CAMPAIGN_LIFECYCLE.buttons(user, open_campaign)
        ]
        for assignment in Assignment.objects.filter(entry__campaign=open_campaign):
            drawn += [
                b.transition.name for b in services.ASSIGNMENT_LIFECYCLE.buttons(user, assignment)
            ]
        assert sorted(shown) == sorted(drawn)
    assert f'id="reopen-form-{submitted.pk}" name="comment"' in page
    page = login(client, experts[0]).get(reverse("assessment:scoring", args=[submitted.pk]))
    assert 'id="scoring-locked"' in page.content.decode()


def test_submit_needs_every_criterion_and_a_conclusion(open_campaign, experts):
    assignment = Assignment.objects.get(expert=experts[0])
    first = open_campaign.criteria_set.criteria.first()
    services.scores_save(
        user=experts[0],
        assignment=assignment,
        scores={first.pk: (2, "")},
        conclusion="",
        comment="",
    )
    with pytest.raises(services.AssessmentError, match="Содержание программы"):
        services.assignment_submit(user=experts[0], assignment=assignment)
    with pytest.raises(Exception, match="Балл от 0 до 2"):
        services.scores_save(
            user=experts[0],
            assignment=assignment,
            scores={first.pk: (5, "")},
            conclusion="",
            comment="",
        )


def test_scoring_page_saves_a_draft_and_submits(client, open_campaign, experts):
    assignment = Assignment.objects.get(expert=experts[0])
    criteria = list(open_campaign.criteria_set.criteria.all())
    url = reverse("assessment:scoring", args=[assignment.pk])
    data = {f"score_{c.pk}": "2" for c in criteria} | {f"note_{c.pk}": "" for c in criteria}
    login(client, experts[0])
    client.post(url, {**data, "conclusion": "", "comment": "черновик", **seen(client, url)})
    assignment.refresh_from_db()
    assert assignment.state == "assigned" and assignment.comment == "черновик"
    submitted = {"conclusion": "recommended", "comment": "Хорошо", "submit": "1"}
    client.post(url, {**data, **submitted, **seen(client, url)})
    assignment.refresh_from_db()
    assert assignment.state == "submitted" and assignment.conclusion == "recommended"


# --- results -----------------------------------------------------------------------------------


def test_close_aggregates_weighted_scores_and_takes_the_stricter_conclusion_on_a_tie(
    open_campaign, staff
):
    choir = _entry(open_campaign, "Хор")
    first, second = choir.assignments.order_by("pk")
    _score(first, [2, 2], Conclusion.RECOMMENDED)  # 8 of 8 weighted points: 100%
    _score(second, [0, 1], Conclusion.WITH_REVISION)  # 3 of 8: 37.5%
    for assignment in Assignment.objects.exclude(entry=choir):
        _score(assignment, [1, 2], Conclusion.RECOMMENDED)
    with pytest.raises(services.AssessmentError):
        services.register_toggle(user=staff, entry=choir, include=True)  # not closed yet
    services.campaign_close(user=staff, campaign=open_campaign)
    choir.refresh_from_db()
    assert choir.score_percent == Decimal("68.8")  # (100 + 37.5) / 2
    assert choir.conclusion == Conclusion.WITH_REVISION
    assert not choir.sent_to_region
    robotics = _entry(open_campaign, "Робототехника")
    assert (robotics.score_percent, robotics.conclusion) == (Decimal("87.5"), "recommended")
    assert robotics.sent_to_region
    assert services.aggregate_conclusion(["recommended", "not_recommended"]) == "not_recommended"
    assert services.aggregate_conclusion(["recommended"] * 2 + ["with_revision"]) == "recommended"


def test_staff_see_progress_per_expert(client, open_campaign, staff, experts):
    _score(Assignment.objects.filter(expert=experts[0]).first(), [1, 1], Conclusion.WITH_REVISION)
    page = login(client, staff).get(reverse("assessment:campaign", args=[open_campaign.pk]))
    text = page.content.decode()
    assert "Отправлено оценок: 1 из 6." in text
    assert re.search(r'aria-label="exp_a[^"]*: 100%"', text)
    assert re.search(r'aria-label="exp_b[^"]*: 0%"', text)


def test_closing_waits_for_every_submission(open_campaign, staff):
    with pytest.raises(services.AssessmentError, match="Не отправлено оценок: 6"):
        services.campaign_close(user=staff, campaign=open_campaign)


@pytest.fixture
def closed_campaign(open_campaign, staff):
    for assignment in Assignment.objects.select_related("entry__program"):
        if assignment.entry.program.name == "Хор":
            _score(assignment, [0, 0], Conclusion.NOT_RECOMMENDED, "Нет оценочных материалов")
        else:
            _score(assignment, [2, 2], Conclusion.RECOMMENDED, "Соответствует требованиям")
    return services.campaign_close(user=staff, campaign=open_campaign)


@pytest.mark.parametrize(
    "stage, expected",
    [
        ("campaign", ["distribute", "open"]),
        ("open_campaign", ["close", "distribute"]),
        ("closed_campaign", []),
    ],
)
def test_campaign_buttons_follow_its_lifecycle(
    request, stage, expected, staff, staff_other, administrator, coordinator_a
):
    campaign = request.getfixturevalue(stage)
    campaign.refresh_from_db()

    def buttons(user):
        return sorted(
            b.transition.name for b in services.CAMPAIGN_LIFECYCLE.buttons(user, campaign)
        )

    assert buttons(staff) == expected
    assert buttons(administrator) == expected
    assert buttons(staff_other) == []
    assert buttons(coordinator_a) == []


def test_coordinator_sees_conclusion_and_comments_after_close_but_never_who(
    client, open_campaign, closed_campaign, coordinator_a, programs, experts
):
    robotics = programs[0]
    page = login(client, coordinator_a).get(reverse("programs:detail", args=[robotics.pk]))
    text = page.content.decode()
    assert 'id="assessment-result"' in text
    assert "Рекомендована" in text and "Соответствует требованиям" in text
    assert "Эксперт 1" in text and "Эксперт 2" in text
    for expert in experts:
        assert expert.username not in text


def test_coordinator_sees_nothing_while_the_campaign_runs(
    client, open_campaign, coordinator_a, programs, experts
):
    for assignment in Assignment.objects.filter(entry__program=programs[0]):
        _score(assignment, [2, 2], Conclusion.RECOMMENDED, "Соответствует требованиям")
    text = login(client, coordinator_a).get(reverse("programs:detail", args=[programs[0].pk]))
    assert 'id="assessment-result"' not in text.content.decode()


def test_recommended_programme_has_a_badge_in_the_public_catalogue(
    client, closed_campaign, programs
):
    robotics, _, choir = programs
    page = client.get(reverse("programs:public_detail", args=[robotics.pk])).content.decode()
    assert 'id="assessment-badge"' in page
    page = client.get(reverse("programs:public_detail", args=[choir.pk])).content.decode()
    assert 'id="assessment-badge"' not in page
    listing = client.get(reverse("programs:catalogue")).content.decode()
    assert listing.count("Рекомендована экспертами") == 2


def test_protocol_and_register_exports(client, closed_campaign, staff):
    login(client, staff)
    book = openpyxl.load_workbook(
        io.BytesIO(
            client.get(reverse("assessment:protocol", args=[closed_campaign.pk, "xlsx"])).content
        )
    )
    rows = list(book["Протокол"].values)
    head = next(r for r in rows if r and r[0] == "№")
    results = {r[1]: dict(zip(head, r, strict=True)) for r in rows[rows.index(head) + 1 :]}
    assert results["Робототехника"]["Итоговый балл, %"] == 100
    assert results["Хор"]["Заключение"] == "не рекомендована"
    assert results["Хор"]["2. Содержание программы"] == 0
    assert [r[1] for r in list(book["Критерии"].values)[2:]] == [  # the title, the head
        "Соответствие требованиям",
        "Содержание программы",
    ]
    document = Document(
        io.BytesIO(
            client.get(reverse("assessment:protocol", args=[closed_campaign.pk, "docx"])).content
        )
    )
    criteria, results = document.tables
    assert [[cell.text for cell in row.cells] for row in criteria.rows] == [
        ["№", "Критерий", "Шкала", "Вес"],
        ["1", "Соответствие требованиям", "0–2", "1"],
        ["2", "Содержание программы", "0–2", "3"],
    ]
    first, second, *rows = [[cell.text for cell in row.cells] for row in results.rows]
    # Two head rows: the criteria by their numbers under one head, the rest over both rows.
    assert first[:5] == ["№", "Программа", "Организация", "Экспертов", "Средний балл по критериям"]
    assert second[3:6] == ["Экспертов", "1", "2"]
    cells = next(row for row in rows if "Робототехника" in row)
    assert cells[4:] == ["2,0", "2,0", "100,0", "рекомендована"]  # decimal commas
    register = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("assessment:register")).content)
    )
    names = [r[1] for r in list(register.active.values)[2:]]
    assert sorted(names) == ["Робототехника", "Шахматы"]


def test_share_of_programmes_against_the_plan_target(closed_campaign, municipality, programs):
    share = selectors.assessment_share(municipality.pk)
    assert (share.published, share.ready, share.assessed, share.recommended) == (3, 3, 3, 2)
    assert share.target_percent == 25 and share.target_met
    assert share.recommended_percent == 66.7


def test_no_plan_target_until_a_campaign_sets_one(client, staff, municipality, programs):
    share = selectors.assessment_share(municipality.pk)
    assert share.target_percent is None and share.target_met is None
    client.force_login(staff)
    page = client.get(reverse("assessment:overview")).content.decode()
    assert "Плановый показатель не задан: его указывают в кампании оценки." in page
    assert "ниже плана" not in page and "план выполнен" not in page


# --- criteria versions ----------------------------------------------------------------------------


def test_criteria_in_use_are_frozen_and_a_new_version_leaves_results_alone(
    closed_campaign, staff, criteria
):
    criterion = criteria.criteria.first()
    criterion.title = "Другое"
    with pytest.raises(services.AssessmentError, match="новую версию"):
        services.criterion_save(user=staff, criterion=criterion)
    copy = services.criteria_set_new_version(user=staff, criteria_set=criteria)
    assert (copy.version, copy.criteria.count(), copy.is_current) == (2, 2, True)
    services.criterion_save(
        user=staff,
        criterion=Criterion(criteria_set=copy, title="Кадровое обеспечение", scale_max=2),
    )
    criteria.refresh_from_db()
    assert not criteria.is_current and criteria.criteria.count() == 2
    closed_campaign.refresh_from_db()
    assert closed_campaign.criteria_set == criteria
    assert CriteriaSet.objects.filter(title="Критерии оценки ДООП").count() == 2
    assert closed_campaign.state == CampaignState.CLOSED
    assert CampaignProgram.objects.get(program__name="Робототехника").score_percent == 100
