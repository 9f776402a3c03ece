"""The demo plans' data, from the seeds: which plan of which municipality, its period,
approval and table (seed 000 Оренбург, 003 Орск, 004 Екатеринбург, 002 Задонский район), and
the Orenburg media plan's publications and work plan's events of 2022–2023. A table of data,
read by ``plans``.
"""

from datetime import date

from plans.models import Audience, Channel, EventKind, PlanKind, PlanState, Seal, YearWord

from .seed_tables import SEED_000, SEED_004, seed_text

ORENBURG = {
    "municipality": ("Город Оренбург", "Оренбургская область", "53701000"),
    "header": "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ\nАДМИНИСТРАЦИИ ГОРОДА ОРЕНБУРГА\n"
    "Муниципальное автономное учреждение дополнительного образования\n"
    "«ДВОРЕЦ ТВОРЧЕСТВА ДЕТЕЙ И МОЛОДЕЖИ»",
    "place": "Оренбург",
    "agreed": (
        Seal.AGREED_QUOTED,
        "Начальник управления образования\nадминистрации г. Оренбурга",
        "Л.О. Бебешко",
        None,  # the seed leaves the dates to be written in by hand: «_____ 2022 г.»
    ),
    "approved": (
        Seal.APPROVE_QUOTED,
        "Директор МАУДО «Дворец творчества\nдетей и молодежи»",
        "Т.М. Гринева",
        None,
    ),
    "state": PlanState.APPROVED,
    "decided": date(2022, 9, 1),
}

# Seed 000 is one document: the media plan and the work plan under one header, one approval
# block and the cover «План деятельности … на 2022-2023 учебный год» with its introduction.
PLANS = [
    {
        **ORENBURG,
        "table": "work_000",
        "kind": PlanKind.WORK,
        "title": "План работы муниципального опорного центра дополнительного образования детей "
        "г. Оренбурга Оренбургской области на 2022 год",
        "cover_title": "План деятельности муниципального опорного центра на 2022-2023 учебный год",
        "introduction": seed_text(SEED_000, "ВВЕДЕНИЕ", "Медиаплан освещения"),
        "period": ("2022-2023 учебный год", date(2022, 9, 1), date(2023, 8, 31)),
        "position": 2,
    },
    {
        **ORENBURG,
        "table": "media_000",
        "kind": PlanKind.MEDIA,
        "title": "Медиаплан освещения деятельности муниципального опорного центра "
        "дополнительного образования детей города Оренбурга Оренбургской области на 2022 год",
        "period": ("2022 год", date(2022, 1, 1), date(2022, 12, 31)),
        "bound_to": 0,  # printed in the work plan's document, before it
        "position": 1,
    },
    {
        "table": "roadmap_003",
        "municipality": ("Город Орск", "Оренбургская область", "53723000"),
        "kind": PlanKind.ROADMAP,
        "title": "Дорожная карта по созданию и функционированию муниципального опорного центра "
        "дополнительного образования детей в г. Орске Оренбургской области на период до 2024 года",
        "period": ("2020–2024 годы", date(2020, 8, 1), date(2024, 12, 31)),
        "agreed": (
            Seal.AGREED,
            "Начальник управления образования\nадминистрации г. Орска",
            "В.А. Коваленко",
            date(2020, 9, 15),
        ),
        "approved": (
            Seal.APPROVED,
            "Директор МАУДО\n«Дворец пионеров г. Орска»",
            "Н.П. Орлова",
            date(2020, 9, 15),
        ),
        "year_word": YearWord.LONG,
        "state": PlanState.APPROVED,
        "decided": date(2020, 9, 15),
    },
    {
        "table": "network_004",
        "municipality": ("Город Екатеринбург", "Свердловская область", "65701000"),
        "kind": PlanKind.NETWORK,
        "title": "ПЛАН* мероприятий по созданию и обеспечению функционирования муниципальных "
        "опорных центров в МО «город Екатеринбург» на 2019/2020 учебный год",
        "period": ("2019/2020 учебный год", date(2019, 9, 1), date(2020, 8, 31)),
        "footnote": seed_text(SEED_004, "*Основание разработки"),
        "decided": date(2019, 9, 1),
    },
]
ZADONSK_2022 = {
    "kind": PlanKind.WORK,
    "title": "План работы по внедрению Целевой модели",
    "period_label": "2022-2023 учебный год",
    "period_start": date(2022, 9, 1),
    "period_end": date(2023, 8, 31),
    "agreed_post": "Начальник отдела образования администрации Задонского муниципального района",
    "columns": "№ пп\nНаименование мероприятия\nСроки\nОтветственный\nРезультат",
}


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


# The work plan's events of 2022–2023 (seed 000): item number, kind, day, title, audience,
# participants.
ORENBURG_EVENTS_2022 = [
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
