"""The tables of the yearly report (seed 002), computed from the registry, the plan and the
assessment as of a date. A fixed number of queries whatever the municipality's size: counts
are done by the database, never by walking programmes in Python."""

from datetime import date

from django.db.models import Count, Q

from moc_portal.core.academic import academic_year, moment
from moc_portal.core.russian import plural
from plans.models import ItemStatus, Plan, PlanItem
from plans.selectors import plan_with_table
from programs.assessment.models import Campaign
from programs.assessment.selectors import assessment_share
from programs.choices import focus_order
from programs.models import Focus, LegalForm, Organisation, OrganisationType, Ownership
from programs.selectors import published_as_of
from programs.territory.centres import centre_of

from .contests import flat as contest_figures


# The seed counts organisations by type, but a state (regional) institution and an autonomous
# one outside education each on a line of their own («1 автономное учреждение; 1
# государственное учреждение»). Each kind is named in the nominative singular, as the
# registry's lists name it: the report counts it with ``russian.count``.
def _lowered(label: str) -> str:
    return label[:1].lower() + label[1:]


CATEGORIES = [
    *[(str(kind.value), _lowered(kind.label)) for kind in OrganisationType],
    ("autonomous", _lowered(LegalForm.AUTONOMOUS.label)),
    ("state", "государственное учреждение"),
]
CATEGORY_PHRASES = dict(CATEGORIES)
EDUCATION_TYPES = {
    OrganisationType.SUPPLEMENTARY,
    OrganisationType.GENERAL,
    OrganisationType.PRESCHOOL,
}


def organisation_category(org_type: str, legal_form: str, ownership: str) -> str:
    if ownership in (Ownership.REGIONAL, Ownership.FEDERAL):
        return "state"
    if legal_form == LegalForm.AUTONOMOUS and org_type not in EDUCATION_TYPES:
        return "autonomous"
    return org_type


def registry_tables(municipality_id: int, as_of) -> dict:
    """One pass over the programmes, grouped by focus area and organisation (rows grow with
    organisations, not programmes), and one small query for the organisations' kinds."""
    groups = list(
        published_as_of(municipality_id, moment(as_of))
        .values("focus", "organisation_id")
        .annotate(
            n=Count("pk"),
            career=Count("pk", filter=Q(aids_career_guidance=True)),
            distance=Count("pk", filter=Q(uses_distance_technologies=True)),
            ovz=Count("pk", filter=Q(ovz_suitable=True)),
        )
        .order_by()
    )
    by_focus: dict[str, int] = {}
    for group in groups:
        by_focus[group["focus"]] = by_focus.get(group["focus"], 0) + group["n"]
    organisations = Organisation.objects.filter(
        pk__in={group["organisation_id"] for group in groups}
    ).values_list("org_type", "legal_form", "ownership", "short_name", "full_name")
    named: dict[str, list[str]] = {}
    for org_type, legal_form, ownership, short_name, full_name in organisations:
        category = organisation_category(org_type, legal_form, ownership)
        named.setdefault(category, []).append(short_name or full_name)
    return {
        "organisations": {
            "total": sum(len(names) for names in named.values()),
            # «label»: the kind in the plural, as the workbook's column and older snapshots
            # have it; «name»: the organisation that stands alone of its kind.
            "rows": [
                {
                    "key": key,
                    "label": plural(phrase),
                    "count": len(named[key]),
                    "name": named[key][0] if len(named[key]) == 1 else "",
                }
                for key, phrase in CATEGORIES
                if named.get(key)
            ],
        },
        "programs": {
            "total": sum(group["n"] for group in groups),
            "by_focus": [
                {"key": str(focus), "label": label, "count": by_focus.get(focus, 0)}
                for focus, label in focus_order()
            ],
            "career": sum(group["career"] for group in groups),
            "distance": sum(group["distance"] for group in groups),
            "ovz": sum(group["ovz"] for group in groups),
        },
    }


