"""The plan's document as a Word file: landscape A4, Times New Roman, page numbers, the
approval blocks side by side, each further plan's table on a page of its own."""

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from moc_portal.core import word
from programs.territory.centres import centre_of

from .description import FONT, WIDTHS, Part, PlanDocument, is_heading

# The columns' shares of the page as the workbook's widths, but for the status, wider at the
# outcome's expense: a 12 pt «Запланировано» (2.7 cm) stands whole on its line (it broke as
# «Запланиров|ано»), and the other columns keep their width («осуществляющие», 3.2 cm).
WORD_WIDTHS = {**WIDTHS, "status": 25, "outcome": 35}


def write_docx(document: PlanDocument, target) -> None:
    doc = word.new_document(title=document.title, centre=centre_of(document.plan.municipality_id))
    page = _docx_page(doc)
    _docx_front(doc, document)
    for index, part in enumerate(document.parts):
        if not index:
            doc.add_paragraph()
        if index or document.cover:
            heading = _paragraph(doc, part.heading, bold=True, centred=True)
            heading.paragraph_format.keep_with_next = True
            # Each further plan of the document starts a page of its own. (This also keeps
            # LibreOffice 7.4 from losing the rows of a table whose head row and first row
            # end a page exactly, as it did with seed 000's work plan.)
            heading.paragraph_format.page_break_before = bool(index)
        _docx_table(doc, page, part)
        if part.footnote:
            doc.add_paragraph()
        for number, line in enumerate(part.footnote, start=1):
            p = _paragraph(doc, line, size=11)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            # The footnote on one page: its label («*Основание разработки –», seed 004) never
            # ends a page that its text does not.
            p.paragraph_format.keep_together = True
            p.paragraph_format.keep_with_next = number < len(part.footnote)
    if document.signature:
        doc.add_paragraph()
        _paragraph(doc, document.signature)
    doc.save(target)


def _docx_page(doc):
    """Times New Roman 12 without space after paragraphs; landscape A4 with page numbers."""
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)
    page = doc.sections[0]
    word.a4(page, landscape=True)
    for margin in ("left_margin", "right_margin"):
        setattr(page, margin, Cm(2))
    page.top_margin = page.bottom_margin = Cm(1.5)
    word.page_numbers(page)
    return page


def _docx_front(doc, document: PlanDocument) -> None:
    """The header, the approval blocks side by side, the title and the introduction."""
    for line in document.header:
        _paragraph(doc, line, bold=True, centred=True)
    if document.approvals:
        doc.add_paragraph()
        block = doc.add_table(rows=1, cols=2)
        cells = block.rows[0].cells
        places = [cells[1]] if len(document.approvals) == 1 else cells
        for cell, approval in zip(places, document.approvals, strict=True):
            cell.paragraphs[0].add_run(approval.lines[0]).bold = True
            for line in approval.lines[1:]:
                cell.add_paragraph(line)
    doc.add_paragraph()
    _paragraph(doc, document.title, bold=True, centred=True, size=14)
    for line in document.subtitle:
        _paragraph(doc, line, bold=True, centred=True)
    if document.introduction:
        doc.add_paragraph()
        for paragraph in document.introduction:
            if is_heading(paragraph):
                _paragraph(doc, paragraph, bold=True, centred=True)
                continue
            p = doc.add_paragraph(paragraph)
            p.paragraph_format.first_line_indent = Cm(1.25)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _docx_table(doc, page, part: Part) -> None:
    table = doc.add_table(rows=1, cols=len(part.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    word.head_row(table.rows[0], part.headings)
    for line in part.rows:
        cells = table.add_row().cells
        if line.section:
            merged = cells[0].merge(cells[-1])
            merged.text = ""
            merged.paragraphs[0].add_run(line.cells[0]).bold = True
            continue
        for cell, text in zip(cells, line.cells, strict=True):
            _cell_text(cell, text)
    word.column_widths(table, page, [WORD_WIDTHS[name] for name, _ in part.columns])


def _paragraph(doc, text: str, *, bold=False, centred=False, size=None):
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _cell_text(cell, text: str) -> None:
    """A cell with one paragraph per line of the text, as Word keeps them."""
    lines = (text or "").splitlines() or [""]
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)
