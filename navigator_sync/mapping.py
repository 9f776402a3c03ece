"""Our registry in the Navigator's terms (contract v1, ``contract/CONTRACT.md``).

Only approved versions are sent: a programme's payload is mapped from the public shape of its
``PublishedProgram`` (``programs.selectors.public``: the catalogue columns and the approved
``data``), the same shape the catalogue, the API and the open data read, never from a draft
under moderation.
The module imports no Django at run time: the stand-in Navigator hashes with ``content_hash``.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import TYPE_CHECKING

import orjson

if TYPE_CHECKING:
    from programs.models import Organisation, PublishedProgram
    from programs.selectors.public import PublicGroup, PublicProgramme

NAME_LIMIT = 255


# Raised whenever what a payload is made of changes: every programme is then sent again.
MAPPING_VERSION = 1


def source_mark(changed_at: datetime | None) -> str:
    """Which version of a programme a payload was built from (``PublishedProgram.changed_at``
    and this mapping's version): the same mark means the same payload, without building it."""
    return f"v{MAPPING_VERSION}:{changed_at.isoformat()}" if changed_at else ""


def content_hash(payload: dict) -> str:
    """What the Navigator compares: the content, not when it was sent. Canonical JSON: keys
    sorted, no spaces, UTF-8 (CONTRACT.md)."""
    content = {k: v for k, v in payload.items() if k != "lastmodifiedTs"}
    return hashlib.sha256(orjson.dumps(content, option=orjson.OPT_SORT_KEYS)).hexdigest()


def timestamp(moment: datetime) -> int:
    """``lastmodifiedTs``: milliseconds since 1970-01-01 UTC."""
    return int(moment.timestamp() * 1000)


def organisation_payload(organisation: Organisation) -> dict:
    return {
        "uuid": str(organisation.uuid),
        "lastmodifiedTs": timestamp(organisation.updated_at),
        "isDeleted": False,
        "name": organisation.short_name[:NAME_LIMIT],
        "fullName": organisation.full_name,
        "inn": organisation.inn,
        "ogrn": organisation.ogrn,
        "oktmo": organisation.municipality.oktmo,
        "address": organisation.address,
        "headName": organisation.head_name,
        "phone": organisation.phone,
        "email": organisation.email,
        "website": organisation.website,
    }


def _financing(programme: PublicProgramme) -> list[dict]:
    cost = float(programme.cost) if programme.cost is not None else None
    sources = []
    if programme.funding_budget:
        sources.append({"type": "budget", "cost": None})
    if programme.funding_certificate:
        sources.append({"type": "certificate", "cost": cost})
    if programme.funding_paid:
        sources.append({"type": "paid", "cost": cost})
    return sources


def _day(value) -> str | None:
    return value.isoformat() if value else None


def _teacher(group: PublicGroup) -> str:
    """The contract's ``teacher`` (a string up to 255): the full names from the
    organisation's list of teachers, else the group's text."""
    names = ", ".join(teacher.name for teacher in group.teachers)
    return (names or group.teacher)[:255]


def _group(group: PublicGroup) -> dict:
    """A group of the approved version with its weekly schedule."""
    return {
        "code": str(group.id),
        "name": group.name,
        "teacher": _teacher(group),
        "ageFrom": group.age_from,
        "ageTo": group.age_to,
        "places": group.places,
        "orderFrom": _day(group.enrolment_from),
        "orderTo": _day(group.enrolment_to),
        "studyFrom": _day(group.study_from),
        "studyTo": _day(group.study_to),
        "freePlaces": group.free_places,
        "financing": {"type": group.funding, "cost": group.cost},
        "address": group.address,
        "schedule": [
            {"weekDays": [slot.weekday], "timeStart": slot.time_start, "timeEnd": slot.time_end}
            for slot in group.schedule
        ],
    }


def program_payload(published: PublishedProgram) -> dict:
    """The approved programme with its groups and schedules, mapped from its public shape
    (``programs.selectors.public``) to the contract's names. Needs ``program`` and
    ``organisation__municipality`` loaded (``programs.exchange.published_for_exchange``)."""
    # Imported here: the stand-in Navigator imports this module without Django.
    from programs.selectors.public import public_programme

    programme = public_programme(published)
    organisation = programme.organisation
    return {
        "uuid": str(published.program.uuid),
        "lastmodifiedTs": timestamp(programme.approved_at),
        "isDeleted": False,
        "organisationUuid": str(organisation.uuid),
        "name": programme.name[:NAME_LIMIT],
        "fullName": programme.name,
        "announce": programme.short_description,
        "description": programme.description,
        "minAge": programme.age_from,
        "maxAge": programme.age_to,
        "focusCode": programme.focus,
        "levelSet": [programme.level],
        "programType": programme.program_type,
        "studyForm": programme.study_form,
        "distance": programme.uses_distance_technologies,
        "ovz": programme.ovz_suitable,
        "ovzTypes": list(programme.ovz_categories),
        "certificateRequired": programme.funding_certificate,
        "financingSources": _financing(programme),
        "duration": programme.duration_months,
        "durationunit": "month",
        "hours": programme.duration_hours,
        "oktmo": organisation.municipality.oktmo,
        "address": programme.address,
        "partners": [{"name": p.name, "inn": p.inn, "ogrn": p.ogrn} for p in programme.partners],
        "groups": [_group(group) for group in programme.groups],
    }


def withdrawal_payload(program_uuid, moment: datetime) -> dict:
    return {"uuid": str(program_uuid), "lastmodifiedTs": timestamp(moment), "isDeleted": True}
