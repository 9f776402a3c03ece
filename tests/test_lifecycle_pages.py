"""Every page draws its lifecycle buttons from the table: what a person sees is what
``allowed()`` gives them, and that is what the rules written out by hand expect."""

import re
from datetime import date

import pytest
from django.urls import reverse

from plans import services as plan_services
from programs import services as program_services
from programs.choices import ProgramStatus
from reports import monitoring
from reports import services as report_services
from reports.models import MonitoringForm, ReportState, YearlyReport
from tests.helpers import login, move_to
from tests.plans.factories import PlanFactory

pytestmark = pytest.mark.django_db


def steps_on(client, user, url) -> list[str]:
    page = login(client, user).get(url)
    assert page.status_code == 200
    return re.findall(r'data-step="([\w-]+)"', page.content.decode())


def buttons(lifecycle, user, obj) -> list[str]:
    return [button.transition.name for button in lifecycle.buttons(user, obj)]


def test_programme_page_buttons(client, program_a, staff, coordinator_a, administrator):
    program = move_to(
        program_a, ProgramStatus.ON_MODERATION, staff=staff, coordinator=coordinator_a
    )
    url = reverse("programs:detail", args=[program.pk])
    lifecycle = program_services.PROGRAM_LIFECYCLE
    for user, expected in [
        (coordinator_a, ["withdraw"]),
        (staff, ["approve", "return"]),
        (administrator, ["approve", "return"]),
    ]:
        assert steps_on(client, user, url) == expected == buttons(lifecycle, user, program)
    review = reverse("programs:review", args=[program.pk])
    assert steps_on(client, staff, review) == ["approve", "return"]


def test_plan_page_buttons(client, municipality, staff, administrator, coordinator_a):
    plan = PlanFactory(municipality=municipality, signed=True)
    url = reverse("plans:detail", args=[plan.pk])
    lifecycle = plan_services.PLAN_LIFECYCLE
    assert steps_on(client, staff, url) == ["agree"] == buttons(lifecycle, staff, plan)
    plan_services.plan_transition(user=staff, plan=plan, action="agree")
    plan.refresh_from_db()
    for user in (staff, administrator):
        expected = ["approve", "return_to_draft"]
        assert steps_on(client, user, url) == expected == buttons(lifecycle, user, plan)
    publish = reverse("portal:plan_publish", args=[plan.pk])
    assert publish not in login(client, staff).get(url).content.decode()
    plan_services.plan_transition(user=staff, plan=plan, action="approve")
    assert steps_on(client, staff, url) == []
    assert publish in client.get(url).content.decode()  # a step of its own form


def test_yearly_report_page_buttons(client, municipality, staff, administrator):
    report = YearlyReport.objects.create(
        municipality=municipality,
        academic_year="2024/2025",
        as_of=date(2025, 6, 1),
        state=ReportState.DRAFT,
        directions="Сеть центров",
        perspectives="Новые программы",
    )
    url = reverse("reports:detail", args=[report.pk])
    lifecycle = report_services.REPORT_LIFECYCLE
    for user in (staff, administrator):
        expected = ["rebuild", "submit"]
        assert steps_on(client, user, url) == expected == buttons(lifecycle, user, report)
    report_services.yearly_report_submit(user=staff, report=report)
    report.refresh_from_db()
    assert steps_on(client, staff, url) == ["new_version"] == buttons(lifecycle, staff, report)


def test_monitoring_fill_page_buttons(client, municipality, staff):
    form = MonitoringForm.objects.create(municipality=municipality, title="Мониторинг")
    fill = monitoring.fill_create(
        user=staff, form=form, period_label="2025", as_of=date(2025, 6, 1)
    )
    url = reverse("reports:monitoring_fill", args=[fill.pk])
    lifecycle = monitoring.FILL_LIFECYCLE
    assert steps_on(client, staff, url) == ["submit"] == buttons(lifecycle, staff, fill)
    client.post(url, {"submit": "1"})
    fill.refresh_from_db()
    assert fill.state == ReportState.SUBMITTED
    assert steps_on(client, staff, url) == [] == buttons(lifecycle, staff, fill)
