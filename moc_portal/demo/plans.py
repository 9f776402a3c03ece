"""Demo plans, item by item from the seeds: the work plan and media plan of seed 000
(Оренбург), the road map of seed 003 (Орск) and the network plan of seed 004 (Екатеринбург).

The rows are read from the seeds' own text (``seed_tables``), the one copy of them.
"""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from moc_portal.core.academic import academic_year_start
from moc_portal.users.models import User
from plans import services
from plans.models import (
    Audience,
    Event,
    EventKind,
    ItemStatus,
    Plan,
    PlanItem,
    PlanSection,
    PlanState,
    Publication,
    YearWord,
)
from plans.periods import parse_period
from programs.models import Municipality

from .plans_data import MEDIA_2022, ORENBURG_EVENTS_2022, PLANS, ZADONSK_2022
from .seed_tables import seed_execution, seed_table


def demo_plans_load(*, staff: User, administrator: User, home: Municipality) -> list[Plan]:
    """The seeds' plans in their own municipalities, dated and executed as their years went;
    Задонский район's 2022–2023 plan with seed 002's results; and this year's work plan of
    the demo municipality as a copy of Orenburg's."""
    rng = random.Random(2020)
    plans = []
    for spec in PLANS:
        plan = _seed_plan(spec, plans, administrator)
        if plan.state == PlanState.APPROVED:
            _execute(plan, rng)
        plans.append(plan)
    plans.append(_zadonsk_2022(home, administrator))
    work = plans[0]
    mine = _this_year(work, home, administrator)
    plans.append(mine)
    _media_register(media=plans[1], work=work, user=administrator, rng=rng)
    _home_events(plan=mine, staff=staff)
    return plans


def _seed_plan(spec: dict, plans: list[Plan], user: User) -> Plan:
    """One seed's plan in its own municipality, its items from the seed's table, dated the
    day it was decided."""
    name, region, oktmo = spec["municipality"]
    municipality, _ = Municipality.objects.get_or_create(
        oktmo=oktmo, defaults={"name": name, "region": region}
    )
    label, start, end = spec["period"]
    agreed = spec.get("agreed", ("«СОГЛАСОВАНО»", "", "", None))
    approved = spec.get("approved", ("«УТВЕРЖДАЮ»", "", "", None))
    plan = Plan.objects.create(
        municipality=municipality,
        kind=spec["kind"],
        title=spec["title"],
        cover_title=spec.get("cover_title", ""),
        period_label=label,
        period_start=start,
        period_end=end,
        introduction=spec.get("introduction", ""),
        footnote=spec.get("footnote", ""),
        header=spec.get("header", ""),
        place=spec.get("place", ""),
        agreed_label=agreed[0],
        agreed_post=agreed[1],
        agreed_name=agreed[2],
        agreed_date=agreed[3],
        approved_label=approved[0],
        approved_post=approved[1],
        approved_name=approved[2],
        approved_date=approved[3],
        year_word=spec.get("year_word", YearWord.SHORT),
        state=spec.get("state", PlanState.DRAFT),
        bound_to=plans[spec["bound_to"]] if "bound_to" in spec else None,
        document_position=spec.get("position", 1),
        created_by=user,
    )
    bulk_create_with_history(
        [_item(plan, position, row) for position, row in enumerate(seed_table(spec["table"]))],
        PlanItem,
        default_date=_at(spec["decided"], 10),
    )
    _dated(plan, spec["decided"])
    return plan


def _this_year(work: Plan, home: Municipality, user: User) -> Plan:
    """This academic year's work plan of the demo municipality, copied from Orenburg's."""
    year = academic_year_start().year
    mine = services.plan_copy(
        user=user,
        plan=work,
        title="План работы муниципального опорного центра дополнительного образования детей "
        "Задонского района",
        period_label=f"{year}-{year + 1} учебный год",
        period_start=date(year, 9, 1),
        period_end=date(year + 1, 8, 31),
        into=home,
    )
    Plan.objects.filter(pk=mine.pk).update(
        agreed_post="Начальник отдела образования администрации Задонского муниципального района",
        introduction="МОЦ Задонского района создан на базе МБО ДО Задонский Дом школьника "
        "г. Задонска Липецкой области.",
    )
    mine.refresh_from_db()
    return mine


def _zadonsk_2022(home: Municipality, user: User) -> Plan:
    """Seed 002's «Выполнение плана работы по внедрению Целевой модели»: the plan of
    2022–2023, its five sections and eighteen items done with the results the report gives."""
    plan = Plan.objects.create(
        municipality=home,
        **ZADONSK_2022,
        **services.letterhead_defaults(home),
        state=PlanState.APPROVED,
        created_by=user,
    )
    section, done = None, []
    for position, row in enumerate(seed_execution()):
        if len(row) == 1:
            number, title = row[0].split(" ", 1)
            section = PlanSection.objects.create(
                plan=plan, position=position, number=number, title=title
            )
            continue
        number, title, period_text, result = row
        item = _item(plan, position, [number, title, period_text, "", ""], section=section)
        item.save()
        item.history.update(history_date=_at(plan.period_start - timedelta(days=1), 10))
        done.append((item, result))
    _dated(plan, plan.period_start - timedelta(days=1))
    for item, result in done:  # marked done when each ended, with the result seed 002 gives
        item.status = ItemStatus.DONE
        item.result_quantitative = result
        item.save()
        item.history.filter(history_type="~").update(
            history_date=_at(min(item.ends_on or plan.period_end, plan.period_end), 17)
        )
    return plan


