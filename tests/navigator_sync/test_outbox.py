"""The outbox against the stand-in Navigator over HTTP, tasks in-process (any database).

Most tests drive the drain themselves with a client of their own; the first goes the whole
way from the moderator's approval through the signal, the queue and the (eager) task.
"""

import time
from datetime import timedelta

import pytest
import requests
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from moc_portal.core.models import Heartbeat
from moc_portal.core.workers import heartbeat
from navigator_sync import outbox, reconciliation
from navigator_sync.client import NavigatorClient
from navigator_sync.models import SyncOutboxEntry, SyncState
from navigator_sync.outbox import sending
from programs import services as registry_services
from programs.choices import ProgramStatus
from tests.helpers import move_to
from tests.programs.factories import ProgramFactory, ProgramGroupFactory

from .standin import TOKEN, standin_thread

Entry = SyncOutboxEntry


@pytest.fixture
def navigator(settings, tmp_path):
    settings.NAVIGATOR_RETRY_BASE_SECONDS = 0.01
    settings.NAVIGATOR_RETRY_MAX_SECONDS = 0.05
    with standin_thread(tmp_path) as url:
        yield Navigator(url)


class Navigator:
    def __init__(self, url):
        self.url = url

    def client(self, token=TOKEN):
        return NavigatorClient(self.url, token, timeout=5)

    def control(self, **changes):
        return requests.post(f"{self.url}/_control", json=changes, timeout=5).json()

    def stats(self):
        return requests.get(f"{self.url}/_control/stats", timeout=5).json()

    def listing(self):
        return {item["uuid"]: item for item in self.client().programs()}

    def drain_all(self, token=TOKEN):
        """Drain until the queue is empty, as the worker's chain of tasks would."""
        for _ in range(100):
            outbox.outbox_drain(client=self.client(token), seconds=5)
            if not Entry.objects.filter(state=Entry.State.PENDING).exists():
                return
            time.sleep(0.02)  # a retry's backoff
        raise AssertionError("очередь не опустела")


def _published(org, staff, coordinator, n=1):
    """Programmes approved by a moderator, with what runs after each commit."""
    programs = []
    for _ in range(n):
        program = ProgramFactory(organisation=org)
        ProgramGroupFactory(program=program)
        with TestCase.captureOnCommitCallbacks(execute=True):
            program = move_to(
                program, ProgramStatus.PUBLISHED, staff=staff, coordinator=coordinator
            )
        programs.append(program)
    return programs


def test_publishing_sends_organisation_then_programme_and_links_the_catalogue(
    settings, navigator, org_a, staff, coordinator_a, client
):
    settings.NAVIGATOR_URL, settings.NAVIGATOR_TOKEN = navigator.url, TOKEN
    (program,) = _published(org_a, staff, coordinator_a)
    stats = navigator.stats()
    assert stats["organisations"]["count"] == 1
    assert stats["programs"]["count"] == 1
    program.refresh_from_db()
    assert program.navigator_id
    assert program.navigator_url.startswith(navigator.url)
    entry = Entry.objects.get(kind="program", object_id=program.pk)
    assert entry.state == Entry.State.DONE
    assert entry.sent_hash == navigator.listing()[str(program.uuid)]["hash"]
    page = client.get(reverse("programs:public_detail", args=[program.pk])).content.decode()
    assert f'href="{program.navigator_url}"' in page


def test_unchanged_programme_sends_nothing(navigator, org_a, staff, coordinator_a):
    _published(org_a, staff, coordinator_a, n=3)
    navigator.drain_all()
    before = navigator.stats()["requests"]
    assert outbox.outbox_send_now(user=staff) == 3
    navigator.drain_all()
    assert navigator.stats()["requests"] == before
    assert Entry.objects.filter(state=Entry.State.DONE).count() == 4


def test_change_during_send_is_sent_again(navigator, org_a, staff, coordinator_a):
    (program,) = _published(org_a, staff, coordinator_a)
    claimed = sending.claim(10)
    outbox.programs_enqueue([program.pk])  # a change lands while the batch is out
    report = outbox.DrainReport()
    sending.send_batch(navigator.client(), claimed, report)
    entry = Entry.objects.get(kind="program", object_id=program.pk)
    assert entry.state == Entry.State.PENDING
    assert entry.generation == 2


def test_archiving_withdraws_and_clears_the_link(navigator, org_a, staff, coordinator_a):
    (program,) = _published(org_a, staff, coordinator_a)
    navigator.drain_all()
    with TestCase.captureOnCommitCallbacks(execute=True):
        registry_services.program_archive(program=program, user=staff)
    navigator.drain_all()
    assert navigator.listing()[str(program.uuid)]["isDeleted"] is True
    program.refresh_from_db()
    assert program.navigator_url == ""
    assert Entry.objects.get(kind="program", object_id=program.pk).withdrawn


