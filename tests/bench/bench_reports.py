"""Yearly report benchmark (issue 8): building the report of a municipality with 50,000
published programmes, and the queries it takes at 1,000 and at 50,000.

    python tests/bench/bench_reports.py      (or: make bench)

Prints BENCH lines: report_50k_s (the whole build: registry tables as of a date, the
assessment figures, the snapshot saved), report_queries_1k and report_queries_50k (they
must be equal: the database counts, Python never walks the programmes).
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.setup_bench import report, setup_django

SIZES = {"1k": 1_000, "50k": 50_000}


def ensure_municipality(size: int):
    """A municipality of its own with ``size`` published programmes, each with its approval
    recorded, across organisations of every kind."""
    import random

    from django.db import transaction
    from django.utils import timezone

    from programs.choices import Focus, LegalForm, OrganisationType, Ownership, ProgramStatus
    from programs.identifiers import inn_with_check, ogrn_with_check
    from programs.models import Municipality, Organisation, Program, ProgramTransition

    name = f"Район для отчёта на {size} программ"
    municipality = Municipality.objects.filter(name=name).first()
    if (
        municipality
        and Program.objects.filter(organisation__municipality=municipality).count() == size
    ):
        return municipality
    started = time.monotonic()
    rng = random.Random(size)
    with transaction.atomic():
        if municipality:
            Program.objects.filter(organisation__municipality=municipality).delete()
            Organisation.objects.filter(municipality=municipality).delete()
        else:
            municipality = Municipality.objects.create(
                name=name, region="Область", oktmo=f"{90000000 + size % 10_000_000:08d}"[:8]
            )
        organisations = Organisation.objects.bulk_create(
            Organisation(
                municipality=municipality,
                full_name=f"Организация № {i + 1}",
                short_name=f"Организация № {i + 1}",
                org_type=rng.choice(OrganisationType.values),
                legal_form=rng.choice([LegalForm.BUDGETARY, LegalForm.AUTONOMOUS]),
                ownership=rng.choice([Ownership.MUNICIPAL, Ownership.REGIONAL]),
                inn=inn_with_check(f"{490000000 + size + i}"),
                ogrn=ogrn_with_check(f"{102490000000 + size + i}"),
                address="ул. Школьная, д. 1",
            )
            for i in range(max(size // 250, 4))
        )
        now = timezone.now()
        for start in range(0, size, 5000):
            programs = Program.objects.bulk_create(
                Program(
                    organisation=organisations[n % len(organisations)],
                    academic_year="2025/2026",
                    status=ProgramStatus.PUBLISHED,
                    name=f"Программа {n}",
                    short_description="Описание.",
                    content="Содержание.",
                    goals="Цели.",
                    expected_results="Результаты.",
                    focus=rng.choice(Focus.values),
                    level="basic",
                    age_from=7,
                    age_to=12,
                    duration_months=9,
                    duration_hours=72,
                    aids_career_guidance=rng.random() < 0.05,
                    uses_distance_technologies=rng.random() < 0.02,
                    ovz_suitable=False,
                    funding_budget=True,
                )
                for n in range(start, min(start + 5000, size))
            )
            ProgramTransition.objects.bulk_create(
                ProgramTransition(
                    program=p,
                    from_status=ProgramStatus.ON_MODERATION,
                    to_status=ProgramStatus.PUBLISHED,
                    created_at=now,
                )
                for p in programs
            )
    print(f"# {size} programmes generated in {time.monotonic() - started:.0f} s", flush=True)
    return municipality


def main() -> None:
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from reports import services
    from reports.models import YearlyReport

    municipalities = {label: ensure_municipality(size) for label, size in SIZES.items()}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    print(f"# database: {connection.vendor}", flush=True)
    for label, municipality in municipalities.items():
        YearlyReport.objects.filter(municipality=municipality).delete()
        built = YearlyReport.objects.create(
            municipality=municipality, academic_year="2025/2026", as_of=timezone.localdate()
        )
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            services.yearly_report_build(built.pk)
            seconds = time.perf_counter() - started
        built.refresh_from_db()
        assert built.data["programs"]["total"] == SIZES[label], built.data["programs"]
        report(f"report_queries_{label}", len(queries), "queries")
        if label == "50k":
            report("report_50k_s", seconds, "s")


if __name__ == "__main__":
    main()
