"""A plan as the document it is signed as: the header, the approval block, the title, then the
table by sections — and the same with the year's execution for the report.

One description (``PlanDocument``) feeds the printable page, the xlsx and the docx, so the
three cannot drift apart.
"""

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from django.db.models import Count, Sum
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format

from programs.territory.centres import centre_of

from .. import selectors
from ..columns import plan_columns
from ..models import Channel, Event, Plan, PlanItem, Publication

# Widths in characters (xlsx) by what a column holds — the docx gives the same proportions of
# the page.
WIDTHS = {
    "number": 9,
    "title": 52,
    "period_text": 18,
    "responsible": 28,
    "expected_result": 32,
    "status": 20,
    "outcome": 40,
}
REPORT_COLUMNS = [("status", "Статус"), ("outcome", "Фактический результат")]
BLANK = "_____"
HAS_YEAR = re.compile(r"\b(19|20)\d\d\b")
FONT = "Times New Roman"  # both files print in it


@dataclass(frozen=True)
class Approval:
    label: str  # «СОГЛАСОВАНО», «УТВЕРЖДАЮ», УТВЕРЖДЕНО — as the document writes it
    post: str
    name: str
    date: str

    @property
    def lines(self) -> list[str]:
        return [self.label, *self.post.splitlines(), f"{BLANK} {self.name}", self.date]


@dataclass(frozen=True)
class Row:
    cells: list[str]
    section: bool = False


@dataclass
class Part:
    """One plan's table in the document, under its own caption, with its footnote."""

    plan: Plan
    heading: str
    columns: list[tuple[str, str]]
    rows: list[Row] = field(default_factory=list)
    footnote: list[str] = field(default_factory=list)

    @property
    def headings(self) -> list[str]:
        return [heading for _, heading in self.columns]

    @property
    def widths(self) -> list[int]:
        return [WIDTHS[name] for name, _ in self.columns]


@dataclass
class PlanDocument:
    """What is printed, in order: the header lines, the approval blocks, the title (the cover's
    own, or the first table's caption), the place and year, the introduction, then each
    plan's table under its caption; an execution report ends with the head's signature."""

    plan: Plan
    report: bool
    header: list[str]
    approvals: list[Approval]
    title: str
    subtitle: list[str]
    introduction: list[str]
    parts: list[Part]
    signature: str = ""

    @property
    def filename(self) -> str:
        kind = "otchet-o-vypolnenii" if self.report else "plan"
        return f"{kind}-{self.plan.pk}"

    @property
    def cover(self) -> bool:
        """The title is the document's own, so every table is headed by its caption."""
        return self.title != self.parts[0].heading


def long_date(day: date | None, *, year: int, word: str = "г.") -> str:
    """«15» сентября 2020 г. (or «года», as the document writes it); a line to fill in by hand
    when the date is not known — the document's year, never an invented day."""
    if day is None:
        return f"{BLANK} {year} {word}"
    with translation.override("ru"):
        return f"«{day.day:02d}» {date_format(day, 'E Y')} {word}"


def heading_of(plan: Plan) -> str:
    """The caption over the plan's table: its title, with the period when the title has none."""
    if HAS_YEAR.search(plan.title) or not plan.period_label:
        return plan.title
    return f"{plan.title} на {plan.period_label}"


def report_title(plan: Plan) -> str:
    """«Отчёт о выполнении: План работы МОЦ на 2025/2026 учебный год» — the plan's own title
    after a colon, not in quotes: a title often holds quotes of its own («…МО «город
    Екатеринбург»»), and «плана «План…»» says «план» twice."""
    return f"Отчёт о выполнении: {plan.title}"


def approvals_of(plan: Plan) -> list[Approval]:
    year = plan.period_start.year
    blocks = [
        (plan.agreed_label, plan.agreed_post, plan.agreed_name, plan.agreed_date),
        (plan.approved_label, plan.approved_post, plan.approved_name, plan.approved_date),
    ]
    return [
        Approval(label, post, name, long_date(day, year=year, word=plan.year_word))
        for label, post, name, day in blocks
        if post or name
    ]


