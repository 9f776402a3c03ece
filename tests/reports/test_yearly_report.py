"""The yearly report reproduces seed 002 from the demo registry, and a submitted report is
frozen."""

import io
import re
from datetime import date

import openpyxl
import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from docx import Document
from docx.oxml.ns import qn

from moc_portal.core.academic import academic_year
from moc_portal.demo.seed_tables import SEED_002, seed_execution, seed_lines, seed_text
from moc_portal.users.models import User
from plans.models import Plan
from programs import services as registry
from programs.models import Program
from reports import services
from reports.documents import PLAN_HEAD, plan_cells
from reports.models import ReportState, YearlyReport

SEED_FOCUS = [
    ("технической", 37),
    ("туристско-краеведческой", 2),
    ("физкультурно-спортивной", 47),
    ("художественной", 41),
    ("естественнонаучной", 17),
    ("социально-гуманитарной", 19),
]
NBSP = "\u00a0"
SEED_ORGANISATIONS = [
    ("организации дополнительного образования", 4),
    ("общеобразовательные организации", 7),
    ("дошкольные образовательные организации", 4),
    ("автономные учреждения", 1),
    ("государственные учреждения", 1),
]


def seed_002(start: str) -> list[str]:
    """Seed 002's lines from the one that starts with ``start`` to the next blank line, the
    list dashes and bold marks dropped."""
    lines = seed_lines(SEED_002)
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    kept = []
    for line in lines[first:]:
        if not line.strip():
            if kept and not kept[-1].endswith(":"):
                break
            continue
        kept.append(line.replace("**", "").removeprefix("- ").strip())
    return kept


# Seed 002's list of organisations: the first three lines as they stand; the two kinds with a
# single organisation the report names in brackets (the seed names one, «(Специальная
# школа-интернат)», and not the other).
SEED_ORGANISATION_LINES = seed_002("- 4 организации")


@pytest.fixture
def moc(demo):
    """The demo centre's staff member who builds the report."""
    return User.objects.get(username="moc")


def _build(client, staff, plan=None, *, year=None, as_of=None):
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.force_login(staff)
        response = client.post(
            reverse("reports:list"),
            {
                "academic_year": year or academic_year(),
                "as_of": (as_of or timezone.localdate()).isoformat(),
                "plan": plan.pk if plan else "",
            },
        )
    return YearlyReport.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def seed_plan(moc) -> Plan:
    """Задонский район's plan of 2022–2023, whose execution seed 002 reports."""
    return Plan.objects.get(municipality=moc.municipality, period_start=date(2022, 9, 1))


def expected_execution() -> list[list[str]]:
    """Seed 002's execution table as the report prints it: a section across the row, an item
    as №, наименование, сроки, результат and an empty «Прим.»."""
    return [row if len(row) == 1 else [*row, ""] for row in seed_execution()]


def test_the_demo_keeps_seed_002_as_submitted_in_september_2023(moc):
    report = YearlyReport.objects.get(municipality=moc.municipality, academic_year="2022/2023")
    assert (report.state, report.as_of, report.version) == ("submitted", date(2023, 8, 31), 1)
    assert report.submitted_at.date() == date(2023, 9, 8)
    assert report.data["programs"]["total"] == 163
    assert report.perspectives.startswith("1. Повышение охвата детей")


