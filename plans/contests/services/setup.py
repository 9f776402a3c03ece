"""A contest set up: the administrator's regional contest, a municipality's stage of it and
a municipality's own contest, with nominations and age categories; its lifecycle steps."""

import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from moc_portal.core.concurrency import check_seen, snapshot
from moc_portal.users.models import User
from programs.assessment.models import CriteriaSet

from ..lifecycle import CONTEST_LIFECYCLE, ContestError, manages_contest
from ..models import AgeCategory, Contest, ContestLevel, ContestState, Nomination

DATE_ORDER = ("applications_from", "applications_to", "judging_from", "judging_to", "results_on")
# The fields a contest's form changes (a stage keeps its parent's audience and focus).
EDITABLE = (
    "title",
    "description",
    "audience",
    "focus",
    "regulation",
    *DATE_ORDER,
    "criteria_set",
    "blind",
    "nominees_per_category",
)
CATEGORY_LINE = re.compile(
    r"^(?P<title>.+?)\s*[:—-]\s*(?P<start>\d{1,2})\s*[–—-]\s*(?P<end>\d{1,2})"
)


@dataclass(frozen=True)
class CategoryLine:
    title: str
    age_from: int
    age_to: int


def check_dates(values: dict) -> None:
    """Dates in their order: applications, judging, results."""
    labels = {name: str(Contest._meta.get_field(name).verbose_name) for name in DATE_ORDER}
    errors = {}
    for earlier, later in zip(DATE_ORDER, DATE_ORDER[1:], strict=False):
        first, second = values.get(earlier), values.get(later)
        if first and second and first > second:
            errors[later] = (
                f"Дата «{labels[later]}» ({second:%d.%m.%Y}) раньше даты «{labels[earlier]}» "
                f"({first:%d.%m.%Y}). Даты идут по порядку: приём заявок, оценивание, итоги."
            )
    if errors:
        raise ValidationError(errors)


def parse_nominations(text: str) -> list[str]:
    titles = [line.strip() for line in text.splitlines() if line.strip()]
    if not titles:
        raise ValidationError({"nominations": "Добавьте хотя бы одну номинацию."})
    if len({t.lower() for t in titles}) != len(titles):
        raise ValidationError({"nominations": "Две номинации названы одинаково."})
    return titles


def parse_categories(text: str) -> list[CategoryLine]:
    """«Младшая: 7–10» per line: the title and the ages, from and to inclusive."""
    lines = []
    for number, line in enumerate((ln.strip() for ln in text.splitlines() if ln.strip()), 1):
        match = CATEGORY_LINE.match(line)
        if not match:
            raise ValidationError(
                {"categories": f"Строка {number}: напишите категорию как «Младшая: 7–10»."}
            )
        start, end = int(match["start"]), int(match["end"])
        if start > end:
            raise ValidationError(
                {
                    "categories": f"Категория «{match['title']}»: возраст «от» ({start}) больше "
                    f"возраста «до» ({end})."
                }
            )
        lines.append(CategoryLine(match["title"].strip(), start, end))
    return lines


def nominations_text(contest: Contest) -> str:
    return "\n".join(n.title for n in contest.nominations.all())


def categories_text(contest: Contest) -> str:
    return "\n".join(f"{c.title}: {c.age_from}–{c.age_to}" for c in contest.age_categories.all())


def usable_criteria_sets(user: User):
    """The current criteria sets a person may use: the administrator's any, staff's their
    municipality's (criteria sets belong to a municipality)."""
    return CriteriaSet.objects.managed_by(user).filter(is_current=True)


def _check_criteria(user: User, contest: Contest) -> None:
    chosen = contest.criteria_set_id
    if chosen and not usable_criteria_sets(user).filter(pk=chosen).exists():
        raise ValidationError({"criteria_set": "Выберите набор критериев своего муниципалитета."})


@transaction.atomic
def contest_create(
    *, user: User, data: dict, nominations: list[str], categories: list[CategoryLine]
) -> Contest:
    """The administrator's regional contest, or a centre's own municipal contest."""
    if user.is_administrator:
        contest = Contest(level=ContestLevel.REGIONAL, municipality=None, **data)
    elif user.is_centre_staff and user.municipality_id:
        contest = Contest(level=ContestLevel.MUNICIPAL, municipality=user.municipality, **data)
    else:
        raise PermissionDenied("Конкурсы создают сотрудники МОЦ и администратор региона.")
    contest.created_by = user
    _check_criteria(user, contest)
    check_dates(data)
    contest.full_clean(exclude=["created_by"])
    contest.save()
    _save_structure(contest, nominations, categories)
    return contest


