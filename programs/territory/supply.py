"""Supply and demand by territory: per settlement × age band × focus area, the programmes,
places and free places offered, the parents' wishes beside them, and the coverage of children
5–18 (the target model's main indicator) where the number of children is known.

Everything is counted by the database in a fixed number of queries (groups are grouped by
settlement, focus and age range, never walked one by one), so a region of 50,000 programmes
is one page. A figure is as of a day: the programmes published then, the groups studying
then (or with no study dates), the children counted in the last statistics year up to it,
and the wishes of the twelve months before it.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from moc_portal.core.academic import moment

from ..choices import COVERAGE_AGES, FOCUSES, AgeBand, focus_genitive
from ..models import ChildCount, Program, ProgramGroup, PublishedProgram, Settlement, Wish
from ..selectors import published_as_of
from ..staffing.models import Teacher

BANDS = list(AgeBand)
# The focus areas in the order of the yearly report (seed 002), with the adjective a sentence
# about a gap needs («технической направленности»).
# The wishes that count as today's demand: a school year and a summer.
DEMAND_DAYS = 365


@dataclass
class Cell:
    programs: int = 0
    places: int = 0
    free: int = 0
    demand: int = 0
    gaps: list = field(default_factory=list)  # what the centre does about it (its plan's items)

    @property
    def empty(self) -> bool:
        return self.programs == 0


@dataclass
class Row:
    """One settlement: its cells by band and focus, its children and their coverage."""

    settlement: Settlement
    cells: dict = field(default_factory=dict)  # (band, focus) -> Cell
    children: dict = field(default_factory=dict)  # band -> children, where counted
    children_year: int | None = None
    covered: dict = field(default_factory=lambda: defaultdict(Decimal))  # band -> places taken
    # The places of the groups meeting here, each group once: a cell counts a group in every
    # age band it takes, so the cells of a row add up to more.
    places: int = 0
    # The teachers working here on the day by focus area they teach (one of two areas counts
    # in each): beside the places, who could open a group.
    teachers: dict = field(default_factory=dict)  # focus -> teachers

    def cell(self, band, focus) -> Cell:
        return self.cells.setdefault((band, focus), Cell())

    @property
    def children_total(self) -> int | None:
        return sum(self.children.values()) if self.children else None

    @property
    def covered_total(self) -> int:
        """Places taken, in the age bands whose children are counted (all, if none are)."""
        bands = self.children or self.covered
        return round(sum(self.covered.get(band, 0) for band in bands))

    @property
    def coverage(self) -> Decimal | None:
        return share(self.covered_total, self.children_total)

    @property
    def demand(self) -> int:
        return sum(cell.demand for cell in self.cells.values())


def share(part: int, whole: int | None) -> Decimal | None:
    """Part of whole in per cent, to one decimal; None when the whole is not known."""
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _overlap(low: int, high: int) -> Q:
    return Q(age_from__lte=high, age_to__gte=low)


def _published_ids(municipality_ids, as_of: date):
    """The programmes public on that day, as a subquery."""
    if as_of >= timezone.localdate():
        return PublishedProgram.objects.filter(municipality_id__in=municipality_ids).values(
            "program_id"
        )
    return published_as_of(list(municipality_ids), moment(as_of)).values("pk")


def _studying(as_of: date) -> Q:
    return (Q(study_from__isnull=True) | Q(study_from__lte=as_of)) & (
        Q(study_to__isnull=True) | Q(study_to__gte=as_of)
    )


def grid(municipality_ids: list[int], as_of: date | None = None) -> list[Row]:
    """The rows of the supply grid for these municipalities, settlements in name order.

    A group counts where it meets (its own settlement, else its organisation's); a published
    programme without groups counts where its organisation is, with no places. A programme
    counts once in a cell however many of its groups fall there. Places taken (places less
    free places) make the coverage; a group's taken places are shared among the years of age
    it takes in 5–17, so a group of 4–7-year-olds covers three quarters of its children.
    """
    as_of = as_of or timezone.localdate()
    settlements = (
        Settlement.objects.filter(municipality_id__in=municipality_ids)
        .select_related("municipality")
        .order_by("municipality__name", "name", "kind")
    )
    rows = {s.pk: Row(settlement=s) for s in settlements}
    published = _published_ids(municipality_ids, as_of)
    groups = (
        _placed_groups(published, as_of)
        .annotate(programme_focus=F("program__focus"))
        .exclude(place=None)
    )
    _group_supply(rows, groups)
    _supply_without_groups(rows, published)
    _covered(rows, groups)
    _children(rows, as_of)
    _demand(rows, municipality_ids, as_of)
    _teachers(rows, municipality_ids, as_of)
    return list(rows.values())


def _placed_groups(published, as_of: date):
    """The groups of the published programmes that study on the day, each with ``place``:
    where it meets (its own settlement, else its organisation's; None when neither is set)."""
    return (
        ProgramGroup.objects.filter(program_id__in=published)
        .filter(_studying(as_of))
        .annotate(place=Coalesce("settlement_id", "program__organisation__settlement_id"))
    )


def _group_supply(rows: dict, groups) -> None:
    """Programmes, places and free places of the groups, by where they meet, focus and band."""
    aggregates = {"places_all": Sum("places")}
    for band in BANDS:
        low, high = band.ages
        overlap = _overlap(low, high)
        aggregates[f"n_{band.name}"] = Count("program_id", distinct=True, filter=overlap)
        aggregates[f"places_{band.name}"] = Sum("places", filter=overlap)
        aggregates[f"free_{band.name}"] = Sum("free_places", filter=overlap)
    for found in groups.values("place", "programme_focus").annotate(**aggregates).order_by():
        row = rows.get(found["place"])
        if row is None:
            continue  # a settlement of another municipality: refused by the forms
        row.places += found["places_all"] or 0
        for band in BANDS:
            cell = row.cell(band, found["programme_focus"])
            cell.programs += found[f"n_{band.name}"]
            cell.places += found[f"places_{band.name}"] or 0
            cell.free += found[f"free_{band.name}"] or 0


def group_places(municipality_ids: list[int], as_of: date | None = None) -> dict:
    """The places of the groups themselves, each group once, as the vacancies, the API and
    the open data count them: the groups of the programmes published on that day that study
    then (or have no study dates). ``unplaced``: those of them in no settlement (their
    organisation's is not set yet), which the grid cannot show."""
    as_of = as_of or timezone.localdate()
    groups = _placed_groups(_published_ids(municipality_ids, as_of), as_of)
    found = groups.aggregate(
        total=Coalesce(Sum("places"), 0), unplaced=Coalesce(Sum("places", filter=Q(place=None)), 0)
    )
    return {"total": found["total"], "unplaced": found["unplaced"]}


def _supply_without_groups(rows: dict, published) -> None:
    """Published programmes with no groups, counted where their organisation is."""
    without_groups = (
        Program.objects.filter(pk__in=published)
        .exclude(Exists(ProgramGroup.objects.filter(program_id=OuterRef("pk"))))
        .annotate(place=F("organisation__settlement_id"))
        .exclude(place=None)
    )
    counts = {f"n_{band.name}": Count("pk", filter=_overlap(*band.ages)) for band in BANDS}
    for found in without_groups.values("place", "focus").annotate(**counts).order_by():
        row = rows.get(found["place"])
        if row is not None:
            for band in BANDS:
                row.cell(band, found["focus"]).programs += found[f"n_{band.name}"]


def _covered(rows: dict, groups) -> None:
    """Places taken in 5–17, each group's shared evenly among the years of age it takes."""
    low, high = COVERAGE_AGES
    taken = (
        groups.filter(_overlap(low, high))
        .values("place", "age_from", "age_to")
        .annotate(taken=Sum(F("places") - Coalesce("free_places", 0)))
        .order_by()
    )
    for found in taken:
        row = rows.get(found["place"])
        if row is None or not found["taken"]:
            continue
        years = found["age_to"] - found["age_from"] + 1
        per_year = Decimal(max(found["taken"], 0)) / years
        for age in range(max(found["age_from"], low), min(found["age_to"], high) + 1):
            row.covered[AgeBand.of_age(age)] += per_year


def _children(rows: dict, as_of: date) -> None:
    """Each settlement's children from its latest statistics year up to ``as_of``."""
    counts = ChildCount.objects.filter(settlement_id__in=rows, year__lte=as_of.year).order_by(
        "settlement_id", "-year"
    )
    for count in counts.values("settlement_id", "year", "band", "children"):
        row = rows[count["settlement_id"]]
        if row.children_year is None:
            row.children_year = count["year"]
        if count["year"] == row.children_year:
            row.children[AgeBand(count["band"])] = count["children"]


def _teachers(rows: dict, municipality_ids, as_of: date) -> None:
    """The teachers working on the day, by their organisation's settlement and the focus
    areas they teach: grouped by the list of areas (a few lists, not every teacher)."""
    teachers = (
        Teacher.objects.filter(organisation__municipality_id__in=municipality_ids)
        .working(as_of)
        .values("organisation__settlement_id", "focuses")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for found in teachers:
        row = rows.get(found["organisation__settlement_id"])
        if row is None:
            continue
        for focus in set(found["focuses"] or []):
            row.teachers[focus] = row.teachers.get(focus, 0) + found["n"]


def _demand(rows: dict, municipality_ids, as_of: date) -> None:
    since = moment(as_of - timedelta(days=DEMAND_DAYS))
    wishes = (
        Wish.objects.filter(
            municipality_id__in=municipality_ids,
            created_at__gt=since,
            created_at__lte=moment(as_of),
        )
        .values("settlement_id", "age", "focus")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for wish in wishes:
        band = AgeBand.of_age(wish["age"])
        row = rows.get(wish["settlement_id"])
        if row is not None and band is not None:
            row.cell(band, wish["focus"]).demand += wish["n"]


def gap_sentences(rows: list[Row]) -> list[dict]:
    """The empty cells said in words, one sentence per settlement and focus area: «в с.
    Донское нет программ технической направленности для 11–14 и 15–17 лет». Cells with
    wishes come first: there the gap is felt."""
    sentences = []
    for row in rows:
        for focus in FOCUSES:
            bands = [band for band in BANDS if row.cell(band, focus).empty]
            if not bands:
                continue
            demand = sum(row.cell(band, focus).demand for band in bands)
            sentences.append(
                {
                    "settlement": row.settlement,
                    "focus": focus,
                    "bands": bands,
                    "demand": demand,
                    "text": f"в {row.settlement} нет программ {focus_genitive(focus)} "
                    f"направленности для {ages_phrase(bands)}",
                }
            )
    sentences.sort(key=lambda s: -s["demand"])
    return sentences


def ages_phrase(bands: list[AgeBand]) -> str:
    """«11–14 лет», «11–14 и 15–17 лет», «5–7, 8–10 и 11–14 лет»; all four: «5–17 лет»."""
    if len(bands) == len(BANDS):
        return "детей 5–17 лет"
    spans = [band.label.removesuffix(" лет") for band in bands]
    if len(spans) == 1:
        return f"{spans[0]} лет"
    return f"{', '.join(spans[:-1])} и {spans[-1]} лет"


def totals(rows: list[Row]) -> dict:
    """The municipality's (or region's) line: children, places taken and coverage 5–18."""
    counted = [row for row in rows if row.children_total]
    children = sum(row.children_total for row in counted)
    covered = sum(row.covered_total for row in counted)
    return {
        "children": children or None,
        "covered": covered,
        "coverage": share(covered, children),
        "settlements_counted": len(counted),
        "settlements": len(rows),
        "places": sum(row.places for row in rows),
        "demand": sum(row.demand for row in rows),
    }


def coverage(municipality_id: int, as_of: date) -> dict:
    """The coverage figure of one municipality, for the yearly report and monitoring."""
    return totals(grid([municipality_id], as_of))


def coverage_data(municipality_id: int, as_of: date) -> dict:
    """The coverage as the yearly report keeps it (plain numbers, settlement by settlement)."""
    rows = grid([municipality_id], as_of)
    total = totals(rows)
    return {
        "children": total["children"],
        "covered": total["covered"],
        "percent": None if total["coverage"] is None else float(total["coverage"]),
        "settlements": [
            {
                "name": str(row.settlement),
                "year": row.children_year,
                "children": row.children_total,
                "covered": row.covered_total,
                "percent": None if row.coverage is None else float(row.coverage),
            }
            for row in rows
            if row.children_total
        ],
    }
