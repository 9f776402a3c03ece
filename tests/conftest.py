"""The fixtures every app's tests take: the test settings, the demo, the common people and
organisations, a published programme, a registry upload, the real Celery workers. An app's
own fixtures are in ``tests/<app>/conftest.py``; helpers to import are in ``helpers.py``,
factories in ``factories.py`` (the people) and ``tests/<app>/factories.py``."""

import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from moc_portal import celery_app
from moc_portal.demo.registry_data import OKTMO
from programs.choices import ProgramStatus
from programs.models import Municipality, SpreadsheetJob
from tests.factories import AdministratorFactory, ExpertFactory, StaffFactory, UserFactory
from tests.helpers import REQUIRE_SERVICES, login, move_to
from tests.programs.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    ProgramFactory,
    ProgramGroupFactory,
)
from tests.workers import CeleryWorker, on_postgresql

TEST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOCMEM_EMAIL = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = TEST_PASSWORD_HASHERS
    settings.EMAIL_BACKEND = LOCMEM_EMAIL
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "http://portal.test"
    # The sign-in lockout counts every failed test login; its own tests switch it on.
    settings.AXES_ENABLED = False
    # A cache of its own for every test: on Redis the parallel test processes share a server.
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    }
    # Tasks run in-process unless a test asks for the real worker (``celery_worker``).
    celery_app.conf.task_always_eager = True


@pytest.fixture
def celery_workers(transactional_db, settings, tmp_path):
    """Makes real workers (``make(env=..., beat=...)``); every one is stopped at the end."""
    if not settings.REDIS_URL or not on_postgresql():
        message = "нужны REDIS_URL и DATABASE_URL на PostgreSQL (см. .ci/run)"
        if REQUIRE_SERVICES:
            pytest.fail(message)
        pytest.skip(message)
    made = []

    def make(*, env=None, beat=False) -> CeleryWorker:
        worker = CeleryWorker(settings, tmp_path, env or {})
        made.append(worker)
        celery_app.conf.task_always_eager = False
        celery_app.conf.task_default_queue = worker.queue
        return worker.start(beat=beat)

    try:
        yield make
    finally:
        celery_app.conf.task_default_queue = settings.CELERY_TASK_DEFAULT_QUEUE
        for worker in made:
            worker.stop()


@pytest.fixture
def redis_away(settings):
    """The cache is Redis that does not answer (nothing listens on port 1), configured as in
    production: every read a miss, every write skipped, no count kept."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5},
        }
    }


@pytest.fixture
def celery_worker(celery_workers):
    """One real worker; yields the folder where its e-mails land (file backend)."""
    return celery_workers().mails


# What a test needs beside Python, said by the fixtures it takes: CI's SQLite pass leaves
# these to the PostgreSQL pass, which runs everything (``.ci/run``).
NEEDS = {
    "browser": {"page", "browser", "context"},
    "rendering": {"soffice"},
    "worker": {"celery_workers", "celery_worker"},
}


def pytest_collection_modifyitems(items):
    """The tests on the demo run last (each process takes its tests in this order, also under
    xdist), so a process loads the demo once and no test after it is without one. Each test is
    marked with what it needs (``NEEDS``)."""
    for item in items:
        for marker, fixtures in NEEDS.items():
            if fixtures & set(item.fixturenames):
                item.add_marker(marker)
    items.sort(key=lambda item: "demo" in item.fixturenames)


@pytest.fixture(scope="session")
def _demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """``load_demo`` once per test process, inside a transaction rolled back at its end; each
    test runs in a savepoint of its own within it (the ``db`` fixture), so what one test
    changes the next does not see. Yields the folder of the demo's uploaded files."""
    media = tmp_path_factory.mktemp("demo-media")
    quick = override_settings(
        PASSWORD_HASHERS=TEST_PASSWORD_HASHERS, MEDIA_ROOT=media, EMAIL_BACKEND=LOCMEM_EMAIL
    )
    with django_db_blocker.unblock(), quick:
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
            yield media
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(_demo_loaded, db, settings):
    """The demo municipality as ``make run`` shows it; what a test changes is rolled back."""
    settings.MEDIA_ROOT = _demo_loaded
    return Municipality.objects.get(oktmo=OKTMO)


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(name="Задонский муниципальный район")


@pytest.fixture
def other_municipality(db):
    return MunicipalityFactory(name="Липецкий муниципальный район")


@pytest.fixture
def coordinator_a(db):
    return UserFactory(username="coord_a", last_name="Лапина")


@pytest.fixture
def coordinator_b(db):
    return UserFactory(username="coord_b", last_name="Зайцева")


@pytest.fixture
def org_a(municipality, coordinator_a):
    return OrganisationFactory(
        municipality=municipality, short_name="МБОУ СШ № 1", coordinators=[coordinator_a]
    )


@pytest.fixture
def org_b(municipality, coordinator_b):
    return OrganisationFactory(
        municipality=municipality, short_name="МБОУ СШ № 2", coordinators=[coordinator_b]
    )


@pytest.fixture
def staff(municipality):
    return StaffFactory(username="staff", municipality=municipality, last_name="Мещерякова")


@pytest.fixture
def staff_other(other_municipality):
    return StaffFactory(username="staff_other", municipality=other_municipality)


@pytest.fixture
def expert(db):
    return ExpertFactory(username="expert")


@pytest.fixture
def expert_other(other_municipality):
    """An expert who works in another municipality: their organisation is there, and nothing
    of municipality A's assessment is theirs."""
    from programs.assessment.models import ExpertProfile

    expert = ExpertFactory(username="expert_other")
    ExpertProfile.objects.create(
        user=expert, organisation=OrganisationFactory(municipality=other_municipality)
    )
    return expert


@pytest.fixture
def administrator(db):
    return AdministratorFactory(username="administrator")


@pytest.fixture
def program_a(org_a):
    """A draft of organisation A with a group and a schedule, ready to submit."""
    program = ProgramFactory(organisation=org_a)
    ProgramGroupFactory(program=program)
    return program


@pytest.fixture
def publish(administrator, org_a):
    """Publish a programme of organisation A (or another) with groups ([{} ] by default)."""

    def publish(organisation=None, groups=None, **fields):
        program = ProgramFactory(organisation=organisation or org_a, **fields)
        for group in [{}] if groups is None else groups:
            ProgramGroupFactory(program=program, **group)
        return move_to(
            program, ProgramStatus.PUBLISHED, staff=administrator, coordinator=administrator
        )

    return publish


# --- a registry import as a person would make it ---------------------------------------------


@pytest.fixture
def upload(client, django_capture_on_commit_callbacks):
    def upload(user, data: bytes, *, kind="programs", name="programmy.xlsx", **form):
        login(client, user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"{reverse('programs:import_new')}?kind={kind}",
                {"file": SimpleUploadedFile(name, data), **form},
            )
        if response.status_code != 302:
            return response
        return SpreadsheetJob.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])

    return upload