def test_report_for_a_past_year_reproduces_seed_002_as_of_its_date(client, moc):
    """Every figure as of 31.08.2023, the assessment ones included, and seed 002's own
    execution table — in the page, the docx and the xlsx."""
    report = _build(client, moc, seed_plan(moc), year="2022/2023", as_of=date(2023, 8, 31))
    assert report.version == 2  # the demo's own submitted version is the first
    assert report.data["organisations"]["total"] == 17
    assessment = report.data["assessment"]
    assert (assessment["published"], assessment["ready"], assessment["assessed"]) == (163, 42, 42)
    rows = [
        [row["section"]] if "section" in row else plan_cells(row)
        for row in report.data["plan"]["rows"]
    ]
    assert rows == expected_execution()
    assert sum(len(row) == 1 for row in rows) == 5 and sum(len(row) > 1 for row in rows) == 18
    assert report.data["plan"]["heading"] == "Выполнение плана работы по внедрению Целевой модели"

    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Выполнение плана работы по внедрению Целевой модели" in page
    for row in expected_execution():
        assert escape(row[-2] if len(row) > 1 else row[0]) in page

    response = client.get(reverse("reports:export_docx", args=[report.pk]))
    table = Document(io.BytesIO(response.content)).tables[0]
    head, *rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert head == PLAN_HEAD
    # A section is one cell merged across the row.
    assert [row[:1] if len(set(row)) == 1 else row for row in rows] == expected_execution()

    response = client.get(reverse("reports:export", args=[report.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Выполнение плана"]
    title, caption, head, *rows = [["" if v is None else v for v in row] for row in sheet.values]
    assert title[0].startswith("Отчёт о деятельности МОЦ за 2022/2023 учебный год")
    assert caption[0] == "Выполнение плана работы по внедрению Целевой модели"
    assert head == PLAN_HEAD
    assert [row[:1] if not any(row[1:]) else row for row in rows] == expected_execution()


def test_a_report_as_of_a_date_before_the_year_counts_nothing_of_it(client, moc):
    report = _build(client, moc, seed_plan(moc), year="2022/2023", as_of=date(2022, 8, 31))
    assert report.data["programs"]["total"] == 0
    assert report.data["organisations"]["total"] == 0
    assert report.data["assessment"]["published"] == 0
    assert report.data["assessment"]["ready"] == 0
    # The plan was put in on 31.08.2022, its items not yet done.
    statuses = {row["status"] for row in report.data["plan"]["rows"] if "status" in row}
    assert statuses == {"Запланировано"}


def test_report_reproduces_seed_002_in_the_page_and_in_excel(client, moc):
    plan = seed_plan(moc)
    report = _build(client, moc, plan)
    assert report.state == ReportState.DRAFT and report.progress == 100
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "В муниципальном образовании 17 организаций, реализующих" in page
    assert "Опубликовано 163 дополнительные общеобразовательные общеразвивающие" in page
    for line in SEED_ORGANISATION_LINES[:3]:
        assert f"<li>{line}</li>" in page
    for label, count in SEED_FOCUS:
        assert f"{count} программ" in page and f"{label} направленности" in page
    assert f"самоопределению детей{NBSP}– 6." in page
    assert f"Дистанционные программы{NBSP}– 1." in page
    assert f"ОВЗ{NBSP}– 8." in page
    assert 'id="report-plan"' in page

    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("reports:export", args=[report.pk])).content)
    )
    assert book.sheetnames[:4] == ["Отчёт", "Организации", "Программы", "Выполнение плана"]
    organisations = {r[0]: r[1] for r in list(book["Организации"].values)[2:]}
    assert organisations == {**dict(SEED_ORGANISATIONS), "Всего": 17}
    programs = {r[0]: r[1] for r in list(book["Программы"].values)[2:]}
    assert programs == {
        **{f"{label} направленности": n for label, n in SEED_FOCUS},
        "Всего": 163,
        "Способствующие самоопределению детей": 6,
        "Дистанционные программы": 1,
        "Программы для детей с ОВЗ": 8,
    }
    assert all(isinstance(v, int) for v in programs.values())
    plan_rows = list(book["Выполнение плана"].values)
    assert len(plan_rows) == 3 + len(report.data["plan"]["rows"])  # title, caption, head


def test_submitted_report_does_not_change_when_programmes_change(client, moc):
    report = _build(client, moc)
    services.yearly_report_texts(
        user=moc,
        report=report,
        directions="Информационное сопровождение внедрения Целевой модели.",
        perspectives="Расширить сеть программ технической направленности.",
    )
    services.yearly_report_submit(user=moc, report=report)
    program = Program.objects.filter(status="published", focus="technical").first()
    with TestCase.captureOnCommitCallbacks(execute=True):
        registry.program_archive(program=program, user=moc)
    services.yearly_report_build(report.pk)  # even a stray rebuild leaves it alone
    report.refresh_from_db()
    assert report.data["programs"]["total"] == 163
    with pytest.raises(services.ReportError, match="новую версию"):
        services.yearly_report_texts(user=moc, report=report, directions="x", perspectives="y")
    with TestCase.captureOnCommitCallbacks(execute=True):
        newer = services.yearly_report_new_version(user=moc, report=report)
    newer.refresh_from_db()
    assert newer.version == 2
    assert newer.data["programs"]["total"] == 162
    assert newer.directions == report.directions
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Опубликовано 163 дополнительные" in page


