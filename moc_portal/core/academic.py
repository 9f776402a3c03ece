"""The academic year: from 1 September to 31 August, written «2026/2027»."""

from datetime import date, datetime, time

from django.utils import timezone


def academic_year_start(day: date | None = None) -> date:
    day = day or timezone.localdate()
    return date(day.year if day.month >= 9 else day.year - 1, 9, 1)


def academic_year(day: date | None = None) -> str:
    """«2026/2027» for any day from 01.09.2026 to 31.08.2027."""
    start = academic_year_start(day).year
    return f"{start}/{start + 1}"


def moment(as_of) -> datetime:
    """The end of the chosen day, in the portal's time zone."""
    return timezone.make_aware(datetime.combine(as_of, time.max))
