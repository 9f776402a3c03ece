"""Russian plural forms come from one helper (``ru_plural``/``ru_count`` and the template
filter), and the academic year from one place."""

from datetime import date

import pytest

from moc_portal.core.academic import academic_year, academic_year_start
from moc_portal.core.text import ru_count, ru_plural

FORMS = "программа,программы,программ"


@pytest.mark.parametrize(
    "number, word",
    [
        (0, "программ"),
        (1, "программа"),
        (2, "программы"),
        (4, "программы"),
        (5, "программ"),
        (11, "программ"),
        (12, "программ"),
        (14, "программ"),
        (21, "программа"),
        (22, "программы"),
        (111, "программ"),
        (163, "программы"),
        (164, "программы"),
        (165, "программ"),
    ],
)
def test_plural_forms(number, word):
    assert ru_plural(number, FORMS) == word
    assert ru_count(number, FORMS) == f"{number} {word}"


@pytest.mark.parametrize(
    "day, year",
    [
        (date(2026, 8, 31), "2025/2026"),
        (date(2026, 9, 1), "2026/2027"),
        (date(2026, 11, 29), "2026/2027"),
        (date(2027, 1, 15), "2026/2027"),
    ],
)
def test_academic_year(day, year):
    assert academic_year(day) == year
    assert academic_year_start(day).year == int(year[:4])
