"""The jury's protocol for signing (Word): the centre's letterhead, the contest and the date,
the jury with the chair first, the ranking of each nomination × age category with totals and
placements, and the signature blocks of the chair and the members. A child is named by
surname and initials with the organisation, never more."""

from django.db.models import prefetch_related_objects
from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt

from moc_portal.core import word
from moc_portal.core.russian import decimal
from programs.territory.centres import centre_of

from .models import Contest, EntryKind, JuryMember
from .ranking import contest_ranking

HEAD = ["Место", "Шифр", "Участник", "Организация", "Сумма баллов", "Итог"]
WIDTHS = [11, 11, 32, 26, 11, 17]
SIGNATURE_LINE = "____________________"


def entry_people(entry) -> str:
    """«Иванова М. П.» or «команда «Искра»: Иванова М.П., Петров И.С.», or the work's title."""
    people = ", ".join(p.short_name for p in entry.participants.all() if not p.erased)
    if entry.kind == EntryKind.TEAM:
        team = f"команда «{entry.team_name}»" if entry.team_name else "команда"
        return f"{team}: {people}" if people else team
    return people or entry.work_title or entry.code


def title_of(contest: Contest) -> str:
    return f"Протокол заседания жюри: {contest.title}"


def _setup(document):
    section = document.sections[0]
    word.a4(section, landscape=False)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(2))
    word.page_numbers(section)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(0)
    return section


def _letterhead(document, centre) -> None:
    for line in centre.letterhead_lines or [centre.name]:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(line).bold = True
    contacts = ", ".join(part for part in (centre.address, centre.phone, centre.email) if part)
    if contacts:
        document.add_paragraph(contacts).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph()


def _heading(document, contest: Contest, jury: list[JuryMember]) -> None:
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(title_of(contest)).bold = True
    day = (
        timezone.localtime(contest.results_fixed_at).date()
        if contest.results_fixed_at
        else (timezone.localdate())
    )
    document.add_paragraph(f"Дата: {day:%d.%m.%Y}")
    document.add_paragraph(f"Уровень: {contest.get_level_display()}.")
    document.add_paragraph("Состав жюри:")
    for member in jury:
        role = "председатель жюри" if member.is_chair else "член жюри"
        nominations = ", ".join(f"«{n}»" for n in member.nominations.all())
        document.add_paragraph(
            f"{member.expert.get_full_name() or member.expert} — {role} (номинации: {nominations})"
        )


def _ranking(document, section, groups) -> None:
    for group in groups:
        document.add_paragraph()
        caption = document.add_paragraph()
        caption.add_run(group.title).bold = True
        caption.paragraph_format.keep_with_next = True
        table = document.add_table(rows=1, cols=len(HEAD))
        table.style = "Table Grid"
        word.head_row(table.rows[0], HEAD)
        for row in group.rows:
            entry = row.entry
            values = [
                str(row.rank or "—"),
                entry.code,
                entry_people(entry),
                entry.organisation.short_name,
                decimal(row.total, 2) if row.total is not None else "—",
                entry.get_placement_display() if entry.placement else "итоги не зафиксированы",
            ]
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = value
        word.column_widths(table, section, WIDTHS)


def _signatures(document, section, jury: list[JuryMember]) -> None:
    document.add_paragraph()
    for member in jury:
        line = document.add_paragraph()
        line.paragraph_format.keep_together = True
        line.paragraph_format.space_before = Pt(12)
        line.paragraph_format.tab_stops.add_tab_stop(
            word.usable_width(section), WD_TAB_ALIGNMENT.RIGHT
        )
        role = "Председатель жюри" if member.is_chair else "Член жюри"
        name = member.expert.get_full_name() or str(member.expert)
        line.add_run(f"{role}\t{SIGNATURE_LINE}\u00a0{name}")


def protocol_docx(contest: Contest, target) -> None:
    document = word.new_document(title=title_of(contest), centre=centre_of(contest.municipality_id))
    section = _setup(document)
    jury = list(
        JuryMember.objects.filter(contest=contest)
        .select_related("expert")
        .prefetch_related("nominations")
        .order_by("-is_chair", "expert__last_name", "pk")
    )
    _letterhead(document, centre_of(contest.municipality_id))
    _heading(document, contest, jury)
    groups = contest_ranking(contest)
    prefetch_related_objects([row.entry for g in groups for row in g.rows], "participants")
    _ranking(document, section, groups)
    _signatures(document, section, jury)
    document.save(target)
