"""The portal started the way docs/deployment.md («Without Docker») says — collectstatic, migrate,
gunicorn, a Celery worker and beat, with the production settings on PostgreSQL and Redis —
walked in a browser: a sign-in over plain HTTP, a publication, the push to the stand-in
Navigator; then the database and Redis are cut off from the web processes and given back."""

import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from playwright.sync_api import expect

from programs.choices import ProgramStatus
from programs.models import Program
from tests.factories import PASSWORD
from tests.helpers import REQUIRE_SERVICES, move_to, wait_for
from tests.navigator_sync.standin import TOKEN, StandinProcess, free_port
from tests.programs.factories import ProgramFactory, ProgramGroupFactory
from tests.proxy import CuttableProxy

pytestmark = [pytest.mark.worker, pytest.mark.browser]


def _get(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()
    except OSError as error:  # nothing answers (yet)
        return 0, {}, str(error)


class Deployment:
    """The processes docs/deployment.md starts, each with the production settings."""

    def __init__(self, settings, tmp_path, db_port: int, redis_port: int, navigator_url: str):
        db = connection.settings_dict
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.smtp_port = free_port()
        database = f"postgres://{db['USER']}:{db['PASSWORD']}@127.0.0.1:{{port}}/{db['NAME']}"
        redis_db = settings.REDIS_URL.rsplit("/", 1)[-1] or "0"
        redis = f"redis://127.0.0.1:{{port}}/{redis_db}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "moc_portal.settings.production",
            "DJANGO_SECRET_KEY": "production-test-" + "s" * 40,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "false",  # plain HTTP: cookies must not be Secure
            "SITE_URL": self.base,
            "EMAIL_URL": f"smtp://127.0.0.1:{self.smtp_port}",
            "STATIC_ROOT": str(tmp_path / "static"),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "CELERY_TASK_DEFAULT_QUEUE": f"production-{self.port}",
            "CACHE_KEY_PREFIX": f"production-{self.port}",
            "NAVIGATOR_URL": navigator_url,
            "NAVIGATOR_TOKEN": TOKEN,
            "NAVIGATOR_WATCHDOG_SECONDS": "2",
            "WORKER_HEARTBEAT_SECONDS": "1",
            "WORKER_GONE_SECONDS": "6",
            "LOG_LEVEL": "WARNING",
        }
        self.env.pop("CELERY_TASK_ALWAYS_EAGER", None)
        # The web processes reach the database and Redis through proxies that can be cut;
        # the worker and beat directly.
        self.web_env = {
            **self.env,
            "DATABASE_URL": database.format(port=db_port),
            "REDIS_URL": redis.format(port=redis_port),
        }
        self.env["DATABASE_URL"] = database.format(port=db["PORT"] or 5432)
        self.env["REDIS_URL"] = redis.format(port=6379)
        self.processes = []

    def manage(self, *args) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            env=self.web_env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    def _start(self, command, env) -> None:
        self.processes.append(subprocess.Popen(command, env=env))

    def start(self) -> None:
        python = [sys.executable, "-m"]
        smtp = ["smtpd", "-n", "-c", "DebuggingServer", f"127.0.0.1:{self.smtp_port}"]
        self._start([*python, *smtp], self.env)
        web = ["gunicorn", "moc_portal.wsgi:application", "--workers", "2"]
        self._start([*python, *web, "--bind", f"127.0.0.1:{self.port}"], self.web_env)
        celery = ["celery", "-A", "moc_portal"]
        self._start([*python, *celery, "worker", "-l", "warning", "--concurrency", "2"], self.env)
        scheduler = "django_celery_beat.schedulers:DatabaseScheduler"
        self._start([*python, *celery, "beat", "-l", "warning", "-S", scheduler], self.env)

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def services_required(settings):
    if not settings.REDIS_URL or connection.vendor != "postgresql":
        message = "нужны REDIS_URL и DATABASE_URL на PostgreSQL (см. .ci/run)"
        if REQUIRE_SERVICES:
            pytest.fail(message)
        pytest.skip(message)


