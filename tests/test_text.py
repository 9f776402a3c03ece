"""The academic year comes from one place."""

from datetime import date

import pytest

from moc_portal.core.academic import academic_year, academic_year_start


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
