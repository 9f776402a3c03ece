"""The real Celery worker process that the ``celery_workers`` fixture (``conftest.py``) starts
and stops."""

import os
import subprocess
import sys
import uuid


class CeleryWorker:
    """A real Celery worker process on Redis, reading this test's PostgreSQL database, on a
    queue of its own so parallel test processes do not take each other's tasks. It can be
    killed (SIGKILL) and started again; with ``beat`` it runs the periodic tasks too."""

    def __init__(self, settings, tmp_path, env: dict):
        from django.db import connection

        db = connection.settings_dict
        self.queue = f"test-{uuid.uuid4().hex[:12]}"
        self.mails = tmp_path / "mails"
        self.beat_schedule = tmp_path / "beat-schedule"
        self.cwd = settings.BASE_DIR
        self.env = {
            **os.environ,
            "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@"
            f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "CACHE_KEY_PREFIX": settings.CACHES["default"]["KEY_PREFIX"],
            "EMAIL_URL": f"filemail:///{self.mails}",
            "SITE_URL": settings.SITE_URL,
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            **env,
        }
        self.process = None

    def start(self, *, beat: bool = False) -> "CeleryWorker":
        command = [sys.executable, "-m", "celery", "-A", "moc_portal", "worker", "-Q", self.queue]
        command += ["--pool", "solo", "--without-gossip", "--without-mingle", "-l", "warning"]
        if beat:
            command += ["-B", "-s", str(self.beat_schedule)]
        self.process = subprocess.Popen(command, cwd=self.cwd, env=self.env)
        return self

    def kill(self) -> None:
        self.process.kill()  # SIGKILL: no clean-up, as when the machine loses power
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def on_postgresql() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"
