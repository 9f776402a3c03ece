"""A region of municipalities, each with its own centre: set up in the portal, shown on its
pages, letters and documents, and never another municipality's."""

import io

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from moc_portal.users.models import Role, User
from plans import services as plans
from plans.models import PlanState
from programs import services as registry
from programs.choices import ProgramStatus
from programs.models import Centre, Municipality, Organisation
from programs.territory import centres
from tests.factories import StaffFactory
from tests.helpers import login, move_to
from tests.plans.factories import PlanFactory
from tests.programs.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    ProgramFactory,
    ProgramGroupFactory,
)
from tests.programs.test_imports import HEADER, program_row, xlsx


def fill_centre(municipality, **fields):
    values = {
        "full_name": f"Муниципальный опорный центр: {municipality.name}",
        "short_name": f"МОЦ {municipality.pk}",
        "phone": f"+7 (000) 000-00-{municipality.pk:02d}",
        "email": f"moc{municipality.pk}@example.org",
        "head_post": "Директор",
        "head_name": f"И.О. Руководитель{municipality.pk}",
        "letterhead": f"Управление образования: {municipality.name}\nМБУ ДО центр",
        **fields,
    }
    Centre.objects.update_or_create(municipality=municipality, defaults=values)
    return municipality


# --- whose centre speaks ------------------------------------------------------------------------


def test_a_municipality_without_its_centre_filled_in_speaks_as_the_installation(
    settings, municipality
):
    settings.MOC_CENTRE_NAME = "Региональный модельный центр"
    Centre.objects.create(municipality=municipality, phone="+7 000")  # no name yet
    assert centres.centre_of(municipality) == centres.installation_centre()
    assert centres.centre_of(municipality).phone == ""  # never a field of one mixed in
    fill_centre(municipality)
    assert centres.centre_of(municipality).full_name.endswith(municipality.name)


def test_each_programme_page_shows_its_own_municipalitys_centre(
    client, administrator, municipality, other_municipality
):
    fill_centre(municipality)
    fill_centre(other_municipality)
    pages = {}
    for place in (municipality, other_municipality):
        organisation = OrganisationFactory(municipality=place, phone="", email="")
        program = ProgramFactory(organisation=organisation)
        ProgramGroupFactory(program=program)
        # Without contacts it cannot be published: add them, publish, then take them away.
        Organisation.objects.filter(pk=organisation.pk).update(phone="+7 111")
        move_to(program, ProgramStatus.PUBLISHED, staff=administrator, coordinator=administrator)
        Organisation.objects.filter(pk=organisation.pk).update(phone="")
        pages[place.pk] = [
            client.get(reverse("programs:public_detail", args=[program.pk])).content.decode(),
            client.get(
                reverse("programs:public_organisation", args=[organisation.pk])
            ).content.decode(),
        ]
    for place, other in ((municipality, other_municipality), (other_municipality, municipality)):
        programme_page, organisation_page = pages[place.pk]
        own, foreign = centres.centre_of(place), centres.centre_of(other)
        for page in (programme_page, organisation_page):
            assert own.full_name in page and own.phone in page
            assert foreign.full_name not in page and foreign.phone not in page
        # The centre stands in for the organisation's missing contacts.
        assert 'id="centre-contacts"' in organisation_page


def test_a_one_municipality_installation_looks_as_before(client, municipality):
    fill_centre(municipality)
    response = client.get(reverse("home"))
    page = response.content.decode()
    assert "Выберите муниципалитет" not in page
    assert centres.centre_of(municipality).full_name in page  # its centre heads every page
    client.cookies["municipality"] = municipality.slug
    assert client.get(reverse("home")).status_code == 200  # no redirect with one municipality


def test_a_parent_chooses_the_municipality_without_javascript_and_it_is_remembered(
    client, municipality, other_municipality
):
    fill_centre(municipality)
    fill_centre(other_municipality)
    home = client.get(reverse("home")).content.decode()
    assert "Выберите муниципалитет" in home
    assert reverse("portal:municipality", args=[other_municipality.slug]) in home

    chosen = client.get(reverse("portal:municipality_choose"), {"m": other_municipality.slug})
    assert chosen["Location"] == reverse("portal:municipality", args=[other_municipality.slug])
    page = client.get(chosen["Location"])
    assert page.cookies["municipality"].value == other_municipality.slug
    text = page.content.decode()
    assert centres.centre_of(other_municipality).phone in text
    assert centres.centre_of(municipality).phone not in text

    again = client.get(reverse("home"))
    assert again.status_code == 302
    assert again["Location"] == reverse("portal:municipality", args=[other_municipality.slug])
    # Asked to choose again, the home page shows the chooser; the catalogue stays region-wide.
    assert "Выберите муниципалитет" in client.get(reverse("home"), {"choose": 1}).content.decode()
    unknown = client.get(reverse("portal:municipality_choose"), {"m": "nowhere"})
    assert unknown["Location"] == f"{reverse('home')}?choose=1"


