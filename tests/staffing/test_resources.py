"""An organisation's rooms and equipment: who keeps them, the pages, the Excel import."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from moc_portal.core.errors import DomainError
from programs.staffing import resource_imports, resources
from programs.staffing.models import Equipment, ResourceWord, Room, RoomKind
from tests.staffing.resource_factories import equipment, inventory_file, room

pytestmark = pytest.mark.django_db


def test_coordinator_adds_a_room_and_equipment_in_it(org_a, coordinator_a):
    made = resources.room_save(
        user=coordinator_a,
        organisation=org_a,
        data={"name": "Кванториум", "kind": RoomKind.LABORATORY, "capacity": 15},
    )
    item = resources.equipment_save(
        user=coordinator_a,
        organisation=org_a,
        data={"kind": "3D-принтер", "model": "Picaso", "count": 2, "room": made},
    )
    assert item.room == made
    assert ResourceWord.objects.filter(equipment=item, lemma="принтер").exists()
    assert ResourceWord.objects.filter(room=made, lemma="кванториум").exists()


def test_staff_of_the_municipality_adds_a_room(org_a, staff):
    resources.room_save(
        user=staff, organisation=org_a, data={"name": "Спортзал", "kind": RoomKind.HALL}
    )
    assert org_a.rooms.get().name == "Спортзал"


@pytest.mark.parametrize("persona", ["coordinator_b", "staff_other", "expert"])
def test_others_cannot_add_to_organisation_a(request, org_a, persona):
    with pytest.raises(PermissionDenied):
        resources.room_save(
            user=request.getfixturevalue(persona),
            organisation=org_a,
            data={"name": "Кабинет 1", "kind": RoomKind.CLASSROOM},
        )
    assert not Room.objects.exists()


def test_duplicate_room_name_refused_in_russian(org_a, coordinator_a):
    room(org_a, "Кабинет 12")
    with pytest.raises(ValidationError) as refused:
        resources.room_save(
            user=coordinator_a,
            organisation=org_a,
            data={"name": "кабинет 12 ", "kind": RoomKind.CLASSROOM},
        )
    assert "Помещение «кабинет 12» в организации уже есть." in refused.value.messages
    assert org_a.rooms.count() == 1


def test_equipment_in_another_organisations_room_refused(org_a, org_b, coordinator_a):
    theirs = room(org_b, "Кабинет 5")
    with pytest.raises(DomainError, match="Помещение «Кабинет 5» принадлежит другой организации"):
        resources.equipment_save(
            user=coordinator_a,
            organisation=org_a,
            data={"kind": "Ноутбук", "count": 3, "room": theirs},
        )
    assert not Equipment.objects.exists()


def test_count_of_zero_refused(org_a, coordinator_a):
    with pytest.raises(ValidationError) as refused:
        resources.equipment_save(
            user=coordinator_a, organisation=org_a, data={"kind": "Ноутбук", "count": 0}
        )
    assert "count" in refused.value.error_dict
    assert not Equipment.objects.exists()


def test_renamed_room_is_found_by_its_new_name_only(org_a, coordinator_a):
    made = room(org_a, "Студия робототехники")
    resources.room_save(
        user=coordinator_a, organisation=org_a, data={"name": "Кванториум"}, room=made
    )
    lemmas = set(ResourceWord.objects.filter(room=made).values_list("lemma", flat=True))
    assert "кванториум" in lemmas and "студия" not in lemmas


# --- pages ---------------------------------------------------------------------------------


def test_inventory_page_lists_rooms_and_equipment(client, org_a, coordinator_a):
    made = room(org_a, "Кванториум", RoomKind.LABORATORY, capacity=15)
    equipment(org_a, "3D-принтер", count=2, room=made)
    client.force_login(coordinator_a)
    page = client.get(reverse("staffing:inventory", args=[org_a.pk])).content.decode()
    assert "Кванториум" in page and "3D-принтер" in page and "Лаборатория" in page
    assert "1 помещение" in page


def test_coordinator_b_never_sees_organisation_a_inventory(client, org_a, org_b, coordinator_b):
    made = room(org_a, "Лаборатория Кулибина")
    item = equipment(org_a, "Лазерный гравёр")
    client.force_login(coordinator_b)
    assert client.get(reverse("staffing:inventory", args=[org_a.pk])).status_code == 404
    assert client.get(reverse("staffing:room_edit", args=[made.pk])).status_code == 404
    assert client.get(reverse("staffing:equipment_edit", args=[item.pk])).status_code == 404
    response = client.post(reverse("staffing:room_delete", args=[made.pk]))
    assert response.status_code == 404 and Room.objects.filter(pk=made.pk).exists()
    own = client.get(reverse("staffing:inventory", args=[org_b.pk])).content.decode()
    assert "Кулибина" not in own and "гравёр" not in own


def test_room_form_adds_a_room(client, org_a, coordinator_a):
    client.force_login(coordinator_a)
    response = client.post(
        reverse("staffing:room_create", args=[org_a.pk]),
        {"room-name": "Бассейн «Дельфин»", "room-kind": RoomKind.POOL, "room-capacity": "20"},
    )
    assert response.status_code == 302
    assert org_a.rooms.get().kind == RoomKind.POOL


def test_room_form_shows_duplicate_name(client, org_a, coordinator_a):
    room(org_a, "Кабинет 12")
    client.force_login(coordinator_a)
    response = client.post(
        reverse("staffing:room_create", args=[org_a.pk]),
        {"room-name": "Кабинет 12", "room-kind": RoomKind.CLASSROOM},
    )
    assert "Помещение «Кабинет 12» в организации уже есть." in response.content.decode()


def test_organisation_card_shows_rooms_count_beside_classrooms(client, org_a, coordinator_a):
    org_a.classrooms = 4
    org_a.save()
    room(org_a, "Кабинет 1")
    room(org_a, "Кабинет 2")
    client.force_login(coordinator_a)
    page = client.get(reverse("programs:organisation_detail", args=[org_a.pk])).content.decode()
    assert "в перечне: 2 помещения" in page


def test_template_has_both_sheets(client, org_a, coordinator_a):
    import io

    from openpyxl import load_workbook

    client.force_login(coordinator_a)
    response = client.get(reverse("staffing:inventory_template", args=[org_a.pk]))
    book = load_workbook(io.BytesIO(response.content))
    assert {"Помещения", "Оборудование"} <= set(book.sheetnames)
    assert [c.value for c in book["Оборудование"][2]][:4] == [
        "Вид оборудования",
        "Модель, описание",
        "Количество",
        "Помещение",
    ]


# --- import --------------------------------------------------------------------------------


def test_import_writes_rooms_and_equipment(org_a, coordinator_a):
    data = inventory_file(
        rooms=[("Кванториум", "Лаборатория", 15, "да", ""), ("Бассейн", "бассейн", 25, "нет", "")],
        equipment=[("3D-принтер", "Picaso", 2, "Кванториум"), ("Ноутбук", "", 10, "")],
    )
    counts = resource_imports.import_inventory(user=coordinator_a, organisation=org_a, data=data)
    assert counts == {"rooms": 2, "equipment": 2}
    quantorium = org_a.rooms.get(name="Кванториум")
    assert quantorium.accessible and quantorium.kind == RoomKind.LABORATORY
    assert org_a.equipment.get(kind="3D-принтер").room == quantorium
    # The same file again changes nothing: rooms by name, equipment by kind, model and room.
    resource_imports.import_inventory(user=coordinator_a, organisation=org_a, data=data)
    assert org_a.rooms.count() == 2 and org_a.equipment.count() == 2


def test_import_with_errors_writes_nothing_and_names_each_row(org_a, coordinator_a):
    data = inventory_file(
        rooms=[
            ("Кванториум", "Лаборатория", 15, "да", ""),
            ("кванториум", "Лаборатория", 10, "нет", ""),
            ("Гараж", "Ангар", None, None, ""),
        ],
        equipment=[
            ("3D-принтер", "Picaso", 0, "Кванториум"),
            ("Ноутбук", "", 3, "Кабинет 99"),
            ("Станок", "", 1, ""),
        ],
    )
    with pytest.raises(resource_imports.InventoryImportError) as refused:
        resource_imports.import_inventory(user=coordinator_a, organisation=org_a, data=data)
    errors = refused.value.errors
    assert any(
        e.startswith(
            "Лист «Помещения», строка 4, колонка «Помещение»: помещение «кванториум» "
            "уже есть в строке 3"
        )
        for e in errors
    ), errors
    assert any(e.startswith("Лист «Помещения», строка 5, колонка «Вид»: «Ангар»") for e in errors)
    assert any("строка 3, колонка «Количество»: количество — от 1" in e for e in errors)
    assert any("строка 4, колонка «Помещение»: помещения «Кабинет 99» нет" in e for e in errors)
    assert len(errors) == 4
    assert not Room.objects.exists() and not Equipment.objects.exists()


def test_import_equipment_may_name_a_room_already_on_the_portal(org_a, coordinator_a):
    room(org_a, "Кабинет 12")
    data = inventory_file(equipment=[("Микроскоп", "", 5, "кабинет 12")], sheets=["Оборудование"])
    resource_imports.import_inventory(user=coordinator_a, organisation=org_a, data=data)
    assert org_a.equipment.get().room.name == "Кабинет 12"


def test_import_by_another_coordinator_refused(org_a, coordinator_b):
    data = inventory_file(rooms=[("Кабинет 1", "Учебный кабинет", 10, "нет", "")])
    with pytest.raises(PermissionDenied):
        resource_imports.import_inventory(user=coordinator_b, organisation=org_a, data=data)
    assert not Room.objects.exists()


def test_import_page_lists_errors(client, org_a, coordinator_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = inventory_file(equipment=[("Ноутбук", "", -1, "")], sheets=["Оборудование"])
    client.force_login(coordinator_a)
    response = client.post(
        reverse("staffing:inventory_import", args=[org_a.pk]),
        {"file": SimpleUploadedFile("inv.xlsx", data)},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Файл не загружен" in page
    assert "Лист «Оборудование», строка 3, колонка «Количество»" in page
    assert not Equipment.objects.exists()


def test_import_of_not_an_excel_file_says_so(client, org_a, coordinator_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(coordinator_a)
    response = client.post(
        reverse("staffing:inventory_import", args=[org_a.pk]),
        {"file": SimpleUploadedFile("inv.xlsx", b"not a zip")},
    )
    assert "не таблица Excel" in response.content.decode()


def test_equipment_edit_page_moves_it_to_another_room(client, org_a, coordinator_a):
    first, second = room(org_a, "Кабинет 1"), room(org_a, "Кабинет 2")
    item = equipment(org_a, "Микроскоп", count=3, room=first)
    client.force_login(coordinator_a)
    response = client.post(
        reverse("staffing:equipment_edit", args=[item.pk]),
        {"kind": "Микроскоп цифровой", "model": "", "count": "4", "room": second.pk},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.room, item.count, item.kind) == (second, 4, "Микроскоп цифровой")
    assert ResourceWord.objects.filter(equipment=item, lemma="цифровой").exists()


def test_equipment_form_offers_only_own_rooms(client, org_a, org_b, coordinator_a):
    theirs = room(org_b, "Лаборатория Кулибина")
    client.force_login(coordinator_a)
    response = client.post(
        reverse("staffing:equipment_create", args=[org_a.pk]),
        {"equipment-kind": "Ноутбук", "equipment-count": "2", "equipment-room": theirs.pk},
    )
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()
    assert not Equipment.objects.exists()


def test_staff_deletes_a_room_and_its_words(client, org_a, staff):
    made = room(org_a, "Кабинет 1")
    client.force_login(staff)
    response = client.post(reverse("staffing:room_delete", args=[made.pk]))
    assert response.status_code == 302
    assert not Room.objects.exists() and not ResourceWord.objects.exists()
