"""A plan file's reading carried to the confirmation page, and the plan written from it.

Nothing is written until the person has seen what was found and confirmed it; then the plan
is created with all its rows in one transaction, or not at all.
"""

import re
from dataclasses import asdict
from datetime import date

from django.core import signing
from django.db import transaction

from moc_portal.core import russian
from moc_portal.core.uploads import ImportFileError
from moc_portal.users.models import User

from .. import services
from ..columns import headings_problem
from ..front import Front
from ..models import Plan, PlanItem, PlanSection
from ..periods import parse_period
from . import reading
from .reading import ImportedDocument, ImportedRow, ImportedTable

SIGNING_SALT = "plans.import"
ITEM = "мероприятие"


def plan_file_read(job, data: bytes) -> tuple[str, str]:
    """A worker's reading of an uploaded plan file (``programs.jobs``): what was found, signed
    for the confirmation page, or ImportFileError with what to fix. Nothing is written."""
    document = reading.read_document(data, job.source_name)
    job.summary = {"token": sign(job.params["plan"], document)}
    found = ", ".join(
        f"«{table.title or 'без заголовка'}» — {russian.count(table.item_count, ITEM)}"
        for table in document.tables
    )
    return job.State.CHECKED, f"Файл прочитан. Найдены таблицы плана: {found}."


def plain(plan: dict) -> dict:
    """The plan form's fields as JSON holds them (dates as ISO text; ``unsign`` reads them)."""
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in plan.items()}


def sign(plan: dict, document: ImportedDocument) -> str:
    """The plan's fields and what was read, carried to the confirmation page so the file need
    not be sent again. Signed: the page cannot be made to write anything else."""
    payload = {
        "plan": plain(plan),
        "front": document.front.as_dict(),
        "tables": [asdict(table) for table in document.tables],
    }
    return signing.dumps(payload, salt=SIGNING_SALT, compress=True)


def unsign(token: str) -> tuple[dict, ImportedDocument]:
    try:
        raw = signing.loads(token, salt=SIGNING_SALT, max_age=24 * 3600)
    except signing.BadSignature as error:
        raise ImportFileError("Загрузка устарела. Выберите файл ещё раз.") from error
    plan = dict(raw["plan"])
    for name in ("period_start", "period_end"):
        plan[name] = date.fromisoformat(plan[name])
    tables = [
        ImportedTable(
            title=t["title"],
            rows=[ImportedRow(**row) for row in t["rows"]],
            headings=t.get("headings", []),
        )
        for t in raw["tables"]
    ]
    return plan, ImportedDocument(front=Front.from_dict(raw.get("front", {})), tables=tables)


@transaction.atomic
def plan_import(
    *, user: User, data: dict, table: ImportedTable, front: Front | None = None
) -> Plan:
    """A new draft plan with what the document says (header, approval blocks, cover title,
    introduction, footnote, column headings) and the table's sections and items, all of it
    or nothing."""
    written = front.plan_data() if front else {}
    headings = "\n".join(table.headings)
    if table.headings and not headings_problem(headings):
        written["columns"] = headings
    plan = services.plan_create(user=user, data={**written, **data})
    section, positions, items = None, {}, []
    for row in table.rows:
        if row.section:
            number, title = _section_number(row.title)
            section = PlanSection.objects.create(
                plan=plan, position=plan.sections.count(), number=number, title=title
            )
            continue
        position = positions.get(section, 0)
        positions[section] = position + 1
        period = parse_period(
            row.period_text, plan_start=plan.period_start, plan_end=plan.period_end
        )
        item = PlanItem(
            plan=plan,
            section=section,
            position=position,
            number=row.number or str(position + 1),
            title=row.title,
            period_text=row.period_text,
            starts_on=period.start,
            ends_on=period.end,
            responsible=row.responsible,
            expected_result=row.expected_result,
        )
        item.full_clean(exclude=["plan", "section"])
        items.append(item)
    PlanItem.objects.bulk_create(items)
    return plan


def _section_number(text: str) -> tuple[str, str]:
    """«2. Методическое сопровождение» → («2.», «Методическое сопровождение»): the number as
    written."""
    match = re.match(r"^(?:Раздел\s+)?([IVXLC\d]+(?:\.\d+)*\.?)\s+(.+)$", text)
    if match:
        return match[1], match[2]
    return "", text