def test_the_portal_runs_as_the_readme_deploys_it_and_survives_outages(
    services_required, transactional_db, settings, tmp_path, page, staff, coordinator_a, org_a
):
    # Accounts made with the hasher production uses (the suite's fast MD5 is not in it).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    staff.set_password(PASSWORD)
    staff.save()
    program = ProgramFactory(organisation=org_a, name="Шахматный клуб «Ладья»")
    ProgramGroupFactory(program=program)
    program.image.save("ladya.png", ContentFile(_png()), save=True)
    move_to(program, ProgramStatus.ON_MODERATION, staff=staff, coordinator=coordinator_a)

    navigator = StandinProcess(tmp_path).start()
    db_proxy = CuttableProxy(connection.settings_dict["PORT"] or 5432).start()
    redis_proxy = CuttableProxy(6379).start()
    portal = Deployment(settings, tmp_path, db_proxy.port, redis_proxy.port, navigator.url)
    try:
        collected = portal.manage("collectstatic", "--noinput")
        assert collected.returncode == 0, collected.stderr
        migrated = portal.manage("migrate", "--noinput")
        assert migrated.returncode == 0, migrated.stderr
        portal.start()
        wait_for(lambda: _get(portal.base + "/healthz/")[0] == 200, timeout=60)
        status, _, body = _get(portal.base + "/healthz/")
        assert '"worker": {"ok": true' in body and '"beat": {"ok": true' in body

        # A sign-in over plain HTTP, a publication, and the push that follows it.
        page.goto(portal.base + "/accounts/login/")
        page.get_by_label("Логин").fill(staff.username)
        page.get_by_label("Пароль").fill(PASSWORD)
        page.get_by_role("button", name="Войти").click()
        page.wait_for_url("**/accounts/cabinet/")
        page.goto(f"{portal.base}/programs/{program.pk}/review/")
        page.get_by_role("button", name="Опубликовать").click()
        expect(page.get_by_text("Программа опубликована.")).to_be_visible()
        wait_for(lambda: navigator.stats()["programs"]["count"] == 1, timeout=60)
        wait_for(lambda: Program.objects.get(pk=program.pk).navigator_id != "", timeout=30)

        # A parent's view: the catalogue, the programme's picture from /media/public/.
        catalogue = f"{portal.base}/catalog/?age=9"
        status, _, body = _get(catalogue)
        assert status == 200 and "Шахматный клуб" in body
        status, headers, _ = _get(f"{portal.base}{program.image.url}")
        assert status == 200 and headers["Content-Type"] == "image/png"
        assert program.image.url.startswith("/media/public/")
        assert _get(f"{portal.base}/media/spreadsheets/")[0] == 404

        # The database away from the web processes.
        db_proxy.cut()
        status, headers, body = _get(catalogue + "&utm_source=vk")
        assert status == 200 and "Шахматный клуб" in body  # the kept page
        status, headers, body = _get(portal.base + "/accounts/login/")
        assert status == 503 and headers["Retry-After"] == "30"
        assert "Портал временно недоступен" in body
        status, _, body = _get(portal.base + "/healthz/")
        assert status == 503 and '"database": {"ok": false' in body
        db_proxy.restore()
        wait_for(lambda: _get(portal.base + "/healthz/")[0] == 200, timeout=30)

        # Redis away from the web processes: pages work, people see that background work waits.
        redis_proxy.cut()
        assert _get(catalogue)[0] == 200
        wait_for(
            lambda: "background-waits" in page.goto(f"{portal.base}/programs/").text(),
            timeout=30,
            interval=2,
        )
        expect(page.locator("#background-waits")).to_contain_text("Фоновые задачи ждут")
        status, _, body = _get(portal.base + "/healthz/")
        assert status == 503 and '"redis": {"ok": false' in body
        redis_proxy.restore()
        wait_for(lambda: _get(portal.base + "/healthz/")[0] == 200, timeout=30)
    finally:
        portal.stop()
        navigator.stop()
        db_proxy.stop()
        redis_proxy.stop()


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG")
    return buffer.getvalue()
