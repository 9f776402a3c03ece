"""Staffing and resources in figures (issue 33): the municipality's teachers by focus area and
settlement, their qualification categories, whose qualification courses are overdue, its rooms
and equipment by kind, all as of a date; one row per municipality for the region; and the
yearly report's lines on staff development (courses of the centre's specialists and of the
teachers in the year, the centre's events for teachers with their participants).

Counted by the database in a fixed number of queries whatever the municipality's size: a
teacher's focus areas are a list, so teachers are grouped by the list and spread in Python
(rows grow with the lists in use, not with teachers)."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from plans.development import selectors as development
from plans.development.models import Course, CourseKind
from plans.models import Audience, Event, EventKind
from programs.choices import FOCUSES, Focus
from programs.models import Municipality
from programs.staffing.models import Category, Equipment, Room, RoomKind, Teacher

# How many kinds of equipment the page names; the rest are summed in one line.
TOP_EQUIPMENT = 10
NO_SETTLEMENT = "Населённый пункт не указан"


def working(municipality_ids, as_of: date):
    """The teachers working in the municipalities' organisations on the day."""
    return Teacher.objects.filter(organisation__municipality_id__in=municipality_ids).working(as_of)


def overdue(municipality_ids, as_of: date):
    """The teachers whose qualification course is overdue on the day, by the rule of the
    teachers' own lists (``plans.development.selectors.overdue``)."""
    return development.overdue(
        Teacher.objects.filter(organisation__municipality_id__in=municipality_ids), as_of
    )


def overdue_list(municipality_ids, as_of: date):
    """The overdue teachers in list order, with their organisation (a page of them at a time:
    a region may have thousands)."""
    return (
        overdue(municipality_ids, as_of)
        .select_related("organisation__municipality")
        .order_by("organisation__municipality__name", "organisation__short_name", "surname", "pk")
    )


def overdue_row(teacher: Teacher) -> dict:
    """A line of the overdue list: who, where, the last course and the day the next one was
    due (``teacher`` from ``overdue_list``)."""
    return {
        "teacher": teacher,
        "organisation": teacher.organisation,
        "municipality": teacher.organisation.municipality.name,
        "last_course": teacher.last_course_on,
        "due": development.status_of(teacher.last_course_on, teacher.hired_on, date.max).due_on,
    }


def overdue_rows(municipality_ids, as_of: date) -> list[dict]:
    return [overdue_row(teacher) for teacher in overdue_list(municipality_ids, as_of)]


@dataclass
class SettlementLine:
    name: str
    teachers: int = 0
    by_focus: dict = field(default_factory=dict)  # focus -> teachers

    def cells(self) -> list[int]:
        return [self.by_focus.get(focus, 0) for focus in FOCUSES]


@dataclass
class Figures:
    as_of: date
    teachers: int = 0
    settlements: list[SettlementLine] = field(default_factory=list)
    focus_totals: list[tuple[Focus, int]] = field(default_factory=list)
    categories: list[tuple[str, int]] = field(default_factory=list)
    overdue: int = 0
    without_course: int = 0
    rooms: list[dict] = field(default_factory=list)
    equipment: list[tuple[str, int]] = field(default_factory=list)
    equipment_other: int = 0

    @property
    def focuses(self):
        return FOCUSES

    @property
    def rooms_total(self) -> int:
        return sum(row["count"] for row in self.rooms)

    @property
    def accessible_total(self) -> int:
        return sum(row["accessible"] for row in self.rooms)


def figures(municipality_ids: list[int], as_of: date) -> Figures:
    """The page's tables for these municipalities (one, or the region's) on the day."""
    result = Figures(as_of=as_of)
    teachers = working(municipality_ids, as_of)
    _teachers_by_place(result, teachers)
    result.categories = _categories(teachers)
    result.overdue = overdue(municipality_ids, as_of).count()
    result.without_course = (
        teachers.exclude(courses__ends_on__lte=as_of).filter(hired_on__isnull=True).count()
    )
    result.rooms = _rooms(municipality_ids)
    result.equipment, result.equipment_other = _equipment(municipality_ids)
    return result


def _teachers_by_place(result: Figures, teachers) -> None:
    """Teachers by the settlement of their organisation and by focus area (a teacher of two
    focus areas counts in each, once in the settlement's total)."""
    lines: dict[str, SettlementLine] = {}
    totals: Counter = Counter()
    grouped = teachers.values(
        "organisation__settlement__name", "organisation__settlement__kind", "focuses"
    ).annotate(n=Count("pk"))
    for found in grouped.order_by():
        name = _settlement_name(
            found["organisation__settlement__name"], found["organisation__settlement__kind"]
        )
        line = lines.setdefault(name, SettlementLine(name))
        line.teachers += found["n"]
        for focus in set(found["focuses"] or []):
            line.by_focus[focus] = line.by_focus.get(focus, 0) + found["n"]
            totals[focus] += found["n"]
    result.teachers = sum(line.teachers for line in lines.values())
    result.settlements = sorted(
        lines.values(), key=lambda line: (line.name == NO_SETTLEMENT, line.name)
    )
    result.focus_totals = [(focus, totals.get(focus, 0)) for focus in FOCUSES]


def _settlement_name(name: str | None, kind: str | None) -> str:
    return f"{kind} {name}".strip() if name else NO_SETTLEMENT


def _categories(teachers) -> list[tuple[str, int]]:
    counts = dict(teachers.values_list("category").annotate(n=Count("pk")).order_by())
    return [(label, counts.get(value, 0)) for value, label in reversed(Category.choices)]


