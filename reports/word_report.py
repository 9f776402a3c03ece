"""The yearly report as a Word document in seed 002's layout, for signing, with its charts."""

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt
from PIL import Image, ImageDraw, ImageFont

from moc_portal.core import word
from moc_portal.core.russian import NBSP
from programs.territory.centres import centre_of

from . import contests, wording
from .documents import PLAN_HEAD, plan_cells, plan_heading
from .figures import charts
from .models import YearlyReport


def chart_png(chart: dict) -> io.BytesIO:
    """The page's bar chart as a picture for Word (drawn with Pillow, Cyrillic-capable font
    where the machine has one); its caption is the document's own text above it."""
    scale = 2
    width, height = 620 * scale, (chart["height"] + 4) * scale
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = _font(13 * scale)
    for row in chart["rows"]:
        top = (row["y"] + 2) * scale
        draw.text((0, top + 2 * scale), row["label"], fill="black", font=font)
        left = chart["bar_x"] * scale
        draw.rectangle(
            [left, top, left + max(row["width"], 1) * scale, top + 20 * scale], fill="#0d6efd"
        )
        draw.text(
            (row["value_x"] * scale, top + 2 * scale), str(row["value"]), fill="black", font=font
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


FONTS = [
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
]


def _font(size: int):
    for path in FONTS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def write_docx(report: YearlyReport, target) -> None:
    """The report in seed 002's layout, for signing: heading, the municipality and the centre,
    the counts as the seed words them, the main directions, the plan execution table, the
    perspectives, the charts each in a paragraph of its own, and the head's signature."""
    data = report.data
    text = wording.of(report)
    document = word.new_document(title=str(report), centre=centre_of(report.municipality))
    section = _portrait_page(document)
    _title(document, report, text)
    chart_list = charts(data)
    if text.empty:
        document.add_paragraph(text.empty)
    if text.organisations:
        _listed(document, text.organisations, text.organisation_lines)
        _listed(document, text.programs, text.program_lines)
        for note in text.program_notes:
            document.add_paragraph(note)
        _chart(document, chart_list["focus"], "Программы по направленностям")
    _text_under_heading(document, wording.DIRECTIONS, text.directions)
    plan = data.get("plan")
    if plan:
        _plan_table(document, section, plan)
        _chart(document, chart_list["plan"], "Мероприятия плана по статусам")
    if text.assessment:
        document.add_paragraph(text.assessment)
    if text.coverage:
        document.add_paragraph(text.coverage)
    _text_under_heading(document, wording.STAFF, text.staff)
    contests.write_docx_section(document, data.get("contests"))
    _text_under_heading(document, wording.PERSPECTIVES, text.perspectives)
    _signature(document, section, text)
    document.save(target)


def _chart(document, chart: dict, caption: str) -> None:
    """A chart after the text or table above it, never over it: its caption and its picture
    each a paragraph of their own, kept together, with space around them."""
    heading = document.add_paragraph()
    heading.add_run(caption).bold = True
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.keep_with_next = True
    picture = document.add_paragraph()
    picture.paragraph_format.space_after = Pt(12)
    picture.add_run().add_picture(chart_png(chart), width=Cm(16))


def _signature(document, section, text: wording.Wording) -> None:
    """«Директор МБО ДО Задонский Дом школьника ____________ Е.В. Полякова»: the post on the
    left, the line and the name against the right margin, never split."""
    document.add_paragraph()
    line = document.add_paragraph()
    line.paragraph_format.keep_together = True
    line.paragraph_format.tab_stops.add_tab_stop(word.usable_width(section), WD_TAB_ALIGNMENT.RIGHT)
    signed = NBSP.join(part for part in (wording.SIGNATURE_LINE, text.head_name) if part)
    line.add_run(f"{text.head_post}\t{signed}")


def _portrait_page(document):
    """A4 portrait with 2 cm margins, numbered pages, Times New Roman 12; the section."""
    section = document.sections[0]
    word.a4(section, landscape=False)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(2))
    word.page_numbers(section)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    return section


def _title(document, report: YearlyReport, text: wording.Wording) -> None:
    """The heading, then the municipality and its centre in bold."""
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(wording.title(report)).bold = True
    line = document.add_paragraph("Муниципальное образование – ")
    line.add_run(text.municipality).bold = True
    if text.centre:
        line = document.add_paragraph(f"{wording.CENTRE} – ")
        line.add_run(text.centre).bold = True


def _listed(document, lead: str, lines: list[str]) -> None:
    document.add_paragraph(lead)
    for line in lines:
        document.add_paragraph(line, style="List Bullet")


def _text_under_heading(document, heading: str, lines: list[str]) -> None:
    """A bold heading, then the person's text a paragraph per line; nothing when there is no
    text."""
    if not lines:
        return
    title = document.add_paragraph()
    title.add_run(heading).bold = True
    title.paragraph_format.keep_with_next = True
    for line in lines:
        document.add_paragraph(line)


def _plan_table(document, section, plan: dict) -> None:
    """Seed 002's execution table under its heading; a section is one merged bold row."""
    heading = document.add_paragraph()
    heading.add_run(plan_heading(plan)).bold = True
    heading.paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=len(PLAN_HEAD))
    table.style = "Table Grid"
    word.head_row(table.rows[0], PLAN_HEAD)
    for row in plan["rows"]:
        cells = table.add_row().cells
        if "section" in row:
            merged = cells[0].merge(cells[-1])
            merged.text = ""
            merged.paragraphs[0].add_run(row["section"]).bold = True
        else:
            for cell, value in zip(cells, plan_cells(row), strict=True):
                cell.text = value or ""
    word.column_widths(table, section, [2, 9, 4, 9, 3])
