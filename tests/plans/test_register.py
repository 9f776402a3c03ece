"""The media register, events, evidence files, sections and the plan's history."""

import io
import os
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from plans import selectors, services
from plans.models import Channel, Event, EvidenceFile, ItemStatus, PlanKind, Publication
from tests.helpers import login, seen
from tests.plans.factories import PlanFactory

from .test_services import move


@pytest.fixture
def media_plan(municipality, staff):
    plan = PlanFactory(
        municipality=municipality,
        kind=PlanKind.MEDIA,
        title="Медиаплан освещения деятельности МОЦ",
        period_label="2025 год",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        signed=True,
    )
    for title in ["Поддержание портала МОЦ", "Пресс-релизы и пост-релизы"]:
        services.item_add(
            user=staff,
            plan=plan,
            section=None,
            data={"title": title, "period_text": "В течение года"},
        )
    return plan


def publish(client, item, channel, title, day="2025-03-10"):
    return client.post(
        reverse("plans:media"),
        {
            "new-published_on": day,
            "new-channel": channel,
            "new-title": title,
            "new-url": "https://moc.example/news/1/",
            "new-item": item.pk if item else "",
        },
    )


def test_register_counts_publications_per_item_and_channel(client, staff, media_plan):
    login(client, staff)
    portal, press = media_plan.items.order_by("position")
    assert publish(client, portal, "portal", "Новый раздел портала").status_code == 302
    publish(client, portal, "portal", "Обновление документов")
    publish(client, press, "social", "Пресс-релиз семинара")
    publish(client, press, "press", "Статья в газете")
    publish(client, None, "video", "Ролик без пункта плана")
    counts = selectors.publication_counts(Publication.objects.all())
    channels = [value for value, _ in Channel.choices]
    table = {row["item"]: dict(zip(channels, row["counts"], strict=True)) for row in counts}
    assert table[portal]["portal"] == 2 and sum(table[portal].values()) == 2
    assert table[press]["social"] == 1 and table[press]["press"] == 1
    assert table[None]["video"] == 1
    assert [row["item"] for row in counts] == [portal, press, None]
    page = client.get(reverse("plans:media"), {"channel": "portal"})
    assert page.context["total"] == 2
    assert "Новый раздел портала" in page.content.decode()
    assert "Статья в газете" not in page.content.decode()


def test_register_export_follows_the_filter(client, staff, media_plan):
    login(client, staff)
    portal, press = media_plan.items.order_by("position")
    publish(client, portal, "portal", "Новость портала", day="2025-02-01")
    publish(client, press, "press", "Статья", day="2025-04-01")
    response = client.get(reverse("plans:media_export"), {"date_from": "2025-03-01"})
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))[1:]  # under the title row
    assert rows[0][:3] == ("Дата", "Канал", "Заголовок")
    assert [row[1:3] for row in rows[1:]] == [("Пресса", "Статья")]
    # Seven columns print at 5 pt one page wide: a copy of the key ones is for paper.
    assert book.sheetnames == ["Публикации", "Для печати"]
    copy = list(book["Для печати"].iter_rows(values_only=True))[1:]
    assert copy[0] == ("Дата", "Канал", "Заголовок", "Ссылка", "Мероприятие плана")
    assert [row[1:3] for row in copy[1:]] == [("Пресса", "Статья")]


def test_publication_needs_a_date_channel_and_title(client, staff, media_plan):
    login(client, staff)
    response = client.post(reverse("plans:media"), {"new-title": ""})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {"published_on", "channel", "title"}
    assert Publication.objects.count() == 0


def test_other_municipality_cannot_see_or_link_to_the_register(
    client, staff, staff_other, media_plan
):
    item = media_plan.items.first()
    publication = services.publication_save(
        user=staff,
        publication=Publication(published_on=date(2025, 1, 5), channel="portal", title="Наша"),
    )
    login(client, staff_other)
    assert "Наша" not in client.get(reverse("plans:media")).content.decode()
    edit = reverse("plans:publication_edit", args=[publication.pk])
    assert client.get(edit).status_code == 404
    response = publish(client, item, "portal", "Чужая ссылка")
    assert response.status_code == 200 and "item" in response.context["form"].errors
    with pytest.raises(PermissionDenied):
        services.publication_save(
            user=staff_other,
            publication=Publication(
                item=item, published_on=date(2025, 1, 5), channel="portal", title="Чужая"
            ),
        )
    assert Publication.objects.count() == 1


def test_coordinators_and_experts_have_no_register(client, coordinator_a, expert):
    for person in (coordinator_a, expert):
        login(client, person)
        assert client.get(reverse("plans:media")).status_code == 403
        assert client.get(reverse("plans:events")).status_code == 403


def test_events_with_participants_linked_to_items(client, staff, media_plan):
    login(client, staff)
    item = media_plan.items.first()
    response = client.post(
        reverse("plans:events"),
        {
            "new-kind": "seminar",
            "new-title": "Семинар для координаторов «Навигатора»",
            "new-starts_on": "2025-10-14",
            "new-ends_on": "2025-10-10",
            "new-audience": ["teachers", "managers"],
            "new-participants": "45",
            "new-item": item.pk,
        },
    )
    assert response.status_code == 200
    assert "Окончание не может быть раньше начала." in response.content.decode()
    data = {
        "new-kind": "seminar",
        "new-title": "Семинар для координаторов «Навигатора»",
        "new-starts_on": "2025-10-14",
        "new-audience": ["teachers", "managers"],
        "new-participants": "45",
        "new-item": item.pk,
        "new-is_public": "on",
    }
    assert client.post(reverse("plans:events"), data).status_code == 302
    event = Event.objects.get()
    assert (event.item, event.participants, event.is_public) == (item, 45, True)
    assert event.get_audience_display() == "Педагоги, Руководители организаций"
    page = client.get(reverse("plans:events"))
    assert page.context["totals"] == {"events": 1, "people": 45}


