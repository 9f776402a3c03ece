"""What tests share besides fixtures: signing in, moving a programme through its lifecycle as
people would, the snapshot a form carries, waiting for a condition, and what the run is for.
Fixtures are in ``conftest.py`` files; this module is imported, they are not."""

import os
import re
import subprocess
import sys
import time

import pytest
from django.conf import settings

from moc_portal.users.models import User
from programs import services
from programs.choices import ProgramStatus
from tests.factories import PASSWORD

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# Set by .ci/run for the PostgreSQL + Redis pass: tests that need those services must run.
REQUIRE_SERVICES = os.environ.get("MOC_REQUIRE_SERVICES") == "1"


def wait_for(condition, timeout=60.0, interval=0.2):
    """Poll until ``condition()`` is true; fail with a clear message on time-out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    pytest.fail(f"условие не выполнилось за {timeout:.0f} с")


def move_to(program, status, *, staff: User, coordinator: User):
    """Bring a programme to ``status`` through the services, as people would."""
    path = {
        ProgramStatus.DRAFT: [],
        ProgramStatus.ON_MODERATION: [("submit", coordinator)],
        ProgramStatus.NEEDS_REVISION: [("submit", coordinator), ("return", staff)],
        ProgramStatus.PUBLISHED: [("submit", coordinator), ("approve", staff)],
        ProgramStatus.ARCHIVED: [("submit", coordinator), ("approve", staff), ("archive", staff)],
    }[status]
    for action, user in path:
        program = services.program_transition(
            program=program, user=user, action=action, comment="Комментарий"
        )
    return program


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


SEEN_INPUT = re.compile(r'<input type="hidden" name="((?:[\w-]+-)?seen)" value="([^"]+)"')


def seen(client, url) -> dict:
    """What the form at ``url`` carries of what its person saw ({"seen": token}), to send
    with a POST as a browser would: an edit form refuses a save without it."""
    found = SEEN_INPUT.search(client.get(url).content.decode())
    assert found, f"{url}: на странице нет формы с тем, что видел пользователь (seen)"
    return {found[1]: found[2]}


# A child Python (``manage.py …`` or ``-c`` …) sees the environment of a deployment, not the
# test run's: the ORM inside Playwright's event loop is allowed only here.
BASE_ENV = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_python(*args, **env) -> subprocess.CompletedProcess:
    """``python *args`` in the project folder with the base settings and ``env`` on top."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env={**BASE_ENV, "DJANGO_SETTINGS_MODULE": "moc_portal.settings.base", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