def _dated(plan: Plan, day: date) -> None:
    """The plan's record as of the day it was put in: its history shows that day, not the
    moment the demo was loaded."""
    moment = _at(day, 10)
    Plan.objects.filter(pk=plan.pk).update(created_at=moment)
    plan.history.update(history_date=moment)


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _media_register(*, media: Plan, work: Plan, user: User, rng: random.Random) -> None:
    """The media plan's year as a register of publications, and the events of the work plan."""
    items = {item.number.rstrip("."): item for item in media.items.all()}
    Publication.objects.bulk_create(
        Publication(
            municipality=media.municipality,
            item=items[number],
            published_on=date(2022, month, rng.randint(3, 27)),
            channel=channel,
            title=title,
            url=f"https://moc-orenburg.example/news/2022/{index}/" if channel == "portal" else "",
            created_by=user,
        )
        for index, (number, channel, month, title) in enumerate(MEDIA_2022, start=1)
    )
    work_items = {item.number.rstrip("."): item for item in work.items.all()}
    Event.objects.bulk_create(
        Event(
            municipality=work.municipality,
            item=work_items[number],
            kind=kind,
            title=title,
            starts_on=day,
            ends_on=day + timedelta(days=4) if kind == EventKind.METHODICAL_WEEK else None,
            place="МАУДО «Дворец творчества детей и молодежи», ул. Пушкинская, 46",
            audience=audience,
            participants=participants,
            result="Проведено; материалы размещены на портале МОЦ.",
            created_by=user,
        )
        for number, kind, day, title, audience, participants in ORENBURG_EVENTS_2022
    )


def _home_events(*, plan: Plan, staff: User) -> None:
    """This year's events of the demo centre, public ones for the portal's calendar."""
    start = plan.period_start
    items = {item.number.rstrip("."): item for item in plan.items.all()}
    events = [
        (
            "9",
            EventKind.SEMINAR,
            start + timedelta(days=19),
            "Семинар для ответственных за «Навигатор» в школах района",
            [Audience.MANAGERS, Audience.TEACHERS],
            31,
            False,
        ),
        (
            "3",
            EventKind.CONTEST,
            start + timedelta(days=60),
            "Муниципальный конкурс дополнительных общеобразовательных программ «Новый формат»",
            [Audience.TEACHERS],
            18,
            True,
        ),
        (
            "6",
            EventKind.FESTIVAL,
            start + timedelta(days=95),
            "Фестиваль детского технического творчества «Твори, выдумывай, пробуй»",
            [Audience.CHILDREN, Audience.PARENTS],
            None,
            True,
        ),
        (
            "10",
            EventKind.MEETING,
            start + timedelta(days=150),
            "Родительское собрание «Как записать ребёнка в кружок через Навигатор»",
            [Audience.PARENTS],
            None,
            True,
        ),
    ]
    for number, kind, day, title, audience, participants, public in events:
        services.event_save(
            user=staff,
            event=Event(
                municipality=plan.municipality,
                item=items.get(number),
                kind=kind,
                title=title,
                starts_on=day,
                place="МБО ДО Задонский Дом школьника, г. Задонск, ул. Крупской, 9",
                audience=audience,
                participants=participants if day < timezone.localdate() else None,
                is_public=public,
            ),
        )


def _item(plan: Plan, position: int, row, *, section=None) -> PlanItem:
    number, title, period_text, responsible, result = row
    period = parse_period(period_text, plan_start=plan.period_start, plan_end=plan.period_end)
    return PlanItem(
        plan=plan,
        section=section,
        position=position,
        number=number,
        title=title,
        period_text=period_text,
        starts_on=period.start,
        ends_on=period.end,
        responsible=responsible,
        expected_result=result,
    )


def _execute(plan: Plan, rng: random.Random) -> None:
    """Marks as a centre leaves them: most finished items done with a result, a few not, each
    marked in its history on the day the item ended."""
    today = timezone.localdate()
    for item in plan.items.all():
        if item.ends_on and item.ends_on < today:
            if rng.random() < 0.85:
                item.status = ItemStatus.DONE
                item.result_quantitative = (
                    item.expected_result if item.expected_result != "-" else ""
                )
                item.result_qualitative = "Выполнено в срок; материалы размещены на портале МОЦ."
            else:
                item.status = ItemStatus.NOT_DONE
                item.result_qualitative = "Перенесено на следующий период."
        elif item.starts_on and item.starts_on <= today:
            item.status = ItemStatus.IN_PROGRESS
        item.save()
        day = min(item.ends_on or today, today)
        item.history.filter(history_type="~").update(history_date=_at(day, 17))
