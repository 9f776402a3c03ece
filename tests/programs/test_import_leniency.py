"""A registry file as a centre fills it: choices typed the way people type them (read to the
canonical value the preview shows, or refused naming the allowed ones), programmes loaded as
drafts without their long texts, and templates whose examples are this year and this place."""

import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from moc_portal.core import sheet_cells as cells
from moc_portal.core.academic import academic_year
from programs import services, spreadsheets
from programs.choices import GroupFunding, Level, ProgramStatus, StudyForm
from programs.models import Program, Settlement
from programs.readiness import publishing_needs
from tests.helpers import login
from tests.programs.factories import (
    GroupScheduleFactory,
    MunicipalityFactory,
    ProgramFactory,
    ProgramGroupFactory,
)
from tests.programs.test_group_import import group_row, workbook
from tests.programs.test_imports import HEADER, error_messages, program_row, xlsx

COLUMNS = {c.header: c for c in spreadsheets.PROGRAM_COLUMNS + spreadsheets.GROUP_COLUMNS}
TEXTS = ["Краткое описание", "Содержание программы", "Цели и задачи", "Ожидаемые результаты"]


def read(header, value):
    return cells.convert_cell(COLUMNS[header], value)


# --- choices as people type them ------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "typed", "code"),
    [
        ("Уровень", "Стартовый (ознакомительный)", Level.STARTING),
        ("Уровень", "Стартовый", Level.STARTING),  # the part before the bracket
        ("Уровень", "ознакомительный", Level.STARTING),  # what the bracket holds
        ("Уровень", "стартовое", Level.STARTING),  # another form of the word
        ("Уровень", "  «БАЗОВЫЙ». ", Level.BASIC),  # case, quotes, spaces, a full stop
        ("Уровень", "продвинутая", Level.ADVANCED),
        ("Уровень", "basic", Level.BASIC),  # the code itself
        ("Финансирование", "платно", GroupFunding.PAID),
        ("Финансирование", "платное", GroupFunding.PAID),
        ("Финансирование", "Платно", GroupFunding.PAID),
        ("Финансирование", "платная", GroupFunding.PAID),
        ("Финансирование", "бесплатное", GroupFunding.BUDGET),
        ("Финансирование", "бюджетное", GroupFunding.BUDGET),
        ("Финансирование", "Сертификат", GroupFunding.CERTIFICATE),
        ("Финансирование", "по сертификату ПФДО", GroupFunding.CERTIFICATE),
        ("Направленность", "техническое", "technical"),
        ("Направленность", "физкультурно - спортивная", "sport"),
        ("Направленность", "ЕСТЕСТВЕННОНАУЧНАЯ", "natural_science"),
        ("Форма обучения", "очно", StudyForm.FULL_TIME),
        ("Форма обучения", "заочно", StudyForm.DISTANCE),
        ("Форма обучения", "очно заочная", StudyForm.MIXED),
        ("Форма обучения", "Очно-заочно", StudyForm.MIXED),
        ("Вид программы", "общеразвивающие", "general_development"),
        ("Подходит для детей с ОВЗ", "«Да»", True),
    ],
)
def test_a_choice_is_read_as_a_person_types_it(header, typed, code):
    assert read(header, typed) == code


def test_an_unknown_choice_is_refused_naming_the_allowed_ones():
    with pytest.raises(ValueError) as error:
        read("Уровень", "Базовы")
    assert str(error.value) == (
        "«Базовы» — такого значения нет; допустимо: Стартовый (ознакомительный), Базовый, "
        "Продвинутый"
    )
    with pytest.raises(ValueError, match="«бесплатно» — такого значения нет; допустимо: "):
        read("Форма обучения", "бесплатно")


def test_an_ambiguous_short_form_is_refused_naming_the_values_it_fits():
    with pytest.raises(ValueError) as error:
        read("Категории ОВЗ", "Нарушения")
    message = str(error.value)
    assert message.startswith("«Нарушения» подходит к нескольким значениям: Нарушения слуха")
    assert "Нарушения зрения (слепые, слабовидящие); " in message
    assert message.endswith("— напишите одно из них полностью")
    assert "Расстройства аутистического спектра" not in message


def test_several_values_in_a_cell_each_read_once():
    assert read("Категории ОВЗ", "нарушения слуха; Глухие\nнарушения зрения") == [
        "hearing",
        "vision",
    ]


def test_the_row_says_which_choices_it_read_otherwise():
    readings = []
    data, errors = cells.convert_row(
        spreadsheets.PROGRAM_COLUMNS,
        {"Уровень": "Стартовый", "Направленность": "техническая", "Форма обучения": "очно"},
        readings,
    )
    assert errors == []
    assert data["level"] == Level.STARTING
    # Case alone is not worth a line of the preview; a word read otherwise is.
    assert readings == [
        ("Уровень", "Стартовый", "Стартовый (ознакомительный)"),
        ("Форма обучения", "очно", "Очная"),
    ]


