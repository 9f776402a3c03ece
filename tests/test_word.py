"""Word files that know who wrote them, and Russian lines that do not break where a reader
stumbles: ``russian.typographic`` and ``word.new_document`` on their own, then every kind of
Word file the portal writes opened and read for its properties and its spaces."""

import io
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from docx import Document
from lxml import etree

from moc_portal.core import word
from moc_portal.core.russian import NBSP, typographic
from plans import documents
from plans.models import Plan, PlanKind
from programs.assessment import documents as assessment_documents
from programs.assessment.models import Campaign
from programs.territory.centres import CentreIdentity, centre_of
from reports import word_report
from reports.models import YearlyReport

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
APP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Яркина Я.О.", "Яркина~Я.О."),
        ("Яркина Я. О., методист", "Яркина~Я.~О., методист"),
        ("Я.О. Яркина", "Я.О.~Яркина"),
        ("Я. О. Яркина", "Я.~О.~Яркина"),
        ("директор _________ Т.М. Гринева", "директор _________ Т.М.~Гринева"),
        ("Римских-Корсаков Н.А.", "Римских-Корсаков~Н.А."),
        # Two people in a cell: each name whole, the line free to break between them.
        ("Судакова Е.В. Яркина Я.О.", "Судакова~Е.В. Яркина~Я.О."),
        ("Е.В. Судакова, Я.О. Яркина", "Е.В.~Судакова, Я.О.~Яркина"),
        ("«15» сентября 2020 г.", "«15» сентября 2020~г."),
        ("на 2019-2021 гг. вперёд", "на 2019-2021~гг. вперёд"),
        ("Дом школьника г. Задонска", "Дом школьника г.~Задонска"),
        ("от 01.08.2019 № 461-ПП", "от 01.08.2019 №~461-ПП"),
        ("№№ 3 и 4", "№№~3 и 4"),
        ("Яркина  Я.О.", "Яркина~~Я.О."),  # every space of the gap; «~» stands for NBSP
        # Left as they are: no space to keep, or nothing that must stay together.
        ("г.Задонска", "г.Задонска"),
        ("в 2020 году в городе", "в 2020 году в городе"),
        ("163 дополнительные программы", "163 дополнительные программы"),
        ("Образование – Задонский район", "Образование – Задонский район"),
        ("Отчёт МОЦ за 2022/2023 уч. год", "Отчёт МОЦ за 2022/2023 уч. год"),
        ("ПДО Я.", "ПДО Я."),  # no capitalised surname before the initial
    ],
)  # fmt: skip
def test_typographic_keeps_together_what_a_line_must_not_part(text, expected):
    typeset = typographic(text)
    assert typeset == expected.replace("~", NBSP)
    assert len(typeset) == len(text)  # only spaces change: the Word writer relies on it


def test_typographic_is_idempotent():
    once = typographic("Я. О. Яркина, Судакова Е.В. Яркина Я.О., 2020 г., № 5")
    assert typographic(once) == once


