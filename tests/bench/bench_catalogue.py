"""Catalogue benchmark (issue 3): queries, server time, and throughput under gunicorn.

    python tests/bench/bench_catalogue.py      (or: make bench)

Prints BENCH lines: catalogue_queries, catalogue_median_ms, programme_page_median_ms,
catalogue_rps, bare_rps, catalogue_to_bare_ratio, catalogue_p99_ms, catalogue_errors, and
(issue 21) catalogue_uncached_rps: every request a query never asked before, as a crawler
sends them (the filters of a real page plus a random tracking parameter and a random, invalid
sort), and catalogue_search_miss_rps: every request a random word searched for that finds
nothing (never kept in the cache: each one is a search in the database).
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
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


# Lua for wrk: each request a path never asked before ({n} is a per-thread counter).
UNIQUE = """
counter = 0
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  counter = counter + 1
  local n = string.format("%d-%d", math.random(1, 1000000000), counter)
  return wrk.format("GET", string.format("PATH", n, n))
end
"""


def wrk(url: str, script: str | None = None) -> dict:
    extra = []
    if script:
        path = Path(tempfile.mkdtemp()) / "unique.lua"
        path.write_text(script)
        extra = ["-s", str(path)]
    output = subprocess.run(
        ["wrk", "-t2", f"-c{LOAD_CONNECTIONS}", f"-d{LOAD_SECONDS}s", "--latency", *extra, url],
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
        # Connections kept between requests, as moc_portal.settings.production keeps them.
        "DATABASE_CONN_MAX_AGE": "60",
        # wrk asks from one address: its searches are not to be refused as one person's.
        "SEARCH_RATE_LIMIT": "100000000/m",
    }
    server, base = start_gunicorn(env)
    try:
        urllib.request.urlopen(base + catalogue_url, timeout=10)  # warm both workers' paths
        bare = wrk(base + "/robots.txt")  # the framework alone: no database, no cache
        catalogue = wrk(base + catalogue_url)
        crawler = "/catalog/?age=9&focus=technical&utm_source=%s&sort=x%s"
        unique = wrk(base + "/catalog/", UNIQUE.replace("PATH", crawler))
        misses = wrk(base + "/catalog/", UNIQUE.replace("PATH", "/catalog/?q=zq%sxw%s"))
    finally:
        server.terminate()
        server.wait(timeout=20)
    report("catalogue_rps", catalogue["rps"], "req/s")
    report("bare_rps", bare["rps"], "req/s")
    report("catalogue_to_bare_ratio", catalogue["rps"] / bare["rps"], "ratio")
    report("catalogue_p99_ms", catalogue["p99_ms"], "ms")
    report("catalogue_errors", catalogue["errors"] + bare["errors"], "count")
    report("catalogue_uncached_rps", unique["rps"], "req/s")
    report("catalogue_search_miss_rps", misses["rps"], "req/s")
    report("catalogue_uncached_errors", unique["errors"], "count")
    report("catalogue_search_miss_errors", misses["errors"], "count")  # wrk's 2 s timeouts


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
