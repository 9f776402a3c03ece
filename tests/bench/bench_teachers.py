"""The teachers' import (issue 33): 5,000 teachers with their courses, from one file.

    python tests/bench/bench_teachers.py      (or: make bench)

Prints BENCH teachers_import_5k_s: reading, checking and writing a file of the municipality's
staff with 5,000 teachers of 50 organisations, each with a course and every second one with a
second course (7,500 rows), from the file's bytes to the rows written (the issue asks for at
most 10 s). Everything it creates is rolled back at the end.
"""

import io
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.setup_bench import report, setup_django

TEACHERS = 5_000
ORGANISATIONS = 50


def teachers_file(organisations) -> bytes:
    from openpyxl import Workbook

    from plans.development.imports import columns_for

    head = [column.header for column in columns_for(True)]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Педагоги")
    sheet.append(["Педагоги"])
    sheet.append(head)
    for n in range(TEACHERS):
        base = {
            "Организация": organisations[n % ORGANISATIONS].inn,
            "Фамилия": f"Фамилия{n}",
            "Имя": "Наталья",
            "Отчество": "Александровна",
            "Должность": "педагог дополнительного образования",
            "Категория": "первая",
            "Дата присвоения категории": date(2021, 5, 1),
            "Стаж, лет": 12,
            "Направленности": "Техническая; Художественная",
            "Вид курса": "Повышение квалификации (КПК)",
            "Организация обучения": "ГАУДПО ЛО ИРО",
            "Часов": 72,
        }
        for k in range(1 + n % 2):
            start = date(2022 + k, 3, 1) + timedelta(days=n % 200)
            course = {
                "Программа курса": f"Программа {k}",
                "Начало курса": start,
                "Окончание курса": start + timedelta(days=20),
            }
            sheet.append([{**base, **course}.get(name) for name in head])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    setup_django()
    from django.db import transaction

    from moc_portal.users.models import Role, User
    from plans.development import imports
    from plans.development.models import Course
    from programs.staffing.models import Teacher
    from tests.programs.factories import (
        MunicipalityFactory,
        OrganisationFactory,
        inn_with_check,
        ogrn_with_check,
    )

    with transaction.atomic():
        municipality = MunicipalityFactory(
            name="Бенчмарк педагогов", oktmo="99990000", slug="bench-teachers"
        )
        organisations = [
            OrganisationFactory(
                municipality=municipality,
                short_name=f"Школа бенчмарка № {n}",
                inn=inn_with_check(f"{779000000 + n}"),
                ogrn=ogrn_with_check(f"{102779000000 + n}"),
            )
            for n in range(ORGANISATIONS)
        ]
        staff = User.objects.create(
            username="bench-teachers-staff", role=Role.STAFF, municipality=municipality
        )
        data = teachers_file(organisations)
        started = time.perf_counter()
        result = imports.teachers_import(data, user=staff)
        seconds = time.perf_counter() - started
        assert not result.errors, result.errors[:3]
        assert Teacher.objects.filter(organisation__municipality=municipality).count() == TEACHERS
        assert Course.objects.filter(teacher__organisation__municipality=municipality).count() == (
            TEACHERS * 3 // 2
        )
        transaction.set_rollback(True)
    report("teachers_import_5k_s", seconds, "s")


if __name__ == "__main__":
    main()
