"""The programme's card: the programme as a person reads it, stored with each approval and
each return, and what differs between two cards."""

from decimal import Decimal, InvalidOperation

from django.db import models
from django.db.models import Prefetch, QuerySet
from django.utils.text import capfirst

from moc_portal.core.russian import rubles

from ..choices import ProgramStatus
from ..models import GroupSchedule, Program, ProgramGroup

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


def with_card_relations(programs: QuerySet[Program]) -> QuerySet[Program]:
    """The programmes with what their card (and their exchange payload) reads, in a fixed
    number of queries however many there are."""
    schedule = Prefetch(
        "schedule", queryset=GroupSchedule.objects.order_by("weekday", "time_start")
    )
    groups = Prefetch(
        "groups", queryset=ProgramGroup.objects.prefetch_related(schedule, "teachings__teacher")
    )
    return programs.select_related("organisation__municipality", "specialisation").prefetch_related(
        "partners", groups
    )


def program_with_card_relations(program_id: int) -> Program:
    return with_card_relations(Program.objects.all()).get(pk=program_id)


def field_text(field, value) -> str:
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
        return rubles(value)  # the card's one decimal is a cost
    if field.is_relation and not isinstance(value, models.Model):
        target = field.related_model.objects.filter(pk=value).first()
        return str(target) if target else str(value)
    return str(value)


# Labels the card writes otherwise than the field: its value already says «₽».
CARD_LABELS = {"cost": "Стоимость обучения"}


def program_card(program: Program) -> dict:
    """The programme as a person reads it, in a form that can be stored and compared."""
    fields = {
        name: {
            "label": CARD_LABELS.get(name) or capfirst(Program._meta.get_field(name).verbose_name),
            "value": field_text(Program._meta.get_field(name), getattr(program, name)),
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
                "enrolment": period_text(g.enrolment_from, g.enrolment_to),
                "study": period_text(g.study_from, g.study_to),
                "funding": g.get_funding_display()
                + (f", {rubles(g.cost)}" if g.cost is not None else ""),
                "address": g.address,
                "schedule": [str(s) for s in g.schedule.all()],
            }
            for g in program.groups.all()
        ],
    }


def period_text(start, end) -> str:
    if start and end:
        return f"с {start:%d.%m.%Y} по {end:%d.%m.%Y}"
    if start:
        return f"с {start:%d.%m.%Y}"
    if end:
        return f"по {end:%d.%m.%Y}"
    return "—"


def _differs(name: str, old, new) -> bool:
    """Whether a card's value changed. A cost stored before cards wrote «1 500 ₽» reads
    «1 500,00»: the same amount is no change."""
    if name == "cost":
        return _amount(old) != _amount(new)
    return old != new


def _amount(text):
    """The amount a card's cost says («1 500 ₽», «1 500,00»), or the text itself."""
    if not isinstance(text, str):
        return text
    digits = text.replace("₽", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        return Decimal(digits)
    except InvalidOperation:
        return text


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
        if _differs(name, old_field["value"], new_value := new["fields"].get(name, {}).get("value"))
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
