"""The public events calendar: a month's grid and list, one event's page."""

import calendar
from datetime import date

from django.db.models import F
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from moc_portal.context_processors import show_municipality
from plans import selectors as plan_selectors
from plans.models import Audience

from .public_views import of_municipality

MONTHS = [
    "",
    "Январь",
    "Февраль",
    "Март",
    "Апрель",
    "Май",
    "Июнь",
    "Июль",
    "Август",
    "Сентябрь",
    "Октябрь",
    "Ноябрь",
    "Декабрь",
]
WEEKDAYS = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]


def _month(request) -> date:
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return timezone.localdate().replace(day=1)


def event_list(request):
    """The month's calendar and list of public events; past ones with their results."""
    month = _month(request)
    last_day = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    audience = request.GET.get("audience", "")
    if audience not in Audience.values:
        audience = ""
    events, municipality = of_municipality(request, plan_selectors.public_events())
    events = events.annotate(until=Coalesce("ends_on", F("starts_on")))

    def for_audience(rows):  # the audience is a JSON list; SQLite cannot look inside it
        return [event for event in rows if not audience or audience in event.audience]

    in_month = for_audience(
        events.filter(starts_on__lte=last_day, until__gte=month).order_by("starts_on", "pk")
    )
    weeks = []
    for week in calendar.Calendar().monthdatescalendar(month.year, month.month):
        weeks.append(
            [
                {
                    "day": day,
                    "in_month": day.month == month.month,
                    "events": [e for e in in_month if e.starts_on <= day <= e.until],
                }
                for day in week
            ]
        )
    previous = (month.replace(day=1) - date.resolution).replace(day=1)
    following = last_day + date.resolution
    today = timezone.localdate()
    upcoming = for_audience(events.filter(until__gte=today).order_by("starts_on", "pk")[:50])
    return render(
        request,
        "portal/events.html",
        {
            "month": month,
            "month_name": f"{MONTHS[month.month]} {month.year}",
            "weeks": weeks,
            "weekdays": WEEKDAYS,
            "events": in_month,
            "upcoming": upcoming[:10],
            "previous": f"{previous:%Y-%m}",
            "following": f"{following:%Y-%m}",
            "audiences": Audience.choices,
            "audience": audience,
            "today": today,
            "municipality": municipality,
        },
    )


def event_detail(request, pk):
    event = get_object_or_404(plan_selectors.public_events(), pk=pk)
    show_municipality(request, event.municipality)
    return render(request, "portal/event.html", {"event": event, "today": timezone.localdate()})