def test_the_preview_shows_what_will_be_written_and_the_import_writes_it(
    client, upload, confirm, coordinator_a, org_a
):
    programmes = [
        program_row(org_a.inn, "Робототехника", **{"Уровень": "Стартовый"}),
        program_row(org_a.inn, "Шахматы", **{"Уровень": "стартовый"}),
    ]
    groups = [
        group_row(org_a, "Робототехника", **{"Финансирование": "платное"}),
        group_row(
            org_a,
            "Шахматы",
            **{"Финансирование": "Платно", "Стоимость группы, руб.": 1500},
        ),
    ]
    groups[0]["Стоимость группы, руб."] = 1200
    job = upload(coordinator_a, workbook(programmes, groups))
    assert job.errors == []
    shown = {
        (r["sheet"], r["column"], r["typed"], r["written"]): r for r in job.summary["readings"]
    }
    assert set(shown) == {
        ("", "Уровень", "Стартовый", "Стартовый (ознакомительный)"),
        ("", "Уровень", "стартовый", "Стартовый (ознакомительный)"),
        ("Группы", "Финансирование", "платное", "платно"),
    }
    assert shown[("Группы", "Финансирование", "платное", "платно")]["rows"] == [2]

    page = client.get(reverse("programs:job", args=[job.pk])).content.decode()
    assert "Как прочитаны значения" in page
    assert "«платное» → <strong>«платно»</strong>" in page
    assert "«Стартовый» → <strong>«Стартовый (ознакомительный)»</strong>" in page

    confirm(job)
    robots = Program.objects.get(name="Робототехника")
    assert robots.level == Level.STARTING
    assert robots.groups.get().funding == GroupFunding.PAID


def test_a_misspelt_choice_in_a_file_names_the_allowed_values(upload, coordinator_a, org_a):
    job = upload(coordinator_a, xlsx([program_row(org_a.inn, **{"Уровень": "Базовы"})]))
    assert error_messages(job) == [
        "2|Уровень|«Базовы» — такого значения нет; допустимо: Стартовый (ознакомительный), "
        "Базовый, Продвинутый"
    ]


# --- drafts without the long texts -------------------------------------------------------------


def without_texts(rows) -> bytes:
    header = [h for h in HEADER if h not in TEXTS]
    return xlsx(rows, header=header)


def test_a_list_without_the_long_texts_imports_as_drafts_that_say_what_they_lack(
    client, upload, confirm, coordinator_a, org_a
):
    job = upload(
        coordinator_a,
        without_texts([program_row(org_a.inn, "Гитара"), program_row(org_a.inn, "Танцы")]),
    )
    assert job.errors == []
    assert job.summary["create"] == 2
    assert job.summary["drafts"] == 2
    assert job.preview[0]["draft"] == (
        "заполнить «Краткое описание», «Содержание программы», «Цели и задачи», "
        "«Ожидаемые результаты»"
    )
    # The Navigator's readiness does not say the missing texts a second time.
    assert job.preview[0]["not_ready"] == "нет ни одной группы"
    page = client.get(reverse("programs:job", args=[job.pk])).content.decode()
    assert "черновиками, без текстов: 2" in page
    assert "станет черновиком: для публикации нужно заполнить «Краткое описание»" in page

    confirm(job)
    guitar = Program.objects.get(name="Гитара")
    assert guitar.status == ProgramStatus.DRAFT
    assert guitar.content == ""
    ProgramGroupFactory(program=guitar)  # a group with its schedule: only the texts are missing

    detail = client.get(reverse("programs:detail", args=[guitar.pk])).content.decode()
    assert 'id="publishing-needs"' in detail
    assert "заполнить «Краткое описание», «Содержание программы», «Цели и задачи»" in detail

    response = client.post(reverse("programs:action", args=[guitar.pk, "submit"]), follow=True)
    assert "Программу нельзя отправить на модерацию: сначала заполнить «Краткое описание»" in (
        response.content.decode()
    )
    guitar.refresh_from_db()
    assert guitar.status == ProgramStatus.DRAFT

    refusal = r"«Цели и задачи», «Ожидаемые результаты» \(кнопка «Редактировать»\)"
    with pytest.raises(services.RegistryError, match=refusal):
        services.program_submit(program=guitar, user=coordinator_a)

    Program.objects.filter(pk=guitar.pk).update(
        short_description="Аккорды и песни.",
        content="Аккорды, бой, перебор.",
        goals="Научить играть.",
        expected_results="Играет песню.",
    )
    guitar.refresh_from_db()
    assert publishing_needs(guitar) == []
    services.program_submit(program=guitar, user=coordinator_a)
    guitar.refresh_from_db()
    assert guitar.status == ProgramStatus.ON_MODERATION
    detail = client.get(reverse("programs:detail", args=[guitar.pk])).content.decode()
    assert 'id="publishing-needs"' not in detail


