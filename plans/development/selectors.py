"""When each teacher's next course is due, and the lists of those overdue or due this year.

A teacher's next course of professional development is due ``TEACHER_COURSE_INTERVAL_YEARS``
after the end of the last course they completed by the date asked (КПК or retraining: both
raise the qualification). A course still running on that date is not completed yet. With no
completed course the interval runs from ``hired_on``; with neither the course is due at once
(«нет сведений»: the organisation should enter the last course).
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from programs.staffing.models import Teacher

from .models import Course, Registration

OVERDUE = "overdue"
DUE_THIS_YEAR = "due_this_year"
FINE = "fine"
LABELS = {OVERDUE: "Просрочено", DUE_THIS_YEAR: "В этом году", FINE: "В срок"}


@dataclass(frozen=True)
class DueStatus:
    status: str
    due_on: date | None  # None: nothing known to count from, due at once
    last_course_on: date | None

    @property
    def label(self) -> str:
        return LABELS[self.status]

    @property
    def needs_course(self) -> bool:
        return self.status != FINE


def interval_years() -> int:
    return settings.TEACHER_COURSE_INTERVAL_YEARS


def years_after(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def years_before(day: date, years: int) -> date:
    return years_after(day, -years)


def overdue(teachers, on: date | None = None):
    """The working teachers of ``teachers`` whose course is overdue on ``on``, as a queryset
    that can be counted or grouped (the rule of ``status_of``): the interval has run out since
    the last completed course, or the hiring with none, or nothing is known to count from.
    ``last_course_on`` is annotated."""
    on = on or timezone.localdate()
    last = (
        Course.objects.filter(teacher_id=OuterRef("pk"), ends_on__lte=on)
        .order_by("-ends_on")
        .values("ends_on")[:1]
    )
    rows = teachers.working(on).annotate(
        last_course_on=Subquery(last), counted_from=Coalesce("last_course_on", "hired_on")
    )
    cutoff = years_before(on, interval_years())
    return rows.filter(Q(counted_from__lt=cutoff) | Q(counted_from__isnull=True))


def status_of(last_course_on: date | None, hired_on: date | None, on: date) -> DueStatus:
    start = last_course_on or hired_on
    due_on = years_after(start, interval_years()) if start else None
    if due_on is None or due_on < on:
        status = OVERDUE
    elif due_on.year == on.year:
        status = DUE_THIS_YEAR
    else:
        status = FINE
    return DueStatus(status, due_on, last_course_on)


def due_status(teacher: Teacher, on: date | None = None) -> DueStatus:
    """Overdue, due this calendar year or fine, as of ``on`` (today when not given)."""
    on = on or timezone.localdate()
    last = teacher.courses.filter(ends_on__lte=on).aggregate(last=Max("ends_on"))["last"]
    return status_of(last, teacher.hired_on, on)


def with_last_course(teachers, on: date):
    """Teachers with ``last_course_on``: the end of the last course completed by ``on``."""
    return teachers.annotate(
        last_course_on=Max("courses__ends_on", filter=Q(courses__ends_on__lte=on))
    )


def due_teachers(teachers, on: date | None = None) -> list[tuple[Teacher, DueStatus]]:
    """The working teachers of ``teachers`` who are overdue or due this year, overdue first,
    each with their status; one query."""
    on = on or timezone.localdate()
    rows = with_last_course(
        teachers.working(on).select_related("organisation__municipality"), on
    ).order_by("organisation__municipality__name", "organisation__short_name", "surname", "name")
    found = [(t, status_of(t.last_course_on, t.hired_on, on)) for t in rows]
    due = [(t, s) for t, s in found if s.needs_course]
    return sorted(due, key=lambda pair: pair[1].status != OVERDUE)


def due_counts(due: list) -> dict:
    return {
        "overdue": sum(1 for _, s in due if s.status == OVERDUE),
        "this_year": sum(1 for _, s in due if s.status == DUE_THIS_YEAR),
    }


def teacher_record(teacher: Teacher, on: date | None = None) -> dict:
    """What a teacher's record page shows: the courses, the events attended (or registered
    for, when attendance is not marked yet) and the contests."""
    return {
        "due": due_status(teacher, on),
        "courses": list(teacher.courses.all()),
        "registrations": list(
            Registration.objects.filter(teacher=teacher)
            .exclude(attended=False)
            .select_related("event")
            .order_by("-event__starts_on")
        ),
        "contests": list(
            teacher.contest_participations.select_related(
                "entry__contest", "entry__nomination"
            ).order_by("-entry__contest__pk")
        ),
    }


def registration_events(user):
    """Events taking registrations that the person's organisations may register for."""
    from ..models import Event

    events = Event.objects.filter(takes_registrations=True)
    if user.is_coordinator:
        municipalities = user.coordinated_organisations.values("municipality_id")
        return events.filter(municipality_id__in=municipalities)
    return events.managed_by(user)
