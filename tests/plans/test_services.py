import threading
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from moc_portal.core.concurrency import EditConflict, seen_token, snapshot
from plans import services
from plans.models import ItemStatus, PlanState
from tests.factories import StaffFactory
from tests.helpers import REQUIRE_SERVICES
from tests.plans.factories import PlanFactory

PERSONAS = ["staff", "staff_other", "coordinator_a", "expert", "administrator"]


@pytest.fixture
def plan(municipality, staff):
    plan = PlanFactory(
        municipality=municipality,
        title="План деятельности муниципального опорного центра",
        period_label="2022-2023 учебный год",
        period_start=date(2022, 9, 1),
        period_end=date(2023, 8, 31),
        signed=True,
        approved_post="Директор МАУДО «Дворец творчества детей и молодежи»",
    )
    section = services.section_add(user=staff, plan=plan, title="Организационная деятельность")
    services.item_add(
        user=staff,
        plan=plan,
        section=section,
        data={
            "title": "Подготовка к независимой оценке качества",
            "period_text": "Сентябрь-декабрь",
            "responsible": "Судакова Е.В.",
            "expected_result": "25% ДООП, готовых к независимой экспертизе",
        },
    )
    return plan


def move(plan, state, user):
    path = {
        PlanState.DRAFT: [],
        PlanState.AGREED: ["agree"],
        PlanState.APPROVED: ["agree", "approve"],
    }[state]
    for action in path:
        plan = services.plan_transition(user=user, plan=plan, action=action)
    return plan


EXPECTED = {
    "agree": ({PlanState.DRAFT}, PlanState.AGREED),
    "approve": ({PlanState.AGREED}, PlanState.APPROVED),
    "return_to_draft": ({PlanState.AGREED}, PlanState.DRAFT),
}


@pytest.mark.parametrize("action", list(EXPECTED))
@pytest.mark.parametrize("state", list(PlanState))
@pytest.mark.parametrize("persona", PERSONAS)
def test_plan_state_rules(request, plan, staff, action, state, persona):
    plan = move(plan, state, staff)
    user = request.getfixturevalue(persona)
    sources, target = EXPECTED[action]
    if persona not in ("staff", "administrator"):
        with pytest.raises(PermissionDenied):
            services.plan_transition(user=user, plan=plan, action=action)
    elif state not in sources:
        with pytest.raises(services.PlanError, match="Действие недоступно"):
            services.plan_transition(user=user, plan=plan, action=action)
    else:
        assert services.plan_transition(user=user, plan=plan, action=action).state == target
        return
    plan.refresh_from_db()
    assert plan.state == state


@pytest.mark.parametrize("state", list(PlanState))
@pytest.mark.parametrize("persona", PERSONAS)
def test_buttons_are_the_actions_the_service_would_take(request, plan, staff, state, persona):
    plan = move(plan, state, staff)
    user = request.getfixturevalue(persona)
    expected = {
        PlanState.DRAFT: ["agree"],
        PlanState.AGREED: ["approve", "return_to_draft"],
        PlanState.APPROVED: ["publish"],  # into the documents library
    }[state]
    allowed = expected if persona in ("staff", "administrator") else []
    assert sorted(t.name for t in services.PLAN_LIFECYCLE.allowed(user, plan)) == allowed


def test_approval_block_is_required(plan, staff):
    plan.agreed_name = ""
    plan.save()
    with pytest.raises(services.PlanError, match="СОГЛАСОВАНО"):
        services.plan_transition(user=staff, plan=plan, action="agree")


def test_agree_and_approve_fill_their_dates(plan, staff):
    plan = move(plan, PlanState.APPROVED, staff)
    assert plan.agreed_date == plan.approved_date == timezone.localdate()


def test_item_dates_come_from_the_period_as_written(plan):
    item = plan.items.get()
    assert (item.number, item.starts_on, item.ends_on) == (
        "1.1",
        date(2022, 9, 1),
        date(2022, 12, 31),
    )


def test_approval_locks_content_but_not_execution(plan, staff):
    plan = move(plan, PlanState.APPROVED, staff)
    item = plan.items.get()
    with pytest.raises(services.PlanError, match="План утверждён"):
        services.item_update(user=staff, item=item, data={"title": "Другое"})
    with pytest.raises(services.PlanError, match="План утверждён"):
        services.section_add(user=staff, plan=plan, title="Новый раздел")
    with pytest.raises(services.PlanError, match="План утверждён"):
        services.item_add(user=staff, plan=plan, section=None, data={"title": "Новое"})
    with pytest.raises(services.PlanError, match="План утверждён"):
        services.item_delete(user=staff, item=item)
    with pytest.raises(services.PlanError, match="План утверждён"):
        services.plan_update(user=staff, plan=plan, data={"title": "Другой план"})

    before = item.history.count()
    item = services.item_update(
        user=staff,
        item=item,
        data={"status": ItemStatus.DONE, "result_quantitative": "30% ДООП готовы к экспертизе"},
    )
    assert item.status == ItemStatus.DONE
    assert item.history.count() == before + 1


