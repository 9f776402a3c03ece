"""The teachers of an organisation (issue 33): who sees and edits them, what a save refuses
in Russian, the list's filters, leaving, and the erasure of personal data after retention."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from moc_portal.users.models import PersonalDataAction, PersonalDataEvent
from programs.staffing.models import Category, GroupTeacher, Teacher
from programs.staffing.retention import teachers_personal_data_erase
from tests.factories import AdministratorFactory
from tests.helpers import login, seen
from tests.programs.factories import OrganisationFactory, ProgramGroupFactory
from tests.staffing.teachers import POST, teacher

pytestmark = pytest.mark.django_db


def form_data(**changes):
    data = {
        "surname": "Шацких",
        "name": "Надежда",
        "patronymic": "Александровна",
        "post": POST,
        "employment": "main",
        "education": "higher_pedagogical",
        "category": "none",
        "category_date": "",
        "experience_years": "12",
        "focuses": ["technical"],
        "hired_on": "",
        "left_on": "",
    }
    data.update(changes)
    return data


def test_coordinator_adds_a_teacher_to_their_organisation(client, coordinator_a, org_a):
    login(client, coordinator_a)
    response = client.post(reverse("staffing:teacher_create", args=[org_a.pk]), form_data())
    added = Teacher.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staffing:teacher", args=[added.pk])
    assert (added.organisation, added.full_name, added.focuses) == (
        org_a,
        "Шацких Надежда Александровна",
        ["technical"],
    )


def test_coordinator_b_never_sees_organisation_a_teachers(client, coordinator_b, org_a, org_b):
    shown = teacher(org_a, "Шацких Надежда Александровна")
    own = teacher(org_b, "Петров Сергей Семёнович")
    login(client, coordinator_b)
    for name, pk in [
        ("staffing:teacher", shown.pk),
        ("staffing:teacher_edit", shown.pk),
        ("staffing:organisation_teachers", org_a.pk),
        ("staffing:teacher_create", org_a.pk),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 404, name
    page = client.get(reverse("staffing:teacher_list")).content.decode()
    assert own.full_name in page
    assert "Шацких" not in page
    response = client.post(reverse("staffing:teacher_edit", args=[shown.pk]), form_data(name="X"))
    assert response.status_code == 404
    assert Teacher.objects.get(pk=shown.pk).name == "Надежда"


def test_staff_see_the_municipality_and_other_staff_do_not(
    client, staff, staff_other, org_a, org_b
):
    teacher(org_a, "Шацких Надежда Александровна")
    teacher(org_b, "Петров Сергей Семёнович")
    login(client, staff)
    page = client.get(reverse("staffing:teacher_list")).content.decode()
    assert "Шацких Надежда Александровна" in page and "Петров Сергей Семёнович" in page
    by_organisation = client.get(reverse("staffing:teacher_list"), {"organisation": org_b.pk})
    assert "Шацких" not in by_organisation.content.decode()
    client.logout()
    login(client, staff_other)
    assert "Шацких" not in client.get(reverse("staffing:teacher_list")).content.decode()
    assert client.get(reverse("staffing:organisation_teachers", args=[org_a.pk])).status_code == 404


def test_staff_of_the_municipality_edit_a_teacher(client, staff, org_a):
    shown = teacher(org_a, "Шацких Надежда Александровна")
    login(client, staff)
    url = reverse("staffing:teacher_edit", args=[shown.pk])
    response = client.post(url, {**form_data(post="методист"), **seen(client, url)})
    assert response.status_code == 302
    shown.refresh_from_db()
    assert shown.post == "методист"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"category": "first", "category_date": ""},
            "category_date",
            "Укажите дату присвоения категории «Первая».",
        ),
        (
            {"category": "highest", "category_date": "2999-01-01"},
            "category_date",
            "Дата присвоения категории не может быть в будущем.",
        ),
        (
            {"hired_on": "2020-09-01", "left_on": "2020-08-31"},
            "left_on",
            "Дата увольнения не может быть раньше даты приёма на работу.",
        ),
    ],
)
def test_a_wrong_teacher_is_refused_in_russian(
    client, coordinator_a, org_a, changes, field, message
):
    login(client, coordinator_a)
    response = client.post(
        reverse("staffing:teacher_create", args=[org_a.pk]), form_data(**changes)
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not Teacher.objects.exists()


def test_the_category_date_of_today_is_accepted(client, coordinator_a, org_a):
    login(client, coordinator_a)
    today = timezone.localdate().isoformat()
    client.post(
        reverse("staffing:teacher_create", args=[org_a.pk]),
        form_data(category="first", category_date=today),
    )
    assert Teacher.objects.get().category == Category.FIRST


def test_a_duplicate_teacher_in_one_organisation_is_refused(client, coordinator_a, org_a, org_b):
    teacher(org_a, "Королёв Иван Петрович")
    teacher(org_b, "Шацких Надежда Александровна")  # another organisation's namesake is fine
    login(client, coordinator_a)
    response = client.post(
        reverse("staffing:teacher_create", args=[org_a.pk]),
        form_data(surname="королев", name="иван", patronymic="петрович"),
    )
    assert response.context["form"].non_field_errors() == [
        "Педагог королев иван петрович уже есть в списке организации «МБОУ СШ № 1»."
    ]
    assert Teacher.objects.filter(organisation=org_a).count() == 1
    response = client.post(reverse("staffing:teacher_create", args=[org_a.pk]), form_data())
    assert response.status_code == 302  # Шацких of org B is not org A's duplicate


def test_a_stale_save_is_refused_and_shows_the_other_change(client, coordinator_a, staff, org_a):
    shown = teacher(org_a, "Шацких Надежда Александровна")
    login(client, coordinator_a)
    url = reverse("staffing:teacher_edit", args=[shown.pk])
    opened = seen(client, url)
    Teacher.objects.filter(pk=shown.pk).update(post="методист")
    response = client.post(url, {**form_data(experience_years="13"), **opened})
    assert response.status_code == 200
    changes = {c.label: c.after for c in response.context["form"].conflict.changes}
    assert changes == {"Должность": "методист"}
    assert Teacher.objects.get(pk=shown.pk).experience_years is None


def test_a_teacher_who_left_stays_on_record_but_leaves_the_current_list(
    client, coordinator_a, org_a
):
    today = timezone.localdate()
    gone = teacher(org_a, "Петров Сергей Семёнович", left_on=today - timedelta(days=1))
    here = teacher(org_a, "Шацких Надежда Александровна")
    login(client, coordinator_a)
    url = reverse("staffing:organisation_teachers", args=[org_a.pk])
    current = client.get(url).content.decode()
    assert here.full_name in current and gone.full_name not in current
    left = client.get(url, {"state": "left"}).content.decode()
    assert gone.full_name in left and here.full_name not in left
    assert set(Teacher.objects.working(today - timedelta(days=2))) == {gone, here}


def test_the_list_filters_by_focus_category_and_name(client, staff, org_a):
    teacher(org_a, "Шацких Надежда Александровна", focuses=["technical", "arts"])
    teacher(
        org_a,
        "Петров Сергей Семёнович",
        focuses=["sport"],
        category="first",
        category_date=timezone.localdate(),
    )
    login(client, staff)
    url = reverse("staffing:teacher_list")

    def names(**query):
        page = client.get(url, query)
        return sorted(t.surname for t in page.context["page"])

    assert names(focus="arts") == ["Шацких"]
    assert names(category="first") == ["Петров"]
    assert names(q="шацких") == ["Шацких"]
    assert names(q="Сергей") == ["Петров"]


def test_the_teacher_card_shows_groups_taught_and_records_the_view(client, coordinator_a, org_a):
    shown = teacher(org_a, "Шацких Надежда Александровна")
    group = ProgramGroupFactory(program__organisation=org_a, name="Роботы-1")
    GroupTeacher.objects.create(group=group, teacher=shown)
    login(client, coordinator_a)
    page = client.get(reverse("staffing:teacher", args=[shown.pk])).content.decode()
    assert "Роботы-1" in page and group.program.name in page
    assert PersonalDataEvent.objects.filter(action=PersonalDataAction.VIEWED).exists()


def test_links_from_the_organisation_and_the_cabinet(client, coordinator_a, org_a):
    login(client, coordinator_a)
    url = reverse("staffing:organisation_teachers", args=[org_a.pk])
    organisation_page = client.get(reverse("programs:organisation_detail", args=[org_a.pk]))
    assert url in organisation_page.content.decode()
    assert url in client.get(reverse("users:cabinet")).content.decode()


def test_an_administrator_keeps_every_municipality(client, other_municipality):
    organisation = OrganisationFactory(municipality=other_municipality)
    shown = teacher(organisation, "Шацких Надежда Александровна")
    login(client, AdministratorFactory())
    assert client.get(reverse("staffing:teacher", args=[shown.pk])).status_code == 200


# --- retention ------------------------------------------------------------------------------


def test_personal_data_are_erased_after_the_retention(settings, org_a):
    settings.TEACHER_RETENTION_DAYS = 30
    today = timezone.localdate()
    old = teacher(
        org_a,
        "Шацких Надежда Александровна",
        left_on=today - timedelta(days=31),
        hired_on=today - timedelta(days=900),
        education="higher",
        category="first",
        category_date=today - timedelta(days=400),
        experience_years=20,
        focuses=["technical"],
    )
    recent = teacher(org_a, "Петров Сергей Семёнович", left_on=today - timedelta(days=29))
    working = teacher(org_a, "Иванова Мария Петровна")
    group = ProgramGroupFactory(program__organisation=org_a, teacher_name="Шацких Н.А.")
    GroupTeacher.objects.create(group=group, teacher=old)

    assert teachers_personal_data_erase() == 1
    old.refresh_from_db()
    assert old.full_name == f"Педагог №{old.pk} (данные удалены)"
    assert (old.education, old.category, old.category_date, old.experience_years) == (
        "",
        Category.NONE,
        None,
        None,
    )
    # What past reports count stays: the organisation, the dates worked, the focus areas.
    assert (old.organisation, old.left_on, old.focuses) == (
        org_a,
        today - timedelta(days=31),
        ["technical"],
    )
    assert old in Teacher.objects.working(today - timedelta(days=100))
    group.refresh_from_db()
    assert group.teacher_name == old.full_name
    assert Teacher.objects.get(pk=recent.pk).surname == "Петров"
    assert Teacher.objects.get(pk=working.pk).surname == "Иванова"
    assert PersonalDataEvent.objects.filter(action=PersonalDataAction.PURGED).count() == 1
    assert teachers_personal_data_erase() == 0  # safe to run twice


def test_the_retention_setting_defaults_to_five_years():
    from django.conf import settings

    assert settings.TEACHER_RETENTION_DAYS == 1825
    schedule = settings.CELERY_BEAT_SCHEDULE["teachers-personal-data-purge"]
    assert schedule["task"] == "programs.staffing.tasks.teachers_personal_data_purge"
