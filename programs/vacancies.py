"""«Вакантные места для приёма (перевода)»: free places by programme, group and source of
funding, as the rules for educational organisations' websites ask — a public page per
organisation, its Excel and JSON, and a block the organisation embeds in its own site with one
line of HTML (no JavaScript; this route alone may be framed)."""

from django.utils import timezone

from .choices import GroupFunding
from .models import Organisation
from .selectors.public import organisation_programmes

FUNDING_TITLES = {
    GroupFunding.BUDGET: "за счёт бюджетных ассигнований",
    GroupFunding.CERTIFICATE: "по сертификату персонифицированного финансирования",
    GroupFunding.PAID: "по договорам об оказании платных образовательных услуг",
}


def vacancies(organisation: Organisation) -> dict:
    """The groups of the organisation's published programmes as approved, with their free
    places and enrolment today."""
    today = timezone.localdate()
    rows = [
        {
            "program_id": programme.id,
            "program": programme.name,
            "group": group.name,
            "ages": group.ages,
            "age_from": group.age_from,
            "age_to": group.age_to,
            "funding": group.funding,
            "funding_title": FUNDING_TITLES[group.funding],
            "places": group.places,
            "free_places": group.free_places,
            "schedule": group.schedule_text,
            "enrolment_open": group.enrolment_open,
        }
        for programme in organisation_programmes(organisation)
        for group in sorted(programme.groups, key=lambda g: (g.name, g.id))
    ]
    by_funding = {
        key: sum(r["free_places"] or 0 for r in rows if r["funding"] == key)
        for key in GroupFunding.values
    }
    return {
        "organisation": organisation,
        "as_of": today,
        "rows": rows,
        "by_funding": by_funding,
        "totals": [(FUNDING_TITLES[key], n) for key, n in by_funding.items()],
        "total": sum(by_funding.values()),
    }


def as_json(data: dict, url) -> dict:
    organisation = data["organisation"]
    return {
        "organisation": {
            "name": organisation.short_name,
            "full_name": organisation.full_name,
            "inn": organisation.inn,
        },
        "as_of": data["as_of"].isoformat(),
        "url": url,
        "groups": [
            {
                "program_id": r["program_id"],
                "program": r["program"],
                "group": r["group"],
                "age_from": r["age_from"],
                "age_to": r["age_to"],
                "funding": r["funding"],
                "places": r["places"],
                "free_places": r["free_places"],
                "schedule": r["schedule"],
                "enrolment_open": r["enrolment_open"],
            }
            for r in data["rows"]
        ],
        "free_places_by_funding": data["by_funding"],
    }
