import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from programs import services
from programs.choices import ProgramStatus
from programs.models import Organisation, Program
from tests.helpers import login, move_to, seen
from tests.programs.factories import OrganisationFactory, ProgramFactory, ProgramGroupFactory
from tests.test_url_authorization import POST_DATA


@pytest.fixture
def program_b(org_b):
    program = ProgramFactory(organisation=org_b, name="Программа организации Б")
    ProgramGroupFactory(program=program)
    return program


def test_coordinator_cannot_open_other_organisation_programme_pages(
    client, coordinator_a, program_b
):
    login(client, coordinator_a)
    group = program_b.groups.get()
    pages = [
        reverse("programs:detail", args=[program_b.pk]),
        reverse("programs:edit", args=[program_b.pk]),
        reverse("programs:group_create", args=[program_b.pk]),
        reverse("programs:group_edit", args=[group.pk]),
        reverse("programs:organisation_detail", args=[program_b.organisation_id]),
        reverse("programs:organisation_edit", args=[program_b.organisation_id]),
    ]
    for page in pages:
        assert client.get(page).status_code == 404, page


def test_coordinator_cannot_act_on_other_organisation_programme(client, coordinator_a, program_b):
    login(client, coordinator_a)
    for action in ("submit", "archive", "withdraw"):
        url = reverse("programs:action", args=[program_b.pk, action])
        assert client.post(url).status_code == 404
    assert client.post(reverse("programs:copy", args=[program_b.pk])).status_code == 404
    group = program_b.groups.get()
    assert client.post(reverse("programs:group_delete", args=[group.pk])).status_code == 404
    program_b.refresh_from_db()
    assert program_b.status == ProgramStatus.DRAFT
    assert program_b.groups.count() == 1


def test_coordinator_list_shows_only_own_programmes(client, coordinator_a, program_a, program_b):
    login(client, coordinator_a)
    page = client.get(reverse("programs:list")).content.decode()
    assert program_a.name in page
    assert program_b.name not in page


def test_coordinator_cannot_create_programme_for_other_organisation_through_form(
    client, coordinator_a, org_b
):
    login(client, coordinator_a)
    response = client.post(reverse("programs:create"), {**POST_DATA, "organisation": str(org_b.pk)})
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()
    assert not Program.objects.filter(organisation=org_b).exists()


def test_coordinator_cannot_move_programme_to_other_organisation_through_form(
    client, coordinator_a, program_a, org_b
):
    login(client, coordinator_a)
    response = client.post(
        reverse("programs:edit", args=[program_a.pk]), {**POST_DATA, "organisation": str(org_b.pk)}
    )
    assert response.status_code == 200
    program_a.refresh_from_db()
    assert program_a.organisation_id != org_b.pk


def test_services_refuse_other_organisation(coordinator_a, program_a, org_b, program_b):
    with pytest.raises(PermissionDenied):
        services.program_update(user=coordinator_a, program=program_a, data={"organisation": org_b})
    with pytest.raises(PermissionDenied):
        services.program_update(user=coordinator_a, program=program_b, data={"name": "x"})
    with pytest.raises(PermissionDenied):
        services.program_create(user=coordinator_a, organisation=org_b, data={})
    with pytest.raises(PermissionDenied):
        services.program_copy(user=coordinator_a, program=program_b)
    with pytest.raises(PermissionDenied):
        services.group_delete(user=coordinator_a, group=program_b.groups.get())


def test_group_of_one_programme_cannot_be_saved_under_another(coordinator_a, program_a, org_a):
    other = ProgramFactory(organisation=org_a)
    group = program_a.groups.get()
    with pytest.raises(PermissionDenied):
        services.group_save(user=coordinator_a, program=other, group=group, schedule=[])


def test_staff_of_other_municipality_cannot_touch(
    staff_other, program_a, org_a, staff, coordinator_a
):
    with pytest.raises(PermissionDenied):
        services.program_update(user=staff_other, program=program_a, data={"name": "x"})
    with pytest.raises(PermissionDenied):
        services.organisation_update(user=staff_other, organisation=org_a, data={"short_name": "x"})
    with pytest.raises(PermissionDenied):
        services.coordinator_invite(
            user=staff_other, organisation=org_a, email="a@b.ru", last_name="А", first_name="Б"
        )
    program = move_to(
        program_a, ProgramStatus.ON_MODERATION, staff=staff, coordinator=coordinator_a
    )
    with pytest.raises(PermissionDenied):
        services.program_approve(program=program, user=staff_other)