def test_rejected_programme_is_permanent_with_field_errors_and_others_go_on(
    navigator, org_a, staff, coordinator_a
):
    good, bad = _published(org_a, staff, coordinator_a, n=2)
    bad.published.data["groups"][0]["schedule"][0]["time_start"] = "25:99"
    bad.published.save()
    navigator.drain_all()
    entry = Entry.objects.get(kind="program", object_id=bad.pk)
    assert entry.state == Entry.State.FAILED
    assert entry.error_kind == Entry.ErrorKind.PERMANENT
    assert entry.field_errors == [
        {"field": "groups[0].schedule[0].timeStart", "message": "неверный формат"}
    ]
    assert Entry.objects.get(kind="program", object_id=good.pk).state == Entry.State.DONE


def test_unauthorized_pauses_until_the_token_changes(navigator, org_a, staff, coordinator_a):
    _published(org_a, staff, coordinator_a)
    report = outbox.outbox_drain(client=navigator.client("revoked"), seconds=5)
    state = SyncState.load()
    assert "401" in state.paused_reason and "NAVIGATOR_TOKEN" in state.paused_reason
    assert report.stopped == state.paused_reason
    requests_made = navigator.stats()["requests"]
    outbox.outbox_drain(client=navigator.client("revoked"), seconds=5)
    assert navigator.stats()["requests"] == requests_made  # paused: nothing goes
    assert Entry.objects.filter(state=Entry.State.PENDING, attempts=0).count() == 2
    navigator.drain_all()  # a new token lifts the pause
    assert SyncState.load().paused_reason == ""
    assert navigator.stats()["programs"]["count"] == 1


def test_rate_limit_sets_the_wait_the_navigator_asked_for(navigator, org_a, staff, coordinator_a):
    navigator.control(rate_limited_requests=1, retry_after=30)
    _published(org_a, staff, coordinator_a)
    before = timezone.now()
    report = outbox.outbox_drain(client=navigator.client(), seconds=5)
    resume_at = SyncState.load().resume_at
    assert 29 <= (resume_at - before).total_seconds() <= 31
    assert report.next_at == resume_at
    outbox.outbox_drain(client=navigator.client(), seconds=5)
    assert navigator.stats()["by_status"] == {"429": 1}  # waited: no second request


def test_unreachable_navigator_backs_off_and_keeps_the_rows(
    settings, navigator, org_a, staff, coordinator_a
):
    _published(org_a, staff, coordinator_a)
    settings.NAVIGATOR_RETRY_BASE_SECONDS = settings.NAVIGATOR_RETRY_MAX_SECONDS = 60
    nothing_listens = NavigatorClient("http://127.0.0.1:9", TOKEN, timeout=5)
    outbox.outbox_drain(client=nothing_listens, seconds=5)
    entries = Entry.objects.all()
    assert {e.state for e in entries} == {Entry.State.PENDING}
    assert [(e.attempts, e.not_before > timezone.now()) for e in entries] == [(1, True)] * 2
    assert all("недоступен" in e.last_error for e in entries)


def test_reconciliation_repairs_the_difference(
    navigator, org_a, staff, coordinator_a, administrator
):
    kept, lost = _published(org_a, staff, coordinator_a, n=2)
    navigator.drain_all()
    requests.post(f"{navigator.url}/_control/reset", timeout=5)  # the Navigator lost it all
    report = reconciliation.navigator_reconcile(user=administrator, client=navigator.client())
    assert (report.missing, report.extra) == (2, 0)
    navigator.drain_all()
    listing = navigator.listing()
    assert {str(kept.uuid), str(lost.uuid)} <= set(listing)
    # Archived while the push was off, and the portal forgot it had sent the programme.
    registry_services.program_archive(program=kept, user=staff)
    Entry.objects.filter(kind="program", object_id=kept.pk).update(
        sent_hash="", state=Entry.State.DONE
    )
    report = reconciliation.navigator_reconcile(user=administrator, client=navigator.client())
    assert report.extra == 1
    navigator.drain_all()
    assert navigator.listing()[str(kept.uuid)]["isDeleted"] is True
    assert SyncState.load().reconciliation.startswith("В Навигаторе опубликовано")