def _rooms(municipality_ids) -> list[dict]:
    counts = {
        found["kind"]: found
        for found in Room.objects.filter(organisation__municipality_id__in=municipality_ids)
        .values("kind")
        .annotate(n=Count("pk"), accessible=Count("pk", filter=Q(accessible=True)))
        .order_by()
    }
    return [
        {
            "kind": label,
            "count": counts[value]["n"],
            "accessible": counts[value]["accessible"],
        }
        for value, label in RoomKind.choices
        if value in counts
    ]


def _equipment(municipality_ids) -> tuple[list[tuple[str, int]], int]:
    """The kinds with the most pieces (kinds written alike in any case are one), and the
    pieces of the other kinds."""
    counts: Counter = Counter()
    names: dict[str, str] = {}
    for kind, pieces in (
        Equipment.objects.filter(organisation__municipality_id__in=municipality_ids)
        .values_list("kind")
        .annotate(n=Sum("count"))
        .order_by()
    ):
        key = " ".join(kind.split()).casefold()
        names.setdefault(key, " ".join(kind.split()))
        counts[key] += pieces or 0
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], names[pair[0]]))
    top = [(names[key], n) for key, n in ranked[:TOP_EQUIPMENT]]
    return top, sum(n for _, n in ranked[TOP_EQUIPMENT:])


def region_rows(municipality_ids: list[int], as_of: date) -> list[dict]:
    """One row per municipality: teachers, of the first and highest category, overdue
    courses, rooms (accessible), pieces of equipment — grouped queries, one per figure."""
    teachers = working(municipality_ids, as_of)
    by_municipality = "organisation__municipality_id"
    staff = dict(teachers.values_list(by_municipality).annotate(n=Count("pk")).order_by())
    qualified = dict(
        teachers.filter(category__in=[Category.FIRST, Category.HIGHEST])
        .values_list(by_municipality)
        .annotate(n=Count("pk"))
        .order_by()
    )
    late = dict(
        overdue(municipality_ids, as_of)
        .values_list(by_municipality)
        .annotate(n=Count("pk"))
        .order_by()
    )
    rooms = {
        found[by_municipality]: found
        for found in Room.objects.filter(organisation__municipality_id__in=municipality_ids)
        .values(by_municipality)
        .annotate(n=Count("pk"), accessible=Count("pk", filter=Q(accessible=True)))
        .order_by()
    }
    pieces = dict(
        Equipment.objects.filter(organisation__municipality_id__in=municipality_ids)
        .values_list(by_municipality)
        .annotate(n=Coalesce(Sum("count"), 0))
        .order_by()
    )
    return [
        {
            "municipality": municipality,
            "teachers": staff.get(municipality.pk, 0),
            "qualified": qualified.get(municipality.pk, 0),
            "overdue": late.get(municipality.pk, 0),
            "rooms": rooms.get(municipality.pk, {}).get("n", 0),
            "accessible": rooms.get(municipality.pk, {}).get("accessible", 0),
            "equipment": pieces.get(municipality.pk, 0),
        }
        for municipality in Municipality.objects.filter(pk__in=municipality_ids).order_by("name")
    ]


# --- the yearly report's lines ----------------------------------------------------------------


def year_span(year: str, as_of: date) -> tuple[date, date]:
    """The academic year «2022/2023» from 1 September to 31 August, up to the report's day."""
    start = int(year[:4])
    return date(start, 9, 1), min(date(start + 1, 8, 31), as_of)


def development_table(municipality_id: int, as_of: date, year: str) -> dict:
    """Staff development in the report's year as of its date: the centre's specialists
    (teachers of the support-centre organisation) who finished a qualification course, the
    municipality's teachers who finished a course of any kind (and how many courses), and the
    centre's events for teachers with their participants. A teacher who has left since still
    counts: the courses were taken in the year. What counts is the course's and the event's own
    dates up to the report's date, whenever they were entered (a course is often entered when
    its certificate arrives)."""
    first, last = year_span(year, as_of)
    courses = Course.objects.filter(
        teacher__organisation__municipality_id=municipality_id,
        ends_on__gte=first,
        ends_on__lte=last,
    )
    centre = courses.filter(
        kind=CourseKind.QUALIFICATION, teacher__organisation__is_support_centre=True
    )
    found = courses.aggregate(teachers=Count("teacher_id", distinct=True), courses=Count("pk"))
    return {
        "centre_trained": centre.values("teacher_id").distinct().count(),
        "teachers_trained": found["teachers"],
        "courses": found["courses"],
        "events": teacher_events(municipality_id, first, last, as_of),
    }


def teacher_events(municipality_id: int, first: date, last: date, as_of: date) -> list[dict]:
    """The centre's events for teachers held in the span, each with its participants: the
    registered teachers marked present where the event took registrations and any came,
    else the number the event records. Contests have their own section of the report."""
    events = (
        Event.objects.filter(
            municipality_id=municipality_id,
            starts_on__gte=first,
            starts_on__lte=last,
        )
        .exclude(kind=EventKind.CONTEST)
        .annotate(attended=Count("registrations", filter=Q(registrations__attended=True)))
        .order_by("starts_on", "pk")
    )
    rows = []
    for event in events:
        if Audience.TEACHERS not in (event.audience or []):
            continue
        came = event.attended if event.takes_registrations and event.attended else None
        rows.append(
            {
                "title": event.title,
                "kind": event.get_kind_display(),
                "starts_on": event.starts_on.isoformat(),
                "participants": came if came is not None else event.participants,
            }
        )
    return rows
