"""Open data and territory benchmark (issue 22), at 50,000 programmes.

    python tests/bench/bench_territory.py      (or: make bench)

Prints BENCH lines: api_programmes_median_ms (a filtered page of 50 from the open API, server
side, no conditional request), supply_grid_s (the supply grid of one municipality),
supply_grid_region_s (of the whole region: 40 municipalities, 400 settlements),
open_data_export_s (the open data set: passport, structure and all programmes).
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.setup_bench import report, setup_django

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
API_QUERIES = [
    "?age=9&focus=technical",
    "?focus=arts&focus=sport&payment=free",
    "?q=робототехника",
    "?municipality={municipality}&free_places=on",
    "?ovz=on&sort=age",
    "?age=12&payment=paid&max_cost=5000&sort=newest",
    "?enrolment_open=on&page=3",
    "",
]


def median_seconds(work, rounds: int = ROUNDS) -> float:
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    setup_django()
    from django.conf import settings
    from django.test import Client

    from programs import opendata
    from programs.models import Municipality, PublishedProgram
    from reports import territory
    from tests.bench.catalogue_data import ensure_catalogue_data, ensure_territory_data

    ensure_catalogue_data(print)
    ensure_territory_data(print)
    settings.API_RATE_LIMIT = "1000000/min"
    settings.ALLOWED_HOSTS = ["*"]
    municipality = Municipality.objects.order_by("pk").first()
    client = Client()
    timings = []
    for _ in range(ROUNDS):
        for query in API_QUERIES:
            url = "/api/v1/programmes/" + query.format(municipality=municipality.pk)
            url += ("&" if "?" in url else "?") + "page_size=50"
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code, response.content)
    report("api_programmes_median_ms", statistics.median(timings), "ms")

    ids = list(Municipality.objects.values_list("pk", flat=True))
    report("supply_grid_s", median_seconds(lambda: territory.grid([municipality.pk])), "s")
    report("supply_grid_region_s", median_seconds(lambda: territory.grid(ids), 3), "s")
    cells = sum(1 for row in territory.grid(ids) for cell in row.cells.values() if cell.programs)
    print(f"# region grid: {len(ids)} municipalities, {cells} cells with programmes")

    with tempfile.TemporaryDirectory() as media:
        settings.MEDIA_ROOT = media
        built = {}
        seconds = median_seconds(lambda: built.update(opendata.build()), 3)
        assert built["rows"] == PublishedProgram.objects.count()
        size = os.path.getsize(os.path.join(opendata.folder(), built["file"]))
        print(f"# open data: {built['rows']} rows, {size / 1e6:.1f} MB")
    report("open_data_export_s", seconds, "s")


if __name__ == "__main__":
    main()
