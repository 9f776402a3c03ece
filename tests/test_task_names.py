"""A worker knows every task by the name beat and already queued messages carry, even the
tasks that moved beside the services they run."""

import os
import subprocess
import sys

from django.conf import settings

# Queued by services; defined beside them, under the names they had in ``tasks.py``.
QUEUED_BY_SERVICES = [
    "navigator_sync.tasks.outbox_drain",
    "programs.tasks.program_transition_notify",
    "programs.tasks.coordinator_invitation_send",
    "programs.tasks.coordinator_confirmation_send",
    "programs.tasks.staff_invitation_send",
    "programs.tasks.spreadsheet_job_check",
    "programs.tasks.spreadsheet_job_apply",
    "programs.tasks.spreadsheet_job_export",
    "plans.portal.tasks.hotline_answer_notify",
    "reports.tasks.yearly_report_build",
]

WORKER_START = """
from moc_portal.celery import app

app.loader.import_default_modules()  # what a worker imports before it takes a message
print("\\n".join(app.tasks))
"""


def test_a_fresh_worker_knows_every_task_name():
    # A process of its own: this one has imported every view and service already. Without
    # the system checks, which would import the URLconf and with it every view.
    started = subprocess.run(
        [sys.executable, "-c", WORKER_START],
        cwd=settings.BASE_DIR,
        env={**os.environ, "CELERY_SKIP_CHECKS": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    known = set(started.stdout.split())
    beat = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert beat | set(QUEUED_BY_SERVICES) <= known
