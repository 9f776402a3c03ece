"""Supply and demand by territory: the grid's counts against hand-made data, the gaps in
words, demand beside supply, the coverage figure against a hand computation, the Excel
export and import of children, gaps into the plan, and who may see what."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from moc_portal.core import russian
from moc_portal.users.models import User
from plans.models import PlanState
from programs import opendata, vacancies
from programs.choices import AgeBand, Focus, ProgramStatus
from programs.imports import child_counts
from programs.models import ChildCount, Organisation, ProgramGroup, Settlement, Wish
from programs.territory import settlements, supply
from reports import monitoring, territory
from reports.models import SupplyGap
from tests.helpers import login
from tests.plans.factories import PlanFactory
from tests.programs.factories import OrganisationFactory, ProgramFactory, ProgramGroupFactory

YEAR = timezone.localdate().year
NBSP = "\u00a0"


@pytest.fixture
def town(municipality):
    return Settlement.objects.create(municipality=municipality, kind="г.", name="Задонск")


@pytest.fixture
def village(municipality):
    return Settlement.objects.create(
        municipality=municipality, kind="с.", name="Донское", oktmo="42624416101"
    )


@pytest.fixture
def world(municipality, town, village, publish):
    """In the town: robotics for 8–12 (two groups, one of them meeting in the village) and a
    choir for 5–7; in the village: a chess club 11–16 with no groups left; a draft in the
    village that must not count."""
    school = OrganisationFactory(municipality=municipality, settlement=town)
    rural = OrganisationFactory(municipality=municipality, settlement=village)
    publish(
        school,
        [
            {"age_from": 8, "age_to": 12, "places": 12, "free_places": 2},
            {"age_from": 8, "age_to": 10, "places": 10, "free_places": None, "settlement": village},
        ],
        focus=Focus.TECHNICAL,
        age_from=8,
        age_to=12,
    )
    publish(
        school,
        [{"age_from": 5, "age_to": 7, "places": 15, "free_places": 3}],
        focus=Focus.ARTS,
        age_from=5,
        age_to=7,
    )
    chess = publish(rural, [{}], focus=Focus.SPORT, age_from=11, age_to=16)
    chess.groups.all().delete()  # as an import without a «Группы» sheet leaves it
    ProgramFactory(organisation=rural, focus=Focus.NATURAL_SCIENCE, age_from=5, age_to=17)
    return {"school": school, "rural": rural}


def by_name(rows):
    return {row.settlement.name: row for row in rows}


def test_the_grid_counts_programmes_places_and_free_places(world, municipality):
    rows = by_name(territory.grid([municipality.pk]))
    town, village = rows["Задонск"], rows["Донское"]
    tech = Focus.TECHNICAL
    # 8–12 reaches 8–10 and 11–14; its second group meets in the village.
    here = town.cell(AgeBand.JUNIOR, tech)
    assert (here.programs, here.places) == (1, 12)
    assert town.cell(AgeBand.JUNIOR, tech).free == 2
    assert town.cell(AgeBand.MIDDLE, tech).places == 12
    assert town.cell(AgeBand.PRESCHOOL, tech).empty
    assert (
        village.cell(AgeBand.JUNIOR, tech).programs,
        village.cell(AgeBand.JUNIOR, tech).places,
    ) == (1, 10)
    assert village.cell(AgeBand.JUNIOR, tech).free == 0  # not known: counted as none free
    assert village.cell(AgeBand.MIDDLE, tech).empty
    arts = town.cell(AgeBand.PRESCHOOL, Focus.ARTS)
    assert (arts.programs, arts.places, arts.free) == (1, 15, 3)
    # A published programme with no groups counts where its organisation is, without places.
    chess = village.cell(AgeBand.MIDDLE, Focus.SPORT)
    assert (chess.programs, chess.places) == (1, 0)
    assert village.cell(AgeBand.SENIOR, Focus.SPORT).programs == 1
    # The draft counts nowhere.
    assert all(
        cell.programs == 0
        for row in rows.values()
        for (band, focus), cell in row.cells.items()
        if focus == Focus.NATURAL_SCIENCE
    )


def test_the_places_tile_is_the_groups_own_sum_as_the_vacancies_count_them(
    client, municipality, town, publish, staff
):
    """Each group once, however many age bands it spans: a group of 5–17 stands in all four
    bands of the grid, and once in «Мест в группах», as in the vacancies and the API."""
    school = OrganisationFactory(municipality=municipality, settlement=town)
    unplaced = OrganisationFactory(municipality=municipality, settlement=None)
    publish(
        school,
        [
            {"age_from": 5, "age_to": 17, "places": 25, "free_places": 5},  # four bands
            {"age_from": 8, "age_to": 12, "places": 12, "free_places": 2},  # two bands
            {"age_from": 3, "age_to": 4, "places": 9, "free_places": 0},  # none of them
        ],
        focus=Focus.ARTS,
        age_from=3,
        age_to=17,
    )
    publish(unplaced, [{"age_from": 7, "age_to": 10, "places": 14}], focus=Focus.SPORT)
    # A draft's group does not count.
    ProgramGroupFactory(program=ProgramFactory(organisation=school), places=99)

    own_sum = ProgramGroup.objects.filter(
        program__organisation__municipality=municipality,
        program__status=ProgramStatus.PUBLISHED,
    ).aggregate(n=Sum("places"))["n"]
    offered = sum(
        row["places"] for org in (school, unplaced) for row in vacancies.vacancies(org)["rows"]
    )
    assert own_sum == offered == 25 + 12 + 9 + 14

    rows = territory.grid([municipality.pk])
    cells = sum(cell.places for row in rows for cell in row.cells.values())
    assert cells == 25 * 4 + 12 * 2  # the grid's cells: each band the group takes
    assert supply.totals(rows)["places"] == 25 + 12 + 9  # the town's groups, once each
    assert supply.group_places([municipality.pk]) == {"total": own_sum, "unplaced": 14}

    login(client, staff)
    page = client.get(reverse("reports:territory")).content.decode()
    tile = page.split('id="places-total">', 1)[1].split("<", 1)[0]
    assert tile == "60"
    assert "14 — в организациях без населённого пункта" in page


def test_the_demos_places_tile_agrees_with_the_vacancies_and_open_data(client, demo):
    """The issue's figure: the demo's groups hold 3 254 places, each group counted once; the
    grid's cells, a group in each age band it spans, add up to far more."""
    opendata.build()
    name = opendata.data_name(timezone.localdate())
    with open(opendata.path_of(name), encoding="utf-8", newline="") as source:
        data = list(csv.DictReader(source))
    in_open_data = sum(int(row["places"]) for row in data if row["municipality"] == demo.name)
    offered = sum(
        row["places"]
        for organisation in Organisation.objects.filter(municipality=demo)
        for row in vacancies.vacancies(organisation)["rows"]
    )
    assert in_open_data == offered == supply.group_places([demo.pk])["total"]
    cells = sum(c.places for row in supply.grid([demo.pk]) for c in row.cells.values())
    assert cells > offered

    client.force_login(User.objects.get(username="moc"))
    page = client.get(reverse("reports:territory")).content.decode()
    assert f'id="places-total">{russian.integer(offered)}<' in page


