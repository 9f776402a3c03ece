import copy
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from moc_portal import celery_app
from plans import services
from plans.models import ItemStatus, PlanState
from plans.tasks import plan_reminders_send
from tests.helpers import login
from tests.plans.factories import PlanFactory


@pytest.fixture
def plan(municipality, staff):
    today = timezone.localdate()
    plan = PlanFactory(
        municipality=municipality,
        period_label="текущий год",
        period_start=today - timedelta(days=200),
        period_end=today + timedelta(days=200),
        signed=True,
    )
    section = services.section_add(user=staff, plan=plan, title="Организационная деятельность")
    for title, ends_on, responsible in [
        ("Просроченное", today - timedelta(days=5), "Судакова Е.В."),
        ("Скоро", today + timedelta(days=3), "Яркина Я.О."),
        ("Потом", today + timedelta(days=90), "Судакова Е.В."),
    ]:
        services.item_add(
            user=staff,
            plan=plan,
            section=section,
            data={
                "title": title,
                "starts_on": ends_on - timedelta(days=1),
                "ends_on": ends_on,
                "responsible": responsible,
            },
        )
    return plan


def titles(items):
    return [i.title for i in items]


def test_move_and_renumber(plan, staff):
    first, second, third = plan.items.order_by("position")
    services.item_move(user=staff, item=third, direction="up")
    services.item_move(user=staff, item=first, direction="up")  # already first: nothing
    assert titles(plan.items.order_by("position")) == ["Просроченное", "Потом", "Скоро"]
    services.plan_renumber(user=staff, plan=plan)
    assert [(i.number, i.title) for i in plan.items.order_by("position")] == [
        ("1.1", "Просроченное"),
        ("1.2", "Потом"),
        ("1.3", "Скоро"),
    ]


def test_approved_plan_cannot_be_reordered(plan, staff):
    for action in ("agree", "approve"):
        services.plan_transition(user=staff, plan=plan, action=action)
    with pytest.raises(services.PlanError, match="План утверждён"):
        services.item_move(user=staff, item=plan.items.last(), direction="up")
    with pytest.raises(services.PlanError, match="План утверждён"):
        services.plan_renumber(user=staff, plan=plan)


def test_due_page_shows_overdue_and_this_month(client, plan, staff):
    services.plan_transition(user=staff, plan=plan, action="agree")
    login(client, staff)
    response = client.get(reverse("plans:due"))
    assert titles(response.context["overdue"]) == ["Просроченное"]
    assert "Потом" not in titles(response.context["this_month"])
    by_person = client.get(reverse("plans:due"), {"responsible": "яркина"})
    assert titles(by_person.context["overdue"]) == []


def test_drafts_and_done_items_are_not_due(client, plan, staff):
    login(client, staff)
    assert client.get(reverse("plans:due")).context["overdue"] == []  # the plan is a draft
    services.plan_transition(user=staff, plan=plan, action="agree")
    item = plan.items.get(title="Просроченное")
    services.item_update(user=staff, item=item, data={"status": ItemStatus.DONE})
    assert client.get(reverse("plans:due")).context["overdue"] == []


def test_weekly_reminder_goes_to_the_municipalitys_staff(plan, staff, staff_other):
    services.plan_transition(user=staff, plan=plan, action="agree")
    assert plan_reminders_send() == 1
    (letter,) = mail.outbox
    assert letter.to == [staff.email]
    assert "просрочено 1, скоро срок — 1" in letter.subject
    assert "Просроченное" in letter.body and "Скоро" in letter.body
    assert "Потом" not in letter.body
    assert "http://portal.test/plans/due/" in letter.body


def test_reminder_is_on_the_beat_schedule_every_monday(plan, staff):
    """What beat names is a task the worker knows, and running it sends the reminder."""
    entry = settings.CELERY_BEAT_SCHEDULE["plan-reminders-weekly"]
    moscow = ZoneInfo("Europe/Moscow")
    last_run = datetime(2026, 11, 23, 8, 0, tzinfo=moscow)  # a Monday morning
    for now, due in [
        (datetime(2026, 11, 29, 20, 0, tzinfo=moscow), False),  # Sunday evening
        (datetime(2026, 11, 30, 8, 1, tzinfo=moscow), True),  # the next Monday
    ]:
        schedule = copy.copy(entry["schedule"])
        schedule.nowfun = lambda now=now: now
        assert schedule.is_due(last_run).is_due is due, now
    services.plan_transition(user=staff, plan=plan, action="agree")
    celery_app.tasks[entry["task"]].delay()
    (letter,) = mail.outbox
    assert letter.to == [staff.email]


def test_move_buttons_through_the_page(client, plan, staff):
    login(client, staff)
    last = plan.items.order_by("position").last()
    client.post(reverse("plans:item_move", args=[last.pk, "up"]))
    client.post(reverse("plans:renumber", args=[plan.pk]))
    assert [i.title for i in plan.items.order_by("position")] == ["Просроченное", "Потом", "Скоро"]
    assert plan.state == PlanState.DRAFT
