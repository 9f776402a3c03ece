"""The approved version of a programme: what the catalogue shows and other systems read.

Written when a moderator approves the programme, or at once for a moderator's own change
of a published one; ``free_places_update`` (``editing``) changes its free places in place.
"""

from django.db import transaction
from django.utils import timezone

from moc_portal.core import search
from moc_portal.core.bulk import update_rows
from moc_portal.users.models import User

from .. import signals
from ..cache import bump_catalogue_version
from ..models import Program, PublishedProgram
from ..selectors import program_card, program_with_card_relations


def send_after_commit(signal, **kwargs) -> None:
    transaction.on_commit(lambda: signal.send(sender=Program, **kwargs))


def approved_version_publish(program: Program, user: User) -> None:
    full = program_with_card_relations(program.pk)
    PublishedProgram.objects.update_or_create(
        program=program,
        defaults={
            **published_columns(full, groups=full.groups.all()),
            "card": program_card(full),
            "data": approved_data(full),
            "approved_at": timezone.now(),
            "approved_by": user,
        },
    )
    search.update_vectors(PublishedProgram.objects.filter(pk=program.pk))


def republish(*, program: Program, user: User) -> None:
    """A moderator's change to a published programme is approved as it is made."""
    approved_version_publish(program, user)
    send_after_commit(signals.program_changed, program_ids=[program.pk])


def published_columns(program: Program, *, groups) -> dict:
    """What the catalogue filters and searches on, taken from the approved programme."""
    starts = [g.enrolment_from for g in groups if g.enrolment_from]
    ends = [g.enrolment_to for g in groups if g.enrolment_to]
    specialisation = program.specialisation.name if program.specialisation else ""
    return {
        "organisation_id": program.organisation_id,
        "municipality_id": program.organisation.municipality_id,
        "name": program.name,
        "short_description": program.short_description,
        "focus": program.focus,
        "specialisation_id": program.specialisation_id,
        "level": program.level,
        "program_type": program.program_type,
        "age_from": program.age_from,
        "age_to": program.age_to,
        "study_form": program.study_form,
        "uses_distance_technologies": program.uses_distance_technologies,
        "ovz_suitable": program.ovz_suitable,
        "ovz_categories_key": "".join(f"|{c}" for c in program.ovz_categories) + "|"
        if program.ovz_categories
        else "",
        "aids_career_guidance": program.aids_career_guidance,
        "funding_budget": program.funding_budget,
        "funding_certificate": program.funding_certificate,
        "funding_paid": program.funding_paid,
        "cost": program.cost,
        "enrolment_from": min(starts, default=None),
        "enrolment_to": max(ends, default=None),
        "image": program.image.name if program.image else "",
        "search_title": search.normalize(program.name),
        "search_text": search.normalize(
            " ".join(
                [
                    program.short_description,
                    program.content,
                    program.goals,
                    program.expected_results,
                    program.get_focus_display(),
                    specialisation,
                    program.organisation.short_name,
                ]
            )
        ),
    }


def approved_data(program: Program, *, groups=None, partners=None) -> dict:
    """The approved programme's details as data, for exchange (the regional Navigator): what
    the catalogue columns do not already hold. ``groups`` ([(group, its slots)]) and
    ``partners`` stand in for the saved ones, for a programme not written yet (an import)."""
    if groups is None:
        groups = [(g, g.schedule.all()) for g in program.groups.all()]
    if partners is None:
        partners = program.partners.all() if program.pk else []
    return {
        "description": program.content,
        "duration_months": program.duration_months,
        "duration_hours": program.duration_hours,
        "address": program.address,
        "ovz_categories": list(program.ovz_categories),
        "partners": [{"name": p.name, "inn": p.inn, "ogrn": p.ogrn} for p in partners],
        "groups": [
            {
                "id": g.pk,
                "name": g.name,
                "teacher": g.teacher_name,
                # From the organisation's list (programs.staffing): name and post only.
                "teachers": [
                    {"id": t.teacher_id, "name": t.teacher.full_name, "post": t.teacher.post}
                    for t in (g.teachings.all() if g.pk else ())
                ],
                "age_from": g.age_from,
                "age_to": g.age_to,
                "places": g.places,
                "enrolment_from": g.enrolment_from.isoformat() if g.enrolment_from else None,
                "enrolment_to": g.enrolment_to.isoformat() if g.enrolment_to else None,
                "study_from": g.study_from.isoformat() if g.study_from else None,
                "study_to": g.study_to.isoformat() if g.study_to else None,
                "free_places": g.free_places,
                "funding": g.funding,
                "cost": float(g.cost) if g.cost is not None else None,
                "address": g.address,
                "schedule": [
                    {
                        "weekday": s.weekday,
                        "time_start": s.time_start.strftime("%H:%M"),
                        "time_end": s.time_end.strftime("%H:%M"),
                    }
                    for s in slots
                ],
            }
            for g, slots in groups
        ],
    }


def program_navigator_links_save(links: dict[int, tuple[str, str]]) -> None:
    """Record where programmes are in the Navigator: ``{program_id: (id, url)}``, empty strings
    once withdrawn. The catalogue's "Записаться в Навигаторе" button follows the URL."""
    if not links:
        return
    # A plain update: where a programme sits in the Navigator is not a change of the programme.
    update_rows(
        Program,
        ["navigator_id", "navigator_url"],
        [(pk, navigator_id, url) for pk, (navigator_id, url) in links.items()],
    )
    bump_catalogue_version()
