"""Settlements of a municipality and the children who live in them: kept by the centre's
staff, found in the organisations' addresses, and imported from the statistics in Excel."""

import re

from django.db import transaction

from moc_portal.access import check_manages_municipality
from moc_portal.core import sheet_layout
from moc_portal.core import spreadsheets as sheets
from moc_portal.core.errors import DomainError
from moc_portal.users.models import User

from ..choices import AgeBand, SettlementKind
from ..models import ChildCount, Municipality, Organisation, Settlement


class SettlementError(DomainError):
    """A request about settlements the rules refuse; the message says what to do."""


# How an address or a person writes the kind of a settlement, as the kind it is.
KIND_WORDS = {
    "г": SettlementKind.CITY,
    "город": SettlementKind.CITY,
    "пгт": SettlementKind.URBAN,
    "рп": SettlementKind.WORKERS,
    "р.п": SettlementKind.WORKERS,
    "с": SettlementKind.VILLAGE,
    "село": SettlementKind.VILLAGE,
    "д": SettlementKind.HAMLET,
    "дер": SettlementKind.HAMLET,
    "деревня": SettlementKind.HAMLET,
    "п": SettlementKind.SETTLEMENT,
    "пос": SettlementKind.SETTLEMENT,
    "посёлок": SettlementKind.SETTLEMENT,
    "поселок": SettlementKind.SETTLEMENT,
    "ст-ца": SettlementKind.STANITSA,
    "станица": SettlementKind.STANITSA,
    "х": SettlementKind.KHUTOR,
    "хутор": SettlementKind.KHUTOR,
    "ст": SettlementKind.STATION,
}
SETTLEMENT_PART = re.compile(
    r"^(?P<kind>г|город|пгт|р\.?п|с|село|д|дер|деревня|п|пос|пос[её]лок|ст-ца|станица|х|хутор|ст)"
    r"\.?\s+(?P<name>[А-ЯЁ][А-Яа-яЁё0-9\- ]+)$"
)
# Where an address reaches the street, a «д.» is a house, not a village.
STREET_PART = re.compile(
    r"^(ул|улица|пер|переулок|пр-т|пр-кт|просп|проспект|пл|площадь|б-р|бульвар|ш|шоссе|мкр|"
    r"микрорайон|наб|набережная|пр-д|проезд|туп|кв-л|квартал|тер)\b\.?",
    re.IGNORECASE,
)


def parse_settlement(text: str) -> tuple[str, str] | None:
    """(kind, name) of the settlement an address or a cell names: «399230, Липецкая обл.,
    Задонский р-н, с. Донское, ул. Школьная, д. 2» → («с.», «Донское»); None if none."""
    for part in (p.strip() for p in (text or "").split(",")):
        if STREET_PART.match(part):
            return None
        found = SETTLEMENT_PART.match(part)
        if found:
            kind = KIND_WORDS[found["kind"].lower().replace("ё", "е").replace("поселок", "пос")]
            return kind, found["name"].strip()
    return None


def check_staff(user: User, municipality_id: int) -> None:
    check_manages_municipality(
        user, municipality_id, "Населённые пункты муниципалитета ведут сотрудники его МОЦ."
    )


@transaction.atomic
def settlement_save(*, user: User, settlement: Settlement) -> Settlement:
    check_staff(user, settlement.municipality_id)
    if settlement.pk:
        stored = Settlement.objects.select_for_update().get(pk=settlement.pk)
        check_staff(user, stored.municipality_id)
    settlement.name = " ".join(settlement.name.split())
    settlement.full_clean()
    settlement.save()
    return settlement


@transaction.atomic
def settlement_delete(*, user: User, settlement: Settlement) -> None:
    check_staff(user, settlement.municipality_id)
    used = settlement.organisations.count() + settlement.groups.count() + settlement.wishes.count()
    if used:
        raise SettlementError(
            f"«{settlement}» указан у организаций, групп или в пожеланиях родителей ({used}). "
            "Сначала укажите им другой населённый пункт."
        )
    settlement.delete()


