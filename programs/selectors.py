"""Reads of the registry: what a person may see, lists, cards and their differences."""

from decimal import Decimal

from django.db import models
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone
from django.utils.text import capfirst

from moc_portal.core import search
from moc_portal.users.models import User

from .choices import ProgramStatus
from .models import (
    GroupSchedule,
    Organisation,
    Program,
    ProgramGroup,
    ProgramTransition,
    PublishedProgram,
)

CARD_FIELDS = [
    "academic_year",
    "name",
    "short_description",
    "content",
    "goals",
    "expected_results",
    "focus",
    "specialisation",
    "level",
    "program_type",
    "age_from",
    "age_to",
    "duration_months",
    "duration_hours",
    "study_form",
    "uses_distance_technologies",
    "is_network",
    "ovz_suitable",
    "ovz_categories",
    "aids_career_guidance",
    "funding_budget",
    "funding_certificate",
    "funding_paid",
    "cost",
    "registries",
    "address",
]


def user_coordinates(user: User, organisation: Organisation) -> bool:
    return user.is_coordinator and organisation.coordinators.filter(pk=user.pk).exists()


def user_manages_organisation(user: User, organisation: Organisation) -> bool:
    """Its municipality's staff (or an administrator), or one of its coordinators."""
    return user.manages_municipality(organisation.municipality_id) or user_coordinates(
        user, organisation
    )


def program_list(*, user: User, filters: dict | None = None) -> QuerySet[Program]:
    from .filters import ProgramFilter

    qs = with_last_comment(
        Program.objects.select_related("organisation__municipality", "specialisation").managed_by(
            user
        )
    ).annotate(group_count=Count("groups"))
    return ProgramFilter(filters or {}, queryset=qs, user=user).qs


def moderation_queue(*, user: User, filters: dict | None = None) -> QuerySet[Program]:
    from .filters import ProgramFilter

    data = dict(filters or {})
    data.setdefault("status", ProgramStatus.ON_MODERATION)
    return ProgramFilter(
        data,
        queryset=Program.objects.select_related(
            "organisation__municipality", "specialisation"
        ).managed_by(user),
        user=user,
    ).qs.order_by("updated_at")


def with_card_relations(programs: QuerySet[Program]) -> QuerySet[Program]:
    """The programmes with what their card (and their exchange payload) reads, in a fixed
    number of queries however many there are."""
    schedule = Prefetch(
        "schedule", queryset=GroupSchedule.objects.order_by("weekday", "time_start")
    )
    groups = Prefetch("groups", queryset=ProgramGroup.objects.prefetch_related(schedule))
    return programs.select_related("organisation__municipality", "specialisation").prefetch_related(
        "partners", groups
    )


def program_with_card_relations(program_id: int) -> Program:
    return with_card_relations(Program.objects.all()).get(pk=program_id)


def _field_text(field, value) -> str:
    """A field's value as a person reads it: the card shows loaded values, the change history
    stored ones (a relation is then an id)."""
    if value in (None, "", []):
        return "—"
    if getattr(field, "item_choices", None):
        labels = dict(field.item_choices)
        return ", ".join(str(labels.get(v, v)) for v in value)
    if field.choices:
        return str(dict(field.choices).get(value, value))
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, Decimal):
        return f"{value:,.2f}".replace(",", " ").replace(".", ",")
    if field.is_relation and not isinstance(value, models.Model):
        target = field.related_model.objects.filter(pk=value).first()
        return str(target) if target else str(value)
    return str(value)


def program_card(program: Program) -> dict:
    """The programme as a person reads it, in a form that can be stored and compared."""
    fields = {
        name: {
            "label": capfirst(Program._meta.get_field(name).verbose_name),
            "value": _field_text(Program._meta.get_field(name), getattr(program, name)),
        }
        for name in CARD_FIELDS
    }
    return {
        "fields": fields,
        "organisation": {
            "id": program.organisation_id,
            "name": program.organisation.short_name,
            "address": program.organisation.address,
            "phone": program.organisation.phone,
            "email": program.organisation.email,
        },
        "partners": [
            f"{p.name} (ИНН {p.inn}{', ОГРН ' + p.ogrn if p.ogrn else ''})"
            for p in program.partners.all()
        ],
        "groups": [
            {
                "id": g.pk,
                "name": g.name,
                "teacher": g.teacher_name,
                "ages": f"{g.age_from}–{g.age_to} лет",
                "places": g.places,
                "free_places": g.free_places,
                "enrolment": _period_text(g.enrolment_from, g.enrolment_to),
                "study": _period_text(g.study_from, g.study_to),
                "funding": g.get_funding_display()
                + (f", {g.cost:.0f} руб." if g.cost is not None else ""),
                "address": g.address,
                "schedule": [str(s) for s in g.schedule.all()],
            }
            for g in program.groups.all()
        ],
    }


def _period_text(start, end) -> str:
    if start and end:
        return f"с {start:%d.%m.%Y} по {end:%d.%m.%Y}"
    if start:
        return f"с {start:%d.%m.%Y}"
    if end:
        return f"по {end:%d.%m.%Y}"
    return "—"


def _group_line(group: dict) -> str:
    schedule = "; ".join(group["schedule"]) or "расписание не задано"
    return (
        f"{group['name']}: {group['teacher']}, {group['ages']}, мест {group['places']}, "
        f"приём {group['enrolment']}, {schedule}"
    )


def program_changes_since_approval(program: Program) -> list[dict]:
    """What differs between the programme now and its last approved version.

    Empty for a programme that was never approved (everything is new then).
    """
    published = getattr(program, "published", None)
    if published is None:
        return []
    return card_changes(published.card, program_card(program_with_card_relations(program.pk)))


