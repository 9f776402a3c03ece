"""Shared set-up for the benchmarks: a database of their own, filled once, reused.

On PostgreSQL (DATABASE_URL set) the benchmarks use `<name>_bench` beside the configured
database, so they never touch real data; otherwise a SQLite file `bench.sqlite3`.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]


def bench_database_url() -> str:
    if os.environ.get("BENCH_DATABASE_URL"):  # chosen already, by the process that started us
        return os.environ["BENCH_DATABASE_URL"]
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return f"sqlite:///{ROOT / 'bench.sqlite3'}"
    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "moc"
    return urlunsplit(parts._replace(path=f"/{name}_bench"))


def setup_django() -> str:
    """Point Django at the bench database (created if missing) and migrate it."""
    url = bench_database_url()
    os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moc_portal.settings.base")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    sys.path.insert(0, str(ROOT))
    if url.startswith("postgres"):
        _create_postgres_database(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url


def _create_postgres_database(url: str) -> None:
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(
        dbname="postgres",
        user=parts.username,
        password=parts.password,
        host=parts.hostname,
        port=parts.port or 5432,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(env: dict):
    """gunicorn with two workers on a free local port, once it answers: (process, base URL)."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "moc_portal.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz/", timeout=1)
            break
        except urllib.error.HTTPError:  # it answers (a 503 names a part that is down)
            break
        except OSError:
            time.sleep(0.2)
    return server, base


def report(name: str, value, unit: str) -> None:
    if isinstance(value, float):
        value = f"{value:.3f}".rstrip("0").rstrip(".")
    print(f"BENCH {name} {value} {unit}", flush=True)
