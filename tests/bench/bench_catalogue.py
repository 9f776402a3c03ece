"""Catalogue benchmark (issue 3): queries, server time, and throughput under gunicorn.

    python tests/bench/bench_catalogue.py      (or: make bench)

Prints BENCH lines: catalogue_queries, catalogue_median_ms, programme_page_median_ms,
catalogue_rps, bare_rps, catalogue_to_bare_ratio, catalogue_p99_ms, catalogue_errors.
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.setup_bench import report, setup_django, start_gunicorn

LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "30"))
LOAD_CONNECTIONS = 50


def typical_catalogue_urls(municipality_id: int) -> list[str]:
    return [
        "/catalog/?age=9&focus=technical",
        "/catalog/?q=робототехника",
        "/catalog/?q=танцы&age=7",
        f"/catalog/?municipality={municipality_id}&focus=sport&payment=free",
        "/catalog/?ovz=on&ovz_category=vision",
        "/catalog/?q=шахматы&sort=name",
        "/catalog/?age=12&payment=paid&max_cost=5000&sort=newest",
        "/catalog/?focus=arts&focus=sport&enrolment_open=on&page=3",
        "/catalog/",
    ]


def server_side(client, urls, rounds: int) -> float:
    """Median milliseconds per request, with the page cache bypassed every time."""
    from programs.cache import bump_catalogue_version

    timings = []
    for _ in range(rounds):
        for url in urls:
            bump_catalogue_version()
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings)


def wrk(url: str) -> dict:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{LOAD_CONNECTIONS}", f"-d{LOAD_SECONDS}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=LOAD_SECONDS + 60,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    return {"rps": rps, "p99_ms": p99_ms, "errors": errors}


def under_load(database_url: str, catalogue_url: str) -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk не установлен: make bench ставит его сам (apt-get install wrk)")
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    server, base = start_gunicorn(env)
    try:
        urllib.request.urlopen(base + catalogue_url, timeout=10)  # warm both workers' paths
        bare = wrk(base + "/healthz/")
        catalogue = wrk(base + catalogue_url)
    finally:
        server.terminate()
        server.wait(timeout=20)
    report("catalogue_rps", catalogue["rps"], "req/s")
    report("bare_rps", bare["rps"], "req/s")
    report("catalogue_to_bare_ratio", catalogue["rps"] / bare["rps"], "ratio")
    report("catalogue_p99_ms", catalogue["p99_ms"], "ms")
    report("catalogue_errors", catalogue["errors"] + bare["errors"], "count")


def main() -> None:
    database_url = setup_django()
    from urllib.parse import quote

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from programs.cache import bump_catalogue_version
    from programs.models import Municipality, PublishedProgram
    from tests.bench.catalogue_data import ensure_catalogue_data

    ensure_catalogue_data()
    print(
        f"# database: {connection.vendor}, {PublishedProgram.objects.count()} published programmes"
    )
    client = Client()
    municipality = Municipality.objects.order_by("pk").first()
    urls = typical_catalogue_urls(municipality.pk)

    filtered = (
        f"/catalog/?q={quote('робототехника')}&age=9&focus=technical&payment=free&sort=relevance"
    )
    bump_catalogue_version()
    client.get(filtered)  # connection set-up outside the count
    bump_catalogue_version()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(filtered).status_code == 200
    report("catalogue_queries", len(queries), "queries")

    report("catalogue_median_ms", server_side(client, urls, rounds=5), "ms")
    pks = list(PublishedProgram.objects.order_by("?").values_list("pk", flat=True)[:40])
    programme_urls = [f"/catalog/programs/{pk}/" for pk in pks]
    report("programme_page_median_ms", server_side(client, programme_urls, rounds=2), "ms")

    under_load(database_url, "/catalog/?age=9&focus=technical")


if __name__ == "__main__":
    main()
