from datetime import date

import pytest
from django.urls import reverse

from plans.models import ItemStatus, Plan, PlanState
from tests.factories import StaffFactory
from tests.helpers import login, seen

HTMX = {"HX-Request": "true"}


@pytest.fixture
def plan(client, staff):
    login(client, staff)
    response = client.post(
        reverse("plans:create"),
        {
            "kind": "roadmap",
            "title": "Дорожная карта по созданию и функционированию МОЦ",
            "period_label": "2025-2026 учебный год",
            "period_start": "2025-09-01",
            "period_end": "2026-08-31",
            "agreed_post": "Начальник управления образования",
            "agreed_name": "В.А. Коваленко",
            "approved_post": "Директор МАУДО «Дворец пионеров»",
            "approved_name": "Н.П. Орлова",
        },
    )
    assert response.status_code == 302
    plan = Plan.objects.get()
    client.post(
        reverse("plans:section_add", args=[plan.pk]),
        {"section-number": "1.", "section-title": "Создание МОЦ"},
    )
    client.post(
        reverse("plans:item_add", args=[plan.pk]),
        {
            "item-section": plan.sections.get().pk,
            "item-title": "Определение координатора МОЦ",
            "item-period_text": "I квартал 2026 г.",
            "item-responsible": "Управление образования",
            "item-expected_result": "Приказ",
        },
    )
    return plan


def item_post(client, item, **changes):
    """The in-place form's fields as a browser sends them, with the snapshot it carries."""
    data = {
        **seen(client, reverse("plans:item_edit", args=[item.pk])),
        "number": item.number,
        "title": item.title,
        "period_text": item.period_text,
        "responsible": item.responsible,
        "expected_result": item.expected_result,
        "status": item.status,
        "result_quantitative": "",
        "result_qualitative": "",
        "evidence": "",
    }
    data.update(changes)
    return data


def test_staff_builds_a_plan_and_dates_follow_the_period(client, plan):
    item = plan.items.get()
    assert (item.number, item.starts_on, item.ends_on) == (
        "1.1",
        date(2026, 1, 1),
        date(2026, 3, 31),
    )
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert page.count('id="id_section-title"') == 1
    assert page.count('id="id_item-title"') == 1
    assert "«СОГЛАСОВАНО»" in page and "В.А. Коваленко" in page
    assert "1. Создание МОЦ" in page
    assert "I квартал 2026 г." in page and "01.01.2026–31.03.2026" in page


def test_item_is_edited_in_place(client, plan):
    item = plan.items.get()
    form = client.get(reverse("plans:item_edit", args=[item.pk]), headers=HTMX).content.decode()
    assert form.lstrip().startswith('<tr id="item-')
    assert 'hx-post="/plans/items/' in form
    assert 'name="seen"' in form and 'name="version"' not in form
    row = client.post(
        reverse("plans:item_edit", args=[item.pk]),
        item_post(client, item, responsible="Отдел дополнительного образования"),
        headers=HTMX,
    ).content.decode()
    assert row.lstrip().startswith('<tr id="item-')
    assert "Отдел дополнительного образования" in row
    item.refresh_from_db()
    assert item.responsible == "Отдел дополнительного образования"


def test_in_place_save_without_the_snapshot_changes_nothing(client, plan):
    item = plan.items.get()
    data = item_post(client, item, responsible="Без снимка")
    del data["seen"]
    page = client.post(reverse("plans:item_edit", args=[item.pk]), data, headers=HTMX)
    assert "Форма устарела или повреждена" in page.content.decode()
    item.refresh_from_db()
    assert item.responsible != "Без снимка"


def test_second_editor_sees_the_first_ones_change(client, plan, municipality):
    item = plan.items.get()
    stale = item_post(client, item, responsible="Мой вариант")
    client.post(
        reverse("plans:item_edit", args=[item.pk]),
        item_post(client, item, responsible="Их вариант"),
    )
    client.force_login(StaffFactory(municipality=municipality))
    page = client.post(reverse("plans:item_edit", args=[item.pk]), stale, headers=HTMX)
    body = page.content.decode()
    assert "Пока вы редактировали, эти сведения сохранил другой пользователь" in body
    assert "было: «Управление образования», стало: «Их вариант»" in body
    assert "Мой вариант" in body  # what this person typed stays in the form
    item.refresh_from_db()
    assert item.responsible == "Их вариант"


def test_approved_plan_offers_only_execution(client, plan):
    for action in ("agree", "approve"):
        client.post(reverse("plans:action", args=[plan.pk, action]))
    plan.refresh_from_db()
    assert plan.state == PlanState.APPROVED
    item = plan.items.get()
    form = client.get(reverse("plans:item_edit", args=[item.pk]), headers=HTMX).content.decode()
    assert 'name="title"' not in form
    assert 'name="status"' in form
    client.post(
        reverse("plans:item_edit", args=[item.pk]),
        {
            **seen(client, reverse("plans:item_edit", args=[item.pk])),
            "status": ItemStatus.DONE,
            "result_quantitative": "Приказ № 12",
        },
        headers=HTMX,
    )
    item.refresh_from_db()
    assert (item.status, item.result_quantitative) == (ItemStatus.DONE, "Приказ № 12")
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Новое мероприятие" not in page  # content is closed


def test_coordinator_reads_the_plan_without_editing(client, plan, coordinator_a, org_a):
    client.force_login(coordinator_a)
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Определение координатора МОЦ" in page
    assert "Изменить" not in page
    assert client.get(reverse("plans:item_edit", args=[plan.items.get().pk])).status_code == 403


def test_copy_through_the_page(client, plan):
    response = client.post(
        reverse("plans:copy", args=[plan.pk]),
        {
            "title": plan.title,
            "period_label": "2026-2027 учебный год",
            "period_start": "2026-09-01",
            "period_end": "2027-08-31",
        },
    )
    copy = Plan.objects.exclude(pk=plan.pk).get()
    assert response["Location"] == reverse("plans:detail", args=[copy.pk])
    assert copy.items.get().period_text == "I квартал 2027 г."
