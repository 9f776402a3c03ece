"""Demo plans, item by item from the seeds: the work plan and media plan of seed 000
(Оренбург), the road map of seed 003 (Орск) and the network plan of seed 004 (Екатеринбург).

The rows are read from the seeds' own text (``plans.seed_tables``), the one copy of them.
"""

import random
from datetime import date, timedelta

from django.utils import timezone

from moc_portal.users.models import User
from programs.models import Municipality

from . import services
from .models import (
    Audience,
    Channel,
    Event,
    EventKind,
    ItemStatus,
    Plan,
    PlanItem,
    PlanKind,
    PlanState,
    Publication,
)
from .periods import parse_period
from .seed_tables import seed_table

PLANS = [
    {
        "table": "work_000",
        "municipality": ("Город Оренбург", "Оренбургская область", "53701000"),
        "header": "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА ОРЕНБУРГА\n"
        "Муниципальное автономное учреждение дополнительного образования "
        "«ДВОРЕЦ ТВОРЧЕСТВА ДЕТЕЙ И МОЛОДЕЖИ»",
        "place": "Оренбург",
        "kind": PlanKind.WORK,
        "title": "План работы муниципального опорного центра дополнительного образования детей "
        "г. Оренбурга Оренбургской области",
        "period": ("2022-2023 учебный год", date(2022, 9, 1), date(2023, 8, 31)),
        "agreed": ("Начальник управления образования администрации г. Оренбурга", "Л.О. Бебешко"),
        "approved": ("Директор МАУДО «Дворец творчества детей и молодежи»", "Т.М. Гринева"),
        "introduction": "Муниципальный опорный центр (МОЦ) создан на основании Распоряжения "
        "управления образования администрации города Оренбурга «О создании муниципального "
        "опорного центра дополнительного образования детей города Оренбурга» от 14.09.2020 г. "
        "на базе муниципального автономного учреждения дополнительного образования «Дворец "
        "творчества детей и молодежи».",
    },
    {
        "table": "media_000",
        "municipality": ("Город Оренбург", "Оренбургская область", "53701000"),
        "header": "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА ОРЕНБУРГА\n"
        "Муниципальное автономное учреждение дополнительного образования "
        "«ДВОРЕЦ ТВОРЧЕСТВА ДЕТЕЙ И МОЛОДЕЖИ»",
        "place": "Оренбург",
        "kind": PlanKind.MEDIA,
        "title": "Медиаплан освещения деятельности муниципального опорного центра "
        "дополнительного образования детей города Оренбурга Оренбургской области",
        "period": ("2022 год", date(2022, 1, 1), date(2022, 12, 31)),
        "agreed": ("Начальник управления образования администрации г. Оренбурга", "Л.О. Бебешко"),
        "approved": ("Директор МАУДО «Дворец творчества детей и молодежи»", "Т.М. Гринева"),
        "introduction": "",
    },
    {
        "table": "roadmap_003",
        "municipality": ("Город Орск", "Оренбургская область", "53723000"),
        "kind": PlanKind.ROADMAP,
        "title": "Дорожная карта по созданию и функционированию муниципального опорного центра "
        "дополнительного образования детей в г. Орске Оренбургской области на период до 2024 года",
        "period": ("2020–2024 годы", date(2020, 8, 1), date(2024, 12, 31)),
        "agreed": ("Начальник управления образования администрации г. Орска", "В.А. Коваленко"),
        "approved": ("Директор МАУДО «Дворец пионеров г. Орска»", "Н.П. Орлова"),
        "signed": date(2020, 9, 15),
        "introduction": "",
    },
    {
        "table": "network_004",
        "municipality": ("Город Екатеринбург", "Свердловская область", "65701000"),
        "kind": PlanKind.NETWORK,
        "title": "План мероприятий по созданию и обеспечению функционирования муниципальных "
        "опорных центров в МО «город Екатеринбург»",
        "period": ("2019/2020 учебный год", date(2019, 9, 1), date(2020, 8, 31)),
        "agreed": ("", ""),
        "approved": ("", ""),
        "introduction": "Основание разработки — план деятельности регионального модельного "
        "центра дополнительного образования детей Свердловской области.",
    },
]


