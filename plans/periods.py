"""Periods as plans write them, understood as dates where they can be.

«В течение года», «Сентябрь-декабрь», «Октябрь 2020 г.», «Август – сентябрь 2020 г.»,
«I квартал 2021 г.», «до 01 ноября 2019 года», «2020 г. - 2024 г.», «по отдельному графику»…
The text is always kept as written; the dates are what the portal can work out from it, or
none. Month names without a year take it from the plan's period: in an academic year
September–December belong to its first year and January–August to its second.
"""

import calendar
import re
from datetime import date
from typing import NamedTuple


class Period(NamedTuple):
    start: date | None
    end: date | None

    @property
    def understood(self) -> bool:
        return self.start is not None or self.end is not None


NONE = Period(None, None)

MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,  # май, мая
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
MONTH = "(" + "|".join("ма[йя]" if s == "ма" else rf"{s}\w*" for s in MONTHS) + ")"
QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
WHOLE_PERIOD = re.compile(
    r"^(в течени[ея] (всего )?(учебного )?(года|периода)|постоянно|ежемесячно|ежеквартально)$"
)


def parse_period(
    text: str, *, plan_start: date | None = None, plan_end: date | None = None
) -> Period:
    """The dates a period means, or Period(None, None) when it names none («по графику»)."""
    words = " ".join((text or "").lower().replace("ё", "е").split()).rstrip(".")
    if WHOLE_PERIOD.match(words):
        return Period(plan_start, plan_end) if plan_start and plan_end else NONE
    t = _normal(text)
    if not t:
        return NONE

    if m := re.fullmatch(r"в течени[ея] (\d{4})", t):
        return _years(int(m[1]), int(m[1]))
    if m := re.fullmatch(r"до конца (\d{4})", t):
        return Period(_start_before(plan_start, date(int(m[1]), 12, 31)), date(int(m[1]), 12, 31))
    if m := re.fullmatch(rf"до (\d{{1,2}}) {MONTH}( (\d{{4}}))?", t):
        year = int(m[4]) if m[4] else _year_of(_month(m[2]), plan_start)
        if year is None:
            return NONE
        end = _day(year, _month(m[2]), int(m[1]))
        return Period(_start_before(plan_start, end), end) if end else NONE
    if m := re.fullmatch(r"(i{1,3}|iv|[1-4]) квартал (\d{4})", t):
        quarter, year = QUARTERS[m[1]], int(m[2])
        return _months(year, 3 * quarter - 2, year, 3 * quarter)
    if m := re.fullmatch(r"(\d{4}) ?- ?(\d{4})", t):
        return _years(int(m[1]), int(m[2]))
    if m := re.fullmatch(rf"{MONTH} ?- ?{MONTH}( (\d{{4}}))?", t):
        first, last = _month(m[1]), _month(m[2])
        if m[4]:
            end_year = int(m[4])
            start_year = end_year if first <= last else end_year - 1
        else:
            start_year, end_year = _year_of(first, plan_start), _year_of(last, plan_start)
            if start_year is None:
                return NONE
        return _months(start_year, first, end_year, last)
    if m := re.fullmatch(rf"{MONTH}( (\d{{4}}))?", t):
        month = _month(m[1])
        year = int(m[3]) if m[3] else _year_of(month, plan_start)
        return _months(year, month, year, month) if year else NONE
    if m := re.fullmatch(r"(\d{4})", t):
        return _years(int(m[1]), int(m[1]))
    if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", t):
        day = _day(int(m[3]), int(m[2]), int(m[1]))
        return Period(day, day) if day else NONE
    return NONE


def _normal(text: str) -> str:
    t = (text or "").lower().replace("ё", "е").replace("\u00a0", " ")
    t = re.sub(r"[–—−]", "-", t)
    t = re.sub(r"\b(года|год|гг|г)\b\.?", " ", t)
    t = re.sub(r"[.,;:]+$", "", t.strip())
    t = re.sub(r"\s+", " ", t).strip()
    return re.sub(r" ?- ?", " - ", t) if re.search(r"\D-|-\D", t) else t


def _month(word: str) -> int:
    return next(n for stem, n in MONTHS.items() if word.startswith(stem))


def _year_of(month: int, plan_start: date | None) -> int | None:
    if plan_start is None:
        return None
    return plan_start.year if month >= plan_start.month else plan_start.year + 1


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _months(start_year: int, first: int, end_year: int, last: int) -> Period:
    return Period(
        date(start_year, first, 1), date(end_year, last, calendar.monthrange(end_year, last)[1])
    )


def _years(first: int, last: int) -> Period:
    return Period(date(first, 1, 1), date(last, 12, 31))


def _start_before(plan_start: date | None, end: date) -> date:
    return plan_start if plan_start and plan_start <= end else end
