"""The one public shape of a published programme and its groups.

Whatever shows a programme outside the working areas — its catalogue page, the vacancies of
its organisation, the open API, the open data set and the Navigator (the push and its Excel
fallback) — reads a ``PublicProgramme`` built here from the approved version
(``PublishedProgram``: its columns and its approved ``data``), never from the working copy.
The field names are said once, here; their Russian labels are the choices' own.

What changes from day to day without moderation — a group's free places and whether it takes
applications today — comes from the groups' own rows when a reader passes them (``live``);
without them (the exchange, which sends the approved version as its mark says, and the open
data) the approved figures stand, which ``free_places_update`` keeps equal to the rows'.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils import timezone

from moc_portal.core import search
from moc_portal.core.russian import rubles

from ..choices import Focus, GroupFunding, Level, OvzCategory, ProgramType, StudyForm, Weekday
from ..models import Municipality, Organisation, ProgramGroup, PublishedProgram, Settlement
from ..schedules import format_schedule
from .card import period_text

# The approved version's columns the shape reads (``data`` holds the rest).
COLUMNS = [
    "name",
    "short_description",
    "focus",
    "specialisation",
    "level",
    "program_type",
    "age_from",
    "age_to",
    "study_form",
    "uses_distance_technologies",
    "ovz_suitable",
    "ovz_categories_key",
    "aids_career_guidance",
    "funding_budget",
    "funding_certificate",
    "funding_paid",
    "cost",
    "enrolment_from",
    "enrolment_to",
    "data",
    "approved_at",
    "organisation",
]
# What a reader selects with the approved versions so that building the shape queries nothing.
RELATIONS = ["organisation__municipality", "organisation__settlement", "specialisation"]


@dataclass(frozen=True)
class PublicSlot:
    weekday: int  # 1 — понедельник
    time_start: str  # «ЧЧ:ММ», as approved
    time_end: str

    def __str__(self):
        day = dict(Weekday.choices).get(self.weekday, self.weekday)
        return f"{day} {self.time_start}–{self.time_end}"


@dataclass(frozen=True)
class PublicTeacher:
    """A group's teacher as the public sees them: the name and the post, nothing else."""

    name: str
    post: str

    def __str__(self):
        return f"{self.name}, {self.post}" if self.post else self.name


@dataclass(frozen=True)
class PublicGroup:
    id: int
    programme: int
    name: str
    teacher: str
    age_from: int
    age_to: int
    places: int
    free_places: int | None
    enrolment_from: date | None
    enrolment_to: date | None
    enrolment_open: bool  # the group takes applications today
    study_from: date | None
    study_to: date | None
    funding: str  # GroupFunding
    cost: float | None
    address: str
    schedule: tuple[PublicSlot, ...]
    # The group's own settlement, else its organisation's; known when built with its row.
    settlement: Settlement | None = None
    # From the organisation's list of teachers; empty where the group names them as text.
    teachers: tuple[PublicTeacher, ...] = ()

    @property
    def ages(self) -> str:
        return f"{self.age_from}–{self.age_to} лет"

    @property
    def enrolment(self) -> str:
        return period_text(self.enrolment_from, self.enrolment_to)

    @property
    def study(self) -> str:
        return period_text(self.study_from, self.study_to)

    @property
    def funding_label(self) -> str:
        label = dict(GroupFunding.choices).get(self.funding, self.funding)
        return label + (f", {rubles(self.cost)}" if self.cost is not None else "")

    @property
    def schedule_text(self) -> str:
        """«Пн, Ср 15:00–16:30»: days with the same time share one part."""
        return format_schedule(self.schedule)


@dataclass(frozen=True)
class PublicPartner:
    name: str
    inn: str
    ogrn: str


