"""Word files as LibreOffice lays them out: seed 004's footnote on one page with its label, a
status or a head word never split in its column, and no line parting a surname from its
initials, a year from «г.» or «№» from its number."""

import io
import re

from docx import Document
from docx.shared import Cm

from moc_portal.core import word
from plans import documents
from plans.models import ItemStatus, Plan, PlanKind
from programs.assessment import documents as assessment_documents
from programs.assessment.models import Campaign
from programs.territory.centres import CentreIdentity
from tests.test_document_rendering import render, soffice, written  # noqa: F401 (a fixture)

# What a line must not part, as the PDF's text gives a cell's lines («\n» where it wrapped).
PARTED = re.compile(r"[А-ЯЁ][а-яё]+\n[А-ЯЁ]\.|[А-ЯЁ]\.\n[А-ЯЁ]\.|\d\nг\.|№\n\d|г\.\n[А-ЯЁ]")
PEOPLE = "Яркина Я.О., Я. О. Яркина, Судакова Е.В. Яркина Я.О., {year} г., приказ № {number}"


def cells(pdf) -> list[str]:
    """Every table cell's text as laid out, its wrapped lines kept («\n»)."""
    return [
        (cell or "").replace("\u00a0", " ")
        for page in pdf.pages
        for table in page.find_tables()
        for row in table.extract()
        for cell in row
    ]


def people_table(document) -> bytes:
    """Cells 4 cm wide, each with a few words more in front, so that lines wrap at every
    place in the sentence."""
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for number in range(24):
        lead = " ".join(["слово"] * (number % 6))
        left, right = table.add_row().cells
        left.text = f"{lead} {PEOPLE.format(year=2000 + number, number=number)}".strip()
        right.text = str(number)
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = Cm(4), Cm(1)
    for column, width in zip(table.columns, [Cm(4), Cm(1)], strict=True):
        column.width = width
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_no_line_parts_initials_years_or_numbers(soffice, tmp_path):  # noqa: F811
    centre = CentreIdentity(full_name="Муниципальный опорный центр")
    pdfs = render(
        soffice,
        tmp_path,
        {
            "typeset.docx": people_table(word.new_document(title="Проба", centre=centre)),
            "plain.docx": people_table(Document()),  # python-docx alone, as before
        },
    )
    typeset, plain = cells(pdfs["typeset.docx"]), cells(pdfs["plain.docx"])
    assert len([text for text in typeset if "приказ" in text]) == 24  # every cell read
    # The check catches what it looks for: without the non-breaking spaces lines do part so.
    assert len([text for text in plain if PARTED.search(text)]) > 5
    assert [text for text in typeset if PARTED.search(text)] == []
    # Two people in a cell may stand on two lines: between the people, not inside a name.
    assert any("Е.В.\nЯркина" in text for text in typeset)


def test_footnote_stays_with_its_label_and_statuses_stay_whole(soffice, tmp_path, demo):  # noqa: F811
    plans = {
        (plan.municipality.name, plan.kind): plan
        for plan in Plan.objects.select_related("municipality").filter(bound_to__isnull=True)
    }
    network = documents.plan_document(plans[("Город Екатеринбург", PlanKind.NETWORK)])
    report = documents.plan_document(plans[("Город Орск", PlanKind.ROADMAP)], report=True)
    pdfs = render(
        soffice,
        tmp_path,
        {
            "network.docx": written(documents.write_docx, network),
            "report.docx": written(documents.write_docx, report),
        },
    )
    # Seed 004: «*Основание разработки –» and its text on the same page.
    footnote = network.parts[-1].footnote
    assert footnote[0] == "*Основание разработки –"
    texts = [" ".join((page.extract_text() or "").split()) for page in pdfs["network.docx"].pages]
    label = [number for number, text in enumerate(texts) if "*Основание разработки" in text]
    ending = [number for number, text in enumerate(texts) if "№ 461-ПП" in text]
    assert len(label) == 1 and label == ending
    # The execution report's status column holds «Запланировано», «Не выполнено» whole.
    statuses = {label for _, label in ItemStatus.choices}
    status = report.parts[0].headings.index("Статус")
    seen = [
        row[status]
        for page in pdfs["report.docx"].pages
        for table in page.find_tables()
        for row in table.extract()[1:]
        if row[status]
    ]
    assert seen and all(text in statuses for text in seen), seen


def test_the_protocol_prints_with_its_head_on_every_page(soffice, tmp_path, demo):  # noqa: F811
    campaign = Campaign.objects.filter(municipality=demo).first()
    pdf = render(
        soffice,
        tmp_path,
        {"protocol.docx": written(assessment_documents.protocol_docx, campaign)},
    )["protocol.docx"]
    assert {(round(page.width), round(page.height)) for page in pdf.pages} == {(842, 595)}
    head = ["№", "Программа", "Организация", "Экспертов", "Средний балл по критериям"]
    results = []
    for page in pdf.pages:
        for table in page.find_tables():
            rows = [[" ".join((cell or "").split()) for cell in row] for row in table.extract()]
            if len(rows[0]) > 4 and rows[0][:4] == head[:4]:
                assert rows[0][:5] == head, rows[0]  # «Экспертов» whole in its column
                assert "Итоговый балл, %" in rows[0]
                results += [row[1] for row in rows[2:] if row[0]]
    entries = campaign.entries.select_related("program")
    assert sorted(results) == sorted(" ".join(e.program.name.split()) for e in entries)
    footer = [page.extract_text().splitlines()[-1].strip() for page in pdf.pages]
    assert footer == [str(n) for n in range(1, len(pdf.pages) + 1)]
