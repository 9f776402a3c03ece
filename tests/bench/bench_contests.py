"""Contests benchmark (issue 32): a participants list of 2,000 children imported from the
contest's own Excel template, read, checked and written (rolled back at the end).

    python tests/bench/bench_contests.py      (or: make bench)

Prints BENCH contest_import_2000_s: the seconds from the file's bytes to the entries written
(the issue asks for at most 5 s). h-judge adds the diplomas' figure in bench_diplomas.py.
"""

import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.setup_bench import report, setup_django

ROWS = 2000


def participants_file(contest, user) -> bytes:
    from openpyxl import load_workbook

    from plans.contests import imports
    from tests.contests.apply_helpers import born

    book = load_workbook(io.BytesIO(imports.template(contest, user)))
    sheet = book[imports.SHEET]
    sheet.delete_rows(3)
    nominations = [n.title for n in contest.nominations.all()]
    for index in range(ROWS):
        team = f"Команда {index // 10}" if index % 10 in (8, 9) else ""
        young = index % 2 == 0 or bool(team)
        birth = born(8 if young else 13, contest, days=index % 300)
        sheet.append(
            [
                nominations[0 if team else index % len(nominations)],
                "Младшая" if young else "Старшая",
                team,
                f"Участникова{index}",
                "Мария",
                "Сергеевна",
                birth.strftime("%d.%m.%Y"),
                f"{index % 11 + 1} класс",
                "Петрова Анна Ивановна",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    setup_django()
    from django.db import transaction

    from plans.contests import imports
    from plans.contests.models import Participant
    from tests.contests.apply_helpers import make_contest
    from tests.programs.factories import OrganisationFactory

    with transaction.atomic():
        from tests.factories import UserFactory

        coordinator = UserFactory(username="bench-contest-coordinator")
        organisation = OrganisationFactory(coordinators=[coordinator])
        contest = make_contest(organisation.municipality, title="Бенчмарк конкурса")
        data = participants_file(contest, coordinator)
        started = time.perf_counter()
        entries = imports.import_participants(
            user=coordinator, contest=contest, organisation=organisation, data=data
        )
        seconds = time.perf_counter() - started
        written = Participant.objects.filter(entry__contest=contest).count()
        assert written == ROWS, written
        print(f"# {len(entries)} entries, {written} participants, {len(data)} bytes")
        transaction.set_rollback(True)
    report("contest_import_2000_s", seconds, "s")


if __name__ == "__main__":
    main()