def test_unchanged_content_passes_the_lock(plan, staff):
    plan = move(plan, PlanState.APPROVED, staff)
    item = plan.items.get()
    title = item.title
    item = services.item_update(
        user=staff, item=item, data={"title": item.title, "status": "in_progress"}
    )
    item.refresh_from_db()
    assert item.title == title
    assert item.status == ItemStatus.IN_PROGRESS


def test_second_save_from_the_same_snapshot_gets_a_conflict(plan, staff, municipality):
    colleague = StaffFactory(municipality=municipality)
    item = plan.items.get()
    opened_by_both = seen_token(snapshot(item, services.ITEM_SEEN_FIELDS))
    services.item_update(
        user=staff, item=item, data={"responsible": "Яркина Я.О."}, seen=opened_by_both
    )
    with pytest.raises(EditConflict, match="Пока вы редактировали") as conflict:
        services.item_update(
            user=colleague, item=item, data={"responsible": "Циома С.Г."}, seen=opened_by_both
        )
    assert [(c.label, c.after) for c in conflict.value.changes] == [
        ("Ответственный / исполнитель", "Яркина Я.О.")
    ]
    item.refresh_from_db()
    assert item.responsible == "Яркина Я.О."
    # Saved again from the refreshed form, the colleague's change goes through deliberately.
    services.item_update(
        user=colleague, item=item, data={"responsible": "Циома С.Г."}, seen=conflict.value.seen
    )
    item.refresh_from_db()
    assert item.responsible == "Циома С.Г."


def test_moving_a_neighbour_does_not_make_an_open_form_stale(plan, staff):
    item = plan.items.get()
    opened = seen_token(snapshot(item, services.ITEM_SEEN_FIELDS))
    services.item_add(user=staff, plan=plan, section=item.section, data={"title": "Новое"})
    services.item_move(user=staff, item=item, direction="down")
    services.item_update(user=staff, item=item, data={"responsible": "Яркина Я.О."}, seen=opened)
    item.refresh_from_db()
    assert item.responsible == "Яркина Я.О."


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_on_postgresql_lose_nothing(plan, staff, municipality):
    if connection.vendor != "postgresql":
        if REQUIRE_SERVICES:
            pytest.fail("гонка проверяется на PostgreSQL: задайте DATABASE_URL")
        pytest.skip("одновременные сохранения проверяются на PostgreSQL (DATABASE_URL)")
    colleague = StaffFactory(municipality=municipality)
    item = plan.items.get()
    opened_by_both = seen_token(snapshot(item, services.ITEM_SEEN_FIELDS))
    barrier = threading.Barrier(2)
    outcomes = []

    def save(user, text):
        from django.db import connection as thread_connection

        barrier.wait()
        try:
            services.item_update(
                user=user, item=item, data={"responsible": text}, seen=opened_by_both
            )
            outcomes.append(("saved", text))
        except EditConflict as conflict:
            outcomes.append(("conflict", conflict.changes[0].after))
        finally:
            thread_connection.close()

    threads = [
        threading.Thread(target=save, args=(staff, "Яркина Я.О.")),
        threading.Thread(target=save, args=(colleague, "Циома С.Г.")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(kind for kind, _ in outcomes) == ["conflict", "saved"]
    saved = next(text for kind, text in outcomes if kind == "saved")
    seen = next(text for kind, text in outcomes if kind == "conflict")
    assert seen == saved  # the loser is shown the winner's change
    item.refresh_from_db()
    assert item.responsible == saved


def test_copy_of_last_years_plan(plan, staff):
    roadmap_item = services.item_add(
        user=staff,
        plan=plan,
        section=None,
        data={"title": "Отчёт", "period_text": "Октябрь 2022 г."},
    )
    move(plan, PlanState.APPROVED, staff)
    services.item_update(user=staff, item=roadmap_item, data={"status": "done"})
    copy = services.plan_copy(
        user=staff,
        plan=plan,
        title=plan.title,
        period_label="2023-2024 учебный год",
        period_start=date(2023, 9, 1),
        period_end=date(2024, 8, 31),
    )
    assert copy.state == PlanState.DRAFT
    assert copy.copied_from == plan
    assert copy.sections.count() == 1
    items = {i.title: i for i in copy.items.all()}
    assert items["Отчёт"].period_text == "Октябрь 2023 г."
    assert (items["Отчёт"].starts_on, items["Отчёт"].ends_on) == (
        date(2023, 10, 1),
        date(2023, 10, 31),
    )
    assert items["Отчёт"].status == ItemStatus.PLANNED
    first = items["Подготовка к независимой оценке качества"]
    assert (first.starts_on, first.ends_on) == (date(2023, 9, 1), date(2023, 12, 31))
    assert first.section.plan == copy


def test_other_municipality_cannot_copy_or_edit(plan, staff_other):
    item = plan.items.get()
    with pytest.raises(PermissionDenied):
        services.item_update(user=staff_other, item=item, data={"status": "done"})
    with pytest.raises(PermissionDenied):
        services.plan_copy(
            user=staff_other,
            plan=plan,
            title="x",
            period_label="x",
            period_start=date(2023, 9, 1),
            period_end=date(2024, 8, 31),
        )