def plan_table(plan: Plan | None, as_of=None) -> dict | None:
    """«Выполнение плана работы»: item, period, actual result, status, by section — each item
    as its history had it at the end of ``as_of`` (an item added later is left out)."""
    if plan is None:
        return None
    plan = plan_with_table(plan.pk)
    then = _items_as_of(plan, moment(as_of)) if as_of else {}

    def row(item) -> dict | None:
        if as_of:
            item = then.get(item.pk, item)
            if item is None:
                return None
        result = "\n".join(r for r in (item.result_quantitative, item.result_qualitative) if r)
        return {
            "number": item.number,
            "title": item.title,
            "period": item.period_text,
            "result": result,
            "status": item.get_status_display(),
            "done": item.status == ItemStatus.DONE,
        }

    rows = [row(item) for item in plan.loose_items]
    for section in plan.sections.all():
        items = [row(item) for item in section.items.all()]
        if any(items):
            rows.append({"section": f"{section.number} {section.title}".strip()})
            rows += items
    return {
        "title": plan.title,
        "heading": execution_heading(plan.title),
        "period": plan.period_label,
        "rows": [r for r in rows if r],
    }


# How a plan's title reads after «Выполнение» (seed 002: «Выполнение плана работы по …»).
GENITIVE = [
    ("дорожная карта", "дорожной карты"),
    ("медиаплан", "медиаплана"),
    ("план", "плана"),
]


def execution_heading(title: str) -> str:
    lowered = title.lower()
    for nominative, genitive in GENITIVE:
        if lowered.startswith(nominative + " ") or lowered.startswith(nominative + "*"):
            return f"Выполнение {genitive}{title[len(nominative) :]}"
    return f"Выполнение плана «{title}»"


def _items_as_of(plan: Plan, at) -> dict:
    """{item id: the item as it stood at ``at``, or None when it was created later}; an item
    whose history starts after ``at`` with a change (not its creation) is taken as it is."""
    records = PlanItem.history.filter(plan_id=plan.pk).order_by("id", "history_date", "pk")
    then = {}
    for record in records:
        if record.history_date <= at:
            then[record.id] = record
        elif record.id not in then and record.history_type == "+":
            then[record.id] = None
    return then


def assessment_table(municipality_id: int, as_of, year: str | None = None) -> dict:
    """The assessment's figures as of the date; ``target_percent`` is the target of the
    municipality's assessment campaign of the academic year (put in by then), None when the
    year had none: a report prints «при плане …» only for a plan that exists."""
    share = assessment_share(municipality_id, moment(as_of))
    return {
        "published": share.published,
        "ready": share.ready,
        "assessed": share.assessed,
        "recommended": share.recommended,
        "target_percent": year_target(municipality_id, as_of, year or academic_year(as_of)),
        "ready_percent": share.ready_percent,
        "assessed_percent": share.assessed_percent,
        "recommended_percent": share.recommended_percent,
    }


def year_target(municipality_id: int, as_of, year: str) -> int | None:
    """The planned share of programmes ready for assessment («25% ДООП, готовых к независимой
    экспертизе»): the latest campaign of the year that existed on ``as_of``."""
    start = int(year[:4])
    campaign = (
        Campaign.objects.filter(
            municipality_id=municipality_id,
            created_at__lte=moment(as_of),
            period_start__lte=date(start + 1, 8, 31),
            period_end__gte=date(start, 9, 1),
        )
        .order_by("-period_start", "-pk")
        .first()
    )
    return campaign.target_percent if campaign else None


def centre_table(municipality_id: int) -> dict:
    """Who the report speaks for and who signs it, from the centre card as it stood when the
    report was built: the base organisation («… (МБО ДО Задонский Дом школьника)»), else the
    organisation marked as the centre, else the centre's own name; the head's post and name.
    Nothing of the installation's identity: a municipality with an empty card names nobody."""
    centre = centre_of(municipality_id)
    own = centre.municipality is not None
    base = centre.base_organisation if own else ""
    if not base:
        organisation = (
            Organisation.objects.filter(municipality_id=municipality_id, is_support_centre=True)
            .values_list("full_name", "short_name")
            .first()
        )
        if organisation:
            full, short = organisation
            base = f"{full} ({short})" if short and short != full else full
    return {
        "base": " ".join((base or (centre.full_name if own else "")).split()),
        "head_post": " ".join(centre.head_post.split()) if own else "",
        "head_name": " ".join(centre.head_name.split()) if own else "",
    }


