"""A group's weekly schedule as people write it: «Пн, Ср 15:00–16:30; Пт 10:00–11:30».

Parts are separated by «;», each part is one or more days (short or full names, «Пн–Ср» for
a run of days) and one time range. What cannot be read is refused with the reason, never
guessed.
"""

import re
from dataclasses import dataclass
from datetime import time

DAYS = {
    "пн": 1,
    "понедельник": 1,
    "вт": 2,
    "вторник": 2,
    "ср": 3,
    "среда": 3,
    "чт": 4,
    "четверг": 4,
    "пт": 5,
    "пятница": 5,
    "сб": 6,
    "суббота": 6,
    "вс": 7,
    "воскресенье": 7,
}
SHORT = {1: "Пн", 2: "Вт", 3: "Ср", 4: "Чт", 5: "Пт", 6: "Сб", 7: "Вс"}
DASHES = "-–—"
TIME_RANGE = re.compile(
    rf"(?P<h1>\d{{1,2}})[:.](?P<m1>\d{{2}})\s*[{DASHES}]\s*(?P<h2>\d{{1,2}})[:.](?P<m2>\d{{2}})$"
)
EXAMPLE = "«Пн, Ср 15:00–16:30; Пт 10:00–11:30»"


@dataclass(frozen=True)
class Slot:
    weekday: int
    time_start: time
    time_end: time


class ScheduleError(ValueError):
    """Why a schedule cannot be read, in Russian."""


def _time(hours: str, minutes: str, part: str) -> time:
    try:
        return time(int(hours), int(minutes))
    except ValueError as error:
        raise ScheduleError(f"в «{part}» нет такого времени: {hours}:{minutes}") from error


def _days(text: str, part: str) -> list[int]:
    days = []
    for chunk in re.split(r"[,\s]+", text.strip().lower().rstrip(".")):
        if not chunk:
            continue
        run = re.split(rf"[{DASHES}]", chunk)
        if len(run) == 2 and run[0].rstrip(".") in DAYS and run[1].rstrip(".") in DAYS:
            first, last = DAYS[run[0].rstrip(".")], DAYS[run[1].rstrip(".")]
            if first > last:
                raise ScheduleError(f"в «{part}» дни идут не по порядку: {chunk}")
            days.extend(range(first, last + 1))
        elif chunk.rstrip(".") in DAYS:
            days.append(DAYS[chunk.rstrip(".")])
        else:
            raise ScheduleError(
                f"в «{part}» не понятен день недели «{chunk}»: пишите Пн, Вт, Ср, Чт, Пт, Сб, Вс"
            )
    if not days:
        raise ScheduleError(f"в «{part}» нет дня недели: пишите как {EXAMPLE}")
    return days


def parse_schedule(text: str) -> list[Slot]:
    """The slots of a schedule, or ScheduleError with what to fix."""
    slots: list[Slot] = []
    parts = [part.strip() for part in str(text or "").split(";") if part.strip()]
    if not parts:
        raise ScheduleError(f"расписание не указано: пишите как {EXAMPLE}")
    for part in parts:
        found = re.search(rf"\d{{1,2}}[:.]\d{{2}}\s*[{DASHES}]\s*\d{{1,2}}[:.]\d{{2}}$", part)
        if found is None:
            raise ScheduleError(
                f"в «{part}» не понятно время занятия: пишите день и время, как {EXAMPLE}"
            )
        match = TIME_RANGE.match(found.group(0).replace(" ", ""))
        start = _time(match["h1"], match["m1"], part)
        end = _time(match["h2"], match["m2"], part)
        if start >= end:
            raise ScheduleError(f"в «{part}» занятие заканчивается не позже, чем начинается")
        for day in _days(part[: found.start()], part):
            slot = Slot(day, start, end)
            if slot in slots:
                raise ScheduleError(f"в расписании дважды одно и то же занятие: «{part}»")
            slots.append(slot)
    return sorted(slots, key=lambda s: (s.weekday, s.time_start))


def _clock(moment: time | str) -> str:
    """«ЧЧ:ММ» of a time, or the same text where a slot holds it as text (an approved one)."""
    return moment if isinstance(moment, str) else f"{moment:%H:%M}"


def format_schedule(slots) -> str:
    """Slots back as people write them; days with the same time share one part."""
    by_time: dict = {}
    for slot in sorted(slots, key=lambda s: (s.weekday, _clock(s.time_start))):
        times = (_clock(slot.time_start), _clock(slot.time_end))
        by_time.setdefault(times, []).append(slot.weekday)
    parts = [
        f"{', '.join(SHORT[d] for d in days)} {start}–{end}"
        for (start, end), days in sorted(by_time.items(), key=lambda item: item[1][0])
    ]
    return "; ".join(parts)
