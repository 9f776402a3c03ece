"""Each validation rule of the programme card answers with its message in Russian."""

import pytest
from django.urls import reverse

from programs.models import Organisation, Program, ProgramGroup
from tests.helpers import login
from tests.test_url_authorization import POST_DATA


@pytest.fixture
def post_program(client, coordinator_a, org_a):
    login(client, coordinator_a)

    def post(**changes):
        data = {**POST_DATA, "organisation": str(org_a.pk), **changes}
        data = {k: v for k, v in data.items() if v is not None}
        return client.post(reverse("programs:create"), data)

    return post


def test_valid_programme_is_saved_as_draft(post_program):
    response = post_program()
    assert response.status_code == 302
    program = Program.objects.get(name="Чужая программа")
    assert program.status == "draft"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"age_from": "-1"}, "больше либо равно 0"),
        ({"age_to": "19"}, "меньше либо равно 18"),
        ({"age_from": "12", "age_to": "7"}, "Возраст «до» не может быть меньше возраста «от»."),
        ({"duration_hours": "0"}, "больше либо равно 1"),
        ({"duration_months": "0"}, "больше либо равно 1"),
        ({"funding_budget": None}, "Укажите хотя бы один источник финансирования"),
        ({"funding_paid": "on"}, "Для платной программы укажите стоимость обучения."),
        ({"funding_paid": "on", "cost": "-100"}, "больше либо равно 0"),
        ({"ovz_suitable": "on"}, "выберите категории ОВЗ"),
        ({"ovz_categories": "vision"}, "не отмечена как подходящая для детей с ОВЗ"),
        ({"is_network": "on"}, "укажите хотя бы одного сетевого партнёра"),
        ({"study_form": "distance"}, "Заочная программа реализуется с применением ДОТ и ЭО"),
        ({"academic_year": "2025"}, "Укажите учебный год в виде 2025/2026."),
        ({"name": ""}, "Обязательное поле."),
        ({"focus": "cooking"}, "Выберите корректный вариант"),
        ({"ovz_suitable": "on", "ovz_categories": "telepathy"}, "Выберите корректный вариант"),
    ],
)
def test_programme_rule_message(post_program, changes, message):
    response = post_program(**changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Program.objects.filter(name="Чужая программа").exists()


def test_paid_programme_with_cost_is_accepted(post_program):
    assert post_program(funding_paid="on", cost="4500").status_code == 302


def test_ovz_programme_with_categories_is_accepted(post_program):
    response = post_program(ovz_suitable="on", ovz_categories=["vision", "hearing"])
    assert response.status_code == 302
    assert Program.objects.get().ovz_categories == ["vision", "hearing"]


def test_network_partner_inn_is_checked(post_program):
    response = post_program(
        is_network="on",
        **{
            "partners-TOTAL_FORMS": "1",
            "partners-0-name": "Технопарк",
            "partners-0-inn": "123",
        },
    )
    assert "ИНН состоит из 10 или 12 цифр." in response.content.decode()


def test_network_programme_with_partner_is_accepted(post_program):
    response = post_program(
        is_network="on",
        **{
            "partners-TOTAL_FORMS": "1",
            "partners-0-name": "ЛГТУ",
            "partners-0-inn": "4826012416",
            "partners-0-ogrn": "1024840838362",
        },
    )
    assert response.status_code == 302
    assert Program.objects.get().partners.get().name == "ЛГТУ"


@pytest.fixture
def post_group(client, coordinator_a, org_a):
    from tests.programs.factories import ProgramFactory

    login(client, coordinator_a)
    program = ProgramFactory(organisation=org_a, age_from=7, age_to=10)

    def post(**changes):
        data = {
            "name": "Группа 1",
            "teacher_name": "Петрова Анна",
            "age_from": "7",
            "age_to": "10",
            "places": "12",
            "schedule-TOTAL_FORMS": "3",
            "schedule-INITIAL_FORMS": "0",
            "schedule-0-weekday": "1",
            "schedule-0-time_start": "15:00",
            "schedule-0-time_end": "16:00",
            **changes,
        }
        return client.post(reverse("programs:group_create", args=[program.pk]), data)

    return post


def test_valid_group_is_saved(post_group):
    assert post_group().status_code == 302
    assert ProgramGroup.objects.get().schedule.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"age_from": "5"}, "Возраст группы должен быть в пределах возраста программы: 7–10 лет."),
        ({"age_from": "9", "age_to": "8"}, "Возраст «до» не может быть меньше возраста «от»."),
        ({"places": "0"}, "больше либо равно 1"),
        (
            {"enrolment_from": "2025-09-30", "enrolment_to": "2025-09-01"},
            "Окончание приёма заявок не может быть раньше его начала.",
        ),
        ({"schedule-0-time_end": "14:00"}, "Занятие должно заканчиваться позже, чем начинается."),
        ({"schedule-0-time_end": ""}, "Обязательное поле."),
        (
            {"schedule-0-weekday": "", "schedule-0-time_start": "", "schedule-0-time_end": ""},
            "Добавьте в расписание хотя бы одно занятие.",
        ),
        ({"teacher_name": ""}, "Обязательное поле."),
    ],
)
def test_group_rule_message(post_group, changes, message):
    response = post_group(**changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProgramGroup.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"inn": "12345"}, "ИНН состоит из 10 или 12 цифр."),
        ({"ogrn": "1"}, "ОГРН состоит из 13 или 15 цифр."),
        ({"email": "not-an-email"}, "Введите правильный адрес электронной почты."),
        ({"short_name": ""}, "Обязательное поле."),
    ],
)
def test_organisation_rule_message(client, staff, changes, message):
    login(client, staff)
    data = {**POST_DATA, "full_name": "МБОУ СШ № 9", "short_name": "СШ № 9", **changes}
    response = client.post(reverse("programs:organisation_create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_organisation_inn_unique_in_municipality(client, staff, org_a):
    login(client, staff)
    data = {**POST_DATA, "inn": org_a.inn}
    response = client.post(reverse("programs:organisation_create"), data)
    assert "Организация с таким ИНН в муниципалитете уже есть." in response.content.decode()


def test_second_support_centre_is_refused(client, staff, org_a):
    org_a.is_support_centre = True
    org_a.save()
    login(client, staff)
    data = {**POST_DATA, "is_support_centre": "on"}
    response = client.post(reverse("programs:organisation_create"), data)
    assert "В муниципалитете уже есть опорный центр." in response.content.decode()


@pytest.mark.parametrize(
    "inn, ogrn, error",
    [
        ("4826012417", "1024840838362", "Контрольная цифра ИНН не сходится"),
        ("4826012416", "1024840838363", "Контрольная цифра ОГРН не сходится"),
        ("48260124", "1024840838362", "ИНН состоит из 10 или 12 цифр"),
    ],
)
def test_organisation_identifiers_are_checked_by_their_check_digits(
    client, staff, inn, ogrn, error
):
    login(client, staff)
    response = client.post(
        reverse("programs:organisation_create"),
        {
            "full_name": "Муниципальное бюджетное учреждение дополнительного образования",
            "short_name": "МБУ ДО Проверка",
            "org_type": "additional",
            "department": "education",
            "inn": inn,
            "ogrn": ogrn,
            "address": "г. Задонск",
        },
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Organisation.objects.filter(short_name="МБУ ДО Проверка").exists()


def test_a_new_programme_opens_with_this_academic_year_filled_in(client, coordinator_a):
    from moc_portal.core.academic import academic_year

    login(client, coordinator_a)
    form = client.get(reverse("programs:create")).context["form"]
    assert form["academic_year"].value() == academic_year()
    assert "placeholder" not in form.fields["academic_year"].widget.attrs
