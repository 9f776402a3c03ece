"""A plan's life: created (or copied from last year's), filled in, agreed, approved."""

import re
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from moc_portal.access import check_manages_municipality
from moc_portal.core.concurrency import check_seen, snapshot
from moc_portal.core.lifecycle import Lifecycle, Transition
from moc_portal.users.models import User
from programs.territory.centres import centre_of

from ..models import ItemStatus, Plan, PlanItem, PlanSection, PlanState
from ..periods import Period, parse_period
from .rules import PlanError, check_content_open, check_manager

S = PlanState


def _manager(user: User, plan: Plan) -> bool:
    return user.manages_municipality(plan.municipality_id)


PLAN_LIFECYCLE = Lifecycle(
    state_field="state",
    transitions=(
        Transition("agree", frozenset({S.DRAFT}), S.AGREED, "Согласовать", may=_manager),
        Transition(
            "approve",
            frozenset({S.AGREED}),
            S.APPROVED,
            "Утвердить",
            may=_manager,
            style="btn-success",
        ),
        Transition(
            "return_to_draft",
            frozenset({S.AGREED}),
            S.DRAFT,
            "Вернуть в черновик",
            may=_manager,
            style="btn-outline-secondary",
        ),
        # The button's text depends on whether the library has the plan already: the page
        # draws it, the portal's service does the work.
        Transition(
            "publish",
            frozenset({S.APPROVED}),
            None,
            "Опубликовать в библиотеке документов",
            may=_manager,
            refusal="В библиотеку документов публикуется только утверждённый план.",
            button=False,
        ),
    ),
    error=PlanError,
    denied="Планы муниципалитета ведут сотрудники его МОЦ.",
    refusal="Действие недоступно: план в состоянии «{state}».",
    url=lambda plan, step: reverse("plans:action", args=[plan.pk, step.name]),
)


@transaction.atomic
def plan_transition(*, user: User, plan: Plan, action: str) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    step = PLAN_LIFECYCLE.check(user, plan, action)
    if action == "agree" and not (plan.agreed_post and plan.agreed_name):
        raise PlanError("Заполните блок «СОГЛАСОВАНО»: должность и ФИО.")
    if action == "approve" and not (plan.approved_post and plan.approved_name):
        raise PlanError("Заполните блок «УТВЕРЖДАЮ»: должность и ФИО.")
    today = timezone.localdate()
    if action == "agree" and not plan.agreed_date:
        plan.agreed_date = today
    if action == "approve" and not plan.approved_date:
        plan.approved_date = today
    plan.state = step.target
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
    check_manager(user, plan)
    check_content_open(plan)
    check_seen(seen, snapshot(plan, list(data)))
    for name, value in data.items():
        setattr(plan, name, value)
    plan.full_clean()
    plan.save()
    return plan


# --- next year's plan from this one ---------------------------------------------------------


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
    check_manager(user, plan)
    target = into or plan.municipality
    check_manages_municipality(user, target.pk, "Копию плана кладут в свой муниципалитет.")
    copy = Plan.objects.create(
        municipality=target,
        title=title,
        period_label=period_label,
        period_start=period_start,
        period_end=period_end,
        **_copied_front(plan, target),
        copied_from=plan,
        created_by=user,
    )
    sections = _sections_copy(plan, copy)
    PlanItem.objects.bulk_create(_items_copy(plan, copy, sections))
    return copy


def _copied_front(plan: Plan, target) -> dict:
    """The copy's kind, columns and wording, and what its letterhead and approval blocks say:
    the target centre's letterhead and head first; the rest only within the same municipality."""
    same = target.pk == plan.municipality_id
    own = {
        "header": plan.header,
        "approved_post": plan.approved_post,
        "approved_name": plan.approved_name,
    }
    defaults = letterhead_defaults(target)
    return {
        "kind": plan.kind,
        **{name: defaults.get(name) or (value if same else "") for name, value in own.items()},
        "place": plan.place if same else "",
        "introduction": plan.introduction if same else "",
        "footnote": plan.footnote if same else "",
        "columns": plan.columns,
        "agreed_label": plan.agreed_label,
        "approved_label": plan.approved_label,
        "year_word": plan.year_word,
        "agreed_post": plan.agreed_post if same else "",
        "agreed_name": plan.agreed_name if same else "",
    }


def _sections_copy(plan: Plan, copy: Plan) -> dict[int, PlanSection]:
    """The copy's sections, by the pk of the section each was copied from."""
    return {
        section.pk: PlanSection.objects.create(
            plan=copy, position=section.position, number=section.number, title=section.title
        )
        for section in plan.sections.all()
    }


def _items_copy(plan: Plan, copy: Plan, sections: dict[int, PlanSection]) -> list[PlanItem]:
    """The plan's items for the copy (unsaved): their periods moved into the copy's years,
    their execution not carried over."""
    years = copy.period_start.year - plan.period_start.year
    items = []
    for item in plan.items.all():
        text = _shift_years_in_text(item.period_text, years)
        period = parse_period(text, plan_start=copy.period_start, plan_end=copy.period_end)
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
    return items


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
