"""Our registry in the Navigator's terms (contract v1, ``contract/CONTRACT.md``).

Only approved versions are sent: a programme's payload is built from its ``PublishedProgram``
(the catalogue columns and the approved ``data``), never from a draft under moderation.
The module imports no Django at run time: the stand-in Navigator hashes with ``content_hash``.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import TYPE_CHECKING

import orjson

if TYPE_CHECKING:
    from programs.models import Organisation, PublishedProgram

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


def _financing(published: PublishedProgram) -> list[dict]:
    sources = []
    if published.funding_budget:
        sources.append({"type": "budget", "cost": None})
    if published.funding_certificate:
        sources.append({"type": "certificate", "cost": _cost(published)})
    if published.funding_paid:
        sources.append({"type": "paid", "cost": _cost(published)})
    return sources


def _cost(published: PublishedProgram):
    return float(published.cost) if published.cost is not None else None


def _group(group: dict) -> dict:
    """A group of the approved ``data`` with its weekly schedule."""
    return {
        "code": str(group["id"]),
        "name": group["name"],
        "teacher": group["teacher"],
        "ageFrom": group["age_from"],
        "ageTo": group["age_to"],
        "places": group["places"],
        "orderFrom": group["enrolment_from"],
        "orderTo": group["enrolment_to"],
        "studyFrom": group.get("study_from"),
        "studyTo": group.get("study_to"),
        "freePlaces": group.get("free_places"),
        "financing": {"type": group.get("funding", "budget"), "cost": group.get("cost")},
        "address": group["address"],
        "schedule": [
            {
                "weekDays": [slot["weekday"]],
                "timeStart": slot["time_start"],
                "timeEnd": slot["time_end"],
            }
            for slot in group["schedule"]
        ],
    }


def program_payload(published: PublishedProgram) -> dict:
    """The approved programme with its groups and schedules. Needs ``program`` and
    ``organisation__municipality`` loaded."""
    data = published.data
    program = published.program
    return {
        "uuid": str(program.uuid),
        "lastmodifiedTs": timestamp(published.approved_at),
        "isDeleted": False,
        "organisationUuid": str(published.organisation.uuid),
        "name": published.name[:NAME_LIMIT],
        "fullName": published.name,
        "announce": published.short_description,
        "description": data.get("description", ""),
        "minAge": published.age_from,
        "maxAge": published.age_to,
        "focusCode": published.focus,
        "levelSet": [published.level],
        "programType": published.program_type,
        "studyForm": published.study_form,
        "distance": published.uses_distance_technologies,
        "ovz": published.ovz_suitable,
        "ovzTypes": data.get("ovz_categories", []),
        "certificateRequired": published.funding_certificate,
        "financingSources": _financing(published),
        "duration": data.get("duration_months"),
        "durationunit": "month",
        "hours": data.get("duration_hours"),
        "oktmo": published.organisation.municipality.oktmo,
        "address": data.get("address", ""),
        "partners": [
            {"name": p["name"], "inn": p["inn"], "ogrn": p["ogrn"]}
            for p in data.get("partners", [])
        ],
        "groups": [_group(group) for group in data.get("groups", [])],
    }


def withdrawal_payload(program_uuid, moment: datetime) -> dict:
    return {"uuid": str(program_uuid), "lastmodifiedTs": timestamp(moment), "isDeleted": True}
