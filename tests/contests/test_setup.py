"""A contest set up: the administrator's regional contest, a municipality's stage of it, a
municipality's own contest; dates in order, categories' ages, nominations; edits while the
contest takes applications; the lifecycle's steps; the lists each person sees."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from plans.contests import services
from plans.contests.lifecycle import ContestError
from plans.contests.models import Contest, ContestLevel, ContestState
from tests.contests.apply_helpers import dates, make_contest
from tests.programs.factories import CriteriaSetFactory

pytestmark = pytest.mark.django_db

LINES = {
    "nominations": ["Вокал", "Рисунок"],
    "categories": services.parse_categories("Младшая: 7–10"),
}


def _regional(administrator) -> Contest:
    return services.contest_create(
        user=administrator,
        data={"title": "Сердце отдаю детям", "audience": "teachers", **dates()},
        **LINES,
    )


def test_administrator_creates_a_regional_contest(administrator):
    contest = _regional(administrator)
    assert contest.level == ContestLevel.REGIONAL
    assert contest.municipality is None
    assert [n.title for n in contest.nominations.all()] == ["Вокал", "Рисунок"]
    assert contest.age_categories.get().age_to == 10


def test_staff_create_a_municipal_contest_of_their_own(staff, municipality):
    contest = services.contest_create(
        user=staff, data={"title": "Юные таланты", "audience": "children", **dates()}, **LINES
    )
    assert contest.level == ContestLevel.MUNICIPAL
    assert contest.municipality == municipality


def test_a_coordinator_creates_no_contest(coordinator_a):
    with pytest.raises(PermissionDenied):
        services.contest_create(
            user=coordinator_a, data={"title": "x", "audience": "children", **dates()}, **LINES
        )


def test_dates_out_of_order_are_refused_in_russian(staff):
    data = {"title": "Юные таланты", "audience": "children", **dates()}
    data["judging_from"] = data["applications_to"] - timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.contest_create(user=staff, data=data, **LINES)
    assert "раньше даты «приём заявок по»" in str(error.value.message_dict["judging_from"])
    assert not Contest.objects.exists()


def test_age_category_from_after_to_and_no_nomination_are_refused():
    with pytest.raises(ValidationError) as error:
        services.parse_categories("Старшая: 15–11")
    assert "больше возраста «до»" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.parse_nominations("  \n ")
    assert "хотя бы одну номинацию" in str(error.value)


def test_staff_open_one_stage_of_a_regional_contest(administrator, staff, municipality):
    regional = _regional(administrator)
    services.contest_transition(user=administrator, contest=regional, action="open_applications")
    stage = services.stage_open(user=staff, parent=regional, data=dates(20))
    assert stage.level == ContestLevel.MUNICIPAL_STAGE
    assert stage.municipality == municipality and stage.parent == regional
    copies = list(stage.nominations.all())
    assert [n.source for n in copies] == list(regional.nominations.all())
    assert stage.age_categories.get().source == regional.age_categories.get()
    assert stage.applications_to == dates(20)["applications_to"]
    with pytest.raises(ContestError, match="уже открыт"):
        services.stage_open(user=staff, parent=regional, data=dates(20))


def test_a_stage_of_a_draft_regional_contest_is_refused(administrator, staff):
    with pytest.raises(ContestError):
        services.stage_open(user=staff, parent=_regional(administrator), data=dates())


def test_staff_edit_while_applications_are_taken_and_not_after(staff, municipality):
    contest = make_contest(municipality)
    services.contest_update(user=staff, contest=contest, data={"title": "Новое название"})
    contest.refresh_from_db()
    assert contest.title == "Новое название"
    contest.state = ContestState.JUDGING
    contest.save()
    with pytest.raises(ContestError, match="до начала оценивания"):
        services.contest_update(user=staff, contest=contest, data={"title": "Ещё"})


def test_staff_of_another_municipality_edit_nothing(staff_other, municipality):
    contest = make_contest(municipality)
    with pytest.raises(PermissionDenied):
        services.contest_update(user=staff_other, contest=contest, data={"title": "x"})


def test_a_stale_form_is_refused(client, staff, municipality):
    contest = make_contest(municipality)
    client.force_login(staff)
    page = client.get(reverse("contests:edit", args=[contest.pk]))
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields if name != "regulation"}
    data["seen"] = form.seen_initial
    Contest.objects.filter(pk=contest.pk).update(title="Изменено другим")
    data["title"] = "Моё название"
    response = client.post(reverse("contests:edit", args=[contest.pk]), data)
    assert response.status_code == 200
    assert "сохранил другой пользователь" in response.content.decode()
    contest.refresh_from_db()
    assert contest.title == "Изменено другим"


def test_opening_applications_needs_a_nomination(staff, municipality):
    contest = make_contest(municipality, state=ContestState.DRAFT)
    contest.nominations.all().delete()
    with pytest.raises(ContestError, match="хотя бы одну номинацию"):
        services.contest_transition(user=staff, contest=contest, action="open_applications")


def test_lifecycle_draft_applications_judging(staff, municipality):
    contest = make_contest(municipality, state=ContestState.DRAFT)
    services.contest_transition(user=staff, contest=contest, action="open_applications")
    contest.refresh_from_db()
    assert contest.state == ContestState.APPLICATIONS and contest.is_public
    services.contest_transition(user=staff, contest=contest, action="start_judging")
    contest.refresh_from_db()
    assert contest.state == ContestState.JUDGING


def test_criteria_set_of_another_municipality_is_refused(staff, other_municipality):
    foreign = CriteriaSetFactory(municipality=other_municipality)
    with pytest.raises(ValidationError):
        services.contest_create(
            user=staff,
            data={"title": "x", "audience": "children", "criteria_set": foreign, **dates()},
            **LINES,
        )


def test_create_page_makes_a_contest(client, staff):
    client.force_login(staff)
    data = {
        "title": "Юные таланты",
        "audience": "children",
        "nominees_per_category": 1,
        "nominations": "Вокал\nРисунок",
        "categories": "Младшая: 7–10\nСтаршая: 11–17",
        **{name: value.isoformat() for name, value in dates().items()},
    }
    response = client.post(reverse("contests:create"), data)
    contest = Contest.objects.get()
    assert response.status_code == 302
    assert contest.age_categories.count() == 2


def test_lists_by_role(client, administrator, staff, coordinator_a, org_a, municipality):
    regional = _regional(administrator)
    services.contest_transition(user=administrator, contest=regional, action="open_applications")
    own = make_contest(municipality, title="Наш конкурс")
    draft = make_contest(municipality, title="Черновик", state=ContestState.DRAFT)
    client.force_login(staff)
    page = client.get(reverse("contests:list")).content.decode()
    assert "Наш конкурс" in page and "Черновик" in page and "открыть этап" in page
    client.force_login(coordinator_a)
    page = client.get(reverse("contests:list")).content.decode()
    assert "Наш конкурс" in page and "Черновик" not in page
    assert client.get(reverse("contests:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("contests:detail", args=[own.pk])).status_code == 200
    client.force_login(administrator)
    page = client.get(reverse("contests:list")).content.decode()
    assert "Сердце отдаю детям" in page and "Этапов пока нет" in page
