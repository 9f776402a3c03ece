"""Reading rooms and equipment: an organisation's inventory, the municipality's resource
search, the resources a network programme's partners lend.

The search looks the query's words up in ``ResourceWord`` (each word in its dictionary
forms, ``resource_words``), so it reads the index, not every room's and equipment's text
(140,000 rows at 2,000 organisations: ``tests/bench/bench_resources.py``). Each lookup is
a flat query: nested ``IN`` subqueries joined to the organisations made SQLite walk every
matching word for each organisation (0.25–0.9 s).
"""

from dataclasses import dataclass, field

from django.db.models import Case, Count, Max, Prefetch, QuerySet, Sum, Value, When

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


def _reach(user, query: SearchQuery) -> list[int] | None:
    """The ids of the organisations searched (in the person's reach and the place asked);
    None for every organisation (an administrator's search over the region)."""
    if user.is_administrator and not (query.municipality or query.settlement):
        return None
    organisations = Organisation.objects.managed_by(user)
    if query.municipality:
        organisations = organisations.filter(municipality_id=query.municipality)
    if query.settlement:
        organisations = organisations.filter(settlement_id=query.settlement)
    return list(organisations.values_list("pk", flat=True))


def _room_filters(query: SearchQuery, room: str) -> dict:
    """The room's kind and accessibility asked, as lookups from ``room`` (a room's path)."""
    found = {f"{room}kind": query.room_kind} if query.room_kind else {}
    return found | ({f"{room}accessible": True} if query.accessible else {})


def _matching(owner: str, user, query: SearchQuery) -> QuerySet:
    """(id, organisation id) of the rooms (``owner`` "room") or equipment that match.

    With words, read from ``ResourceWord`` by its (word, organisation, owner) index, one row
    per resource that has every word (each word in one of its forms); without words, the
    rooms of the kind asked, or the equipment in them, or everything of the place."""
    reach = _reach(user, query)
    word_sets = resource_words.lemma_sets(query.text)
    room_path = "room__" if owner == "room" else "equipment__room__"
    if word_sets:
        rows = ResourceWord.objects.filter(
            lemma__in=set().union(*word_sets),
            **{f"{owner}__isnull": False},
            **_room_filters(query, room_path),
        )
        rows = rows.values_list(owner, "organisation_id")
        if len(word_sets) > 1:
            every = {
                f"word{n}": Max(Case(When(lemma__in=lemmas, then=Value(1)), default=Value(0)))
                for n, lemmas in enumerate(word_sets)
            }
            rows = rows.annotate(**every).filter(**dict.fromkeys(every, 1))
    else:
        rows = Room.objects.filter(**_room_filters(query, ""))
        if owner == "equipment":  # from the rooms asked, by the index of equipment's room
            rooms = rows if _room_filters(query, "") else None
            rows = Equipment.objects.filter(**({"room__in": rooms} if rooms is not None else {}))
        rows = rows.values_list("pk", "organisation_id")
    if reach is not None:
        rows = rows.filter(organisation_id__in=reach)
    return rows.order_by()


class ResourceSearch:
    """The organisations with a matching room or equipment (``organisations``, by name) and,
    for a page of them, the matching resources (``results``). Nothing for an empty query.
    The organisations are found by the database alone; the resources are read for the page's
    organisations only."""

    def __init__(self, user, query: SearchQuery):
        self.query = query
        self.found = {}
        if not query.empty:
            self.found = {owner: _matching(owner, user, query) for owner in ("room", "equipment")}

    def organisations(self) -> QuerySet:
        ids = set()
        for rows in self.found.values():
            ids |= set(rows.values_list("organisation_id", flat=True).distinct())
        return (
            Organisation.objects.filter(pk__in=ids)
            .select_related("settlement", "municipality")
            .order_by("short_name", "pk")
        )

    def _ids(self, owner: str, organisations: list[int]) -> list[int]:
        if owner not in self.found:
            return []
        return [row[0] for row in self.found[owner].filter(organisation_id__in=organisations)]

    def results(self, organisations) -> list[OrganisationResources]:
        results = {o.pk: OrganisationResources(o) for o in organisations}
        rooms = Room.objects.filter(pk__in=self._ids("room", list(results)))
        for room in rooms.order_by("name", "pk"):
            results[room.organisation_id].rooms.append(room)
        equipment = Equipment.objects.filter(pk__in=self._ids("equipment", list(results)))
        for item in equipment.select_related("room").order_by("kind", "model", "pk"):
            results[item.organisation_id].equipment.append(item)
        return list(results.values())


def search_organisations(user, query: SearchQuery) -> QuerySet:
    return ResourceSearch(user, query).organisations()


def search_results(user, query: SearchQuery, organisations) -> list[OrganisationResources]:
    return ResourceSearch(user, query).results(organisations)


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