def test_gaps_are_said_in_words_with_demand_first(world, municipality, village):
    Wish.objects.create(municipality=municipality, settlement=village, age=12, focus="technical")
    Wish.objects.create(municipality=municipality, settlement=village, age=13, focus="technical")
    rows = territory.grid([municipality.pk])
    assert by_name(rows)["Донское"].cell(AgeBand.MIDDLE, Focus.TECHNICAL).demand == 2
    sentences = supply.gap_sentences(rows)
    assert sentences[0]["text"] == (
        "в с. Донское нет программ технической направленности для 5–7, 11–14 и 15–17 лет"
    )
    assert sentences[0]["demand"] == 2
    texts = [s["text"] for s in sentences]
    assert "в с. Донское нет программ художественной направленности для детей 5–17 лет" in texts
    assert "в г. Задонск нет программ технической направленности для 5–7 и 15–17 лет" in texts


def test_old_wishes_and_other_municipalities_do_not_count(world, municipality, village, town):
    old = Wish.objects.create(municipality=municipality, settlement=village, age=9, focus="arts")
    Wish.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    rows = territory.grid([municipality.pk])
    assert sum(row.demand for row in rows) == 0
    # Asked as of 300 days ago, that wish was recent.
    then = timezone.localdate() - timedelta(days=300)
    assert sum(row.demand for row in territory.grid([municipality.pk], then)) == 1