@dataclass(frozen=True)
class PublicProgramme:
    id: int
    name: str
    short_description: str
    description: str
    focus: str
    specialisation: str | None
    level: str
    program_type: str
    age_from: int
    age_to: int
    duration_months: int | None
    duration_hours: int | None
    study_form: str
    uses_distance_technologies: bool
    ovz_suitable: bool
    ovz_categories: tuple[str, ...]
    aids_career_guidance: bool
    funding_budget: bool
    funding_certificate: bool
    funding_paid: bool
    cost: Decimal | None
    # The earliest start and the latest end of the groups' enrolment windows.
    enrolment_from: date | None
    enrolment_to: date | None
    address: str  # where the programme itself is held; may be blank
    partners: tuple[PublicPartner, ...]
    groups: tuple[PublicGroup, ...]
    organisation: Organisation
    approved_at: datetime

    @property
    def municipality(self) -> Municipality:
        return self.organisation.municipality

    @property
    def focus_label(self) -> str:
        return str(dict(Focus.choices).get(self.focus, self.focus))

    @property
    def level_label(self) -> str:
        return str(dict(Level.choices).get(self.level, self.level))

    @property
    def program_type_label(self) -> str:
        return str(dict(ProgramType.choices).get(self.program_type, self.program_type))

    @property
    def study_form_label(self) -> str:
        return str(dict(StudyForm.choices).get(self.study_form, self.study_form))

    @property
    def ovz_category_labels(self) -> list[str]:
        labels = dict(OvzCategory.choices)
        return [str(labels.get(c, c)) for c in self.ovz_categories]

    @property
    def place(self) -> str:
        """Where it is held: its own address, else its organisation's."""
        return self.address or self.organisation.address

    @property
    def places(self) -> int:
        return sum(g.places or 0 for g in self.groups)

    @property
    def free_places(self) -> int | None:
        """Free places of the groups that say how many; None when none of them does."""
        known = [g.free_places for g in self.groups if g.free_places is not None]
        return sum(known) if known else None

    @property
    def open_groups(self) -> list[PublicGroup]:
        return [g for g in self.groups if g.enrolment_open]


def _day(value) -> date | None:
    if not value or isinstance(value, date):
        return value or None
    return date.fromisoformat(value)


def _group(published: PublishedProgram, approved: dict, live, today: date) -> PublicGroup:
    row = live.get(approved["id"]) if live is not None else None
    start, end = _day(approved.get("enrolment_from")), _day(approved.get("enrolment_to"))
    if live is None:
        free_places = approved.get("free_places")
        enrolment_open = bool(start and end and start <= today <= end)
        settlement = None
    else:  # a group the working copy no longer has takes no applications
        free_places = row.free_places if row else approved.get("free_places")
        enrolment_open = bool(row and row.enrolment_open_on(today))
        settlement = (row.settlement if row else None) or published.organisation.settlement
    return PublicGroup(
        id=approved["id"],
        programme=published.pk,
        name=approved["name"],
        teacher=approved.get("teacher", ""),
        teachers=tuple(
            PublicTeacher(t["name"], t.get("post", "")) for t in approved.get("teachers") or ()
        ),
        age_from=approved["age_from"],
        age_to=approved["age_to"],
        places=approved["places"],
        free_places=free_places,
        enrolment_from=start,
        enrolment_to=end,
        enrolment_open=enrolment_open,
        study_from=_day(approved.get("study_from")),
        study_to=_day(approved.get("study_to")),
        funding=approved.get("funding", GroupFunding.BUDGET),
        cost=approved.get("cost"),
        address=approved.get("address", ""),
        schedule=tuple(
            PublicSlot(s["weekday"], s["time_start"], s["time_end"]) for s in approved["schedule"]
        ),
        settlement=settlement,
    )


