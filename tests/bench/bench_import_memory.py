"""A worker's memory on imports (issues 21 and 29): the hostile files of the audits and a
50,000-row file.

    python tests/bench/bench_import_memory.py      (or: make bench)

Prints BENCH lines:
- import_hostile_peak_mb: the peak resident memory of a process that runs the worker's check
  (``jobs.import_check``) on a 2.6 MB xlsx whose sheet unpacks to 263 MB of XML (about
  100 : 1, under the zip-bomb ratio of 200). The issue asks for at most 300 MB.
- import_hostile_s: how long it takes to end that job (refused, with the reason).
- import_wide_peak_mb: the same for the 10.7 KB file of issue 29, the template's header with
  one cell in column XFD and 1,000 rows (the issue asks for at most 200 MB);
  import_60k_by_60_peak_mb for 60,000 rows of 60 columns. Both are refused.
- import_50k_check_peak_mb, import_50k_write_peak_mb: the same for a registry file of 50,000
  programmes, checked, then checked and written (rolled back at the end); issue 29 asks for
  a write peak of at most 350 MB.
- worker_baseline_mb: such a process before it does anything, for comparison.

Each figure is measured in a process of its own, started after the files are written, so its
peak is that step's alone.
"""

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests import raw_xlsx
from tests.bench.setup_bench import report, setup_django

HOSTILE_XML_BYTES = 263 * 1024 * 1024
WIDE_ROWS = 1000
ROWS_50K = 50_000


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_hostile(path: Path) -> dict:
    """An xlsx whose one sheet is 263 MB of rows of short inline strings, compressed about
    100 : 1 (a digit of each row varies, as in a generated file; the cells leave out their
    optional references)."""
    randomness = random.Random(21)
    made = {"xml": 0, "rows": 0}

    def rows():
        while made["xml"] < HOSTILE_XML_BYTES:
            made["rows"] += 1
            line = raw_xlsx.row(
                made["rows"],
                *(
                    raw_xlsx.cell(None, f"Программа {7 if n else randomness.randrange(10)}")
                    for n in range(10)
                ),
            )
            made["xml"] += len(line)
            yield line

    raw_xlsx.write(path, rows())
    return {"xml_mb": made["xml"] / 2**20, "file_mb": path.stat().st_size / 2**20, **made}


def write_wide(path: Path) -> None:
    """The audit's 10.7 KB file: the programme template's header with one cell in column XFD,
    and 1,000 rows."""
    from programs import spreadsheets

    header = [c.header for c in spreadsheets.PROGRAM_COLUMNS if c.importable]
    path.write_bytes(raw_xlsx.wide_file(WIDE_ROWS, header))


def write_long_and_wide(path: Path) -> None:
    """60,000 rows of 60 filled columns."""
    columns = [(c, raw_xlsx.column(c)) for c in range(1, 61)]
    raw_xlsx.write(
        path,
        (
            raw_xlsx.row(n, *(f'<c r="{letters}{n}"><v>{c}</v></c>' for c, letters in columns))
            for n in range(1, 60_002)
        ),
    )


def write_registry(path: Path, rows: int) -> None:
    from tests.programs.factories import programme_import_file

    inns = list(_staff().municipality.organisations.values_list("inn", flat=True))
    path.write_bytes(programme_import_file(inns, rows, name="Загруженная программа {n}"))


def measure_job(path: str, write: bool) -> dict:
    """The worker's own steps on the file: check (and, with ``write``, write) the job."""
    from django.core.files.base import ContentFile
    from django.db import transaction

    from programs import jobs
    from programs.models import SpreadsheetJob

    data = Path(path).read_bytes()
    with transaction.atomic():
        job = SpreadsheetJob(
            kind=SpreadsheetJob.Kind.PROGRAM_IMPORT, user=_staff(), source_name="bench.xlsx"
        )
        job.source.save("bench.xlsx", ContentFile(data), save=True)
        del data
        started = time.perf_counter()
        state = jobs.import_check(job.pk)
        if write:
            assert state == "checked", SpreadsheetJob.objects.get(pk=job.pk).message
            assert jobs.confirm(SpreadsheetJob.objects.get(pk=job.pk))
            state = jobs.import_apply(job.pk)
        seconds = time.perf_counter() - started
        job.refresh_from_db()
        message, summary = job.message, job.summary
        job.source.delete(save=False)
        transaction.set_rollback(True)
    return {
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "state": state,
        "message": message,
        "summary": summary,
    }


def _staff():
    from moc_portal.users.models import Role, User
    from programs.models import Municipality

    municipality = Municipality.objects.order_by("pk").first()
    user, _ = User.objects.get_or_create(
        username="bench-staff", defaults={"role": Role.STAFF, "municipality": municipality}
    )
    return user


def run_step(*args) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, timeout=900
    )
    if done.returncode:
        sys.exit(f"шаг {args[0]} не удался:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1:  # one step, in its own process
        setup_django()
        step = sys.argv[1]
        if step == "baseline":
            print(json.dumps({"peak_mb": _peak_mb()}))
        else:
            print(json.dumps(measure_job(sys.argv[2], write=step == "write")))
        return
    setup_django()
    from tests.bench.catalogue_data import ensure_catalogue_data

    ensure_catalogue_data()
    with tempfile.TemporaryDirectory() as folder:
        hostile = Path(folder) / "hostile.xlsx"
        made = write_hostile(hostile)
        print(
            f"# враждебный файл: {made['file_mb']:.1f} МБ, лист {made['xml_mb']:.0f} МБ XML, "
            f"{made['rows']} строк",
            flush=True,
        )
        wide = Path(folder) / "wide.xlsx"
        write_wide(wide)
        print(f"# файл с ячейкой в колонке XFD: {wide.stat().st_size / 1024:.1f} КБ", flush=True)
        refused = run_step("check", str(wide))
        assert refused["state"] == "failed", refused
        print(f"# {refused['message']}", flush=True)
        report("import_wide_peak_mb", refused["peak_mb"], "MB")
        long_and_wide = Path(folder) / "long-and-wide.xlsx"
        write_long_and_wide(long_and_wide)
        refused = run_step("check", str(long_and_wide))
        assert refused["state"] == "failed", refused
        print(f"# 60 000 × 60: {refused['message']}", flush=True)
        report("import_60k_by_60_peak_mb", refused["peak_mb"], "MB")
        registry = Path(folder) / "registry.xlsx"
        write_registry(registry, ROWS_50K)
        report("worker_baseline_mb", run_step("baseline")["peak_mb"], "MB")
        refused = run_step("check", str(hostile))
        assert refused["state"] == "failed", refused
        print(f"# {refused['message']}", flush=True)
        report("import_hostile_peak_mb", refused["peak_mb"], "MB")
        report("import_hostile_s", refused["seconds"], "s")
        checked = run_step("check", str(registry))
        assert checked["summary"]["create"] == ROWS_50K, checked
        report("import_50k_check_peak_mb", checked["peak_mb"], "MB")
        written = run_step("write", str(registry))
        assert written["state"] == "done", written
        report("import_50k_write_peak_mb", written["peak_mb"], "MB")
        report("import_50k_write_s", written["seconds"], "s")


if __name__ == "__main__":
    main()