def test_submit_needs_the_texts(client, moc):
    report = _build(client, moc)
    with pytest.raises(services.ReportError, match="направления"):
        services.yearly_report_submit(user=moc, report=report)


def test_word_document_in_the_seed_layout_with_both_charts(client, moc):
    plan = seed_plan(moc)
    report = _build(client, moc, plan)
    response = client.get(reverse("reports:export_docx", args=[report.pk]))
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Отчет о деятельности Муниципального опорного центра" in text
    assert "Муниципальное образование – Задонский муниципальный район" in text
    # Named by the municipality's own centre card, not by the installation's settings.
    assert (
        "Муниципальный опорный центр (МОЦ) – Муниципальная бюджетная организация "
        "дополнительного образования Задонский Дом школьника" in text
    )
    assert "В муниципальном образовании 17 организаций" in text
    assert "37 программ технической направленности;" in text
    assert "2 программы туристско-краеведческой направленности;" in text
    assert f"Программы для детей с ОВЗ{NBSP}– 8." in text
    assert len(document.inline_shapes) == 2
    assert len(document.tables[0].rows) == 1 + len(report.data["plan"]["rows"])
    # A4 portrait, the plan table's head row bold and repeated on every page.
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    head = document.tables[0].rows[0]
    assert head._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(run.bold for cell in head.cells for run in cell.paragraphs[0].runs)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert 'aria-label="Программы по направленностям: Техническая — 37;' in page


def test_versions_are_compared_figure_by_figure(client, moc):
    first = _build(client, moc)
    program = Program.objects.filter(status="published", focus="sport").first()
    with TestCase.captureOnCommitCallbacks(execute=True):
        registry.program_archive(program=program, user=moc)
        services.yearly_report_texts(user=moc, report=first, directions="—", perspectives="—")
        services.yearly_report_submit(user=moc, report=first)
        second = services.yearly_report_new_version(user=moc, report=first)
    page = client.get(reverse("reports:compare", args=[second.pk, first.pk])).content.decode()
    assert '<tr class="table-warning"><td>— физкультурно-спортивной направленности' in page
    assert '<td class="text-end">47</td><td class="text-end">46</td>' in page


def test_regional_view_sets_municipalities_side_by_side(client, moc, administrator):
    _build(client, moc)
    assert client.get(reverse("reports:regional")).status_code == 403  # staff
    client.force_login(administrator)
    page = client.get(reverse("reports:regional") + f"?year={academic_year()}").content.decode()
    assert "Задонский муниципальный район" in page
    assert '<td class="text-end">163</td>' in page
    book = openpyxl.load_workbook(
        io.BytesIO(
            client.get(reverse("reports:regional_export") + f"?year={academic_year()}").content
        )
    )
    rows = {r[0]: r[1:] for r in book.active.values if r and r[0]}
    assert rows["Опубликованные программы"] == (163,)


def test_the_report_form_opens_with_this_academic_year_and_today(client, moc):
    client.force_login(moc)
    form = client.get(reverse("reports:list")).context["form"]
    assert form["academic_year"].value() == academic_year()
    assert form["as_of"].value() == timezone.localdate()


def test_the_word_report_agrees_its_words_with_the_number(moc):
    from reports.word_report import write_docx

    seed = YearlyReport.objects.get(municipality=moc.municipality, academic_year="2022/2023")
    for total, words in [
        (1, "1 организация, реализующая"),
        (3, "3 организации, реализующие"),
        (17, "17 организаций, реализующих"),
    ]:
        data = {**seed.data, "organisations": {**seed.data["organisations"], "total": total}}
        report = YearlyReport(
            academic_year="2022/2023",
            as_of=date(2023, 8, 31),
            municipality=moc.municipality,
            data=data,
            directions=seed.directions,
            perspectives=seed.perspectives,
        )
        buffer = io.BytesIO()
        write_docx(report, buffer)
        text = "\n".join(p.text for p in Document(io.BytesIO(buffer.getvalue())).paragraphs)
        assert f"В муниципальном образовании {words} дополнительные" in text


