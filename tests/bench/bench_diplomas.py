"""Contest diplomas benchmark (issue 32): one PDF of 2,000 diplomas and certificates, built
as the worker builds it (``plans.contests.tasks.contest_diplomas_build``: the pages' data
from the database, one WeasyPrint render, the file saved into the storage).

    python tests/bench/bench_diplomas.py      (or: make bench)

Prints BENCH contest_diplomas_2000_s (must stay ≤ 60 s).
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.setup_bench import report, setup_django

SIZE = 2_000
TITLE = "Конкурс для замера дипломов"
SURNAMES = [("Иванова", "Мария", "Петровна"), ("Петров", "Илья", "Сергеевич")]


def ensure_contest():
    """A municipal contest with ``SIZE`` placed individual entries of one child each."""
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from plans.contests.models import (
        AgeCategory,
        Contest,
        Entry,
        EntryState,
        Nomination,
        Participant,
        Placement,
    )
    from programs.identifiers import inn_with_check, ogrn_with_check
    from programs.models import Municipality, Organisation

    contest = Contest.objects.filter(title=TITLE).first()
    if contest and contest.entries.count() == SIZE:
        return contest
    today = timezone.localdate()
    with transaction.atomic():
        if contest:
            contest.delete()
        municipality, _ = Municipality.objects.get_or_create(
            name="Район для замера дипломов", defaults={"region": "Область", "oktmo": "42999001"}
        )
        organisation = Organisation.objects.filter(municipality=municipality).first()
        if organisation is None:
            organisation = Organisation.objects.create(
                municipality=municipality,
                full_name="МБОУ СШ № 1 для замера",
                short_name="МБОУ СШ № 1",
                inn=inn_with_check("482999001"),
                ogrn=ogrn_with_check("102482999001"),
                address="ул. Школьная, д. 1",
            )
        contest = Contest.objects.create(
            municipality=municipality,
            level="municipal",
            audience="children",
            title=TITLE,
            state="results",
            applications_from=today - timedelta(days=30),
            applications_to=today - timedelta(days=20),
            judging_from=today - timedelta(days=19),
            judging_to=today - timedelta(days=2),
            results_on=today - timedelta(days=1),
            results_fixed_at=timezone.now(),
        )
        nominations = [
            Nomination.objects.create(contest=contest, position=n, title=f"Номинация {n}")
            for n in (1, 2)
        ]
        category = AgeCategory.objects.create(
            contest=contest, title="7–10 лет", age_from=7, age_to=10
        )
        places = [Placement.WINNER, Placement.SECOND, Placement.THIRD, *[Placement.PARTICIPANT] * 7]
        entries = Entry.objects.bulk_create(
            Entry(
                contest=contest,
                organisation=organisation,
                nomination=nominations[n % 2],
                age_category=category,
                code=f"Z-{n:05d}",
                state=EntryState.ADMITTED,
                placement=places[n % len(places)],
                rank=n % len(places) + 1,
            )
            for n in range(SIZE)
        )
        Participant.objects.bulk_create(
            Participant(
                entry=entry,
                kind="child",
                surname=SURNAMES[n % 2][0],
                name=SURNAMES[n % 2][1],
                patronymic=SURNAMES[n % 2][2],
                teacher_name="Петрова Анна Ивановна",
            )
            for n, entry in enumerate(entries)
        )
    return contest


def main() -> None:
    setup_django()
    from django.core.files.storage import default_storage

    from plans.contests import diplomas

    contest = ensure_contest()
    default_storage.delete(diplomas.stored_name(contest))
    started, cpu = time.monotonic(), time.process_time()
    name = diplomas.diplomas_build(contest.pk)
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
    size = default_storage.size(name)
    default_storage.delete(name)
    # The process's own CPU time: the wall time above also holds what a busy machine's other
    # processes took from it.
    print(f"# {SIZE} pages, {size // 1024} KiB, CPU {cpu:.1f} s", flush=True)
    report(f"contest_diplomas_{SIZE}_s", elapsed, "s")


if __name__ == "__main__":
    main()
