"""The campaign protocol (xlsx and docx, one description) and the register of programmes sent
to regional expertise (xlsx)."""

from dataclasses import dataclass
from decimal import Decimal

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from moc_portal.core import word
from moc_portal.core.russian import decimal
from moc_portal.core.sheet_layout import (
    PrintTitle,
    head_row,
    is_landscape,
    print_setup,
    row_height,
    set_widths,
    title_row,
    wrap_rows,
)
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
            *[f"{group}." for group in groups],  # «Экспертная группа МОЦ: Бочаров Андрей, …»
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
    title = PrintTitle("Протокол независимой оценки качества программ", campaign.municipality)
    # Narrow enough to print one landscape page wide at a readable size: the criteria's
    # headings wrap.
    widths = [4, 30, 22, 10, *[12 for _ in doc.criteria], 10, 18]
    title_row(sheet, str(title), widths)
    for line in [doc.title, *doc.lines]:
        row = sheet.max_row + 1
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
        cell = sheet.cell(row=row, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = row_height([(line, sum(widths))], size=11)
    sheet["A2"].font = Font(bold=True)
    header_row = sheet.max_row + 2
    head_row(sheet, doc.head, widths, row=header_row)
    for row in doc.rows:
        sheet.append([_number(v) for v in row])
    wrap_rows(sheet, widths, first=header_row + 1)
    set_widths(sheet, widths)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    print_setup(
        sheet,
        head_rows=(header_row, header_row),
        landscape=is_landscape(widths),
        header=str(title),
    )
    criteria = book.create_sheet("Критерии")
    widths = [5, 60, 10, 8]
    title_row(criteria, title.of_sheet("Критерии", first=False), widths)
    head_row(criteria, ["№", "Критерий", "Шкала", "Вес"], widths, row=2)
    for row in doc.criteria:
        criteria.append(row)
    wrap_rows(criteria, widths, first=3)
    set_widths(criteria, widths)
    criteria.freeze_panes = "A3"
    print_setup(criteria, head_rows=(1, 2), landscape=is_landscape(widths))
    save_workbook(book, target)


# The results table's columns in shares of the page: №, programme, organisation, experts, a
# narrow column per criterion, the total and the conclusion.
# («Экспертов» and «Итоговый» whole on their line in bold 12 pt.)
PROTOCOL_WIDTHS = {"fixed": [4, 27, 19, 12], "criterion": 5, "total": 12, "conclusion": 16}


def _word_number(value) -> str:
    """A cell as a Russian reader writes it: an average or a percentage «1,5», «87,5», a
    weight «1,5» or «1», «—» when there is none."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return decimal(value, 1)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def protocol_docx(campaign: Campaign, target) -> None:
    """The protocol for signing: landscape A4, the criteria, then the results with a two-row
    head (the criteria by their numbers, as the criteria table numbers them, under «Средний
    балл по критериям») repeated on every page, rows whole, page numbers."""
    doc = protocol(campaign)
    document = word.new_document(title=doc.title, centre=centre_of(campaign.municipality_id))
    section = document.sections[0]
    word.a4(section, landscape=True)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(2))
    word.page_numbers(section)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    style.paragraph_format.space_after = Pt(0)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(doc.title).bold = True
    document.add_paragraph()
    for line in doc.lines:
        document.add_paragraph(line)
    _caption(document, "Критерии оценки")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    word.head_row(table.rows[0], ["№", "Критерий", "Шкала", "Вес"])
    for row in doc.criteria:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = _word_number(value)
    word.column_widths(table, section, [4, 60, 10, 8])
    _caption(document, "Результаты оценки")
    count = len(doc.criteria)
    table = document.add_table(rows=2, cols=len(doc.head))
    table.style = "Table Grid"
    first, second = table.rows
    word.repeated(first)
    word.repeated(second)
    for index, text in enumerate(doc.head):
        if 4 <= index < 4 + count:  # a criterion: its number under the common head
            word.head_cell(second.cells[index], str(doc.criteria[index - 4][0]))
        else:  # the column's head over both rows
            word.head_cell(first.cells[index].merge(second.cells[index]), text)
    if count:
        word.head_cell(first.cells[4].merge(first.cells[3 + count]), "Средний балл по критериям")
    for row in doc.rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = _word_number(value)
    widths = PROTOCOL_WIDTHS
    word.column_widths(
        table,
        section,
        [*widths["fixed"], *[widths["criterion"]] * count, widths["total"], widths["conclusion"]],
    )
    document.add_paragraph()
    document.add_paragraph("Председатель экспертной группы ____________________")
    document.save(target)


def _caption(document, text: str) -> None:
    document.add_paragraph()
    caption = document.add_paragraph()
    caption.add_run(text).bold = True
    caption.paragraph_format.keep_with_next = True


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


REGISTER_WIDTHS = [5, 40, 28, 13, 18, 9, 11, 20, 12, 26]


def register_xlsx(entries, target, *, municipality=None) -> None:
    """The municipal register of programmes sent to regional expertise."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Реестр"
    title = PrintTitle(
        "Реестр муниципальных дополнительных общеобразовательных программ для проведения "
        "региональной экспертизы",
        municipality,
    )
    widths = list(REGISTER_WIDTHS)
    title_row(sheet, str(title), widths)
    head_row(sheet, REGISTER_HEAD, widths, row=2)
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
        sheet.cell(row=sheet.max_row, column=9).number_format = "dd.mm.yyyy"
    wrap_rows(sheet, widths, first=3)
    set_widths(sheet, widths)
    sheet.freeze_panes = "A3"
    print_setup(sheet, head_rows=(1, 2), landscape=True)
    save_workbook(book, target)