def _docx_paragraphs(client, report) -> list[str]:
    response = client.get(reverse("reports:export_docx", args=[report.pk]))
    return [p.text for p in Document(io.BytesIO(response.content)).paragraphs]


def test_the_word_file_of_the_demo_2022_2023_report_writes_seed_002_word_for_word(client, moc):
    """The demo's own report of 2022/2023 (seed 002, submitted), its Word file read paragraph by
    paragraph: seed 002's sentences as the seed writes them, with the exceptions named."""
    report = YearlyReport.objects.get(municipality=moc.municipality, academic_year="2022/2023")
    client.force_login(moc)
    paragraphs = _docx_paragraphs(client, report)
    # A non-breaking space keeps «– 6» with its words and the initials with the surname.
    text = [p.replace(NBSP, " ") for p in paragraphs]

    title = seed_002("**Отчет о деятельности")
    assert "\n".join(title) in text
    # The centre card writes «г. Задонска» with the space Russian typesetting puts after «г.»;
    # the seed runs them together.
    (centre,) = seed_002("Муниципальный опорный центр (МОЦ)")
    assert centre.replace("г.Задонска", "г. Задонска") in text
    # Seed 002 writes «17 организаций, реализующие …», a slip: after 17 the participle is in
    # the genitive, as the report writes it.
    lead = seed_002("В муниципальном образовании")[0]
    assert lead.replace("реализующие", "реализующих") in text
    assert lead not in text

    organisations = text[text.index(lead.replace("реализующие", "реализующих")) + 1 :][:5]
    assert organisations[:3] == SEED_ORGANISATION_LINES[:3]
    assert organisations[3] == "1 автономное учреждение (МАУ ФОК «Задонский»);"
    assert organisations[4] == (
        "1 государственное учреждение (ГОБОУ «Специальная школа-интернат с. Донское»)."
    )
    assert "Специальная школа-интернат" in SEED_ORGANISATION_LINES[4]

    programs = seed_002("Опубликовано 163")
    assert programs[0] == (
        "Опубликовано 163 дополнительные общеобразовательные общеразвивающие программы:"
    )
    start = text.index(programs[0])
    assert text[start : start + len(programs)] == programs
    assert "37 программ технической направленности;" in programs
    for start in ("Программы, способствующие", "Дистанционные программы –", "Программы для детей"):
        assert seed_002(start)[0] in text

    # Each heading as the seed words it, with the centre's text under it paragraph by paragraph.
    for heading, stop in [
        ("Основные направления деятельности МОЦ:", "Выполнение плана"),
        ("Перспективы развития:", None),
    ]:
        seed = seed_text(SEED_002, heading, stop).splitlines()
        assert seed[0] == heading
        start = text.index(heading)
        assert text[start : start + len(seed)] == seed
    assert "Выполнение плана работы по внедрению Целевой модели" in text

    assessment = next(p for p in paragraphs if p.startswith("Независимая оценка качества"))
    assert f"готовы к оценке 42 программы (25,8{NBSP}% при плане 25{NBSP}%)" in assessment
    assert not re.search(r"\d\.\d", assessment)  # a decimal comma, never a point
    assert paragraphs[-1] == (
        f"Директор МБО ДО Задонский Дом школьника\t____________{NBSP}Е.В.{NBSP}Полякова"
    )


def test_the_page_of_the_demo_2022_2023_report_writes_seed_002(client, moc):
    report = YearlyReport.objects.get(municipality=moc.municipality, academic_year="2022/2023")
    client.force_login(moc)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    (centre,) = seed_002("Муниципальный опорный центр (МОЦ)")
    name = centre.removeprefix("Муниципальный опорный центр (МОЦ) – ")
    assert escape(name.replace("г.Задонска", "г. Задонска")) in page
    for line in [
        *SEED_ORGANISATION_LINES[:3],
        "1 автономное учреждение (МАУ ФОК «Задонский»);",
        *seed_002("Опубликовано 163"),
    ]:
        assert escape(line) in page.replace("<li>", "\n").replace("</li>", "\n")
    assert "17 организаций, реализующих дополнительные" in page
    assert f"готовы к оценке 42 программы (25,8{NBSP}% при плане 25{NBSP}%)" in page
    assert "25.8" not in page
    assert '<h3 class="h6">Основные направления деятельности МОЦ:</h3>' in page
    assert '<h3 class="h6">Перспективы развития:</h3>' in page


