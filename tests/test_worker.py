"""Tasks go through Redis to a real worker process that reads the same database."""

import pytest

from programs import services
from programs.models import ProgramTransition
from tests.conftest import wait_for

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