def test_evidence_files_after_approval_download_and_delete(
    client, staff, coordinator_a, org_a, media_plan, django_capture_on_commit_callbacks
):
    plan = move(media_plan, "approved", staff)
    item = plan.items.first()
    login(client, staff)
    url = reverse("plans:item_evidence", args=[item.pk])
    response = client.post(url, {"title": "Скрипт", "file": SimpleUploadedFile("run.exe", b"MZ")})
    assert response.status_code == 200
    assert "run.exe" not in str(EvidenceFile.objects.all())
    assert "Расширение файлов" in response.content.decode()
    huge = SimpleUploadedFile("scan.pdf", b"%PDF" + b"0" * (20 * 2**20))
    response = client.post(url, {"title": "Скан", "file": huge})
    assert "Файл больше 20 МБ" in response.content.decode()
    response = client.post(
        url, {"title": "Приказ о проведении", "file": SimpleUploadedFile("prikaz.pdf", b"%PDF")}
    )
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get()
    path = evidence.file.path
    # Issue 16: a reader of the municipality's plans sees the file listed, but only the
    # municipality's staff and administrators open it.
    login(client, coordinator_a)
    assert client.get(reverse("plans:evidence_download", args=[evidence.pk])).status_code == 403
    login(client, staff)
    download = client.get(reverse("plans:evidence_download", args=[evidence.pk]))
    assert b"".join(download.streaming_content) == b"%PDF"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("plans:evidence_delete", args=[evidence.pk]))
    assert not EvidenceFile.objects.exists()
    assert not os.path.exists(path)


def test_section_edit_move_and_delete(client, staff, media_plan):
    plan = media_plan
    first = services.section_add(user=staff, plan=plan, title="Первый")
    second = services.section_add(user=staff, plan=plan, title="Второй")
    services.item_add(user=staff, plan=plan, section=second, data={"title": "Семинар"})
    login(client, staff)
    client.post(reverse("plans:section_move", args=[second.pk, "up"]))
    assert list(plan.sections.values_list("title", flat=True)) == ["Второй", "Первый"]
    url = reverse("plans:section_edit", args=[first.pk])
    client.post(url, {"number": "2", "title": "Итоги", **seen(client, url)})
    first.refresh_from_db()
    assert (first.number, first.title) == ("2", "Итоги")
    response = client.post(reverse("plans:section_delete", args=[second.pk]), follow=True)
    assert "В разделе есть мероприятия" in response.content.decode()
    client.post(reverse("plans:section_delete", args=[first.pk]))
    assert list(plan.sections.values_list("title", flat=True)) == ["Второй"]
    move(plan, "approved", staff)
    with pytest.raises(services.PlanError, match="План утверждён"):
        services.section_update(user=staff, section=second, number="1", title="Другое")


def test_item_moves_to_another_section_at_its_end(staff, media_plan):
    plan = media_plan
    target = services.section_add(user=staff, plan=plan, title="Раздел")
    services.item_add(user=staff, plan=plan, section=target, data={"title": "Уже здесь"})
    item = plan.items.filter(section=None).first()
    item = services.item_update(user=staff, item=item, data={"section": target})
    assert (item.section, item.position) == (target, 1)
    other = PlanFactory(municipality=plan.municipality, title="Другой")
    foreign = services.section_add(user=staff, plan=other, title="Чужой раздел")
    with pytest.raises(PermissionDenied):
        services.item_update(user=staff, item=item, data={"section": foreign})


def test_dates_stay_as_set_unless_the_period_text_changes(staff, media_plan):
    item = media_plan.items.first()
    item = services.item_update(
        user=staff,
        item=item,
        data={"starts_on": date(2025, 3, 1), "ends_on": date(2025, 3, 31)},
    )
    assert (item.starts_on, item.ends_on) == (date(2025, 3, 1), date(2025, 3, 31))
    item = services.item_update(user=staff, item=item, data={"period_text": "IV квартал 2025 г."})
    assert (item.starts_on, item.ends_on) == (date(2025, 10, 1), date(2025, 12, 31))
    with pytest.raises(ValidationError):
        services.event_save(
            user=staff,
            event=Event(kind="x", title="Неизвестный вид", starts_on=date(2025, 1, 1)),
        )


def test_every_change_after_approval_is_in_the_plan_history(client, staff, media_plan):
    plan = move(media_plan, "approved", staff)
    item = plan.items.first()
    login(client, staff)
    client.post(
        reverse("plans:item_edit", args=[item.pk]),
        {
            **seen(client, reverse("plans:item_edit", args=[item.pk])),
            "status": ItemStatus.DONE,
            "result_quantitative": "12 публикаций",
            "result_qualitative": "",
            "evidence": "",
        },
    )
    rows = selectors.plan_history(plan)
    latest = rows[0]
    assert latest["subject"].startswith("Мероприятие 1")
    assert latest["record"].history_user == staff
    changes = {c["label"]: (c["old"], c["new"]) for c in latest["changes"]}
    assert changes["Статус"] == ("Запланировано", "Выполнено")
    assert changes["Результат (количественный)"] == ("—", "12 публикаций")
    assert any(row["subject"] == "План" for row in rows)
    page = client.get(reverse("plans:history", args=[plan.pk]))
    assert "12 публикаций" in page.content.decode()