def test_staff_cannot_create_organisation_in_other_municipality(staff, other_municipality):
    with pytest.raises(PermissionDenied):
        services.organisation_create(
            user=staff,
            data={
                "municipality": other_municipality,
                "full_name": "Чужая",
                "short_name": "Чужая",
                "org_type": "general",
                "inn": "4800000001",
                "ogrn": "1024800000001",
                "address": "—",
            },
        )
    assert not Organisation.objects.filter(short_name="Чужая").exists()


def test_staff_other_municipality_sees_empty_lists(
    client, staff_other, program_a, staff, coordinator_a
):
    move_to(program_a, ProgramStatus.ON_MODERATION, staff=staff, coordinator=coordinator_a)
    login(client, staff_other)
    assert program_a.name not in client.get(reverse("programs:moderation")).content.decode()
    assert program_a.name not in client.get(reverse("programs:list")).content.decode()
    page = client.get(reverse("programs:organisation_list")).content.decode()
    assert program_a.organisation.short_name not in page


def test_coordinator_edits_only_profile_fields_of_own_organisation(client, coordinator_a, org_a):
    with pytest.raises(PermissionDenied):
        services.organisation_update(
            user=coordinator_a, organisation=org_a, data={"is_support_centre": True}
        )
    login(client, coordinator_a)
    url = reverse("programs:organisation_edit", args=[org_a.pk])
    response = client.post(
        url,
        {
            "short_name": "Новое краткое",
            "address": "Новый адрес",
            "is_support_centre": "on",
            "inn": "4899999999",
            **seen(client, url),
        },
    )
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.short_name == "Новое краткое"
    assert org_a.is_support_centre is False
    assert org_a.inn != "4899999999"


def test_public_page_shows_only_published(
    client, program_a, staff, coordinator_a, django_capture_on_commit_callbacks
):
    url = reverse("programs:public_detail", args=[program_a.pk])
    assert client.get(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        move_to(program_a, ProgramStatus.PUBLISHED, staff=staff, coordinator=coordinator_a)
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        services.program_archive(program=program_a, user=staff)
    assert client.get(url).status_code == 404


def test_public_page_shows_approved_version_during_remoderation(
    client, program_a, staff, coordinator_a
):
    program = move_to(program_a, ProgramStatus.PUBLISHED, staff=staff, coordinator=coordinator_a)
    approved = program.name
    services.program_update(user=coordinator_a, program=program, data={"name": "Неодобренное имя"})
    page = client.get(reverse("programs:public_detail", args=[program.pk])).content.decode()
    assert approved in page
    assert "Неодобренное имя" not in page
    home = client.get(reverse("home")).content.decode()
    assert "Неодобренное имя" not in home


def test_expert_has_no_registry(client, expert, program_a):
    login(client, expert)
    assert client.get(reverse("programs:list")).status_code == 403
    assert client.get(reverse("programs:detail", args=[program_a.pk])).status_code == 403


def test_administrator_sees_every_municipality(client, administrator, program_a):
    OrganisationFactory()
    login(client, administrator)
    assert client.get(reverse("programs:detail", args=[program_a.pk])).status_code == 200
    page = client.get(reverse("programs:organisation_list")).content.decode()
    assert page.count("<tr>") >= 3


def test_registry_search_ignores_case_in_russian(client, staff, org_a):
    ProgramFactory(organisation=org_a, name="Робототехника и ИИ")
    ProgramFactory(organisation=org_a, name="Хореография")
    login(client, staff)
    page = client.get(reverse("programs:list"), {"q": "РОБОТ"}).content.decode()
    assert "Робототехника и ИИ" in page
    assert "Хореография" not in page
    page = client.get(reverse("programs:list"), {"q": "мбоу сш № 1"}).content.decode()
    assert "Робототехника и ИИ" in page


def test_coordinator_list_shows_last_moderator_comment(client, program_a, staff, coordinator_a):
    program = move_to(
        program_a, ProgramStatus.ON_MODERATION, staff=staff, coordinator=coordinator_a
    )
    services.program_return(program=program, user=staff, comment="Добавьте второе занятие.")
    login(client, coordinator_a)
    page = client.get(reverse("programs:list")).content.decode()
    assert "Добавьте второе занятие." in page


def test_cabinet_shows_returned_programmes_with_comments_in_fixed_queries(
    client, org_a, staff, coordinator_a, django_assert_max_num_queries
):
    for i in range(4):
        program = ProgramFactory(organisation=org_a, name=f"Возвращённая {i}")
        ProgramGroupFactory(program=program)
        program = move_to(
            program, ProgramStatus.ON_MODERATION, staff=staff, coordinator=coordinator_a
        )
        services.program_return(program=program, user=staff, comment=f"Исправьте пункт {i}.")
    login(client, coordinator_a)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("users:cabinet")).content.decode()
    assert "Исправьте пункт 3." in page
    assert "Комментарий модератора (" in page
