"""Periods in the forms the seeds write them (seeds 000, 002, 003, 004)."""

from datetime import date

import pytest

from plans.periods import parse_period

ACADEMIC = {"plan_start": date(2022, 9, 1), "plan_end": date(2023, 8, 31)}
CALENDAR = {"plan_start": date(2020, 1, 1), "plan_end": date(2020, 12, 31)}


@pytest.mark.parametrize(
    ("text", "context", "start", "end"),
    [
        ("В течение года", ACADEMIC, date(2022, 9, 1), date(2023, 8, 31)),
        ("В течение периода", ACADEMIC, date(2022, 9, 1), date(2023, 8, 31)),
        ("В течение всего периода", ACADEMIC, date(2022, 9, 1), date(2023, 8, 31)),
        ("в течение 2020 года", {}, date(2020, 1, 1), date(2020, 12, 31)),
        ("Сентябрь-декабрь", ACADEMIC, date(2022, 9, 1), date(2022, 12, 31)),
        ("сентябрь - октябрь", ACADEMIC, date(2022, 9, 1), date(2022, 10, 31)),
        ("февраль-май", ACADEMIC, date(2023, 2, 1), date(2023, 5, 31)),
        ("Декабрь", ACADEMIC, date(2022, 12, 1), date(2022, 12, 31)),
        ("Март", ACADEMIC, date(2023, 3, 1), date(2023, 3, 31)),
        ("август", CALENDAR, date(2020, 8, 1), date(2020, 8, 31)),
        ("Октябрь 2020 г.", {}, date(2020, 10, 1), date(2020, 10, 31)),
        ("октябрь 2019 года", {}, date(2019, 10, 1), date(2019, 10, 31)),
        ("декабрь 2019 года", {}, date(2019, 12, 1), date(2019, 12, 31)),
        ("Август – сентябрь 2020 г.", {}, date(2020, 8, 1), date(2020, 9, 30)),
        ("Сентябрь - октябрь 2020 г.", {}, date(2020, 9, 1), date(2020, 10, 31)),
        ("октябрь – ноябрь 2019 года", {}, date(2019, 10, 1), date(2019, 11, 30)),
        ("январь-март 2020 года", {}, date(2020, 1, 1), date(2020, 3, 31)),
        ("январь – май 2020 года", {}, date(2020, 1, 1), date(2020, 5, 31)),
        ("октябрь - декабрь 2019 года", {}, date(2019, 10, 1), date(2019, 12, 31)),
        ("I квартал 2021 г.", {}, date(2021, 1, 1), date(2021, 3, 31)),
        ("IV квартал 2023 г.", {}, date(2023, 10, 1), date(2023, 12, 31)),
        ("IV квартал 2022 г.", {}, date(2022, 10, 1), date(2022, 12, 31)),
        (
            "до 01 ноября 2019 года",
            {"plan_start": date(2019, 9, 1)},
            date(2019, 9, 1),
            date(2019, 11, 1),
        ),
        ("до 01 ноября 2019 года", {}, date(2019, 11, 1), date(2019, 11, 1)),
        (
            "До конца 2020 г.",
            {"plan_start": date(2020, 9, 1)},
            date(2020, 9, 1),
            date(2020, 12, 31),
        ),
        ("до конца 2019 года", {}, date(2019, 12, 31), date(2019, 12, 31)),
        ("2020 г. - 2024 г.", {}, date(2020, 1, 1), date(2024, 12, 31)),
        ("2021 г.- 2022 г.", {}, date(2021, 1, 1), date(2022, 12, 31)),
        ("2021 г. - 2023 г.", {}, date(2021, 1, 1), date(2023, 12, 31)),
        ("2021 г.", {}, date(2021, 1, 1), date(2021, 12, 31)),
        ("17.09.2022", {}, date(2022, 9, 17), date(2022, 9, 17)),
    ],
)
def test_period_as_written_means_these_dates(text, context, start, end):
    period = parse_period(text, **context)
    assert (period.start, period.end) == (start, end)
    assert period.understood


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("по отдельному графику", ACADEMIC),
        ("В соответствии с Положениями конкурсов", ACADEMIC),
        ("", ACADEMIC),
        ("В течение года", {}),  # a whole plan period, but the plan has no dates
        ("Сентябрь-декабрь", {}),  # a month with no year and no plan to take it from
        ("31.02.2022", {}),
        ("до 31 июня 2020 года", {}),
    ],
)
def test_period_without_dates_is_kept_as_text_only(text, context):
    period = parse_period(text, **context)
    assert (period.start, period.end) == (None, None)
    assert not period.understood
