"""«Вакантные места для приёма (перевода)» of an organisation: the page, its Excel and JSON,
and the block an organisation embeds in its own site (the only route that may be framed)."""

import io
import json

import openpyxl
from django.urls import reverse

from programs.choices import GroupFunding, ProgramStatus
from tests.helpers import move_to
from tests.programs.factories import ProgramFactory, ProgramGroupFactory


def _published(org, administrator, name, groups):
    program = ProgramFactory(organisation=org, name=name)
    for group in groups:
        ProgramGroupFactory(program=program, **group)
    return move_to(program, ProgramStatus.PUBLISHED, staff=administrator, coordinator=administrator)


def test_vacancies_by_programme_group_and_funding_everywhere(client, administrator, org_a):
    _published(
        org_a,
        administrator,
        "Робототехника",
        [
            {"name": "Бюджетная", "places": 15, "free_places": 3},
            {
                "name": "Платная",
                "places": 10,
                "free_places": 2,
                "funding": GroupFunding.PAID,
                "cost": 12000,
            },
        ],
    )
    ProgramGroupFactory(program=ProgramFactory(organisation=org_a, name="Черновик"))
    page = client.get(reverse("programs:vacancies", args=[org_a.pk])).content.decode()
    assert "Вакантные места для приёма (перевода)" in page
    assert "Всего вакантных мест: <strong>5</strong>" in page
    assert "по договорам об оказании платных образовательных услуг" in page
    assert "Черновик" not in page  # only published programmes

    data = json.loads(client.get(reverse("programs:vacancies_json", args=[org_a.pk])).content)
    assert data["free_places_by_funding"] == {"budget": 3, "certificate": 0, "paid": 2}
    assert {g["group"] for g in data["groups"]} == {"Бюджетная", "Платная"}

    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("programs:vacancies_xlsx", args=[org_a.pk])).content)
    )
    sheet = book["Вакантные места"]
    # Printed: A4 landscape, one page wide, the title and the header on every page.
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$2"
    rows = list(sheet.iter_rows(values_only=True))[1:]
    assert rows[0][:6] == (
        "Программа",
        "Группа",
        "Возраст",
        "Источник финансирования",
        "Мест в группе",
        "Вакантных мест",
    )
    assert {(r[1], r[5]) for r in rows[1:]} == {("Бюджетная", 3), ("Платная", 2)}


def test_only_the_embed_route_may_be_framed(client, administrator, org_a):
    _published(org_a, administrator, "Шахматы", [{"free_places": 4}])
    embed = client.get(reverse("programs:vacancies_embed", args=[org_a.pk]))
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert "<script" not in embed.content.decode()  # no JavaScript needed
    for name in ("vacancies", "public_organisation"):
        other = client.get(reverse(f"programs:{name}", args=[org_a.pk]))
        assert other["X-Frame-Options"] in ("DENY", "SAMEORIGIN")
        assert "frame-ancestors 'none'" in other["Content-Security-Policy"]
    page = client.get(reverse("programs:vacancies", args=[org_a.pk])).content.decode()
    assert "&lt;iframe src=&quot;http://testserver/catalog/organisations/" in page or (
        '&lt;iframe src="http://testserver/catalog/organisations/' in page
    )
