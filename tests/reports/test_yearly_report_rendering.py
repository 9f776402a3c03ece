"""The demo's yearly report of 2022/2023 (seed 002) as LibreOffice prints its Word file: the
charts stand clear of every word and table rule, the signature is one line with the head's
name whole. (Looked at page by page as PNG when this was written: 7 pages, the focus chart
under the programme counts on page 1, the plan chart under the table on page 6, the
signature on page 7.)"""

import io

from docx import Document

from moc_portal.users.models import User
from reports import word_report
from reports.models import YearlyReport
from tests.test_document_rendering import render, soffice  # noqa: F401  (the fixture)

A4_PORTRAIT = (595, 842)
GAP = 2  # points: a picture closer than this to a word or a rule touches it


def _apart(box, other, gap=GAP) -> bool:
    return (
        box["x1"] + gap <= other["x0"]
        or other["x1"] + gap <= box["x0"]
        or box["bottom"] + gap <= other["top"]
        or other["bottom"] + gap <= box["top"]
    )


def test_the_charts_never_cover_text_and_the_head_signs(soffice, tmp_path, demo):  # noqa: F811
    staff = User.objects.get(username="moc")
    report = YearlyReport.objects.get(municipality=staff.municipality, academic_year="2022/2023")
    buffer = io.BytesIO()
    word_report.write_docx(report, buffer)
    assert len(Document(io.BytesIO(buffer.getvalue())).inline_shapes) == 2
    pdf = render(soffice, tmp_path, {"yearly.docx": buffer.getvalue()})["yearly.docx"]

    assert {(round(page.width), round(page.height)) for page in pdf.pages} == {A4_PORTRAIT}
    pictures = 0
    for page in pdf.pages:
        words = page.extract_words()
        rules = page.edges  # the table's borders
        for image in page.images:
            pictures += 1
            assert all(_apart(image, word) for word in words), page.page_number
            assert all(_apart(image, rule) for rule in rules), page.page_number
    assert pictures == 2

    # The plan's chart follows the table, under its caption, with space between.
    plan_page = next(p for p in pdf.pages if "Мероприятия плана по статусам" in p.extract_text())
    caption = plan_page.search("Мероприятия плана по статусам")[0]
    (image,) = plan_page.images
    table_bottom = max(e["bottom"] for e in plan_page.edges if e["bottom"] <= caption["top"])
    assert table_bottom + 6 <= caption["top"] < caption["bottom"] <= image["top"]

    last = pdf.pages[-1]
    (post,) = last.search("Директор МБО ДО Задонский Дом школьника")
    (name,) = last.search(r"Е\.В\.[\s\u00a0]Полякова")
    assert abs(post["top"] - name["top"]) < 2  # one line: the post, the rule, the name
    assert name["x1"] > last.width - 60  # against the right margin