def test_a_report_of_a_year_without_data_says_so_in_words(client, moc):
    report = _build(client, moc, year="2022/2023", as_of=date(2022, 8, 31))
    said = (
        "На 31.08.2022 в реестре нет опубликованных программ 2022/2023 учебного года, поэтому "
        "в отчёте нет данных об организациях, программах и их независимой оценке."
    )
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert said in page
    assert "0 организаций" not in page and "Опубликовано 0" not in page
    # A report just built has no texts yet: neither heading stands over nothing.
    paragraphs = _docx_paragraphs(client, report)
    assert said in paragraphs
    assert not [p for p in paragraphs if p.startswith(("В муниципальном", "Опубликовано"))]
    assert not [p for p in paragraphs if p.startswith("Независимая оценка")]
    assert "Основные направления деятельности МОЦ:" not in paragraphs
    assert "Перспективы развития:" not in paragraphs
    assert (
        len(
            Document(
                io.BytesIO(client.get(reverse("reports:export_docx", args=[report.pk])).content)
            ).inline_shapes
        )
        == 0
    )
    cover = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("reports:export", args=[report.pk])).content)
    )["Отчёт"]
    labels = [row[0] for row in cover.values]
    assert "Данные" in labels
    assert "Основные направления деятельности МОЦ" not in labels
    assert "Перспективы развития" not in labels


def test_no_plan_figure_where_no_campaign_set_one(client, staff, program_a, coordinator_a):
    """A municipality the portal never saw: no campaign, so no «при плане», and its empty
    centre card names neither the installation's centre nor a head; the support organisation
    marked in the registry names the centre."""
    registry.program_submit(program=program_a, user=coordinator_a)
    registry.program_approve(program=program_a, user=staff)
    program_a.organisation.is_support_centre = True
    program_a.organisation.save()
    report = _build(client, staff)
    assert report.data["assessment"]["target_percent"] is None
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "при плане" not in page
    assert "Независимая оценка качества программ в" in page and "не проводилась" in page
    # «№ 1» is kept together with a non-breaking space: read it as a space.
    paragraphs = [p.replace(NBSP, " ") for p in _docx_paragraphs(client, report)]
    organisation = program_a.organisation
    assert (
        f"Муниципальный опорный центр (МОЦ) – {organisation.full_name} "
        f"({organisation.short_name})" in paragraphs
    )
    assert "1 общеобразовательная организация (МБОУ СШ № 1)." in paragraphs
    assert "Опубликована 1 дополнительная общеобразовательная общеразвивающая программа:" in (
        paragraphs
    )
    assert paragraphs[-1] == "Руководитель МОЦ\t____________"
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("reports:export", args=[report.pk])).content)
    )
    assert "Плановый показатель, %" not in [row[0] for row in book["Оценка качества"].values]


def test_the_assessment_sentence_agrees_with_each_count():
    from reports import wording

    sentence = wording.assessment_sentence(
        {
            "ready": 21,
            "ready_percent": 12.5,
            "assessed": 1,
            "assessed_percent": 0.6,
            "recommended": 3,
            "recommended_percent": 1.8,
            "target_percent": None,
        },
        "2025/2026",
    )
    assert sentence == (
        f"Независимая оценка качества: готова к оценке 21 программа (12,5{NBSP}%), "
        f"прошла оценку 1 (0,6{NBSP}%), рекомендованы 3 (1,8{NBSP}%)."
    )


def test_a_snapshot_from_before_the_centre_was_kept_has_no_plan_figure():
    """Such snapshots put 25 where no campaign set a target: that figure is not a plan's."""
    from reports import wording

    assessment = {"target_percent": 25}
    assert wording.target({"assessment": assessment}) is None
    assert wording.target({"assessment": assessment, "centre": {}}) == 25
