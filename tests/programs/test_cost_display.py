"""A cost reads one way wherever a person sees it, «1 500 ₽» (``russian.rubles``): the
catalogue's card and page, the groups, the programme's card in the registry; exports keep it
a number."""

import io
from decimal import Decimal

import openpyxl
from django.urls import reverse

from programs.choices import GroupFunding
from programs.selectors.card import card_changes, program_card, program_with_card_relations
from tests.helpers import login

NBSP = "\u00a0"
COST = f"1{NBSP}500{NBSP}₽"


def paid(publish):
    return publish(
        groups=[{"funding": GroupFunding.PAID, "cost": Decimal("1500.00")}],
        name="Гитара",
        funding_budget=False,
        funding_paid=True,
        cost=Decimal("1500.00"),
    )


def assert_one_way(page: str) -> None:
    assert "руб." not in page
    assert "1500" not in page
    assert "1 500,00" not in page and f"1{NBSP}500,00" not in page


def test_the_catalogue_shows_the_cost_one_way(client, publish):
    program = paid(publish)
    listing = client.get(reverse("programs:catalogue"), {"q": "гитара"}).content.decode()
    assert f'<li class="list-inline-item">{COST}</li>' in listing
    page = client.get(reverse("programs:public_detail", args=[program.pk])).content.decode()
    assert f"Платно: {COST}" in page  # the key facts
    assert f"платно: {COST}" in page  # the details
    assert f"платно, {COST}" in page  # the group
    assert_one_way(page)


def test_the_registry_card_shows_the_cost_one_way(client, publish, coordinator_a):
    program = paid(publish)
    login(client, coordinator_a)
    page = client.get(reverse("programs:detail", args=[program.pk])).content.decode()
    assert f'<dt class="col-sm-4">Стоимость обучения</dt><dd class="col-sm-8">{COST}</dd>' in page
    assert_one_way(page)


def test_a_card_stored_with_the_older_cost_is_not_a_change(publish):
    program = paid(publish)
    card = program_card(program_with_card_relations(program.pk))
    older = {**card, "fields": {**card["fields"], "cost": {"label": "x", "value": "1 500,00"}}}
    assert card_changes(older, card) == []
    cheaper = {**card, "fields": {**card["fields"], "cost": {"label": "x", "value": "1 200,00"}}}
    assert [c["new"] for c in card_changes(cheaper, card)] == [COST]


def test_the_export_keeps_the_cost_a_number(client, publish, coordinator_a):
    paid(publish)
    login(client, coordinator_a)
    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("programs:export")).content))
    sheet = book["Программы"]
    header = [c.value for c in sheet[2]]  # under the title row
    assert sheet.cell(row=3, column=header.index("Стоимость, руб.") + 1).value == 1500
