"""A parent's first visit on a phone (issue 20): the catalogue page over a slow mobile
network, served as in production (gunicorn, the collected and compressed static files).

    python tests/bench/bench_phone.py      (or: make bench)

Chromium (Debian's, through Playwright) at 390 × 844 with its cache off and the DevTools
network emulation of 1.6 Mbit/s down, 750 kbit/s up and a 150 ms round trip opens the
catalogue five times. Prints:

* ``catalogue_phone_first_load_kb`` — bytes transferred (compressed, as on the wire) for the
  page with its CSS, JS, fonts and pictures, median;
* ``catalogue_phone_results_ms`` — from the start of the navigation to the first result card
  painted (the page's first contentful paint, the card being in the first screen), median.
"""

import os
import statistics
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.setup_bench import ROOT, report, setup_django, start_gunicorn

RUNS = 5
PAGE = "/catalog/"
CHROMIUM = "/usr/bin/chromium"
NETWORK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6e6 / 8,
    "uploadThroughput": 750e3 / 8,
}


def production_server(database_url: str):
    """gunicorn with the production settings and whitenoise's compressed, hashed files."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "moc_portal.settings.production",
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "EMAIL_URL": "smtp://127.0.0.1:25",
        # The production settings require Redis (the page cache lives there).
        "REDIS_URL": os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/3",
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server, base = start_gunicorn(env)
    urllib.request.urlopen(base + PAGE, timeout=30)  # the page cache warm, as for a visitor
    return server, base


# The first paint of the page, from the start of the navigation — when the first result card
# is painted, since the card stands in the first screen (checked) and the stylesheets in the
# head hold every paint until they have loaded.
PAINTED = """() => {
  const card = document.querySelector('.program-card');
  if (!card || card.getBoundingClientRect().top >= window.innerHeight) return null;
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  return paint ? paint.startTime : null;
}"""


def visit(browser, url: str) -> tuple[int, float]:
    """(bytes on the wire, milliseconds to the first result card) of one cold visit."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    transferred = []
    cdp.on("Network.loadingFinished", lambda event: transferred.append(event["encodedDataLength"]))
    page.goto(url, wait_until="load", timeout=120_000)
    page.wait_for_timeout(300)  # the last loadingFinished events
    first_result = page.evaluate(PAINTED)
    assert first_result is not None, "the first result card is not in the first screen"
    context.close()
    return sum(transferred), first_result


def main() -> None:
    from playwright.sync_api import sync_playwright

    database_url = setup_django()
    from tests.bench.catalogue_data import ensure_catalogue_data

    ensure_catalogue_data()
    server, base = production_server(database_url)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--headless"]
            )
            visits = [visit(browser, base + PAGE) for _ in range(RUNS)]
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    report(
        "catalogue_phone_first_load_kb",
        statistics.median(size for size, _ in visits) / 1024,
        "KB",
    )
    report("catalogue_phone_results_ms", statistics.median(ms for _, ms in visits), "ms")


if __name__ == "__main__":
    main()