def test_municipality_page_lists_only_its_own_news_and_programmes(
    client, administrator, municipality, other_municipality
):
    from plans.portal.models import News

    for place in (municipality, other_municipality):
        fill_centre(place)
        News.objects.create(
            municipality=place,
            title=f"Новость: {place.name}",
            lead="Кратко",
            body="Текст",
            is_published=True,
            published_at=timezone.now(),
        )
        program = ProgramFactory(
            organisation=OrganisationFactory(municipality=place), name=f"Кружок {place.name}"
        )
        ProgramGroupFactory(program=program)
        move_to(program, ProgramStatus.PUBLISHED, staff=administrator, coordinator=administrator)
    page = client.get(reverse("portal:municipality", args=[municipality.slug])).content.decode()
    assert f"Новость: {municipality.name}" in page and f"Кружок {municipality.name}" in page
    assert other_municipality.name not in page
    news = client.get(reverse("portal:news"), {"m": municipality.slug}).content.decode()
    assert f"Новость: {municipality.name}" in news
    assert f"Новость: {other_municipality.name}" not in news


# --- a regional administrator sets up a municipality ----------------------------------------


def test_administrator_creates_a_municipality_with_its_oktmo_checked(
    client, administrator, settings
):
    login(client, administrator)
    url = reverse("territory:municipality_create")
    refused = client.post(
        url, {"name": "Город Елец", "region": "Липецкая область", "oktmo": "4271"}
    )
    assert "Код ОКТМО состоит из 8 или 11 цифр." in refused.content.decode()
    assert not Municipality.objects.filter(name="Город Елец").exists()

    created = client.post(
        url, {"name": "Город Елец", "region": "Липецкая область", "oktmo": "42715000"}
    )
    municipality = Municipality.objects.get(name="Город Елец")
    assert created["Location"] == reverse("territory:municipality", args=[municipality.pk])
    assert municipality.slug == "gorod-elets"
    assert Centre.objects.filter(municipality=municipality, full_name="").exists()
    page = client.get(created["Location"]).content.decode()
    assert "Сведения о центре не заполнены" in page
    # Until then the page is headed by the installation's identity, not by a blank centre.
    assert f'<span class="brand-subtitle">{settings.MOC_CENTRE_NAME}</span>' in page


def test_administrator_renames_a_municipality_and_its_page_address(
    client, administrator, municipality
):
    login(client, administrator)
    url = reverse("territory:municipality_edit", args=[municipality.pk])
    data = {"name": "Задонский район", "region": "Липецкая область", "oktmo": municipality.oktmo}
    response = client.post(url, {**data, "slug": "zadonsk"})
    assert response.status_code == 302
    municipality.refresh_from_db()
    assert (municipality.name, municipality.slug) == ("Задонский район", "zadonsk")
    refused = client.post(url, {**data, "slug": "не латиница"})
    assert refused.status_code == 200 and Municipality.objects.get().slug == "zadonsk"


def test_staff_are_invited_by_email_and_fill_in_their_centre(
    client, administrator, municipality, django_capture_on_commit_callbacks
):
    login(client, administrator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("territory:staff_invite", args=[municipality.pk]),
            {"email": "Metodist@Example.org", "last_name": "Орлова", "first_name": "Нина"},
        )
    person = User.objects.get(email="metodist@example.org")
    assert person.role == Role.STAFF and person.municipality == municipality
    assert not person.has_usable_password()
    (letter,) = mail.outbox
    assert "/accounts/password/reset/" in letter.body and municipality.name in letter.body

    # Their own page of the centre, filled in by them; another municipality's staff are refused.
    client.force_login(person)
    response = client.post(
        reverse("territory:centre_edit", args=[municipality.pk]),
        {
            "full_name": "МОЦ Задонского района",
            "phone": "+7 (47471) 2-11-44",
            "email": "moc@example.org",
            "head_post": "Директор",
            "head_name": "Е.В. Полякова",
            "letterhead": "Отдел образования\nМБО ДО Дом школьника",
        },
    )
    assert response.status_code == 302
    assert centres.centre_of(municipality).phone == "+7 (47471) 2-11-44"

    stranger = StaffFactory(municipality=MunicipalityFactory())
    client.force_login(stranger)
    assert (
        client.post(
            reverse("territory:centre_edit", args=[municipality.pk]), {"full_name": "Чужой"}
        ).status_code
        == 403
    )
    assert centres.centre_of(municipality).full_name == "МОЦ Задонского района"


