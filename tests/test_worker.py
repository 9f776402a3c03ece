"""Tasks go through Redis to a real worker process that reads the same database."""

import pytest
from django.utils import timezone

from programs import services
from programs.models import ProgramTransition
from reports import services as reports
from reports.models import ReportState, YearlyReport
from tests.helpers import wait_for
from tests.programs.factories import programme_import_file

pytestmark = pytest.mark.worker


def test_moderation_notice_is_delivered_by_the_worker(
    celery_worker, program_a, coordinator_a, staff
):
    services.program_submit(program=program_a, user=coordinator_a)
    step = ProgramTransition.objects.get(program=program_a)

    wait_for(lambda: ProgramTransition.objects.get(pk=step.pk).notified_at is not None)

    messages = [p.read_text() for p in celery_worker.glob("*.log")]
    assert len(messages) == 1
    assert f"To: {staff.email}" in messages[0]
    assert "Subject:" in messages[0]


def test_invitation_is_delivered_by_the_worker(celery_worker, staff, org_a):
    services.coordinator_invite(
        user=staff,
        organisation=org_a,
        email="new@school.ru",
        last_name="Новикова",
        first_name="Анна",
    )
    wait_for(lambda: any(celery_worker.glob("*.log")))
    (message,) = [p.read_text() for p in celery_worker.glob("*.log")]
    assert "To: new@school.ru" in message
    assert "/accounts/password/reset/" in message


def test_import_is_checked_and_written_by_the_worker(celery_worker, staff, org_a):
    from django.core.files.base import ContentFile
    from django.db import transaction

    from programs import jobs
    from programs.models import Program, SpreadsheetJob

    job = SpreadsheetJob(kind=SpreadsheetJob.Kind.PROGRAM_IMPORT, user=staff, source_name="x.xlsx")
    job.source.save("x.xlsx", ContentFile(programme_import_file([org_a.inn], 1500)), save=True)

    with transaction.atomic():
        transaction.on_commit(lambda: jobs.spreadsheet_job_check.delay(job.pk))
    wait_for(lambda: SpreadsheetJob.objects.get(pk=job.pk).state == "checked")
    job.refresh_from_db()
    assert job.summary == {
        "create": 1500,
        "update": 0,
        "unchanged": 0,
        "errors": 0,
        "not_ready": 1500,  # no «Группы» sheet: the Navigator would refuse them, and it says so
    }
    assert not Program.objects.exists()

    with transaction.atomic():
        assert jobs.confirm(job)
    wait_for(lambda: SpreadsheetJob.objects.get(pk=job.pk).state == "done")
    assert Program.objects.filter(organisation=org_a).count() == 1500


def test_yearly_report_is_built_by_the_worker(celery_worker, program_a, coordinator_a, staff):
    services.program_submit(program=program_a, user=coordinator_a)
    services.program_approve(program=program_a, user=staff)
    report = reports.yearly_report_create(
        user=staff,
        report=YearlyReport(
            municipality=staff.municipality, academic_year="2025/2026", as_of=timezone.localdate()
        ),
    )
    wait_for(lambda: YearlyReport.objects.get(pk=report.pk).state == ReportState.DRAFT)
    report.refresh_from_db()
    assert report.progress == 100
    assert report.data["programs"]["total"] == 1
    assert report.data["organisations"]["total"] == 1


def test_an_import_of_a_killed_worker_is_taken_again_and_finished(celery_workers, staff, org_a):
    """The worker is killed (SIGKILL) while it checks a file; beat's watchdog sees its
    heartbeat stop and gives the job to the next worker, which finishes it."""
    from django.core.files.base import ContentFile
    from django.db import transaction

    from programs import jobs
    from programs.models import SpreadsheetJob

    env = {"WORKER_HEARTBEAT_SECONDS": "0.5", "WORKER_GONE_SECONDS": "3"}
    first = celery_workers(env=env)
    job = SpreadsheetJob(kind=SpreadsheetJob.Kind.PROGRAM_IMPORT, user=staff, source_name="x.xlsx")
    job.source.save("x.xlsx", ContentFile(programme_import_file([org_a.inn], 8000)), save=True)
    with transaction.atomic():
        transaction.on_commit(lambda: jobs.spreadsheet_job_check.delay(job.pk))

    wait_for(lambda: SpreadsheetJob.objects.get(pk=job.pk).state == "checking", interval=0.05)
    first.kill()
    job.refresh_from_db()
    assert job.state == "checking" and job.attempts == 1

    celery_workers(env=env, beat=True)
    wait_for(lambda: SpreadsheetJob.objects.get(pk=job.pk).state == "checked", timeout=90)
    job.refresh_from_db()
    assert job.attempts == 2
    assert job.summary["create"] == 8000
