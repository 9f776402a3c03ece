import os
import shutil

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the
# tests around it are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest

from tests.factories import PASSWORD
from tests.helpers import IN_CI

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        message = f"Браузер {CHROMIUM} не установлен: apt-get install chromium"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Reduced motion: Bootstrap then skips its transitions, so no click lands mid-animation.
    return {**browser_context_args, "locale": "ru-RU", "reduced_motion": "reduce"}


@pytest.fixture
def csp_violations(page):
    """Console messages about the Content-Security-Policy: every page must have none."""
    found = []
    page.on(
        "console",
        lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return found


@pytest.fixture
def sign_in(page, live_server):
    def sign_in(user):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Логин").fill(user.username)
        page.get_by_label("Пароль").fill(PASSWORD)
        page.get_by_role("button", name="Войти").click()
        page.wait_for_url("**/accounts/cabinet/")

    return sign_in


@pytest.fixture
def sign_out(page, live_server):
    def sign_out():
        # Wait for the logout to land, or the next sign-in may still find a session.
        with page.expect_navigation(url=f"{live_server.url}/"):
            page.get_by_role("button", name="Выйти").click()

    return sign_out
