"""Writes to plans: who may change what, in which state, without losing anyone's edit."""

import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from moc_portal.access import check_manages_municipality
from moc_portal.core.concurrency import check_seen, snapshot
from moc_portal.core.errors import DomainError
from moc_portal.users.models import Role, User
from programs.centres import centre_of

from .models import (
    Event,
    EvidenceFile,
    ItemStatus,
    Plan,
    PlanItem,
    PlanSection,
    PlanState,
    Publication,
)
from .periods import Period, parse_period
from .selectors import reminder_digest

S = PlanState

# What the approval freezes, and what the year's execution keeps changing.
ITEM_CONTENT_FIELDS = [
    "section",
    "number",
    "title",
    "period_text",
    "starts_on",
    "ends_on",
    "responsible",
    "expected_result",
    "position",
]
ITEM_EXECUTION_FIELDS = ["status", "result_quantitative", "result_qualitative", "evidence"]


class PlanError(DomainError):
    """A change the rules refuse; the message says what to do."""


class PlanConflict(Exception):
    """Someone saved the item after this person opened it; ``current`` is what they saved.

    Not a refusal (``DomainError``): the page shows both versions side by side."""

    def __init__(self, item: PlanItem):
        self.current = {
            name: getattr(item, name) for name in ITEM_CONTENT_FIELDS + ITEM_EXECUTION_FIELDS
        }
        self.version = item.version
        super().__init__(
            "Пока вы редактировали, мероприятие изменил другой сотрудник. Ниже — его версия: "
            "сравните и сохраните ещё раз."
        )


@dataclass(frozen=True)
class Transition:
    sources: frozenset
    target: str


TRANSITIONS = {
    "agree": Transition(frozenset({S.DRAFT}), S.AGREED),
    "approve": Transition(frozenset({S.AGREED}), S.APPROVED),
    "return_to_draft": Transition(frozenset({S.AGREED}), S.DRAFT),
}


def allowed_actions(*, user: User, plan: Plan) -> list[str]:
    """The transitions this user may apply to the plan now (for buttons)."""
    if not user.manages_municipality(plan.municipality_id):
        return []
    return [action for action, rule in TRANSITIONS.items() if plan.state in rule.sources]


def _check_manager(user: User, plan: Plan) -> None:
    check_manages_municipality(
        user, plan.municipality_id, "Планы муниципалитета ведут сотрудники его МОЦ."
    )


def _check_content_open(plan: Plan) -> None:
    if plan.state == S.APPROVED:
        raise PlanError(
            "План утверждён: его содержание менять нельзя. Отмечайте выполнение мероприятий "
            "или сделайте копию плана."
        )


@transaction.atomic
def plan_transition(*, user: User, plan: Plan, action: str) -> Plan:
    rule = TRANSITIONS[action]
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _check_manager(user, plan)
    if plan.state not in rule.sources:
        raise PlanError(f"Действие недоступно: план в состоянии «{plan.get_state_display()}».")
    if action == "agree" and not (plan.agreed_post and plan.agreed_name):
        raise PlanError("Заполните блок «СОГЛАСОВАНО»: должность и ФИО.")
    if action == "approve" and not (plan.approved_post and plan.approved_name):
        raise PlanError("Заполните блок «УТВЕРЖДАЮ»: должность и ФИО.")
    today = timezone.localdate()
    if action == "agree" and not plan.agreed_date:
        plan.agreed_date = today
    if action == "approve" and not plan.approved_date:
        plan.approved_date = today
    plan.state = rule.target
    plan.save()
    return plan


def letterhead_defaults(municipality) -> dict:
    """What a new plan of the municipality opens and is signed with: its centre's letterhead
    and head. Empty while the centre is not filled in (nothing is taken from anyone else)."""
    centre = centre_of(municipality)
    if centre.municipality is None:
        return {}
    return {
        "header": centre.letterhead,
        "approved_post": centre.head_post,
        "approved_name": centre.head_name,
    }


