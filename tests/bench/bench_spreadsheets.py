"""Excel benchmark (issue 4): export and import of programmes at registry scale.

    python tests/bench/bench_spreadsheets.py      (or: make bench)

Prints BENCH lines: export_50k_s, export_50k_peak_mb, export_baseline_50k_s, export_speedup,
import_5k_s, import_5k_peak_mb, import_50k_s, import_groups_5k_s (issue 18: 5,000 programmes
with two groups each and their schedules, preview plus confirm). Each figure is measured in a
process of its own, so its peak memory (resident set, Rust allocations included) is that step's
alone. Imports are rolled back at the end, so the benchmark database stays as it was.
"""

import io
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.setup_bench import report, setup_django

EXPORT_ROWS = 50_000


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_export() -> dict:
    from programs import exports
    from programs.models import Program

    administrator = _administrator()
    queryset = exports.program_export_queryset(administrator, {})[:EXPORT_ROWS]
    started = time.perf_counter()
    buffer = io.BytesIO()
    exports.write_program_export(queryset, buffer, title=exports.registry_title(administrator))
    return {
        "seconds": time.perf_counter() - started,
        "peak_mb": _peak_mb(),
        "bytes": len(buffer.getvalue()),
        "rows": min(Program.objects.count(), EXPORT_ROWS),
    }


def measure_baseline() -> dict:
    """django-import-export's default ModelResource export of the same queryset to xlsx."""
    from import_export.resources import modelresource_factory

    from programs import exports
    from programs.models import Program

    queryset = exports.program_export_queryset(_administrator(), {})[:EXPORT_ROWS]
    started = time.perf_counter()
    dataset = modelresource_factory(model=Program)().export(queryset=queryset)
    data = dataset.export("xlsx")
    return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb(), "bytes": len(data)}


def measure_import(rows: int) -> dict:
    from django.db import transaction

    from programs import spreadsheets
    from programs.imports import program_rows, reading
    from tests.programs.factories import programme_import_file

    staff = _staff()
    inns = list(staff.municipality.organisations.values_list("inn", flat=True))
    data = programme_import_file(inns, rows, name="Загруженная программа {n}")
    started = time.perf_counter()
    with transaction.atomic():
        header, body = reading.read_rows(
            data, sheet_name="Программы", width=len(spreadsheets.PROGRAM_COLUMNS)
        )
        plan = program_rows.program_import_preview(staff, header, body)
        assert not plan.errors, plan.errors[:3]
        assert len(plan.create) == rows
        program_rows.program_import_apply(staff, plan, publish=False)
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return {"seconds": seconds, "peak_mb": _peak_mb(), "bytes": len(data)}


def measure_import_groups(rows: int) -> dict:
    """Programmes with two groups each and their schedules, both sheets: preview plus confirm."""
    from django.db import transaction

    from moc_portal.core import spreadsheets as sheets
    from moc_portal.core.sheet_layout import PrintTitle
    from programs import spreadsheets
    from programs.imports import program_rows, reading

    staff = _staff()
    labels = [
        f"{short} ({inn})"
        for short, inn in staff.municipality.organisations.values_list("short_name", "inn")
    ]
    columns = [c for c in spreadsheets.PROGRAM_COLUMNS if c.importable]
    blank = dict.fromkeys(c.header for c in columns)
    programmes = (
        {
            **blank,
            **spreadsheets.program_example(labels[n % len(labels)]),
            "Полное наименование": f"Программа с группами {n}",
        }
        for n in range(rows)
    )
    group_blank = dict.fromkeys(c.header for c in spreadsheets.GROUP_COLUMNS)
    groups = (
        {
            **group_blank,
            **spreadsheets.group_example(labels[n % len(labels)]),
            "Программа": f"Программа с группами {n}",
            "Название группы": f"Группа {g + 1}",
            "Расписание": "Пн, Ср 15:00–16:30; Пт 10:00–11:30" if g else "Вт, Чт 16:00–17:30",
        }
        for n in range(rows)
        for g in range(2)
    )
    buffer = io.BytesIO()
    sheets.write_sheets(
        buffer,
        [
            ("Программы", programmes, columns),
            (spreadsheets.GROUPS_SHEET, groups, spreadsheets.GROUP_COLUMNS),
        ],
        title=PrintTitle("Программы для проверки импорта"),
    )
    data = buffer.getvalue()
    started = time.perf_counter()
    with transaction.atomic():
        header, body = reading.read_rows(
            data, sheet_name="Программы", width=len(spreadsheets.PROGRAM_COLUMNS)
        )
        group_sheet = reading.read_rows(
            data,
            sheet_name=spreadsheets.GROUPS_SHEET,
            width=len(spreadsheets.GROUP_COLUMNS),
            optional=True,
        )
        plan = program_rows.program_import_preview(staff, header, body, groups=group_sheet)
        assert not plan.errors, plan.errors[:3]
        assert plan.groups.add == 2 * rows
        program_rows.program_import_apply(staff, plan, publish=False)
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return {"seconds": seconds, "peak_mb": _peak_mb(), "bytes": len(data)}


def _administrator():
    from moc_portal.users.models import Role, User

    user, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"role": Role.ADMINISTRATOR, "is_superuser": True}
    )
    return user


def _staff():
    from moc_portal.users.models import Role, User
    from programs.models import Municipality

    municipality = Municipality.objects.order_by("pk").first()
    user, _ = User.objects.get_or_create(
        username="bench-staff", defaults={"role": Role.STAFF, "municipality": municipality}
    )
    return user


STEPS = {
    "export": measure_export,
    "baseline": measure_baseline,
    "import5k": lambda: measure_import(5_000),
    "import50k": lambda: measure_import(50_000),
    "import_groups5k": lambda: measure_import_groups(5_000),
}


def run_step(name: str) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, name], capture_output=True, text=True, timeout=900
    )
    if done.returncode:
        sys.exit(f"шаг {name} не удался:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1:  # one step, in its own process
        setup_django()
        print(json.dumps(STEPS[sys.argv[1]]()))
        return
    setup_django()
    from tests.bench.catalogue_data import ensure_catalogue_data

    ensure_catalogue_data()
    export = run_step("export")
    baseline = run_step("baseline")
    report("export_50k_s", export["seconds"], "s")
    report("export_50k_peak_mb", export["peak_mb"], "MB")
    report("export_baseline_50k_s", baseline["seconds"], "s")
    report("export_speedup", baseline["seconds"] / export["seconds"], "x")
    small = run_step("import5k")
    report("import_5k_s", small["seconds"], "s")
    report("import_5k_peak_mb", small["peak_mb"], "MB")
    large = run_step("import50k")
    report("import_50k_s", large["seconds"], "s")
    with_groups = run_step("import_groups5k")
    report("import_groups_5k_s", with_groups["seconds"], "s")


if __name__ == "__main__":
    main()