def test_the_readiness_list_names_groups_and_schedules_too(org_a):
    program = ProgramFactory(organisation=org_a, goals="")
    assert publishing_needs(program) == [
        "заполнить «Цели и задачи»",
        "добавить хотя бы одну группу с педагогом и расписанием",
    ]
    ProgramGroupFactory(program=program, name="Вечерняя", slot=None)
    assert publishing_needs(program)[1] == "добавить расписание: «Вечерняя»"
    GroupScheduleFactory(group=program.groups.get())
    program.goals = "Научить."
    assert publishing_needs(program) == []


def test_staff_cannot_publish_at_once_a_programme_without_its_texts(upload, staff, org_a):
    job = upload(staff, without_texts([program_row(org_a.inn, "Гитара")]), publish="on")
    assert error_messages(job) == [
        "2|Краткое описание|сразу опубликовать нельзя: заполнить «Краткое описание», "
        "«Содержание программы», «Цели и задачи», «Ожидаемые результаты»; или загрузите без "
        "публикации — программа станет черновиком"
    ]


def test_staff_cannot_approve_a_programme_without_its_texts(staff, org_a):
    program = ProgramFactory(organisation=org_a, content="", status=ProgramStatus.ON_MODERATION)
    ProgramGroupFactory(program=program)
    with pytest.raises(services.RegistryError, match="нельзя опубликовать: сначала заполнить"):
        services.program_approve(program=program, user=staff)


def test_an_empty_text_cell_keeps_the_programmes_own_text(upload, confirm, coordinator_a, org_a):
    ProgramFactory(organisation=org_a, name="Гитара", goals="Научить играть.")
    row = program_row(org_a.inn, "Гитара", **dict.fromkeys(TEXTS, None), **{"Возраст до": 14})
    job = confirm(upload(coordinator_a, xlsx([row])))
    assert job.summary["update"] == 1, job.errors
    program = Program.objects.get(name="Гитара")
    assert (program.age_to, program.goals) == (14, "Научить играть.")


def test_the_instructions_say_the_long_texts_may_wait(client, coordinator_a, org_a):
    login(client, coordinator_a)
    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("programs:template")).content))
    text = "\n".join(c.value or "" for c in book["Инструкция"]["A"])
    assert (
        "«Содержание программы» — обязательная, чтобы отправить программу на модерацию или "
        "опубликовать; пустая — программа загрузится черновиком" in text
    )


# --- the templates' examples -------------------------------------------------------------------


def test_the_programme_template_example_is_this_academic_year(client, coordinator_a, org_a):
    assert spreadsheets.program_example("", date(2027, 10, 1))["Учебный год"] == "2027/2028"
    assert spreadsheets.program_example("", date(2027, 8, 31))["Учебный год"] == "2026/2027"
    login(client, coordinator_a)
    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("programs:template")).content))
    sheet = book["Программы"]
    header = [c.value for c in sheet[2]]  # under the title row
    assert sheet.cell(row=3, column=header.index("Учебный год") + 1).value == academic_year()


def organisation_template_example(client, user) -> dict:
    login(client, user)
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("programs:organisation_template")).content)
    )
    sheet = book["Организации"]
    # The title row, the head, the example.
    return {h.value: v.value for h, v in zip(sheet[2], sheet[3], strict=True)}


def test_the_organisation_template_example_stands_in_the_persons_municipality(
    client, staff, municipality
):
    municipality.region = "Тамбовская область"
    municipality.save()
    Settlement.objects.create(municipality=municipality, kind="с.", name="Алексеевка")
    Settlement.objects.create(municipality=municipality, kind="г.", name="Мичуринск")
    example = organisation_template_example(client, staff)
    assert example["Адрес"] == "Тамбовская область, г. Мичуринск, ул. Школьная, д. 3"
    assert "Задонск" not in str(example)


def test_the_organisation_template_example_is_neutral_where_nothing_is_known(
    client, staff, administrator
):
    assert organisation_template_example(client, staff)["Адрес"] == (
        "Индекс, населённый пункт, ул. Школьная, д. 3"
    )
    first = MunicipalityFactory(name="Абакан", region="Республика Хакасия")
    Settlement.objects.create(municipality=first, kind="г.", name="Абакан")
    example = organisation_template_example(client, administrator)
    assert example["Муниципалитет"] == f"Абакан ({first.oktmo})"
    assert example["Адрес"] == "Республика Хакасия, г. Абакан, ул. Школьная, д. 3"
