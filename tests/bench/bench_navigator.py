"""Navigator push benchmark (issue 6): a first push of 50,000 programmes to the stand-in on
loopback, then a second run with nothing changed.

    python tests/bench/bench_navigator.py      (or: make bench)

Prints BENCH lines: sync_50k_s (arming the outbox and draining it until the Navigator holds
every programme), sync_programs_per_s, sync_requests (requests the stand-in answered), and
for the second run (every programme checked again, none changed) sync_unchanged_requests and
sync_unchanged_50k_s (issue 21: at most 10 s, with 0 requests).
The drain runs in this process as one worker would; the stand-in is its own process, started
the way a developer starts it. The stand-in's own figures are checked: 50,000 programmes,
each stored once.
"""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.setup_bench import free_port, report, setup_django

TOKEN = "bench-token"


def start_standin(folder: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "navigator_sync.standin",
            "--port",
            str(port),
            "--token",
            TOKEN,
            "--db",
            f"{folder}/navigator.sqlite3",
        ],
        stdout=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            requests.get(f"{url}/_control", timeout=1)
            return process, url
        except requests.ConnectionError:
            time.sleep(0.05)
    raise RuntimeError("стенд Навигатора не запустился")


def main() -> None:
    setup_django()
    from django.db import connection

    from navigator_sync import outbox, selectors
    from navigator_sync.client import NavigatorClient
    from navigator_sync.models import SyncOutboxEntry, SyncState
    from programs.models import Program
    from tests.bench.catalogue_data import ensure_catalogue_data, ensure_exchange_data

    ensure_catalogue_data()
    ensure_exchange_data()
    SyncOutboxEntry.objects.all().delete()
    SyncState.objects.all().delete()
    Program.objects.exclude(navigator_id="").update(navigator_id="", navigator_url="")
    ids = selectors.published_program_ids()
    print(f"# database: {connection.vendor}, {len(ids)} published programmes")

    with tempfile.TemporaryDirectory() as folder:
        process, url = start_standin(folder)
        client = NavigatorClient(url, TOKEN, timeout=30)
        try:
            started = time.perf_counter()
            outbox.programs_enqueue(ids)
            armed = time.perf_counter() - started
            first = outbox.drain_until_empty(client=client)
            seconds = time.perf_counter() - started
            stats = requests.get(f"{url}/_control/stats", timeout=10).json()
            held = stats["programs"]
            print(f"# outbox armed in {armed:.1f} s; {first.text()}")
            assert held["count"] == len(ids) and held["versions_max"] == 1, held
            assert not SyncOutboxEntry.objects.exclude(state="done").exists()

            report("sync_50k_s", seconds, "s")
            report("sync_programs_per_s", len(ids) / seconds, "programmes/s")
            report("sync_requests", stats["requests"], "requests")

            started = time.perf_counter()
            outbox.programs_enqueue(ids)  # «Отправить сейчас» for everything
            second = outbox.drain_until_empty(client=client)
            unchanged = time.perf_counter() - started
            print(f"# second run in {unchanged:.1f} s; {second.text()}")
            again = requests.get(f"{url}/_control/stats", timeout=10).json()["requests"]
            report("sync_unchanged_requests", again - stats["requests"], "requests")
            report("sync_unchanged_50k_s", unchanged, "s")
        finally:
            client.close()
            process.terminate()
            process.wait(10)


if __name__ == "__main__":
    main()
