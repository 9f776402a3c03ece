"""The campaign protocol (xlsx and docx, one description) and the register of programmes sent
to regional expertise (xlsx)."""

from dataclasses import dataclass
from decimal import Decimal

from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from moc_portal.core import word
from moc_portal.core.spreadsheets import save_workbook

from ..territory.centres import centre_of
from .models import AssignmentState, Campaign


@dataclass
class Protocol:
    title: str
    lines: list[str]  # what the protocol says above its tables
    criteria: list[list]  # №, criterion, scale, weight
    head: list[str]
    rows: list[list]


def _average(values: list[int]) -> Decimal | None:
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1")) if values else None


def protocol(campaign: Campaign) -> Protocol:
    criteria = list(campaign.criteria_set.criteria.all())
    groups = [
        f"{group.title}: " + ", ".join(str(e) for e in group.experts.all())
        for group in campaign.groups.prefetch_related("experts")
    ]
    rows = []
    entries = campaign.entries.select_related("program__organisation").prefetch_related(
        "assignments__scores"
    )
    for number, entry in enumerate(entries, start=1):
        submitted = [a for a in entry.assignments.all() if a.state == AssignmentState.SUBMITTED]
        per_criterion = [
            _average([s.value for a in submitted for s in a.scores.all() if s.criterion_id == c.pk])
            for c in criteria
        ]
        rows.append(
            [
                number,
                entry.program.name,
                entry.program.organisation.short_name,
                len(submitted),
                *per_criterion,
                entry.score_percent,
                entry.get_conclusion_display() if entry.conclusion else "оценка не завершена",
            ]
        )
    return Protocol(
        title=f"Протокол независимой оценки качества дополнительных общеобразовательных "
        f"программ: {campaign.title}",
        lines=[
            f"Период: {campaign.period_start:%d.%m.%Y} — {campaign.period_end:%d.%m.%Y}.",
            f"Набор критериев: {campaign.criteria_set}.",
            f"Состояние: {campaign.get_state_display()}.",
            *[f"Экспертная группа «{g}»" for g in groups],
        ],
        criteria=[[c.position, c.title, f"0–{c.scale_max}", float(c.weight)] for c in criteria],
        head=[
            "№",
            "Программа",
            "Организация",
            "Экспертов",
            *[f"{c.position}. {c.title}" for c in criteria],
            "Итоговый балл, %",
            "Заключение",
        ],
        rows=rows,
    )


def _number(value):
    return float(value) if isinstance(value, Decimal) else value


def protocol_xlsx(campaign: Campaign, target) -> None:
    doc = protocol(campaign)
    book = Workbook()
    sheet = book.active
    sheet.title = "Протокол"
    sheet.append([doc.title])
    sheet["A1"].font = Font(bold=True, size=12)
    for line in doc.lines:
        sheet.append([line])
    sheet.append([])
    header_row = sheet.max_row + 1
    sheet.append(doc.head)
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in doc.rows:
        sheet.append([_number(v) for v in row])
    sheet.column_dimensions["B"].width = 48
    sheet.column_dimensions["C"].width = 30
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    criteria = book.create_sheet("Критерии")
    criteria.append(["№", "Критерий", "Шкала", "Вес"])
    for cell in criteria[1]:
        cell.font = Font(bold=True)
    for row in doc.criteria:
        criteria.append(row)
    criteria.column_dimensions["B"].width = 60
    save_workbook(book, target)


def protocol_docx(campaign: Campaign, target) -> None:
    doc = protocol(campaign)
    document = word.new_document(title=doc.title, centre=centre_of(campaign.municipality_id))
    section = document.sections[0]
    word.a4(section, landscape=True)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(2))
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    heading = document.add_paragraph()
    heading.add_run(doc.title).bold = True
    for line in doc.lines:
        document.add_paragraph(line)
    document.add_paragraph("Критерии оценки:")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["№", "Критерий", "Шкала", "Вес"], strict=True):
        cell.text = text
    for row in doc.criteria:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = f"{value:g}" if isinstance(value, float) else str(value)
    document.add_paragraph("Результаты:")
    table = document.add_table(rows=1, cols=len(doc.head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, doc.head, strict=True):
        cell.text = text
    for row in doc.rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = "—" if value is None else str(value)
    document.add_paragraph()
    document.add_paragraph("Председатель экспертной группы ____________________")
    document.save(target)


REGISTER_HEAD = [
    "№",
    "Программа",
    "Организация",
    "ИНН организации",
    "Направленность",
    "Возраст",
    "Итоговый балл, %",
    "Заключение",
    "Дата заключения",
    "Кампания",
]


def register_xlsx(entries, target) -> None:
    """The municipal register of programmes sent to regional expertise."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Реестр"
    sheet.append(
        [
            "Реестр муниципальных дополнительных общеобразовательных программ для "
            "проведения региональной экспертизы"
        ]
    )
    sheet["A1"].font = Font(bold=True, size=12)
    sheet.append(REGISTER_HEAD)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for number, entry in enumerate(entries, start=1):
        program = entry.program
        sheet.append(
            [
                number,
                program.name,
                program.organisation.short_name,
                program.organisation.inn,
                program.get_focus_display(),
                f"{program.age_from}–{program.age_to}",
                _number(entry.score_percent),
                entry.get_conclusion_display(),
                entry.decided_at.date() if entry.decided_at else None,
                entry.campaign.title,
            ]
        )
    sheet.column_dimensions["B"].width = 48
    sheet.column_dimensions["C"].width = 30
    sheet.freeze_panes = "A3"
    save_workbook(book, target)