def _xml(data: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def check_properties(data: bytes, *, title: str, centre, made: datetime) -> None:
    """Author, last editor and company the centre, the title the document's, Russian, made
    within a minute of ``made`` — and nothing of python-docx's template left."""
    properties = Document(io.BytesIO(data)).core_properties
    assert properties.author == centre.name
    assert properties.last_modified_by == centre.name
    assert properties.title == " ".join(title.split())
    assert properties.language == "ru-RU"
    assert properties.comments == ""
    assert properties.revision == 1
    assert properties.created == properties.modified
    assert abs(properties.created.replace(tzinfo=UTC) - made) < timedelta(minutes=1)
    assert properties.created.year != 2013
    company = _xml(data, "docProps/app.xml").find(f"{APP}Company")
    assert company.text == centre.name
    styles = _xml(data, "word/styles.xml")
    language = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert language.get(f"{W}val") == "ru-RU"  # spell-checked as Russian
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        assert "docProps/thumbnail.jpeg" not in names  # the template's empty page
        raw = b"".join(package.read(name) for name in names if name.endswith(".xml"))
    assert b"python-docx" not in raw and b'w:val="en-US"' not in raw


def test_a_new_document_says_who_wrote_it():
    centre = CentreIdentity(full_name="Муниципальный опорный центр Задонского района")
    document = word.new_document(title="План работы\nМОЦ  на 2025 год", centre=centre)
    data = _saved(document)
    check_properties(
        data, title="План работы МОЦ на 2025 год", centre=centre, made=datetime.now(UTC)
    )


def test_saving_sets_non_breaking_spaces_across_runs_cells_and_footers():
    document = word.new_document(title="Проба", centre=CentreIdentity(full_name="МОЦ"))
    paragraph = document.add_paragraph("Ответственный: Яркина")
    paragraph.add_run(" Я.О.").bold = True  # the name in one run, the initials in the next
    document.add_paragraph("Ответственные: Петрова").add_run().add_break()
    document.paragraphs[-1].add_run(" И. Иванов")  # no pattern reaches over a line break
    document.add_table(rows=1, cols=1).rows[0].cells[0].text = "Приказ № 5 от 2020 г."
    document.sections[0].footer.paragraphs[0].text = "г. Задонск"
    read = Document(io.BytesIO(_saved(document)))
    runs = [run.text for run in read.paragraphs[0].runs]
    assert runs == ["Ответственный: Яркина", f"{NBSP}Я.О."]
    assert read.paragraphs[1].text == f"Ответственные: Петрова\n И.{NBSP}Иванов"
    assert read.tables[0].cell(0, 0).text == f"Приказ №{NBSP}5 от 2020{NBSP}г."
    assert read.sections[0].footer.paragraphs[0].text == f"г.{NBSP}Задонск"


def test_every_kind_of_word_file_knows_who_wrote_it(demo):
    """The plans of seeds 000 (with its media plan), 003 and 004, an execution report, the
    assessment protocol and the yearly report: each opened and read for its properties."""
    made = datetime.now(UTC)
    plans = {
        (plan.municipality.name, plan.kind): plan
        for plan in Plan.objects.select_related("municipality")
    }
    files = []
    for key, report in [
        (("Город Оренбург", PlanKind.WORK), False),
        (("Город Оренбург", PlanKind.MEDIA), False),
        (("Город Орск", PlanKind.ROADMAP), False),
        (("Город Екатеринбург", PlanKind.NETWORK), False),
        (("Город Орск", PlanKind.ROADMAP), True),
    ]:
        printed = documents.plan_document(plans[key], report=report)
        buffer = io.BytesIO()
        documents.write_docx(printed, buffer)
        files.append((buffer.getvalue(), printed.title, plans[key].municipality))
    campaign = Campaign.objects.filter(municipality=demo).first()
    buffer = io.BytesIO()
    assessment_documents.protocol_docx(campaign, buffer)
    files.append(
        (buffer.getvalue(), assessment_documents.protocol(campaign).title, campaign.municipality)
    )
    yearly = YearlyReport.objects.get(municipality=demo, academic_year="2022/2023")
    buffer = io.BytesIO()
    word_report.write_docx(yearly, buffer)
    files.append((buffer.getvalue(), str(yearly), demo))
    for data, title, municipality in files:
        check_properties(data, title=title, centre=centre_of(municipality), made=made)
    # The demo's own centre writes its files, not the installation.
    assert Document(io.BytesIO(files[-1][0])).core_properties.author == centre_of(demo).name


def test_the_execution_report_title_nests_no_quotes(demo):
    plan = Plan.objects.get(municipality=demo, period_start__year=2022)
    printed = documents.plan_document(plan, report=True)
    assert printed.title == f"Отчёт о выполнении: {plan.title}"
    assert "плана «" not in printed.title