def test_changed_organisation_goes_again_and_an_unpublished_one_does_not(
    navigator, org_a, org_b, staff, coordinator_a
):
    _published(org_a, staff, coordinator_a)
    navigator.drain_all()
    for organisation in (org_a, org_b):
        with TestCase.captureOnCommitCallbacks(execute=True):
            registry_services.organisation_update(
                user=staff, organisation=organisation, data={"phone": "+7 (47471) 2-22-22"}
            )
    navigator.drain_all()
    assert navigator.stats()["organisations"] == {
        "count": 1,
        "deleted": 0,
        "versions_max": 2,
        "versions_total": 2,
    }
    assert not Entry.objects.filter(kind="organisation", object_id=org_b.pk).exists()


def test_rows_of_a_dead_worker_go_back_as_soon_as_its_heartbeat_stops(
    navigator, org_a, staff, coordinator_a
):
    _published(org_a, staff, coordinator_a)
    sending.claim(10)  # this process took them, and it is alive
    assert outbox.outbox_release_dead() == 0
    Entry.objects.update(claimed_by="погибший-сервер:4242")
    Heartbeat.objects.create(name="погибший-сервер:4242", seen_at=timezone.now())
    assert outbox.outbox_release_dead() == 0  # its heartbeat is fresh: still sending
    Heartbeat.objects.update(seen_at=timezone.now() - timedelta(minutes=1))
    assert outbox.outbox_release_dead() == 2  # not ten minutes: at once
    navigator.drain_all()
    assert navigator.stats()["programs"]["count"] == 1


def test_send_now_frees_the_rows_of_a_dead_worker(navigator, org_a, staff, coordinator_a):
    _published(org_a, staff, coordinator_a)
    sending.claim(10)
    Entry.objects.update(claimed_by="погибший-сервер:4242")  # never heard of since
    outbox.outbox_send_now(user=staff)
    assert not Entry.objects.filter(state=Entry.State.IN_FLIGHT).exists()


def test_the_first_success_after_an_outage_releases_the_whole_queue(
    settings, navigator, org_a, staff, coordinator_a
):
    settings.NAVIGATOR_RETRY_BASE_SECONDS = settings.NAVIGATOR_RETRY_MAX_SECONDS = 3600
    settings.NAVIGATOR_BATCH_SIZE = 1
    _published(org_a, staff, coordinator_a, n=3)
    nothing_listens = NavigatorClient("http://127.0.0.1:9", TOKEN, timeout=5)
    report = outbox.outbox_drain(client=nothing_listens, seconds=5)
    # Asked again within NAVIGATOR_PROBE_SECONDS, not after the hour of the backoff.
    assert (report.next_at - timezone.now()).total_seconds() <= settings.NAVIGATOR_PROBE_SECONDS
    Entry.objects.update(not_before=timezone.now() + timedelta(hours=1))  # each row backed off
    SyncState.objects.update(resume_at=None)  # the probe falls due
    Entry.objects.filter(kind="organisation").update(not_before=timezone.now())
    outbox.outbox_drain(client=navigator.client(), seconds=5)
    assert not Entry.objects.exclude(state=Entry.State.DONE).exists()
    assert navigator.stats()["programs"]["count"] == 3


def test_one_drain_at_a_time(navigator, org_a, staff, coordinator_a):
    _published(org_a, staff, coordinator_a)
    heartbeat("другой-сервер:1")
    SyncState.load()
    SyncState.objects.update(
        drain_owner="другой-сервер:1", drain_until=timezone.now() + timedelta(minutes=1)
    )
    report = outbox.outbox_drain(client=navigator.client(), seconds=5)
    assert report.stopped == "Передача уже идёт в другом процессе."
    assert navigator.stats()["requests"] == 0
    Heartbeat.objects.update(seen_at=timezone.now() - timedelta(minutes=1))  # it died
    outbox.outbox_drain(client=navigator.client(), seconds=5)
    assert navigator.stats()["programs"]["count"] == 1
    assert SyncState.load().drain_owner == ""  # the lease is given back


def test_an_unchanged_programme_is_not_even_armed_again(navigator, org_a, staff, coordinator_a):
    (program,) = _published(org_a, staff, coordinator_a)
    navigator.drain_all()
    entry = Entry.objects.get(kind="program")
    assert entry.sent_source
    generation = entry.generation
    outbox.outbox_send_now(user=staff)
    assert Entry.objects.get(pk=entry.pk).generation == generation  # left as it was
    registry_services.free_places_update(user=staff, group=program.groups.get(), free_places=3)
    outbox.programs_enqueue([program.pk])
    assert Entry.objects.get(pk=entry.pk).state == Entry.State.PENDING  # a change goes
