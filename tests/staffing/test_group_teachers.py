"""Groups name their teachers from the organisation's list (issue 33): «Фамилия И.О.» or the
full name, several separated by commas, matched by surname and initials with ё as е in any
case; an unknown or ambiguous name refused in Russian, in the form and in the import; the
public page and the Navigator get the name (and, on the page, the post) only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from navigator_sync import mapping
from programs.choices import ProgramStatus
from programs.models import Program, ProgramGroup, PublishedProgram
from programs.services import program_copy
from programs.staffing.matching import TeacherNameError, match_names
from programs.staffing.models import GroupTeacher, Teacher
from tests.helpers import login, move_to, seen
from tests.programs.factories import ProgramFactory, ProgramGroupFactory
from tests.programs.test_group_import import group_row, workbook
from tests.programs.test_imports import program_row
from tests.staffing.teachers import POST, teacher

pytestmark = pytest.mark.django_db


def unsaved(full_name: str) -> Teacher:
    surname, name, patronymic = full_name.split()
    return Teacher(surname=surname, name=name, patronymic=patronymic, post=POST)


SHATSKIKH = unsaved("Шацких Надежда Александровна")
KOROLYOV = unsaved("Королёв Сергей Семёнович")
PETROV_AA = unsaved("Петров Алексей Андреевич")
PETROV_AI = unsaved("Петров Антон Игоревич")
LIST = [SHATSKIKH, KOROLYOV, PETROV_AA, PETROV_AI]


# --- matching -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Шацких Н.А.", [SHATSKIKH]),
        ("Шацких Н. А.", [SHATSKIKH]),
        ("шацких н.а.", [SHATSKIKH]),
        ("ШАЦКИХ НАДЕЖДА АЛЕКСАНДРОВНА", [SHATSKIKH]),
        ("Шацких Надежда А.", [SHATSKIKH]),
        ("Шацких", [SHATSKIKH]),
        ("Королев С.С.", [KOROLYOV]),  # ё written as е
        ("Королёв Сергей Семенович", [KOROLYOV]),
        ("Петров А.А.", [PETROV_AA]),
        ("Петров Антон", [PETROV_AI]),
        ("Шацких Н.А., Петров А.И.", [SHATSKIKH, PETROV_AI]),
        ("Петров А.И.; Шацких Н.А., Шацких Надежда Александровна", [PETROV_AI, SHATSKIKH]),
    ],
)
def test_names_match_by_surname_and_initials(written, expected):
    assert list(match_names(written, LIST)) == expected


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "Петров С.С.",
            "Педагог «Петров С.С.» не найден в списке педагогов организации: добавьте его на "
            "странице «Педагоги»",
        ),
        (
            "Шацких Н.Б.",
            "Педагог «Шацких Н.Б.» не найден в списке педагогов организации: добавьте его на "
            "странице «Педагоги»",
        ),
        (
            "Петров А.",
            "Педагог «Петров А.» подходит нескольким педагогам: Петров Алексей Андреевич, "
            "Петров Антон Игоревич; укажите имя и отчество полностью",
        ),
        (
            "Шацких Н.А., петров",
            "Педагог «петров» подходит нескольким педагогам: Петров Алексей Андреевич, "
            "Петров Антон Игоревич; укажите имя и отчество полностью",
        ),
    ],
)
def test_an_unknown_or_ambiguous_name_is_refused(written, message):
    with pytest.raises(TeacherNameError) as refused:
        match_names(written, LIST)
    assert str(refused.value) == message


# --- the group's form -----------------------------------------------------------------------


@pytest.fixture
def post_group(client, coordinator_a, org_a):
    login(client, coordinator_a)
    program = ProgramFactory(organisation=org_a, age_from=7, age_to=10)

    def post(teacher_name, group=None):
        data = {
            "name": "Группа 1",
            "teacher_name": teacher_name,
            "age_from": "7",
            "age_to": "10",
            "places": "12",
            "schedule-TOTAL_FORMS": "1",
            "schedule-INITIAL_FORMS": "0",
            "schedule-0-weekday": "1",
            "schedule-0-time_start": "15:00",
            "schedule-0-time_end": "16:00",
        }
        if group is None:
            url = reverse("programs:group_create", args=[program.pk])
        else:
            url = reverse("programs:group_edit", args=[group.pk])
            data.update(seen(client, url), **{"schedule-INITIAL_FORMS": "1"})
        return client.post(url, data)

    return post


def test_the_form_stores_the_teachers_and_their_names_from_the_list(post_group, org_a):
    shatskikh = teacher(org_a, "Шацких Надежда Александровна")
    petrov = teacher(org_a, "Петров Сергей Семёнович")
    assert post_group("петров сергей семенович, Шацких Н. А.").status_code == 302
    group = ProgramGroup.objects.get()
    assert group.teacher_name == "Петров С.С., Шацких Н.А."
    assert [row.teacher for row in group.teachings.all()] == [petrov, shatskikh]

    response = post_group("Шацких Н.А.", group=group)
    assert response.status_code == 302, response.context["form"].errors
    group.refresh_from_db()
    assert [row.teacher for row in group.teachings.all()] == [shatskikh]


def test_namesakes_by_initials_are_named_in_full_so_a_save_again_matches(post_group, org_a):
    teacher(org_a, "Петров Алексей Андреевич")
    anton = teacher(org_a, "Петров Антон Андреевич")
    teacher(org_a, "Шацких Надежда Александровна")
    assert post_group("Петров Антон А., Шацких Н.А.").status_code == 302
    group = ProgramGroup.objects.get()
    assert group.teacher_name == "Петров Антон Андреевич, Шацких Н.А."
    assert post_group(group.teacher_name, group=group).status_code == 302
    assert group.teachings.first().teacher == anton


def test_the_form_refuses_an_unknown_name_and_writes_nothing(post_group, org_a, org_b):
    teacher(org_a, "Шацких Надежда Александровна")
    teacher(org_b, "Петров Алексей Андреевич")  # another organisation's teacher is not ours
    response = post_group("Петров А.А.")
    assert response.status_code == 200
    assert response.context["form"].errors["teacher_name"] == [
        "Педагог «Петров А.А.» не найден в списке педагогов организации: добавьте его на "
        "странице «Педагоги»"
    ]
    assert not ProgramGroup.objects.exists() and not GroupTeacher.objects.exists()


def test_a_teacher_who_left_is_no_longer_matched(post_group, org_a):
    teacher(org_a, "Шацких Надежда Александровна", left_on=timezone.localdate())
    teacher(org_a, "Петров Сергей Семёнович")
    response = post_group("Шацких Н.А.")
    assert "не найден в списке педагогов" in response.context["form"].errors["teacher_name"][0]


def test_free_text_is_kept_while_the_organisation_has_no_list(post_group, client, org_a):
    form = client.get(
        reverse("programs:group_create", args=[ProgramFactory(organisation=org_a).pk])
    )
    assert "Пока список педагогов организации пуст" in form.content.decode()
    assert post_group("Педагог  20-1").status_code == 302
    group = ProgramGroup.objects.get()
    assert group.teacher_name == "Педагог 20-1"
    assert not group.teachings.exists()


def test_a_copied_programme_keeps_its_groups_teachers(coordinator_a, org_a):
    shown = teacher(org_a, "Шацких Надежда Александровна")
    group = ProgramGroupFactory(program__organisation=org_a, teacher_name="Шацких Н.А.")
    GroupTeacher.objects.create(group=group, teacher=shown)
    copy = program_copy(user=coordinator_a, program=group.program)
    assert [row.teacher for row in GroupTeacher.objects.filter(group__program=copy)] == [shown]


# --- the import ----------------------------------------------------------------------------


@pytest.fixture
def confirm(client, django_capture_on_commit_callbacks):
    def confirm(job):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("programs:job_confirm", args=[job.pk]))
        job.refresh_from_db()
        return job

    return confirm


def test_the_import_matches_the_teacher_column(upload, confirm, coordinator_a, org_a):
    shatskikh = teacher(org_a, "Шацких Надежда Александровна")
    rows = [program_row(org_a.inn, "Робототехника")]
    groups = [group_row(org_a, **{"Педагог": "шацких надежда александровна"})]
    job = confirm(upload(coordinator_a, workbook(rows, groups)))
    assert job.state == "done", job.errors
    group = ProgramGroup.objects.get()
    assert group.teacher_name == "Шацких Н.А."
    assert [row.teacher for row in group.teachings.all()] == [shatskikh]


def test_the_import_refuses_an_unknown_teacher_with_row_and_column(upload, coordinator_a, org_a):
    teacher(org_a, "Шацких Надежда Александровна")
    rows = [program_row(org_a.inn, "Робототехника")]
    groups = [
        group_row(org_a, name="А", **{"Педагог": "Шацких Н.А."}),
        group_row(org_a, name="Б", **{"Педагог": "Петров А.А."}),
    ]
    job = upload(coordinator_a, workbook(rows, groups))
    (error,) = job.errors
    assert (error["row"], error["column"]) == (3, "Педагог")
    assert error["message"] == (
        "лист «Группы»: Педагог «Петров А.А.» не найден в списке педагогов организации: "
        "добавьте его на странице «Педагоги»"
    )
    assert not Program.objects.exists() and not GroupTeacher.objects.exists()


# --- what leaves the organisation ---------------------------------------------------------


@pytest.fixture
def published(org_a, staff, coordinator_a, django_capture_on_commit_callbacks):
    shown = teacher(
        org_a,
        "Шацких Надежда Александровна",
        education="higher_pedagogical",
        category="highest",
        category_date=timezone.localdate() - timedelta(days=700),
        experience_years=23,
        hired_on=timezone.localdate() - timedelta(days=3000),
    )
    program = ProgramFactory(organisation=org_a, name="Робототехника для начинающих")
    group = ProgramGroupFactory(program=program, teacher_name=shown.short_name)
    GroupTeacher.objects.create(group=group, teacher=shown)
    with django_capture_on_commit_callbacks(execute=True):
        move_to(program, ProgramStatus.PUBLISHED, staff=staff, coordinator=coordinator_a)
    return PublishedProgram.objects.select_related("program", "organisation__municipality").get()


def test_the_public_page_shows_the_teacher_name_and_post_only(client, published):
    page = client.get(reverse("programs:public_detail", args=[published.pk])).content.decode()
    assert "Шацких Надежда Александровна, педагог дополнительного образования" in page
    shown = Teacher.objects.get()
    dates = [shown.category_date.strftime("%d.%m.%Y"), shown.hired_on.strftime("%d.%m.%Y")]
    for private in ["Высшая", "педагогическое", "категори", "стаж", *dates]:
        assert private not in page, private


def test_the_navigator_gets_the_teacher_name(published):
    (group,) = mapping.program_payload(published)["groups"]
    assert group["teacher"] == "Шацких Надежда Александровна"


def test_after_retention_the_public_page_no_longer_names_the_teacher(
    client, published, settings, django_capture_on_commit_callbacks
):
    from programs.staffing.retention import teachers_personal_data_erase

    shown = Teacher.objects.get()
    Teacher.objects.filter(pk=shown.pk).update(left_on=timezone.localdate() - timedelta(days=40))
    settings.TEACHER_RETENTION_DAYS = 30
    with django_capture_on_commit_callbacks(execute=True):
        assert teachers_personal_data_erase() == 1
    page = client.get(reverse("programs:public_detail", args=[published.pk])).content.decode()
    assert "Шацких" not in page
    assert f"Педагог №{shown.pk} (данные удалены)" in page
    published.refresh_from_db()
    (group,) = mapping.program_payload(published)["groups"]
    assert "Шацких" not in group["teacher"]
