"""Would the Navigator take this programme as it is now? The push's own checks — the
contract's schemas (``schema.field_errors``) on the payload the same mapping builds — run on
the working copy before anyone publishes it, and said in words a coordinator can act on:
«не готово к передаче в Навигатор: нет ни одной группы; …».

Staff may still publish a programme that is not ready (the catalogue does not need the
Navigator), but they see the list first: on the programme's page and form, in the import's
preview, in the moderation queue and as a count on their dashboard. The registry asks through
``programs.readiness``, where ``apps.py`` registers ``payload_problems`` at start-up.
"""

import re

from django.utils import timezone

from programs.models import Program, PublishedProgram
from programs.services import approved_data, published_columns

from .mapping import organisation_payload, program_payload
from .schema import field_errors

TITLE = "не готово к передаче в Навигатор"
LABELS = {
    "name": "наименование",
    "fullName": "полное наименование",
    "announce": "краткое описание",
    "description": "содержание программы",
    "minAge": "возраст от",
    "maxAge": "возраст до",
    "levelSet": "уровень",
    "programType": "вид программы",
    "studyForm": "форма обучения",
    "ovzTypes": "категории ОВЗ",
    "financingSources": "финансирование",
    "duration": "продолжительность, мес.",
    "hours": "объём, ак. ч.",
    "oktmo": "ОКТМО муниципалитета",
    "address": "адрес",
    "partners": "партнёры",
    "teacher": "педагог",
    "ageFrom": "возраст от",
    "ageTo": "возраст до",
    "places": "мест",
    "freePlaces": "свободных мест",
    "orderFrom": "приём заявок с",
    "orderTo": "приём заявок по",
    "studyFrom": "обучение с",
    "studyTo": "обучение по",
    "schedule": "расписание",
    "timeStart": "начало занятия",
    "timeEnd": "окончание занятия",
    "inn": "ИНН",
    "ogrn": "ОГРН",
    "fullname": "полное наименование",
    "email": "электронная почта",
    "website": "сайт",
    "phone": "телефон",
    "headName": "руководитель",
}
GROUP = re.compile(r"^groups\[(\d+)\]\.?(.*)$")


def _label(path: str) -> str:
    last = re.sub(r"\[\d+\]", "", path.rsplit(".", 1)[-1]) if path else ""
    return LABELS.get(last, last or "программа")


def _describe(error: dict, payload: dict) -> str:
    field, message = error["field"], error["message"]
    if field == "groups" and message == "нужен хотя бы один элемент":
        return "нет ни одной группы"
    group = GROUP.match(field)
    if group:
        index, rest = int(group[1]), group[2]
        name = payload["groups"][index].get("name") or f"№ {index + 1}"
        return f"группа «{name}»: {_label(rest)} — {message}"
    return f"{_label(field)} — {message}"


def payload_problems(program: Program, *, groups, partners=None) -> list[str]:
    """The problems of the programme with these groups ([(group, slots)]), as the push would
    find them; empty when the Navigator would take it."""
    columns = published_columns(program, groups=[g for g, _ in groups])
    for name in ("organisation_id", "municipality_id"):
        columns.pop(name)
    published = PublishedProgram(
        program=program,
        organisation=program.organisation,
        municipality=program.organisation.municipality,
        **columns,
        data=approved_data(program, groups=groups, partners=partners),
        approved_at=timezone.now(),
    )
    payload = program_payload(published)
    problems = [_describe(e, payload) for e in field_errors("program", payload)]
    organisation = organisation_payload(program.organisation)
    problems += [
        f"организация: {_describe(e, organisation)}"
        for e in field_errors("organisation", organisation)
    ]
    return problems
