"""Reading rooms and equipment: an organisation's inventory, the municipality's resource
search, the resources a network programme's partners lend.

The search looks the query's words up in ``ResourceWord`` (each word in its dictionary
forms, ``resource_words``), so it reads the index, not every room's and equipment's text:
a few milliseconds over 2,000 organisations with 140,000 rooms and pieces of equipment.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from ..models import Organisation, Program
from . import resource_words
from .models import Equipment, PartnerResource, ResourceWord, Room

SEARCH_PAGE = 20


def inventory(organisation: Organisation) -> tuple[QuerySet, QuerySet]:
    """(rooms, equipment) of an organisation, in the order its page lists them."""
    rooms = Room.objects.filter(organisation=organisation).annotate(
        equipment_count=Count("equipment")
    )
    equipment = Equipment.objects.filter(organisation=organisation).select_related("room")
    return rooms.order_by("name", "pk"), equipment.order_by("kind", "model", "pk")


def rooms_counts(organisations) -> dict[int, int]:
    """How many rooms each organisation has listed."""
    found = Room.objects.filter(organisation__in=organisations).values("organisation_id")
    return {row["organisation_id"]: row["n"] for row in found.annotate(n=Count("pk"))}


@dataclass
class SearchQuery:
    """What a person looks for: words, and where and what kind of room."""

    text: str = ""
    municipality: int | None = None
    settlement: int | None = None
    room_kind: str = ""
    accessible: bool = False

    @property
    def empty(self) -> bool:
        return not (self.text.strip() or self.settlement or self.room_kind or self.accessible)


@dataclass
class OrganisationResources:
    """One organisation in the results: its matching rooms and equipment."""

    organisation: Organisation
    rooms: list = field(default_factory=list)
    equipment: list = field(default_factory=list)

    @property
    def equipment_total(self) -> int:
        return sum(item.count for item in self.equipment)


def _words_match(queryset: QuerySet, owner: str, text: str) -> QuerySet:
    """Rows whose words hold each word of ``text`` in one of its forms."""
    for lemmas in resource_words.lemma_sets(text):
        found = ResourceWord.objects.filter(lemma__in=lemmas, **{f"{owner}__isnull": False})
        queryset = queryset.filter(pk__in=found.values(owner))
    return queryset


def _in_reach(queryset: QuerySet, user, query: SearchQuery) -> QuerySet:
    queryset = queryset.managed_by(user)
    if query.municipality:
        queryset = queryset.filter(organisation__municipality_id=query.municipality)
    if query.settlement:
        queryset = queryset.filter(organisation__settlement_id=query.settlement)
    return queryset


def matching_rooms(user, query: SearchQuery) -> QuerySet:
    rooms = _in_reach(Room.objects.all(), user, query)
    if query.room_kind:
        rooms = rooms.filter(kind=query.room_kind)
    if query.accessible:
        rooms = rooms.filter(accessible=True)
    return _words_match(rooms, "room", query.text)


def matching_equipment(user, query: SearchQuery) -> QuerySet:
    """Equipment matching the words; with a room's kind or accessibility asked, equipment
    that stands in such a room."""
    equipment = _in_reach(Equipment.objects.all(), user, query)
    if query.room_kind:
        equipment = equipment.filter(room__kind=query.room_kind)
    if query.accessible:
        equipment = equipment.filter(room__accessible=True)
    return _words_match(equipment, "equipment", query.text)


def search_organisations(user, query: SearchQuery) -> QuerySet:
    """The organisations with a matching room or equipment, by name (none for no query)."""
    if query.empty:
        return Organisation.objects.none()
    rooms = matching_rooms(user, query).values("organisation_id")
    equipment = matching_equipment(user, query).values("organisation_id")
    return (
        Organisation.objects.filter(Q(pk__in=rooms) | Q(pk__in=equipment))
        .select_related("settlement", "municipality")
        .order_by("short_name", "pk")
    )


def search_results(user, query: SearchQuery, organisations) -> list[OrganisationResources]:
    """The matching rooms and equipment of a page of organisations, grouped by organisation."""
    results = {o.pk: OrganisationResources(o) for o in organisations}
    rooms = matching_rooms(user, query).filter(organisation_id__in=results)
    for room in rooms.order_by("name", "pk"):
        results[room.organisation_id].rooms.append(room)
    equipment = matching_equipment(user, query).filter(organisation_id__in=results)
    for item in equipment.select_related("room").order_by("kind", "model", "pk"):
        results[item.organisation_id].equipment.append(item)
    return list(results.values())


def equipment_by_kind(equipment: QuerySet) -> list[dict]:
    """Kinds with their totals: «3D-принтер» — 4."""
    return list(equipment.values("kind").annotate(total=Sum("count")).order_by("kind"))


# --- network partners ------------------------------------------------------------------------


def partners_with_resources(program: Program) -> list:
    """The programme's partners, each with ``lent`` (its resources) prefetched."""
    lent = PartnerResource.objects.select_related("room", "equipment").order_by("pk")
    return list(program.partners.prefetch_related(Prefetch("resources", lent, to_attr="lent")))


def lent_resources(program: Program) -> list[PartnerResource]:
    """What the programme's partners lend it, by partner."""
    return list(
        PartnerResource.objects.filter(partner__program=program)
        .select_related("partner", "room", "equipment")
        .order_by("partner__pk", "pk")
    )
