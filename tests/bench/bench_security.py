"""Security figures (issue 16): how many wrong passwords an account takes before the
sign-in locks it, measured against the real sign-in page with the configured limit.

    python tests/bench/bench_security.py      (or: make bench)

Prints BENCH login_lockout_after (failed attempts until the right password is refused too;
the issue asks for at most 10), and BENCH fuzz_urls_500 with fuzz_urls_requests: every GET
page of the URLconf requested with hostile values (``tests/test_url_fuzz.py``, run by pytest
on the configured database, PostgreSQL when DATABASE_URL is set) and the server errors it got
(the issue asks for 0).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.setup_bench import report, setup_django

USERNAME = "bench-lockout"
CEILING = 50  # a lockout that never comes is reported as this


def login_lockout_after() -> int:
    """The fewest wrong passwords (each from an address of its own, so only the account's
    lock can stop the sign-in) after which the right password is refused as well."""
    from axes.models import AccessAttempt, AccessFailureLog
    from django.test import Client
    from django.urls import reverse

    from moc_portal.users.models import Role, User

    password = "bench-lockout-password-2026"
    user, _ = User.objects.get_or_create(username=USERNAME, defaults={"role": Role.STAFF})
    user.set_password(password)
    user.save()
    url = reverse("users:login")

    def forget():
        AccessAttempt.objects.filter(username=USERNAME).delete()
        AccessFailureLog.objects.filter(username=USERNAME).delete()

    try:
        for failures in range(1, CEILING + 1):
            forget()
            client = Client()
            for attempt in range(failures):
                client.post(
                    url,
                    {"username": USERNAME, "password": "wrong"},
                    REMOTE_ADDR=f"198.51.100.{attempt + 1}",
                )
            right = client.post(
                url, {"username": USERNAME, "password": password}, REMOTE_ADDR="203.0.113.200"
            )
            if right.status_code == 429:
                return failures
        return CEILING
    finally:
        forget()


def fuzz_urls() -> dict:
    import json
    import os
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        result = Path(folder) / "fuzz.json"
        subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", "server_error"]
            + ["tests/test_url_fuzz.py"],
            cwd=Path(__file__).resolve().parents[2],
            env={**os.environ, "FUZZ_REPORT": str(result)},
            capture_output=True,
            check=False,
        )
        return json.loads(result.read_text())


if __name__ == "__main__":
    fuzz = fuzz_urls()  # before setup_django: pytest makes its own test database
    setup_django()
    report("login_lockout_after", login_lockout_after(), "attempts")
    report("fuzz_urls_500", fuzz["errors"], "responses")
    report("fuzz_urls_requests", fuzz["requests"], "requests")