def public_programme(
    published: PublishedProgram, *, live: Mapping[int, ProgramGroup] | None = None
) -> PublicProgramme:
    """The approved version in its public shape. ``live``: the groups' rows by id (with their
    settlement), for today's free places and enrolment (``live_groups``)."""
    data = published.data
    today = timezone.localdate()
    return PublicProgramme(
        id=published.pk,
        name=published.name,
        short_description=published.short_description,
        description=data.get("description", ""),
        focus=published.focus,
        specialisation=published.specialisation.name if published.specialisation_id else None,
        level=published.level,
        program_type=published.program_type,
        age_from=published.age_from,
        age_to=published.age_to,
        duration_months=data.get("duration_months"),
        duration_hours=data.get("duration_hours"),
        study_form=published.study_form,
        uses_distance_technologies=published.uses_distance_technologies,
        ovz_suitable=published.ovz_suitable,
        ovz_categories=tuple(c for c in published.ovz_categories_key.split("|") if c),
        aids_career_guidance=published.aids_career_guidance,
        funding_budget=published.funding_budget,
        funding_certificate=published.funding_certificate,
        funding_paid=published.funding_paid,
        cost=published.cost,
        enrolment_from=published.enrolment_from,
        enrolment_to=published.enrolment_to,
        address=data.get("address", ""),
        partners=tuple(
            PublicPartner(p["name"], p["inn"], p["ogrn"]) for p in data.get("partners", [])
        ),
        groups=tuple(_group(published, g, live, today) for g in data.get("groups", [])),
        organisation=published.organisation,
        approved_at=published.approved_at,
    )


def public_group(published: PublishedProgram, row: ProgramGroup) -> PublicGroup | None:
    """One group of the approved version with its row of today; None when the approved
    version does not have it (a group added since, still under moderation)."""
    approved = next((g for g in published.data.get("groups", []) if g["id"] == row.pk), None)
    if approved is None:
        return None
    return _group(published, approved, {row.pk: row}, timezone.localdate())


def live_groups(program_ids: Iterable[int]) -> dict[int, ProgramGroup]:
    """The groups' rows of today by id: what ``public_programme`` takes as ``live``."""
    rows = ProgramGroup.objects.filter(program_id__in=list(program_ids)).select_related(
        "settlement"
    )
    return {row.pk: row for row in rows}


# --- what the public lists are made of ------------------------------------------------------


def published_programmes() -> QuerySet[PublishedProgram]:
    """Approved versions with what their public shape reads, without the card and the search
    columns (large, and read by nobody who builds the shape)."""
    return PublishedProgram.objects.select_related(*RELATIONS).defer(
        "card", "search_title", "search_text", "search_vector"
    )


def public_programme_today(pk: int) -> PublicProgramme:
    published = published_programmes().get(pk=pk)
    return public_programme(published, live=live_groups([published.pk]))


def organisation_programmes(organisation: Organisation) -> list[PublicProgramme]:
    """The organisation's published programmes with their groups of today, by name."""
    published = list(
        published_programmes().filter(organisation=organisation).order_by("name", "pk")
    )
    live = live_groups(p.pk for p in published)
    return [public_programme(p, live=live) for p in published]


def published_group_rows() -> QuerySet[ProgramGroup]:
    """The rows of the groups whose programme has an approved version, with that version:
    the public lists filter the rows and show each as its approved version has it."""
    return (
        ProgramGroup.objects.filter(program__published__isnull=False)
        .select_related("settlement", "program__published__organisation__settlement")
        .only(
            "pk",
            "program_id",
            "free_places",
            "enrolment_from",
            "enrolment_to",
            "settlement",
            "program__published__data",
            "program__published__organisation__settlement",
        )
        .order_by("program_id", "pk")
    )


def organisations_with_published() -> QuerySet[Organisation]:
    """Organisations that have published programmes, with how many."""
    return (
        Organisation.objects.filter(
            Exists(PublishedProgram.objects.filter(organisation_id=OuterRef("pk")))
        )
        .select_related("settlement", "municipality")
        .annotate(programmes=Count("published_programs"))
        .order_by("short_name", "pk")
    )


def municipalities_with_programmes() -> QuerySet[Municipality]:
    """Every municipality with its centre and how many programmes it has published."""
    return (
        Municipality.objects.select_related("centre")
        .annotate(programmes=Count("organisations__published_programs", distinct=True))
        .order_by("name", "pk")
    )


def catalogue_search_finds(words: str) -> bool:
    """Whether these words find any programme at all, whatever else is chosen: a search that
    finds nothing is then answered without counting anything."""
    return search.finds_any(PublishedProgram.objects.all(), words)