@transaction.atomic
def settlements_from_addresses(*, user: User, municipality: Municipality) -> dict:
    """Give every organisation without a settlement the one its address names, adding the
    settlements not yet listed. Returns how many were added, assigned and left unknown."""
    check_staff(user, municipality.pk)
    return place_by_address(
        Organisation.objects.select_for_update().filter(municipality=municipality, settlement=None)
    )


def place_by_address(organisations) -> dict:
    """Each organisation without a settlement gets the one its address names (added to its
    municipality's list when new): after an import, a new organisation, a changed address.
    The caller has checked who asks."""
    known: dict = {}
    added = assigned = unknown = 0
    for organisation in organisations:
        if organisation.settlement_id:
            continue
        found = parse_settlement(organisation.address)
        if found is None:
            unknown += 1
            continue
        kind, name = found
        key = (organisation.municipality_id, kind, name.lower())
        if key not in known:
            known[key] = Settlement.objects.filter(
                municipality_id=organisation.municipality_id, kind=kind, name__iexact=name
            ).first()
        if known[key] is None:
            known[key] = Settlement.objects.create(
                municipality_id=organisation.municipality_id, kind=kind, name=name
            )
            added += 1
        organisation.settlement = known[key]
        Organisation.objects.filter(pk=organisation.pk).update(settlement=known[key])
        assigned += 1
    return {"added": added, "assigned": assigned, "unknown": unknown}


def find_settlement(municipality_id: int, text: str) -> Settlement | None:
    """The settlement a cell names: «с. Донское», «село Донское» or just «Донское» when only
    one settlement has that name."""
    text = " ".join(str(text or "").split())
    parsed = parse_settlement(text)
    found = Settlement.objects.filter(municipality_id=municipality_id)
    if parsed:
        return found.filter(kind=parsed[0], name__iexact=parsed[1]).first()
    named = list(found.filter(name__iexact=text)[:2])
    return named[0] if len(named) == 1 else None


# --- children by age --------------------------------------------------------------------------


@transaction.atomic
def child_counts_save(
    *, user: User, settlement: Settlement, year: int, counts: dict[str, int | None]
) -> None:
    """The children of each age band in a settlement for a statistics year; an empty band
    removes its figure."""
    check_staff(user, settlement.municipality_id)
    for band, children in counts.items():
        AgeBand(band)
        if children is None:
            ChildCount.objects.filter(settlement=settlement, year=year, band=band).delete()
            continue
        count = ChildCount(settlement=settlement, year=year, band=band, children=children)
        count.full_clean(validate_unique=False)
        ChildCount.objects.update_or_create(
            settlement=settlement, year=year, band=band, defaults={"children": children}
        )


SETTLEMENT_HEADER = "Населённый пункт"
OKTMO_HEADER = "Код ОКТМО"
CHILD_COLUMNS = [
    sheets.Column(SETTLEMENT_HEADER, "settlement", required=True, width=30),
    sheets.Column(OKTMO_HEADER, "oktmo", width=16),
    *[sheets.Column(f"Детей {band.label}", band.value, kind="int", width=17) for band in AgeBand],
]


def child_counts_template(municipality: Municipality, year: int, target) -> None:
    """The import file with the municipality's settlements and the figures already entered."""
    counts = {
        (c.settlement_id, c.band): c.children
        for c in ChildCount.objects.filter(settlement__municipality=municipality, year=year)
    }
    rows = [
        {
            "settlement": str(s),
            "oktmo": s.oktmo,
            **{band.value: counts.get((s.pk, band.value)) for band in AgeBand},
        }
        for s in municipality.settlements.order_by("name")
    ]
    sheets.write_sheet(
        sheets.source_rows(rows, CHILD_COLUMNS),
        target,
        sheet=f"Дети {year}",
        columns=CHILD_COLUMNS,
        title=sheet_layout.PrintTitle(
            f"Число детей по населённым пунктам за {year} год", municipality
        ),
    )