def plan_document(plan: Plan, *, report: bool = False) -> PlanDocument:
    """The document the plan is signed in — with the other plans bound into it, in their
    order — or, for the execution report, this plan alone with what came of it."""
    plan = selectors.plan_with_table(plan.pk)
    head = plan
    if plan.bound_to_id and not report:
        head = selectors.plan_with_table(plan.bound_to_id)
    members = [plan] if report else selectors.document_plans(head)
    parts = [_part(member, report=report) for member in members]
    if report:
        today = timezone.localdate()
        end = min(plan.period_end, today)
        title = report_title(plan)
        subtitle = [
            f"за период с {plan.period_start:%d.%m.%Y} по {end:%d.%m.%Y}"
            + (" (план выполняется)" if end < plan.period_end else "")
        ]
        # Signed by the centre's head; while the centre is not filled in, by who approved it.
        centre = centre_of(plan.municipality)
        post = centre.head_post or " ".join(plan.approved_post.split()) or "Руководитель МОЦ"
        name = centre.head_name or plan.approved_name
        return PlanDocument(
            plan=plan,
            report=True,
            header=lines(plan.header),
            approvals=[],
            title=title,
            subtitle=subtitle,
            introduction=[],
            parts=[replace(parts[0], heading=title)],
            signature=f"{post} {BLANK}____ {name}".strip(),
        )
    subtitle = [f"{head.place}, {head.period_start.year}"] if head.place else []
    return PlanDocument(
        plan=plan,
        report=False,
        header=lines(head.header),
        approvals=approvals_of(head),
        title=head.cover_title or parts[0].heading,
        subtitle=subtitle,
        introduction=lines(head.introduction),
        parts=parts,
    )


def lines(text: str) -> list[str]:
    """A text field's lines as the document prints them, blank ones dropped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _part(plan: Plan, *, report: bool) -> Part:
    columns = plan_columns(plan)
    if report:
        columns += REPORT_COLUMNS
    part = Part(
        plan=plan,
        heading=heading_of(plan),
        columns=columns,
        footnote=lines(plan.footnote),
    )
    outcomes = _outcomes(plan) if report else {}

    def item_row(item: PlanItem) -> Row:
        values = {
            "status": item.get_status_display(),
            "outcome": outcomes.get(item.pk, ""),
        }
        return Row([values.get(name) or getattr(item, name, "") for name, _ in columns])

    part.rows = [item_row(item) for item in plan.loose_items]
    for section in plan.sections.all():
        heading = f"{section.number} {section.title}".strip()
        part.rows.append(Row([heading], section=True))
        part.rows += [item_row(item) for item in section.items.all()]
    return part


def _outcomes(plan: Plan) -> dict[int, str]:
    """The «фактический результат» of every item: what staff wrote, and what the media
    register and the events add up to."""
    channels = dict(Channel.choices)
    publications: dict[int, Counter] = {}
    for row in (
        Publication.objects.filter(item__plan=plan)
        .values("item_id", "channel")
        .annotate(n=Count("pk"))
    ):
        publications.setdefault(row["item_id"], Counter())[row["channel"]] = row["n"]
    events = {
        row["item_id"]: row
        for row in Event.objects.filter(item__plan=plan)
        .values("item_id")
        .annotate(n=Count("pk"), people=Sum("participants"))
    }
    outcomes = {}
    for item in plan.items.all():
        parts = [item.result_quantitative, item.result_qualitative]
        if item.pk in publications:
            counts = publications[item.pk]
            detail = ", ".join(
                f"{channels[channel]} — {n}" for channel, n in sorted(counts.items())
            )
            parts.append(f"Публикаций: {sum(counts.values())} ({detail})")
        if item.pk in events:
            row = events[item.pk]
            text = f"Проведено событий: {row['n']}"
            if row["people"]:
                text += f", участников: {row['people']}"
            parts.append(text)
        outcomes[item.pk] = "\n".join(part for part in parts if part)
    return outcomes


def is_heading(paragraph: str) -> bool:
    """«ВВЕДЕНИЕ»: a short line in capitals stands centred and bold, as the seeds set it."""
    return len(paragraph) < 60 and paragraph.isupper()