def test_coverage_against_a_hand_computation(client, world, municipality, town, village, staff):
    settlements.child_counts_save(
        user=staff,
        settlement=town,
        year=YEAR,
        counts={"5-7": 40, "8-10": 30, "11-14": 30, "15-17": 20},
    )
    settlements.child_counts_save(
        user=staff, settlement=village, year=YEAR, counts={"8-10": 25, "11-14": 0}
    )
    settlements.child_counts_save(
        user=staff, settlement=town, year=YEAR - 3, counts={"5-7": 999}
    )  # an older year is not used
    rows = by_name(territory.grid([municipality.pk]))
    # Town: robotics 8–12 takes 10 of 12 places over 5 years (2 a year): 8–10 gets 6, 11–14
    # gets 4; the choir 5–7 takes 12: 12 in 5–7. Taken 22 of 120 children: 18.3 %.
    town_row = rows["Задонск"]
    assert town_row.covered[AgeBand.JUNIOR] == 6
    assert town_row.covered[AgeBand.MIDDLE] == 4
    assert town_row.covered[AgeBand.PRESCHOOL] == 12
    assert town_row.children_total == 120 and town_row.children_year == YEAR
    assert town_row.coverage == Decimal("18.3")
    # Village: the group 8–10 in it, 10 places, free not known: 10 of 25 children, 40.0 %.
    assert rows["Донское"].coverage == Decimal("40.0")
    total = supply.totals(list(rows.values()))
    assert total["children"] == 145 and total["covered"] == 32
    assert total["coverage"] == Decimal("22.1")  # 32 / 145
    # The same figure in the monitoring forms and the yearly report's data.
    values = monitoring.data_values(municipality.pk, timezone.localdate())
    assert values["coverage_by_places"] == Decimal("22.1")
    assert values["children_counted"] == 145 and values["places_taken"] == 32
    data = supply.coverage_data(municipality.pk, timezone.localdate())
    assert data["percent"] == 22.1
    assert {row["name"] for row in data["settlements"]} == {"г. Задонск", "с. Донское"}
    # The page's tile: a decimal comma, the numbers agreeing with their words.
    login(client, staff)
    page = client.get(reverse("reports:territory")).content.decode()
    assert f"22,1{NBSP}%" in page and "32 места заняты на 145 детей" in page


def test_the_past_counts_what_was_published_then(world, municipality):
    long_ago = date(2020, 1, 1)
    rows = territory.grid([municipality.pk], long_ago)
    assert all(cell.programs == 0 for row in rows for cell in row.cells.values())


def test_the_page_shows_the_grid_and_the_gaps(client, world, staff, village):
    login(client, staff)
    response = client.get(reverse("reports:territory"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "В с. Донское нет программ технической направленности для 5–7, 11–14 и 15–17 лет" in page
    assert 'id="supply-grid"' in page and "territory-empty" in page
    assert 'id="chart-demand"' in page


def test_staff_see_only_their_municipality(client, world, staff_other, village, administrator):
    login(client, staff_other)
    page = client.get(reverse("reports:territory")).content.decode()
    assert "Донское" not in page
    url = reverse("reports:territory_gap", args=[village.pk, "11-14", "technical"])
    assert client.get(url).status_code == 403
    assert client.get(reverse("territory:settlement_edit", args=[village.pk])).status_code == 403
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied from the service
        settlements.child_counts_save(
            user=staff_other, settlement=village, year=YEAR, counts={"5-7": 1}
        )
    # The regional administrator sees the region, or one municipality.
    login(client, administrator)
    page = client.get(reverse("reports:territory")).content.decode()
    assert "Донское" in page and "Весь регион" in page


def test_a_gap_goes_into_a_draft_plan(client, world, staff, municipality, village):
    plan = PlanFactory(municipality=municipality, state=PlanState.DRAFT)
    login(client, staff)
    url = reverse("reports:territory_gap", args=[village.pk, "11-14", "technical"])
    form = client.get(url)
    assert "В с. Донское нет программ технической направленности для детей 11–14 лет." in (
        form.content.decode()
    )
    assert "Открыть группу технической направленности для детей 11–14 лет в с. Донское" in (
        form.content.decode()
    )
    response = client.post(
        url,
        {
            "plan": plan.pk,
            "title": "Открыть группу робототехники в с. Донское",
        },
    )
    assert response.status_code == 302
    item = plan.items.get(title="Открыть группу робототехники в с. Донское")
    assert SupplyGap.objects.filter(item=item, settlement=village, band="11-14").exists()
    rows = by_name(territory.grid([municipality.pk]))
    assert rows["Донское"].cell(AgeBand.MIDDLE, Focus.TECHNICAL).gaps == [item]
    # Nothing chosen: said what to do.
    refused = client.post(url, {})
    assert "Выберите план" in refused.content.decode()


def test_the_region_s_export_names_each_line_s_municipality(client, world, administrator):
    login(client, administrator)
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("reports:territory_export")).content)
    )
    assert [c.value for c in book["Предложение и спрос"][2]][:2] == [
        "Муниципалитет",
        "Населённый пункт",
    ]


