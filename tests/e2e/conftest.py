import pytest

from tests.factories import PASSWORD


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
