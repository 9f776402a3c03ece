"""The faults the push must survive, with a real Celery worker on Redis and PostgreSQL, and
the stand-in Navigator as its own process (as a developer starts it).

Programmes are published through the moderation services: every approval commits, its signal
arms the outbox and kicks the worker, exactly as on a running portal.
"""

import pytest
from django.urls import reverse

from navigator_sync.models import SyncOutboxEntry, SyncState
from programs.choices import ProgramStatus
from programs.models import Program
from tests.helpers import login, move_to, wait_for
from tests.programs.factories import ProgramFactory, ProgramGroupFactory

from .standin import TOKEN, StandinProcess

Entry = SyncOutboxEntry
pytestmark = pytest.mark.worker

WORKER_ENV = {
    "NAVIGATOR_TOKEN": TOKEN,
    "NAVIGATOR_TIMEOUT": "3",
    "NAVIGATOR_BATCH_SIZE": "10",
    "NAVIGATOR_RETRY_BASE_SECONDS": "0.2",
    "NAVIGATOR_RETRY_MAX_SECONDS": "2",
    "NAVIGATOR_STUCK_SECONDS": "4",
    "NAVIGATOR_WATCHDOG_SECONDS": "1",
    "NAVIGATOR_DRAIN_SECONDS": "10",
    "WORKER_HEARTBEAT_SECONDS": "0.5",
    "WORKER_GONE_SECONDS": "3",
}


@pytest.fixture
def navigator(tmp_path):
    standin = StandinProcess(tmp_path).start()
    yield standin
    standin.stop()


@pytest.fixture
def sync_worker(celery_workers, navigator, settings):
    """Starts the worker (with beat: the watchdog runs every second) pointed at the stand-in."""
    settings.NAVIGATOR_URL, settings.NAVIGATOR_TOKEN = navigator.url, TOKEN

    def start(**env):
        return celery_workers(env={**WORKER_ENV, "NAVIGATOR_URL": navigator.url, **env}, beat=True)

    return start


def _publish(n, org, staff, coordinator) -> list[Program]:
    programs = []
    for _ in range(n):
        program = ProgramFactory(organisation=org)
        ProgramGroupFactory(program=program)
        programs.append(
            move_to(program, ProgramStatus.PUBLISHED, staff=staff, coordinator=coordinator)
        )
    return programs


def _all_sent():
    return not Entry.objects.exclude(state=Entry.State.DONE).exists()


def _exactly_once(navigator, n):
    stats = navigator.stats()
    assert stats["programs"] == {
        "count": n,
        "deleted": 0,
        "versions_max": 1,
        "versions_total": n,
    }
    assert stats["organisations"]["count"] == 1
    assert stats["organisations"]["versions_max"] == 1
    assert Entry.objects.filter(kind="program", state=Entry.State.DONE).count() == n
    assert not Program.objects.filter(navigator_url="").exists()
    return stats


def test_every_programme_is_sent_exactly_once_when_30_percent_of_requests_fail(
    sync_worker, navigator, org_a, staff, coordinator_a
):
    # A fixed seed: the same requests fail on every run, before and after storing.
    navigator.control(fail_rate=0.3, fail_after_store=0.5, seed=30)
    sync_worker(NAVIGATOR_BATCH_SIZE="4")
    _publish(40, org_a, staff, coordinator_a)
    wait_for(_all_sent, timeout=90)
    stats = _exactly_once(navigator, 40)
    assert stats["by_status"].get("500", 0) > 0


def test_sync_resumes_by_itself_after_the_navigator_was_down(
    sync_worker, navigator, org_a, staff, coordinator_a
):
    navigator.stop()
    sync_worker()
    _publish(12, org_a, staff, coordinator_a)
    wait_for(lambda: SyncState.objects.filter(consecutive_failures__gte=2).exists(), timeout=30)
    assert Entry.objects.exclude(state=Entry.State.DONE).count() == 13  # nothing lost
    navigator.start()
    wait_for(_all_sent, timeout=60)
    _exactly_once(navigator, 12)
    assert SyncState.load().consecutive_failures == 0