def flat_figures(data: dict) -> list[tuple[str, float | int | None]]:
    """Every figure of a report as (label, value), in the report's order: what versions are
    compared on and municipalities are set side by side with."""
    if not data:
        return []
    organisations = {row["key"]: row["count"] for row in data["organisations"]["rows"]}
    programs = data["programs"]
    assessment = data["assessment"]
    figures = [("Организации, реализующие программы", data["organisations"]["total"])]
    figures += [(f"— {plural(phrase)}", organisations.get(key, 0)) for key, phrase in CATEGORIES]
    figures.append(("Опубликованные программы", programs["total"]))
    figures += [(f"— {row['label']} направленности", row["count"]) for row in programs["by_focus"]]
    figures += [
        ("Программы, способствующие самоопределению", programs["career"]),
        ("Дистанционные программы", programs["distance"]),
        ("Программы для детей с ОВЗ", programs["ovz"]),
        ("Готовы к независимой оценке", assessment["ready"]),
        ("Доля готовых к оценке, %", assessment["ready_percent"]),
        ("Прошли оценку", assessment["assessed"]),
        ("Рекомендованы", assessment["recommended"]),
    ]
    coverage = data.get("coverage")
    if coverage and coverage["children"]:
        figures += [
            ("Детей 5–18 лет", coverage["children"]),
            ("Охват детей 5–18 лет, %", coverage["percent"]),
        ]
    figures += contest_figures(data.get("contests"))
    plan = data.get("plan")
    if plan:
        statuses = plan_status_counts(plan)
        figures += [(f"Мероприятия плана: {label}", n) for label, n in statuses]
    return figures


def plan_status_counts(plan: dict) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for row in plan["rows"]:
        if "status" in row:
            counts[row["status"]] = counts.get(row["status"], 0) + 1
    return sorted(counts.items(), key=lambda pair: -pair[1])


def compare(older: dict, newer: dict) -> list[dict]:
    """Figure by figure, with the change; only rows either version has."""
    before = dict(flat_figures(older))
    rows = []
    for label, value in flat_figures(newer):
        previous = before.pop(label, None)
        rows.append(
            {
                "label": label,
                "before": previous,
                "after": value,
                "changed": previous != value,
            }
        )
    rows += [
        {"label": label, "before": value, "after": None, "changed": True}
        for label, value in before.items()
    ]
    return rows


BAR_ROW, BAR_LABEL, BAR_WIDTH = 28, 250, 300


def bars(pairs: list[tuple[str, int]], text=None) -> dict:
    """A horizontal bar chart's layout (row height, bar lengths as a share of the largest),
    drawn as SVG on the page and as a picture in the docx; ``text`` writes a value
    («72,1 %»), else it stands as it is."""
    top = max((value for _, value in pairs), default=0) or 1
    rows = []
    for index, (label, value) in enumerate(pairs):
        width = round(BAR_WIDTH * value / top)
        rows.append(
            {
                "label": label,
                "value": text(value) if text else value,
                "y": index * BAR_ROW,
                "width": width,
                "value_x": BAR_LABEL + width + 6,
            }
        )
    return {"rows": rows, "height": len(rows) * BAR_ROW, "bar_x": BAR_LABEL}


def charts(data: dict) -> dict:
    if not data:
        return {}
    made = {
        "focus": bars(
            [(Focus(row["key"]).label, row["count"]) for row in data["programs"]["by_focus"]]
        )
    }
    if data.get("plan"):
        made["plan"] = bars(plan_status_counts(data["plan"]))
    return made