def test_an_address_of_someone_else_is_refused_with_who_it_is(
    client, administrator, municipality, other_municipality
):
    StaffFactory(email="taken@example.org", municipality=other_municipality)
    login(client, administrator)
    response = client.post(
        reverse("territory:staff_invite", args=[municipality.pk]),
        {"email": "taken@example.org", "last_name": "Орлова", "first_name": "Нина"},
    )
    assert "сотрудник МОЦ другого муниципалитета" in response.content.decode()
    assert User.objects.get(email="taken@example.org").municipality == other_municipality


def test_region_overview_shows_every_municipality_at_a_glance(
    client, administrator, municipality, other_municipality, org_a
):
    fill_centre(municipality)
    ProgramFactory(organisation=org_a, status=ProgramStatus.DRAFT)
    PlanFactory(municipality=municipality, state=PlanState.DRAFT)
    login(client, administrator)
    page = client.get(reverse("reports:region_overview")).content.decode()
    assert municipality.name in page and other_municipality.name in page
    assert "центр не заполнен" in page  # the other one
    assert "Черновик: 1" in page


# --- imports that fit who imports -------------------------------------------------------------


def org_sheet(rows, *, columns) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Организации"
    header = [c.header for c in columns if c.importable]
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(h) for h in header])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def organisation_row(inn: str, short: str, municipality: str = "", **changes) -> dict:
    from programs import spreadsheets

    return {
        **spreadsheets.organisation_example(municipality),
        "ИНН": inn,
        "ОГРН": changes.pop("ogrn"),
        "Краткое наименование": short,
        "Полное наименование": f"Учреждение {short}",
        **changes,
    }


def test_administrator_imports_organisations_into_two_municipalities_in_one_file(
    upload, confirm, administrator, municipality, other_municipality
):
    from programs import spreadsheets
    from programs.identifiers import inn_with_check, ogrn_with_check

    rows = [
        organisation_row(
            inn_with_check("480100001"),
            "МБОУ СШ № 7",
            f"{municipality.name} ({municipality.oktmo})",
            ogrn=ogrn_with_check("102480010001"),
        ),
        organisation_row(
            inn_with_check("480100002"),
            "МБОУ СШ № 8",
            other_municipality.oktmo,  # the code alone does too
            ogrn=ogrn_with_check("102480010002"),
        ),
    ]
    columns = spreadsheets.REGION_ORGANISATION_COLUMNS
    job = confirm(upload(administrator, org_sheet(rows, columns=columns), kind="organisations"))
    assert job.state == "done", job.errors
    assert Organisation.objects.get(short_name="МБОУ СШ № 7").municipality == municipality
    assert Organisation.objects.get(short_name="МБОУ СШ № 8").municipality == other_municipality

    unknown = upload(
        administrator,
        org_sheet(
            [{**rows[0], "Муниципалитет": "Город Нигде", "ИНН": inn_with_check("480100003")}],
            columns=columns,
        ),
        kind="organisations",
    )
    assert "муниципалитета «Город Нигде» нет на портале" in unknown.errors[0]["message"]


def test_the_administrators_template_has_the_municipality_column(client, administrator, staff):
    from programs import spreadsheets

    login(client, administrator)
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("programs:organisation_template")).content)
    )
    header = [c.value for c in book["Организации"][2]]  # under the title row
    assert header[1] == "Муниципалитет"
    client.force_login(staff)
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("programs:organisation_template")).content)
    )
    assert [c.value for c in book["Организации"][2]] == [
        c.header for c in spreadsheets.ORGANISATION_COLUMNS if c.importable
    ]


def test_a_file_of_the_wrong_kind_is_recognised_on_both_import_pages(upload, staff, org_a):
    from programs import spreadsheets

    programmes = xlsx([program_row(org_a.inn)])
    job = upload(staff, programmes, kind="organisations")
    assert [e["message"] for e in job.errors] == [
        "это файл программ, а не организаций: загрузите его на странице «Загрузка программ из "
        "Excel» (Реестр программ → Загрузить из Excel, /imports/new/)"
    ]
    organisations = org_sheet(
        [organisation_row("4800000001", "МБОУ", ogrn="1024800000001")],
        columns=spreadsheets.ORGANISATION_COLUMNS,
    )
    job = upload(staff, organisations, kind="programs")
    assert len(job.errors) == 1
    assert job.errors[0]["message"].startswith("это файл организаций, а не программ")


def test_programmes_name_their_organisation_as_name_and_inn(
    upload, administrator, municipality, other_municipality
):
    here = OrganisationFactory(municipality=municipality, short_name="МБОУ СШ № 1")
    # A branch in another municipality with the same INN: a bare INN is ambiguous for a region.
    OrganisationFactory(municipality=other_municipality, short_name="Филиал", inn=here.inn)
    job = upload(administrator, xlsx([program_row(here.inn)], header=HEADER))
    assert "выберите нужную из списка" in job.errors[0]["message"]
    job = upload(administrator, xlsx([program_row(f"МБОУ СШ № 1 ({here.inn})")], header=HEADER))
    assert job.errors == [] and job.summary["create"] == 1