@transaction.atomic
def plan_create(*, user: User, data: dict) -> Plan:
    """A new plan of the staff member's municipality. What the data leaves out of the letterhead
    and the approval block (a plan imported from a file) comes from the centre."""
    if not user.is_centre_staff:
        raise PermissionDenied("Планы создают сотрудники МОЦ своего муниципалитета.")
    data = {**letterhead_defaults(user.municipality), **data}
    plan = Plan(municipality=user.municipality, created_by=user, **data)
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_update(*, user: User, plan: Plan, data: dict, seen: str | None = None) -> Plan:
    """``seen``: what the person's form showed of the fields in ``data`` (core.concurrency)."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _check_manager(user, plan)
    _check_content_open(plan)
    check_seen(seen, snapshot(plan, list(data)))
    for name, value in data.items():
        setattr(plan, name, value)
    plan.full_clean()
    plan.save()
    return plan


SECTION_FIELDS = ["number", "title"]


@transaction.atomic
def section_add(*, user: User, plan: Plan, title: str, number: str = "") -> PlanSection:
    _check_manager(user, plan)
    _check_content_open(plan)
    position = plan.sections.count()
    section = PlanSection(
        plan=plan, title=title, number=number or f"{position + 1}.", position=position
    )
    section.full_clean()
    section.save()
    return section


def _locked_plan(plan_id: int) -> Plan:
    """The plan as it is now, locked for this change: its state decides what may change."""
    return Plan.objects.select_for_update().get(pk=plan_id)


@transaction.atomic
def section_update(
    *, user: User, section: PlanSection, number: str, title: str, seen: str | None = None
) -> PlanSection:
    plan = _locked_plan(section.plan_id)
    _check_manager(user, plan)
    _check_content_open(plan)
    check_seen(seen, snapshot(PlanSection.objects.get(pk=section.pk), SECTION_FIELDS))
    section.number, section.title = number, title
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_delete(*, user: User, section: PlanSection) -> None:
    plan = _locked_plan(section.plan_id)
    _check_manager(user, plan)
    _check_content_open(plan)
    if section.items.exists():
        raise PlanError(
            "В разделе есть мероприятия: перенесите их в другой раздел или удалите, "
            "потом удалите раздел."
        )
    section.delete()


@transaction.atomic
def section_move(*, user: User, section: PlanSection, direction: str) -> None:
    """Swap the section with its neighbour above («up») or below («down»)."""
    plan = _locked_plan(section.plan_id)
    _check_manager(user, plan)
    _check_content_open(plan)
    positions_swap(
        list(plan.sections.order_by("position", "pk")), section.pk, direction, PlanSection
    )


def positions_swap(siblings: list, pk: int, direction: str, model) -> None:
    """Swap a record with its neighbour in ``siblings`` (in order) and renumber them all."""
    index = next(i for i, other in enumerate(siblings) if other.pk == pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(siblings):
        return
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, other in enumerate(siblings):
        other.position = position
    model.objects.bulk_update(siblings, ["position"])


def _dates_for(plan: Plan, data: dict) -> dict:
    """Dates worked out from the period text, unless the person gave them."""
    if "period_text" in data and "starts_on" not in data and "ends_on" not in data:
        period = parse_period(
            data["period_text"], plan_start=plan.period_start, plan_end=plan.period_end
        )
        return {**data, "starts_on": period.start, "ends_on": period.end}
    return data


def _dates_after_edit(item: PlanItem, data: dict) -> dict:
    """A new period text brings its own dates, unless the person set the dates themselves."""
    text_changed = data.get("period_text", item.period_text) != item.period_text
    dates_kept = all(
        data.get(name, getattr(item, name)) == getattr(item, name)
        for name in ("starts_on", "ends_on")
    )
    if text_changed and dates_kept:
        data = {k: v for k, v in data.items() if k not in ("starts_on", "ends_on")}
        return _dates_for(item.plan, data)
    return data


@transaction.atomic
def item_add(*, user: User, plan: Plan, section: PlanSection | None, data: dict) -> PlanItem:
    _check_manager(user, plan)
    _check_content_open(plan)
    if section is not None and section.plan_id != plan.pk:
        raise PermissionDenied("Раздел относится к другому плану.")
    siblings = plan.items.filter(section=section)
    item = PlanItem(plan=plan, section=section, position=siblings.count(), **_dates_for(plan, data))
    if not item.number:
        dotted = numbers_dotted(plan)
        parent = section.number.rstrip(".") if section and section.number else ""
        item.number = number_as_written(parent, siblings.count() + 1, dotted=dotted)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def item_update(*, user: User, item: PlanItem, data: dict, version: int) -> PlanItem:
    """Save what the person changed, if nobody saved the item since they opened it.

    Content is frozen once the plan is approved; execution (status, results, evidence) stays
    open all year. Every save is in the item's history.
    """
    current = PlanItem.objects.select_for_update().select_related("plan").get(pk=item.pk)
    _check_manager(user, current.plan)
    if current.version != version:
        raise PlanConflict(current)
    data = _dates_after_edit(current, data)
    content = {k for k, v in data.items() if k in ITEM_CONTENT_FIELDS and getattr(current, k) != v}
    if content:
        _check_content_open(current.plan)
    unknown = set(data) - set(ITEM_CONTENT_FIELDS) - set(ITEM_EXECUTION_FIELDS)
    if unknown:
        raise PlanError(f"Эти поля мероприятия не редактируются: {', '.join(sorted(unknown))}.")
    section = data.get("section")
    if section is not None and section.plan_id != current.plan_id:
        raise PermissionDenied("Раздел относится к другому плану.")
    if "section" in content:  # moved to another section: it goes to the end of it
        data["position"] = current.plan.items.filter(section=section).count()
    for name, value in data.items():
        setattr(current, name, value)
    current.full_clean()
    current.version += 1  # the row is locked and its version checked: no one else is here
    current.save()
    return current


@transaction.atomic
def item_delete(*, user: User, item: PlanItem) -> None:
    plan = _locked_plan(item.plan_id)
    _check_manager(user, plan)
    _check_content_open(plan)
    item.delete()


@transaction.atomic
def plan_copy(
    *,
    user: User,
    plan: Plan,
    title: str,
    period_label: str,
    period_start: date,
    period_end: date,
    into=None,
) -> Plan:
    """Next year's plan from this one: same sections and items, dates moved by the same number
    of years, approval and execution cleared.

    The copy belongs to ``into`` (an administrator may copy a plan into another municipality;
    staff copy their own) and speaks for it: the letterhead and the head who approves come from
    its centre; what only the source municipality's people wrote (the founder who agreed it,
    the place, the introduction) stays behind when the copy goes elsewhere.
    """
    _check_manager(user, plan)
    target = into or plan.municipality
    check_manages_municipality(user, target.pk, "Копию плана кладут в свой муниципалитет.")
    same = target.pk == plan.municipality_id
    own = {
        "header": plan.header,
        "approved_post": plan.approved_post,
        "approved_name": plan.approved_name,
    }
    defaults = letterhead_defaults(target)
    years = period_start.year - plan.period_start.year
    copy = Plan.objects.create(
        municipality=target,
        kind=plan.kind,
        title=title,
        period_label=period_label,
        period_start=period_start,
        period_end=period_end,
        **{name: defaults.get(name) or (value if same else "") for name, value in own.items()},
        place=plan.place if same else "",
        introduction=plan.introduction if same else "",
        footnote=plan.footnote if same else "",
        columns=plan.columns,
        agreed_label=plan.agreed_label,
        approved_label=plan.approved_label,
        year_word=plan.year_word,
        agreed_post=plan.agreed_post if same else "",
        agreed_name=plan.agreed_name if same else "",
        copied_from=plan,
        created_by=user,
    )
    sections = {}
    for section in plan.sections.all():
        sections[section.pk] = PlanSection.objects.create(
            plan=copy, position=section.position, number=section.number, title=section.title
        )
    items = []
    for item in plan.items.all():
        text = _shift_years_in_text(item.period_text, years)
        period = parse_period(text, plan_start=period_start, plan_end=period_end)
        if not period.understood:
            period = Period(_shift(item.starts_on, years), _shift(item.ends_on, years))
        items.append(
            PlanItem(
                plan=copy,
                section=sections.get(item.section_id),
                position=item.position,
                number=item.number,
                title=item.title,
                period_text=text,
                starts_on=period.start,
                ends_on=period.end,
                responsible=item.responsible,
                expected_result=item.expected_result,
                status=ItemStatus.PLANNED,
            )
        )
    PlanItem.objects.bulk_create(items)
    return copy


def _shift_years_in_text(text: str, years: int) -> str:
    """«Октябрь 2020 г.» in last year's plan is «Октябрь 2021 г.» in this one."""
    return re.sub(r"\b(19|20)\d{2}\b", lambda m: str(int(m[0]) + years), text)