def demo_plans_load(*, staff: User, administrator: User, home: Municipality) -> list[Plan]:
    """The seeds' plans in their own municipalities, executed as their years went, and this
    year's work plan of the demo municipality as a copy of Orenburg's."""
    rng = random.Random(2020)
    plans = []
    for spec in PLANS:
        name, region, oktmo = spec["municipality"]
        municipality, _ = Municipality.objects.get_or_create(
            oktmo=oktmo, defaults={"name": name, "region": region}
        )
        label, start, end = spec["period"]
        plan = Plan.objects.create(
            municipality=municipality,
            kind=spec["kind"],
            title=spec["title"],
            period_label=label,
            period_start=start,
            period_end=end,
            introduction=spec["introduction"],
            header=spec.get("header", ""),
            place=spec.get("place", ""),
            agreed_post=spec["agreed"][0],
            agreed_name=spec["agreed"][1],
            approved_post=spec["approved"][0],
            approved_name=spec["approved"][1],
            created_by=administrator,
        )
        PlanItem.objects.bulk_create(
            _item(plan, position, row) for position, row in enumerate(seed_table(spec["table"]))
        )
        if plan.agreed_name and plan.approved_name:
            plan.state = PlanState.APPROVED
            plan.agreed_date = plan.approved_date = spec.get("signed", start)
            plan.save()
            _execute(plan, rng)  # a plan in force is executed; an unsigned one is not
        plans.append(plan)

    work = plans[0]
    year = (
        timezone.localdate().year
        if timezone.localdate().month >= 9
        else (timezone.localdate().year - 1)
    )
    mine = services.plan_copy(
        user=administrator,
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
    plans.append(mine)
    _media_register(media=plans[1], work=work, user=administrator, rng=rng)
    _home_events(plan=mine, staff=staff)
    return plans


MEDIA_2022 = [
    # (item №, channel, month, title)
    ("1", Channel.PORTAL, 1, "Обновлён раздел «Нормативные документы» портала МОЦ"),
    ("1", Channel.PORTAL, 3, "На портале МОЦ открыт раздел «Методическая копилка»"),
    ("1", Channel.PORTAL, 9, "Портал МОЦ: новый учебный год — новые программы"),
    ("2", Channel.PORTAL, 2, "«Успех каждого ребенка»: как записаться в кружок через Навигатор"),
    ("2", Channel.PORTAL, 4, "Сертификат дополнительного образования: ответы на вопросы родителей"),
    ("2", Channel.SOCIAL, 5, "Летние программы дополнительного образования: подборка МОЦ"),
    ("2", Channel.PORTAL, 8, "Запись в объединения на новый учебный год открыта"),
    ("3", Channel.SOCIAL, 2, "Пресс-релиз: семинар для координаторов «Навигатора»"),
    ("3", Channel.SOCIAL, 3, "Пост-релиз: итоги семинара для координаторов"),
    (
        "3",
        Channel.PRESS,
        4,
        "Пресс-релиз о методической неделе педагогов дополнительного образования",
    ),
    ("3", Channel.SOCIAL, 10, "Пост-релиз: муниципальный конкурс программ «Новый формат»"),
    ("3", Channel.SOCIAL, 11, "Пресс-релиз: совещание руководителей организаций"),
    ("4", Channel.PRINT, 3, "Буклет «Муниципальный опорный центр: кто мы и чем помогаем»"),
    ("4", Channel.PRINT, 8, "Листовка для родителей «Как выбрать кружок ребёнку»"),
    ("5", Channel.PRESS, 5, "Статья в газете «Вечерний Оренбург» о работе МОЦ"),
    ("5", Channel.VIDEO, 6, "Видеоролик «Один день в технопарке»"),
    ("5", Channel.VIDEO, 11, "Видеоролик о победителях конкурса «Новый формат»"),
    ("6", Channel.PORTAL, 12, "Отчёт о реализации медиаплана за 2022 год"),
]


def _media_register(*, media: Plan, work: Plan, user: User, rng: random.Random) -> None:
    """The media plan's year as a register of publications, and the events of the work plan."""
    items = {item.number: item for item in media.items.all()}
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
    work_items = {item.number: item for item in work.items.all()}
    events = [
        (
            "9",
            EventKind.MEETING,
            date(2022, 9, 20),
            "Инструктивное совещание ответственных за работу в «Навигаторе»",
            [Audience.MANAGERS],
            42,
        ),
        (
            "9",
            EventKind.MEETING,
            date(2023, 1, 24),
            "Совещание ответственных за «Навигатор»: приём заявок на второе полугодие",
            [Audience.MANAGERS],
            38,
        ),
        (
            "3",
            EventKind.SEMINAR,
            date(2022, 10, 18),
            "Семинар «Подготовка программ к независимой оценке качества»",
            [Audience.TEACHERS],
            57,
        ),
        (
            "3",
            EventKind.METHODICAL_WEEK,
            date(2022, 11, 14),
            "Методическая неделя педагогов дополнительного образования",
            [Audience.TEACHERS],
            120,
        ),
    ]
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
        for number, kind, day, title, audience, participants in events
    )


def _home_events(*, plan: Plan, staff: User) -> None:
    """This year's events of the demo centre, public ones for the portal's calendar."""
    start = plan.period_start
    items = {item.number: item for item in plan.items.all()}
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


def _item(plan: Plan, position: int, row) -> PlanItem:
    number, title, period_text, responsible, result = row
    period = parse_period(period_text, plan_start=plan.period_start, plan_end=plan.period_end)
    return PlanItem(
        plan=plan,
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
    """Marks as a centre leaves them: most finished items done with a result, a few not."""
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