def test_worker_killed_mid_batch_loses_nothing_and_duplicates_nothing(
    sync_worker, navigator, org_a, staff, coordinator_a
):
    # Each batch is stored by the Navigator, then its answer takes a second: the kill comes
    # after the Navigator has the batch and before the portal learns it.
    navigator.control(slow_seconds=1.5)
    worker = sync_worker()
    _publish(30, org_a, staff, coordinator_a)
    wait_for(
        lambda: (
            navigator.stats()["requests"] >= 2
            and Entry.objects.filter(state=Entry.State.IN_FLIGHT).exists()
        ),
        timeout=60,
    )
    worker.kill()
    stuck = Entry.objects.filter(state=Entry.State.IN_FLIGHT).count()
    assert stuck > 0
    navigator.control(slow_seconds=0)
    worker.start(beat=True)
    wait_for(_all_sent, timeout=60)
    _exactly_once(navigator, 30)


def test_rejected_programme_is_marked_permanent_and_the_others_go_on(
    settings, sync_worker, navigator, client, org_a, staff, coordinator_a
):
    settings.NAVIGATOR_URL = ""  # published first, sent later by «Отправить сейчас»
    programs = _publish(5, org_a, staff, coordinator_a)
    bad = programs[2].published
    bad.data["groups"][0]["age_to"] = 2  # below the group's age_from
    bad.save()
    sync_worker()
    settings.NAVIGATOR_URL = navigator.url
    login(client, staff).post(reverse("navigator_sync:send"))
    wait_for(
        lambda: (
            not Entry.objects.filter(
                state__in=[Entry.State.PENDING, Entry.State.IN_FLIGHT]
            ).exists()
        ),
        timeout=60,
    )
    entry = Entry.objects.get(kind="program", object_id=bad.pk)
    assert (entry.state, entry.error_kind) == (Entry.State.FAILED, Entry.ErrorKind.PERMANENT)
    assert entry.field_errors == [{"field": "groups[0].ageTo", "message": "меньше ageFrom"}]
    assert Entry.objects.filter(kind="program", state=Entry.State.DONE).count() == 4
    page = client.get(reverse("navigator_sync:sync") + "?sync=failed").content.decode()
    assert "<code>groups[0].ageTo</code>: меньше ageFrom" in page


def test_unauthorized_pauses_the_push_and_the_page_says_why(
    sync_worker, navigator, client, org_a, staff, coordinator_a, administrator
):
    navigator.control(unauthorized=True)
    sync_worker()
    _publish(3, org_a, staff, coordinator_a)
    wait_for(lambda: SyncState.load().paused_reason, timeout=30)
    page = login(client, staff).get(reverse("navigator_sync:sync")).content.decode()
    assert "Передача в Навигатор остановлена" in page
    assert "Замените NAVIGATOR_TOKEN" in page
    asked = navigator.stats()["requests"]
    _publish(1, org_a, staff, coordinator_a)  # paused: the new change waits, nothing is sent
    wait_for(lambda: Entry.objects.filter(kind="program").count() == 4, timeout=10)
    assert navigator.stats()["requests"] == asked
    navigator.control(unauthorized=False)
    login(client, administrator).post(reverse("navigator_sync:resume"))
    wait_for(_all_sent, timeout=60)
    _exactly_once(navigator, 4)


def test_rate_limit_waits_as_long_as_the_navigator_says(
    sync_worker, navigator, org_a, staff, coordinator_a
):
    navigator.control(rate_limited_requests=1, retry_after=2)
    sync_worker()
    _publish(3, org_a, staff, coordinator_a)
    wait_for(_all_sent, timeout=60)
    log = navigator.stats()["log"]
    (limited,) = [moment for moment, status in log if status == 429]
    after = [moment for moment, status in log if moment > limited]
    assert after and min(after) - limited >= 2.0
    _exactly_once(navigator, 3)