def _shift(day: date | None, years: int) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def item_move(*, user: User, item: PlanItem, direction: str) -> None:
    """Swap the item with its neighbour above («up») or below («down») in its section."""
    item = PlanItem.objects.select_for_update().select_related("plan").get(pk=item.pk)
    _check_manager(user, item.plan)
    _check_content_open(item.plan)
    siblings = list(
        PlanItem.objects.select_for_update()
        .filter(plan=item.plan, section=item.section_id)
        .order_by("position", "pk")
    )
    positions_swap(siblings, item.pk, direction, PlanItem)


@transaction.atomic
def plan_renumber(*, user: User, plan: Plan) -> None:
    """Number sections «1.», «2.», … and their items 1.1, 1.2, … in the order they stand, the
    items with a closing dot («1.», «1.1.») when the plan writes its numbers so."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _check_manager(user, plan)
    _check_content_open(plan)
    dotted = numbers_dotted(plan)
    changed = []
    loose = list(plan.items.filter(section__isnull=True).order_by("position", "pk"))
    for index, item in enumerate(loose, start=1):
        item.number = number_as_written("", index, dotted=dotted)
        changed.append(item)
    for s_index, section in enumerate(plan.sections.order_by("position", "pk"), start=1):
        section.number = f"{s_index}."  # «1. Организационная работа»
        section.save(update_fields=["number"])
        for i_index, item in enumerate(section.items.order_by("position", "pk"), start=1):
            item.number = number_as_written(str(s_index), i_index, dotted=dotted)
            changed.append(item)
    PlanItem.objects.bulk_update(changed, ["number"])


def numbers_dotted(plan: Plan) -> bool:
    """Whether the plan ends its numbers with a dot, as most of its items are written."""
    numbers = [n for n in plan.items.values_list("number", flat=True) if n]
    return sum(n.endswith(".") for n in numbers) * 2 > len(numbers)


def number_as_written(parent: str, index: int, *, dotted: bool) -> str:
    number = f"{parent}.{index}" if parent else str(index)
    return f"{number}." if dotted else number


# The media register, events and evidence files: execution, so open after approval too.


def _check_register(user: User, record: Publication | Event) -> None:
    check_manages_municipality(
        user, record.municipality_id, "Записи муниципалитета ведут сотрудники его МОЦ."
    )
    if record.item_id and record.item.plan.municipality_id != record.municipality_id:
        raise PermissionDenied("Мероприятие относится к плану другого муниципалитета.")


@transaction.atomic
def publication_save(*, user: User, publication: Publication) -> Publication:
    """Add or change a line of the media register; a new one is the user's municipality's."""
    if publication.pk is None:
        publication.municipality_id = publication.municipality_id or user.municipality_id
        publication.created_by = user
    _check_register(user, publication)
    publication.full_clean()
    publication.save()
    return publication


@transaction.atomic
def publication_delete(*, user: User, publication: Publication) -> None:
    _check_register(user, publication)
    publication.delete()


@transaction.atomic
def event_save(*, user: User, event: Event) -> Event:
    if event.pk is None:
        event.municipality_id = event.municipality_id or user.municipality_id
        event.created_by = user
    _check_register(user, event)
    if event.ends_on and event.ends_on < event.starts_on:
        raise ValidationError({"ends_on": "Окончание не может быть раньше начала."})
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def event_delete(*, user: User, event: Event) -> None:
    _check_register(user, event)
    event.delete()


@transaction.atomic
def evidence_file_add(*, user: User, item: PlanItem, title: str, file) -> EvidenceFile:
    _check_manager(user, item.plan)
    evidence = EvidenceFile(item=item, title=title, file=file, uploaded_by=user)
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def evidence_file_delete(*, user: User, evidence: EvidenceFile) -> None:
    _check_manager(user, evidence.item.plan)
    storage, name = evidence.file.storage, evidence.file.name
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))  # the file goes only if the row did


# --- the weekly reminder (sent by the beat task in tasks.py) -------------------------------


def plan_reminders_send() -> int:
    """E-mail each municipality's centre staff what is overdue or due within two weeks.

    Returns how many letters went out. Safe to run twice: a second run sends the same digest.
    """
    today = timezone.localdate()
    sent = 0
    staff = User.objects.filter(role=Role.STAFF, is_active=True).exclude(email="")
    for municipality_id in staff.values_list("municipality_id", flat=True).distinct():
        digest = reminder_digest(municipality_id=municipality_id, today=today)
        if not digest["overdue"] and not digest["soon"]:
            continue
        recipients = list(
            staff.filter(municipality_id=municipality_id).values_list("email", flat=True)
        )
        send_mail(
            subject=f"План МОЦ: просрочено {len(digest['overdue'])}, "
            f"скоро срок — {len(digest['soon'])}",
            message=render_to_string(
                "emails/plan_reminder.txt",
                {
                    **digest,
                    "url": settings.SITE_URL + reverse("plans:due"),
                    "centre": centre_of(municipality_id),
                },
            ),
            from_email=None,
            recipient_list=recipients,
        )
        sent += 1
    return sent
