"""Word documents that print as they are signed: A4, a table grid whose column widths are the
layout's (Word and LibreOffice lay a table out by its grid, not by the cells' own widths),
rows that do not split across pages, and a bold head row repeated on every page."""

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

A4_SHORT, A4_LONG = Cm(21), Cm(29.7)


def a4(section, *, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (A4_LONG, A4_SHORT) if landscape else (A4_SHORT, A4_LONG)
    )


def usable_width(section) -> int:
    return section.page_width - section.left_margin - section.right_margin


def head_row(row, texts) -> None:
    """The table's head: bold, centred, repeated on every printed page."""
    for cell, text in zip(row.cells, texts, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _flag(row, "w:tblHeader")


def column_widths(table, section, proportions) -> None:
    """Share the page's width between the columns in these proportions, in the grid and in
    every cell, and keep every row on one page."""
    table.autofit = False
    total = sum(proportions)
    widths = [int(usable_width(section) * p / total) for p in proportions]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid (w:gridCol) that the layout follows
        for cell in column.cells:
            cell.width = width
    for row in table.rows:
        _flag(row, "w:cantSplit")


def page_numbers(section) -> None:
    """The page number centred in the footer (a PAGE field, filled in by Word and LibreOffice)."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _flag(row, name: str) -> None:
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn(name)) is None:
        marker = OxmlElement(name)
        marker.set(qn("w:val"), "true")
        properties.append(marker)