def program_changes_since_return(program: Program) -> dict | None:
    """For a programme resubmitted after «требует доработки»: the moderator's comment, who and
    when, and what differs from the card as it was returned. None when it was not returned
    since its last approval, or was returned before the portal kept the card."""
    if program.status != ProgramStatus.ON_MODERATION:
        return None
    step = (
        program.transitions.filter(
            to_status__in=[ProgramStatus.NEEDS_REVISION, ProgramStatus.PUBLISHED]
        )
        .select_related("actor")
        .order_by("-created_at", "-pk")
        .first()
    )
    if step is None or step.to_status != ProgramStatus.NEEDS_REVISION or not step.card:
        return None
    current = program_card(program_with_card_relations(program.pk))
    return {"step": step, "changes": card_changes(step.card, current)}


def card_changes(old: dict, new: dict) -> list[dict]:
    """Field by field, then partners and groups: what differs between two cards."""
    changes = [
        {"label": new["fields"][name]["label"], "old": old_field["value"], "new": new_value}
        for name, old_field in old["fields"].items()
        if (new_value := new["fields"].get(name, {}).get("value")) != old_field["value"]
    ]
    for key, label in (("partners", "Сетевые партнёры"),):
        if old[key] != new[key]:
            changes.append(
                {
                    "label": label,
                    "old": "; ".join(old[key]) or "—",
                    "new": "; ".join(new[key]) or "—",
                }
            )
    old_groups = [_group_line(g) for g in old["groups"]]
    new_groups = [_group_line(g) for g in new["groups"]]
    if old_groups != new_groups:
        changes.append(
            {
                "label": "Группы и расписание",
                "old": "\n".join(old_groups) or "—",
                "new": "\n".join(new_groups) or "—",
            }
        )
    return changes


def with_last_comment(programs: QuerySet[Program]) -> QuerySet[Program]:
    """Each programme with its last moderator comment and when it was written."""
    last = ProgramTransition.objects.filter(program=OuterRef("pk")).exclude(comment="")
    last = last.order_by("-created_at", "-id")
    return programs.annotate(
        last_comment=Subquery(last.values("comment")[:1]),
        last_comment_at=Subquery(last.values("created_at")[:1]),
    )


def _status_counts(programs: QuerySet[Program]) -> dict:
    counts = dict(programs.values_list("status").annotate(n=Count("id")).order_by())
    return {status: counts.get(status, 0) for status in ProgramStatus.values}


def change_history(obj) -> list[dict]:
    """Field-level change history of a programme or organisation, newest first."""
    records = obj.history.select_related("history_user").order_by("-history_date")
    return history_rows(list(records), type(obj))


def history_rows(records: list, model, *, hidden=()) -> list[dict]:
    """Each historical record of one object (newest first) with what it changed, field by
    field, in words; ``hidden`` fields (counters) are left out."""
    rows = []
    for record, previous in zip(records, [*records[1:], None], strict=True):
        changes = []
        if previous is not None:
            for change in record.diff_against(previous).changes:
                if change.field in hidden:
                    continue
                field = model._meta.get_field(change.field)
                changes.append(
                    {
                        "label": capfirst(field.verbose_name),
                        "old": _field_text(field, change.old),
                        "new": _field_text(field, change.new),
                    }
                )
        rows.append({"record": record, "changes": changes})
    return rows


def coordinator_dashboard(user: User) -> dict:
    programs = Program.objects.select_related(
        "organisation__municipality", "specialisation"
    ).managed_by(user)
    return {
        "organisations": Organisation.objects.select_related("municipality").managed_by(user),
        "needs_revision": with_last_comment(programs)
        .filter(status=ProgramStatus.NEEDS_REVISION)
        .order_by("name"),
        "drafts": programs.filter(status=ProgramStatus.DRAFT).order_by("-updated_at"),
        "counts": _status_counts(programs),
    }


def staff_dashboard(user: User) -> dict:
    programs = Program.objects.select_related(
        "organisation__municipality", "specialisation"
    ).managed_by(user)
    queue = programs.filter(status=ProgramStatus.ON_MODERATION).order_by("updated_at")
    return {
        "counts": _status_counts(programs),
        "queue": queue[:10],
        "queue_total": queue.count(),
        "organisations_total": Organisation.objects.managed_by(user).count(),
        "organisations_without_coordinator": Organisation.objects.managed_by(user)
        .filter(coordinators__isnull=True)
        .count(),
    }


# --- figures for reports ------------------------------------------------------------------


def published_as_of(municipality_id: int | list[int], as_of) -> QuerySet[Program]:
    """The municipality's (or municipalities') programmes published at the moment ``as_of``
    (``ProgramQuerySet.published_as_of``)."""
    ids = municipality_id if isinstance(municipality_id, list) else [municipality_id]
    return Program.objects.filter(organisation__municipality_id__in=ids).published_as_of(as_of)


def public_groups(published: PublishedProgram) -> list[dict]:
    """The approved groups as the card shows them, with what changes from day to day taken
    from the groups themselves: free places, and whether each takes applications today."""
    today = timezone.localdate()
    live = {g.pk: g for g in ProgramGroup.objects.filter(program_id=published.pk)}
    groups = []
    for group in published.card.get("groups", []):
        now = live.get(group.get("id"))
        groups.append(
            {
                **group,
                "free_places": now.free_places if now else group.get("free_places"),
                "open": bool(now and now.enrolment_open_on(today)),
            }
        )
    return groups


def catalogue_search_finds(words: str) -> bool:
    """Whether these words find any programme at all, whatever else is chosen: a search that
    finds nothing is then answered without counting anything."""
    return search.finds_any(PublishedProgram.objects.all(), words)