def test_excel_export_has_the_grid_and_the_coverage(client, world, staff, town):
    settlements.child_counts_save(user=staff, settlement=town, year=YEAR, counts={"5-7": 40})
    login(client, staff)
    response = client.get(reverse("reports:territory_export"))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    grid, coverage = book["Предложение и спрос"], book["Охват детей"]
    header = [c.value for c in grid[2]]  # under the title row
    rows = [dict(zip(header, [c.value for c in row], strict=True)) for row in grid.iter_rows(3)]
    assert len(rows) == 2 * 4 * 6
    arts = next(
        r
        for r in rows
        if r["Населённый пункт"] == "г. Задонск"
        and r["Возраст"] == "5–7 лет"
        and r["Направленность"] == "Художественная"
    )
    assert (arts["Программ"], arts["Мест"], arts["Свободных мест"]) == (1, 15, 3)
    assert arts["Нет программ"] == "нет"
    assert "Муниципалитет" not in header  # one municipality: named by the file
    lines = {row[0].value: [c.value for c in row] for row in coverage.iter_rows(3)}
    assert lines["г. Задонск"][-1] == 30  # 12 places taken of 40 children 5–7
    assert lines["с. Донское"][-1] is None  # children not counted there


def child_file(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([c.header for c in settlements.CHILD_COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_children_import_is_all_or_nothing(staff, municipality, town):
    good = child_file(
        [
            ["г. Задонск", "42624101001", 40, 30, 30, 20],
            ["с. Каменка", None, 5, 6, 7, 8],
        ]
    )
    assert (
        child_counts.child_counts_import(
            user=staff, municipality=municipality, year=YEAR, data=good
        )
        == 2
    )
    town.refresh_from_db()
    assert town.oktmo == "42624101001"
    kamenka = Settlement.objects.get(municipality=municipality, name="Каменка")
    assert kamenka.kind == "с." and ChildCount.objects.filter(settlement=kamenka).count() == 4

    bad = child_file(
        [
            ["г. Задонск", None, 41, 31, 31, 21],
            ["Неведомое", None, 1, 1, 1, 1],
            ["с. Каменка", "12", "много", 6, 7, 8],
        ]
    )
    with pytest.raises(ValidationError) as refused:
        child_counts.child_counts_import(user=staff, municipality=municipality, year=YEAR, data=bad)
    message = refused.value.messages[0]
    assert "строка 3: «Неведомое» — нет такого населённого пункта" in message
    assert "строка 4, «Детей 5–7 лет»: ожидается число, а указано «много»" in message
    assert "Код ОКТМО состоит из 8 или 11 цифр" in message
    assert ChildCount.objects.get(settlement=town, year=YEAR, band="5-7").children == 40


def test_settlements_are_found_in_the_addresses(staff, municipality):
    OrganisationFactory(
        municipality=municipality,
        address="399230, Липецкая обл., Задонский р-н, с. Донское, ул. Школьная, д. 2",
    )
    OrganisationFactory(
        municipality=municipality, address="399200, Липецкая обл., г. Задонск, ул. Ленина, д. 3"
    )
    OrganisationFactory(municipality=municipality, address="ул. Садовая, д. 5")
    found = settlements.settlements_from_addresses(user=staff, municipality=municipality)
    assert found == {"added": 2, "assigned": 2, "unknown": 1}
    assert sorted(str(s) for s in municipality.settlements.all()) == ["г. Задонск", "с. Донское"]


def test_a_settlement_of_another_municipality_is_refused(world, other_municipality):
    stranger = Settlement.objects.create(municipality=other_municipality, kind="с.", name="Чужое")
    school = world["school"]
    school.settlement = stranger
    with pytest.raises(ValidationError) as refused:
        school.full_clean()
    assert "Выберите населённый пункт муниципалитета организации." in str(refused.value)


def test_a_new_organisation_is_placed_by_its_address(staff, municipality, village):
    from programs import services
    from programs.identifiers import inn_with_check, ogrn_with_check

    organisation = services.organisation_create(
        user=staff,
        data={
            "full_name": "Муниципальное бюджетное общеобразовательное учреждение «СШ с. Донское»",
            "short_name": "МБОУ СШ с. Донское",
            "org_type": "general",
            "department": "education",
            "legal_form": "budgetary",
            "ownership": "municipal",
            "inn": inn_with_check("480800099"),
            "ogrn": ogrn_with_check("102480000099"),
            "address": "399230, Липецкая обл., Задонский р-н, с. Донское, ул. Школьная, д. 2",
        },
    )
    assert organisation.settlement == village
    organisation = services.organisation_update(
        user=staff,
        organisation=organisation,
        data={"address": "399222, Задонский р-н, с. Хмелинец, ул. Мира, д. 1", "settlement": None},
    )
    assert str(Settlement.objects.get(pk=organisation.settlement_id)) == "с. Хмелинец"