# --- contacts a parent can use -------------------------------------------------------------------


def test_publishing_is_refused_while_the_organisation_has_no_phone_or_email(
    staff, coordinator_a, municipality
):
    organisation = OrganisationFactory(
        municipality=municipality, phone="", email="", coordinators=[coordinator_a]
    )
    program = ProgramFactory(organisation=organisation)
    ProgramGroupFactory(program=program)
    move_to(program, ProgramStatus.ON_MODERATION, staff=staff, coordinator=coordinator_a)
    with pytest.raises(registry.RegistryError, match="нет ни телефона, ни электронной почты"):
        registry.program_transition(program=program, user=staff, action="approve")
    program.refresh_from_db()
    assert program.status == ProgramStatus.ON_MODERATION
    Organisation.objects.filter(pk=organisation.pk).update(email="school@example.org")
    registry.program_transition(program=program, user=staff, action="approve")


def test_publishing_on_import_is_refused_for_an_organisation_without_contacts(
    upload, staff, municipality
):
    organisation = OrganisationFactory(municipality=municipality, phone="", email="")
    job = upload(staff, xlsx([program_row(organisation.inn)]), publish="on")
    assert "сразу опубликовать нельзя" in job.errors[0]["message"]
    assert upload(staff, xlsx([program_row(organisation.inn)])).errors == []  # drafts are fine


# --- plans speak for their own municipality ------------------------------------------------------


def test_a_new_plan_opens_with_its_centres_letterhead(client, staff, municipality):
    fill_centre(municipality)
    login(client, staff)
    form = client.get(reverse("plans:create")).context["form"]
    assert form.initial["header"] == centres.centre_of(municipality).letterhead
    assert form.initial["approved_name"] == centres.centre_of(municipality).head_name


def test_a_plan_copied_into_another_municipality_takes_its_letterhead(
    administrator, municipality, other_municipality
):
    fill_centre(municipality)
    fill_centre(other_municipality)
    source = PlanFactory(
        municipality=municipality,
        header="Управление образования чужого города",
        agreed_post="Начальник чужого управления",
        agreed_name="А.А. Чужой",
        introduction="Чужое введение",
    )
    copy = plans.plan_copy(
        user=administrator,
        plan=source,
        title="План",
        period_label="2026-2027 учебный год",
        period_start=source.period_start.replace(year=2026),
        period_end=source.period_end.replace(year=2027),
        into=other_municipality,
    )
    centre = centres.centre_of(other_municipality)
    assert copy.municipality == other_municipality
    assert copy.header == centre.letterhead
    assert (copy.approved_post, copy.approved_name) == (centre.head_post, centre.head_name)
    assert copy.agreed_name == "" and copy.introduction == ""
    assert "чужого" not in copy.header


def test_staff_cannot_copy_a_plan_into_another_municipality(
    staff, municipality, other_municipality
):
    source = PlanFactory(municipality=municipality)
    with pytest.raises(Exception, match="свой муниципалитет"):
        plans.plan_copy(
            user=staff,
            plan=source,
            title="План",
            period_label="x",
            period_start=source.period_start,
            period_end=source.period_end,
            into=other_municipality,
        )


def test_demo_is_a_region_whose_current_plan_prints_under_its_own_centre(demo, client):
    from plans.models import Plan

    assert Municipality.objects.count() == 4
    assert all(centres.centre_of(m).municipality == m for m in Municipality.objects.all())
    for plan in Plan.objects.filter(municipality=demo):  # the work plan and the media plan
        assert "Задонского" in plan.header and "ОРЕНБУРГ" not in plan.header.upper(), plan
    plan = Plan.objects.filter(municipality=demo, kind="work", copied_from__isnull=False).get()
    client.force_login(User.objects.get(username="moc"))
    printed = client.get(reverse("plans:print", args=[plan.pk, "plan"])).content.decode()
    assert "Задонского муниципального района" in printed
    assert "ОРЕНБУРГА" not in printed


def test_emails_are_signed_by_the_municipalitys_centre(
    staff, coordinator_a, org_a, municipality, django_capture_on_commit_callbacks
):
    fill_centre(municipality)
    program = ProgramFactory(organisation=org_a)
    ProgramGroupFactory(program=program)
    with django_capture_on_commit_callbacks(execute=True):
        registry.program_submit(program=program, user=coordinator_a)
    (letter,) = mail.outbox
    assert letter.body.rstrip().endswith(centres.centre_of(municipality).full_name)