@transaction.atomic
def contest_update(
    *,
    user: User,
    contest: Contest,
    data: dict,
    nominations: list[str] | None = None,
    categories: list[CategoryLine] | None = None,
    seen: str | None = None,
) -> Contest:
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    CONTEST_LIFECYCLE.check(user, contest, "edit")
    unknown = set(data) - set(EDITABLE)
    if unknown:
        raise PermissionDenied(f"Эти сведения здесь не меняются: {', '.join(sorted(unknown))}.")
    check_seen(seen, snapshot(contest, list(data)))
    for name, value in data.items():
        setattr(contest, name, value)
    _check_criteria(user, contest)
    check_dates({name: getattr(contest, name) for name in DATE_ORDER})
    contest.full_clean(exclude=["created_by"])
    contest.save()
    if nominations is not None and categories is not None and contest.parent_id is None:
        _save_structure(contest, nominations, categories)
    return contest


def _save_structure(contest: Contest, nominations: list[str], categories: list) -> None:
    """The nominations and categories as the lines say, matched to the existing ones by
    their title; one with entries (or with copies in the municipal stages) is never removed."""
    _reconcile(contest.nominations.all(), [{"title": t} for t in nominations], Nomination, contest)
    rows = [{"title": c.title, "age_from": c.age_from, "age_to": c.age_to} for c in categories]
    _reconcile(contest.age_categories.all(), rows, AgeCategory, contest)


def _title_key(title: str) -> str:
    return " ".join(title.lower().replace("ё", "е").split())


def _reconcile(existing, rows: list[dict], model, contest: Contest) -> None:
    by_title = {_title_key(record.title): record for record in existing}
    for position, values in enumerate(rows, start=1):
        record = by_title.pop(_title_key(values["title"]), None) or model(contest=contest)
        for name, value in values.items():
            setattr(record, name, value)
        record.position = position
        record.save()
    for record in by_title.values():
        if record.entries.exists():
            raise ContestError(
                f"«{record.title}» нельзя убрать или переименовать: в ней уже есть заявки."
            )
        if record.copies.exists():
            raise ContestError(
                f"«{record.title}» нельзя убрать или переименовать: по ней уже идут "
                "муниципальные этапы."
            )
        record.delete()


@transaction.atomic
def stage_open(*, user: User, parent: Contest, data: dict) -> Contest:
    """A municipality's stage of a regional contest: its own dates, copies of the regional
    nominations and categories (``source``); one stage per municipality."""
    if not (user.is_centre_staff and user.municipality_id):
        raise PermissionDenied("Муниципальный этап открывают сотрудники МОЦ муниципалитета.")
    parent = Contest.objects.select_for_update().get(pk=parent.pk)
    if parent.level != ContestLevel.REGIONAL or parent.state == ContestState.DRAFT:
        raise ContestError("Этап открывают у объявленного регионального конкурса.")
    if parent.stages.filter(municipality_id=user.municipality_id).exists():
        raise ContestError("Муниципальный этап этого конкурса в вашем муниципалитете уже открыт.")
    stage = Contest(
        parent=parent,
        level=ContestLevel.MUNICIPAL_STAGE,
        municipality=user.municipality,
        audience=parent.audience,
        focus=parent.focus,
        title=data.get("title") or f"{parent.title}: муниципальный этап",
        description=parent.description,
        regulation=parent.regulation.name if parent.regulation else "",
        criteria_set=data.get("criteria_set"),
        # A stage judges blind where the region does; a stage may add blindness, not remove it.
        blind=parent.blind or data.get("blind", False),
        nominees_per_category=parent.nominees_per_category,
        created_by=user,
        **{name: data[name] for name in DATE_ORDER},
    )
    _check_criteria(user, stage)
    check_dates(data)
    stage.full_clean(exclude=["created_by"])
    stage.save()
    Nomination.objects.bulk_create(
        Nomination(contest=stage, position=n.position, title=n.title, source=n)
        for n in parent.nominations.all()
    )
    AgeCategory.objects.bulk_create(
        AgeCategory(
            contest=stage,
            position=c.position,
            title=c.title,
            age_from=c.age_from,
            age_to=c.age_to,
            source=c,
        )
        for c in parent.age_categories.all()
    )
    return stage


@transaction.atomic
def contest_transition(*, user: User, contest: Contest, action: str) -> Contest:
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    step = CONTEST_LIFECYCLE.check(user, contest, action)
    if step.target is None or not step.button:
        raise ContestError("Это действие делается на своей форме.")
    contest.state = step.target
    if action == "open_applications":
        contest.is_public = True
    contest.save(update_fields=["state", "is_public"])
    return contest


def check_manages(user: User, contest: Contest) -> None:
    if not manages_contest(user, contest):
        raise PermissionDenied(CONTEST_LIFECYCLE.denied)
