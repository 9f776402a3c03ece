"""Demo registry modelled on seed 002: the yearly report of the МОЦ of Задонский район.

17 organisations (4 of supplementary education, 7 general schools, 4 preschools, one
autonomous institution, one state special boarding school) and 163 published programmes:
37 technical, 2 tourism, 47 sport, 41 arts, 17 natural science, 19 social; 6 for career
self-determination, 1 distance, 8 for children with disabilities. Everything is created through
the services, so the demo goes through the same rules and moderation a real centre does.
"""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from moc_portal.core.academic import academic_year_start
from moc_portal.core.text import ru_count
from moc_portal.users.models import Role, User
from programs import services
from programs.choices import (
    Department,
    Focus,
    GroupFunding,
    LegalForm,
    Level,
    OrganisationType,
    OvzCategory,
    Ownership,
    ProgramStatus,
    ProgramType,
    Registry,
    StudyForm,
)
from programs.identifiers import inn_with_check, ogrn_with_check
from programs.models import (
    Centre,
    Municipality,
    Organisation,
    Program,
    ProgramGroup,
    ProgramTransition,
    PublishedProgram,
    Specialisation,
)

ACADEMIC_YEAR = "2022/2023"
DEMO_PASSWORD = "moc-demo-2026"
OKTMO = "42624000"

# (short name, full name, type, department, legal form, ownership, address, programmes by focus)
ORGANISATIONS = [
    (
        "МБО ДО Задонский Дом школьника",
        "Муниципальная бюджетная организация дополнительного образования Задонский Дом "
        "школьника г. Задонска Липецкой области",
        OrganisationType.SUPPLEMENTARY,
        Department.EDUCATION,
        LegalForm.BUDGETARY,
        Ownership.MUNICIPAL,
        "399200, Липецкая обл., г. Задонск, ул. Советская, д. 12",
        {
            Focus.TECHNICAL: 6,
            Focus.ARTS: 10,
            Focus.SOCIAL: 7,
            Focus.NATURAL_SCIENCE: 3,
            Focus.TOURISM: 2,
        },
    ),
    (
        "МБУ ДО ДЮСШ г. Задонска",
        "Муниципальное бюджетное учреждение дополнительного образования «Детско-юношеская "
        "спортивная школа» г. Задонска",
        OrganisationType.SUPPLEMENTARY,
        Department.EDUCATION,
        LegalForm.BUDGETARY,
        Ownership.MUNICIPAL,
        "399200, Липецкая обл., г. Задонск, ул. Крупской, д. 40",
        {Focus.SPORT: 22},
    ),
    (
        "МБУ ДО ДШИ г. Задонска",
        "Муниципальное бюджетное учреждение дополнительного образования «Детская школа "
        "искусств» г. Задонска",
        OrganisationType.SUPPLEMENTARY,
        Department.CULTURE,
        LegalForm.BUDGETARY,
        Ownership.MUNICIPAL,
        "399200, Липецкая обл., г. Задонск, ул. Коммуны, д. 5",
        {Focus.ARTS: 14},
    ),
    (
        "МБУ ДО ЦДТТ г. Задонска",
        "Муниципальное бюджетное учреждение дополнительного образования «Центр детского "
        "технического творчества» г. Задонска",
        OrganisationType.SUPPLEMENTARY,
        Department.EDUCATION,
        LegalForm.BUDGETARY,
        Ownership.MUNICIPAL,
        "399200, Липецкая обл., г. Задонск, ул. Степанищева, д. 3",
        {Focus.TECHNICAL: 16, Focus.NATURAL_SCIENCE: 2},
    ),
    *[
        (
            short,
            f"Муниципальное бюджетное общеобразовательное учреждение «Средняя школа {place}» "
            "Задонского муниципального района Липецкой области",
            OrganisationType.GENERAL,
            Department.EDUCATION,
            LegalForm.BUDGETARY,
            Ownership.MUNICIPAL,
            address,
            {
                Focus.TECHNICAL: 2,
                Focus.SPORT: 2,
                Focus.ARTS: 1,
                Focus.NATURAL_SCIENCE: 1,
                Focus.SOCIAL: 1,
            },
        )
        for short, place, address in [
            (
                "МБОУ СШ № 1 г. Задонска",
                "№ 1 г. Задонска",
                "399200, Липецкая обл., г. Задонск, ул. Свободы, д. 1",
            ),
            (
                "МБОУ СШ № 2 г. Задонска",
                "№ 2 г. Задонска",
                "399200, Липецкая обл., г. Задонск, ул. Ленина, д. 32",
            ),
            (
                "МБОУ СШ с. Донское",
                "с. Донское",
                "399230, Липецкая обл., Задонский р-н, с. Донское, ул. Школьная, д. 2",
            ),
            (
                "МБОУ СШ с. Хмелинец",
                "с. Хмелинец",
                "399222, Липецкая обл., Задонский р-н, с. Хмелинец, ул. Центральная, д. 15",
            ),
            (
                "МБОУ СШ с. Ольшанец",
                "с. Ольшанец",
                "399225, Липецкая обл., Задонский р-н, с. Ольшанец, ул. Школьная, д. 1",
            ),
            (
                "МБОУ СШ с. Конь-Колодезь",
                "с. Конь-Колодезь",
                "399210, Липецкая обл., Задонский р-н, с. Конь-Колодезь, ул. Советская, д. 8",
            ),
            (
                "МБОУ СШ с. Скорняково",
                "с. Скорняково",
                "399215, Липецкая обл., Задонский р-н, с. Скорняково, ул. Молодёжная, д. 4",
            ),
        ]
    ],
    *[
        (
            f"МБДОУ д/с «{name}» {place}",
            f"Муниципальное бюджетное дошкольное образовательное учреждение детский сад "
            f"«{name}» {place} Задонского муниципального района",
            OrganisationType.PRESCHOOL,
            Department.EDUCATION,
            LegalForm.BUDGETARY,
            Ownership.MUNICIPAL,
            address,
            {Focus.ARTS: 2, Focus.SPORT: 1, Focus.SOCIAL: 1, Focus.NATURAL_SCIENCE: 1},
        )
        for name, place, address in [
            ("Солнышко", "г. Задонска", "399200, Липецкая обл., г. Задонск, ул. Зеленая, д. 7"),
            ("Сказка", "г. Задонска", "399200, Липецкая обл., г. Задонск, ул. Садовая, д. 21"),
            (
                "Ромашка",
                "с. Донское",
                "399230, Липецкая обл., Задонский р-н, с. Донское, ул. Садовая, д. 3",
            ),
            (
                "Колокольчик",
                "с. Хмелинец",
                "399222, Липецкая обл., Задонский р-н, с. Хмелинец, ул. Мира, д. 6",
            ),
        ]
    ],
    (
        "МАУ ФОК «Задонский»",
        "Муниципальное автономное учреждение «Физкультурно-оздоровительный комплекс «Задонский»",
        OrganisationType.SPORT,
        Department.SPORT,
        LegalForm.AUTONOMOUS,
        Ownership.MUNICIPAL,
        "399200, Липецкая обл., г. Задонск, ул. Спортивная, д. 1",
        {Focus.SPORT: 5},
    ),
    (
        "ГОБОУ «Специальная школа-интернат с. Донское»",
        "Государственное областное бюджетное общеобразовательное учреждение «Специальная "
        "(коррекционная) школа-интернат с. Донское Задонского района»",
        OrganisationType.GENERAL,
        Department.EDUCATION,
        LegalForm.BUDGETARY,
        Ownership.REGIONAL,
        "399230, Липецкая обл., Задонский р-н, с. Донское, ул. Интернатская, д. 1",
        {
            Focus.TECHNICAL: 1,
            Focus.ARTS: 2,
            Focus.SPORT: 2,
            Focus.SOCIAL: 1,
            Focus.NATURAL_SCIENCE: 1,
        },
    ),
]

SPECIALISATIONS = {
    Focus.TECHNICAL: [
        "Робототехника",
        "Программирование",
        "3D-моделирование и прототипирование",
        "Техническое моделирование",
        "Электроника",
        "Компьютерная графика и медиа",
    ],
    Focus.NATURAL_SCIENCE: ["Экология", "Биология", "Химия", "Астрономия и физика"],
    Focus.SPORT: [
        "Футбол",
        "Волейбол",
        "Баскетбол",
        "Лёгкая атлетика",
        "Шахматы",
        "Единоборства",
        "Общая физическая подготовка",
    ],
    Focus.ARTS: [
        "Хореография",
        "Вокал",
        "Изобразительное искусство",
        "Декоративно-прикладное творчество",
        "Театр",
        "Инструментальная музыка",
    ],
    Focus.TOURISM: ["Спортивный туризм", "Краеведение"],
    Focus.SOCIAL: [
        "Медиа и журналистика",
        "Волонтёрство и лидерство",
        "Подготовка к школе",
        "Иностранные языки",
        "Финансовая грамотность",
        "Психология общения",
    ],
}

# (title, specialisation, age from, age to, what the children do)
TITLES = {
    Focus.TECHNICAL: [
        (
            "Робототехника",
            "Робототехника",
            8,
            14,
            "собирают и программируют роботов на конструкторах LEGO Education и VEX",
        ),
        (
            "Лего-конструирование",
            "Робототехника",
            5,
            8,
            "строят модели машин и механизмов по схемам и по собственному замыслу",
        ),
        (
            "Основы программирования на Python",
            "Программирование",
            11,
            17,
            "пишут первые программы, игры и телеграм-ботов на языке Python",
        ),
        (
            "Программирование в Scratch",
            "Программирование",
            8,
            11,
            "создают анимации и игры в визуальной среде Scratch",
        ),
        (
            "3D-моделирование",
            "3D-моделирование и прототипирование",
            10,
            16,
            "проектируют детали в Компас-3D и Blender и печатают их на 3D-принтере",
        ),
        (
            "Авиамоделирование",
            "Техническое моделирование",
            10,
            17,
            "строят кордовые и радиоуправляемые модели самолётов",
        ),
        (
            "Судомоделирование",
            "Техническое моделирование",
            9,
            15,
            "изготавливают модели судов и участвуют в ходовых соревнованиях",
        ),
        (
            "Юный электронщик",
            "Электроника",
            11,
            16,
            "паяют простые схемы и собирают устройства на Arduino",
        ),
        (
            "Беспилотные летательные аппараты",
            "Робототехника",
            12,
            17,
            "собирают и пилотируют квадрокоптеры, осваивают аэросъёмку",
        ),
        (
            "Компьютерная графика и дизайн",
            "Компьютерная графика и медиа",
            11,
            17,
            "рисуют в графических редакторах, делают афиши и логотипы",
        ),
        (
            "Видеостудия «Кадр»",
            "Компьютерная графика и медиа",
            12,
            17,
            "снимают и монтируют видеоролики о жизни школы и района",
        ),
        (
            "Начальное техническое моделирование",
            "Техническое моделирование",
            7,
            10,
            "делают модели из бумаги, картона и дерева, учатся читать чертёж",
        ),
        (
            "Промышленный дизайн",
            "3D-моделирование и прототипирование",
            12,
            17,
            "проходят путь от эскиза до прототипа изделия",
        ),
    ],
    Focus.NATURAL_SCIENCE: [
        (
            "Юный эколог",
            "Экология",
            9,
            13,
            "изучают природу родного края, ведут наблюдения и экологические акции",
        ),
        (
            "Занимательная химия",
            "Химия",
            12,
            16,
            "ставят опыты в школьной лаборатории «Точки роста»",
        ),
        (
            "Мир под микроскопом",
            "Биология",
            10,
            14,
            "исследуют растения и микроорганизмы с цифровым микроскопом",
        ),
        (
            "Юные астрономы",
            "Астрономия и физика",
            11,
            16,
            "наблюдают небо в телескоп и собирают модели",
        ),
        (
            "Экспериментальная физика",
            "Астрономия и физика",
            13,
            17,
            "проводят опыты с цифровыми датчиками",
        ),
        (
            "Мир вокруг нас",
            "Экология",
            5,
            7,
            "знакомятся с растениями и животными в играх и прогулках",
        ),
    ],
    Focus.SPORT: [
        ("Футбол", "Футбол", 7, 17, "тренируются и играют в районном первенстве"),
        ("Волейбол", "Волейбол", 10, 17, "осваивают технику подачи, приёма и командную игру"),
        ("Баскетбол", "Баскетбол", 9, 17, "учатся вести мяч, бросать и играть в команде"),
        (
            "Лёгкая атлетика",
            "Лёгкая атлетика",
            9,
            17,
            "бегают, прыгают и метают, готовятся к сдаче ГТО",
        ),
        ("Шахматы", "Шахматы", 6, 17, "разбирают партии и играют в турнирах"),
        ("Самбо", "Единоборства", 7, 17, "осваивают страховку, броски и приёмы самозащиты"),
        ("Дзюдо", "Единоборства", 7, 16, "учатся технике дзюдо и участвуют в соревнованиях"),
        (
            "Общая физическая подготовка",
            "Общая физическая подготовка",
            7,
            14,
            "развивают силу, ловкость и выносливость в подвижных играх",
        ),
        (
            "Подвижные игры",
            "Общая физическая подготовка",
            4,
            7,
            "играют в подвижные и народные игры",
        ),
        (
            "Настольный теннис",
            "Общая физическая подготовка",
            9,
            17,
            "тренируются и играют в турнирах",
        ),
        (
            "Спортивные игры",
            "Общая физическая подготовка",
            8,
            14,
            "играют в пионербол, лапту и эстафеты, учатся честной игре",
        ),
    ],
    Focus.ARTS: [
        (
            "Хореографический ансамбль «Радуга»",
            "Хореография",
            7,
            15,
            "разучивают народные и эстрадные танцы",
        ),
        ("Современный танец", "Хореография", 10, 17, "танцуют хип-хоп и контемпорари"),
        ("Вокальная студия «Голоса»", "Вокал", 7, 16, "поют в ансамбле и сольно"),
        (
            "Изостудия «Палитра»",
            "Изобразительное искусство",
            6,
            14,
            "рисуют гуашью, акварелью и пастелью",
        ),
        (
            "Мастерская «Умелые руки»",
            "Декоративно-прикладное творчество",
            7,
            13,
            "делают изделия из бисера, фетра и природных материалов",
        ),
        ("Театральная студия «Маска»", "Театр", 8, 16, "ставят спектакли и выступают на сцене"),
        (
            "Гончарная мастерская",
            "Декоративно-прикладное творчество",
            8,
            15,
            "лепят и расписывают керамику",
        ),
        ("Гитара", "Инструментальная музыка", 10, 17, "учатся играть на шестиструнной гитаре"),
        ("Фортепиано", "Инструментальная музыка", 7, 15, "осваивают игру на фортепиано"),
        ("Весёлые нотки", "Вокал", 4, 7, "поют, играют на детских музыкальных инструментах"),
        (
            "Волшебная кисточка",
            "Изобразительное искусство",
            4,
            7,
            "рисуют и лепят, знакомятся с цветом",
        ),
        ("Народный хор", "Вокал", 9, 17, "исполняют русские народные песни"),
    ],
    Focus.TOURISM: [
        (
            "Юные туристы-краеведы",
            "Спортивный туризм",
            10,
            16,
            "ходят в походы по Задонскому району, изучают топографию и ориентирование",
        ),
        (
            "Родной край",
            "Краеведение",
            9,
            14,
            "изучают историю Задонска и записывают воспоминания старожилов",
        ),
    ],
    Focus.SOCIAL: [
        (
            "Школа юного журналиста",
            "Медиа и журналистика",
            11,
            17,
            "выпускают школьную газету и ведут группу в соцсети",
        ),
        (
            "Волонтёры Победы",
            "Волонтёрство и лидерство",
            12,
            17,
            "помогают ветеранам и проводят акции",
        ),
        (
            "Школа лидера",
            "Волонтёрство и лидерство",
            13,
            17,
            "учатся организовывать мероприятия и работать в команде",
        ),
        (
            "Скоро в школу",
            "Подготовка к школе",
            5,
            7,
            "готовятся к школе в играх: счёт, звуки, внимание",
        ),
        (
            "Английский для малышей",
            "Иностранные языки",
            5,
            8,
            "знакомятся с английским языком в песнях и играх",
        ),
        (
            "Финансовая грамотность",
            "Финансовая грамотность",
            11,
            16,
            "учатся планировать бюджет и разбираться в банковских услугах",
        ),
        (
            "Азбука общения",
            "Психология общения",
            8,
            12,
            "учатся договариваться и понимать себя и других",
        ),
        (
            "Мир профессий",
            "Волонтёрство и лидерство",
            12,
            17,
            "знакомятся с профессиями района и пробуют себя в них",
        ),
    ],
}

SURNAMES = [
    "Иванова",
    "Шацких",
    "Попова",
    "Кузнецова",
    "Мещерякова",
    "Богданова",
    "Федорова",
    "Лапина",
    "Черникова",
    "Зайцева",
    "Соколова",
    "Морозова",
    "Волкова",
    "Пономарёва",
]
MALE_SURNAMES = ["Петров", "Сидоров", "Ушаков", "Корнев", "Бочаров", "Никитин", "Гриднев"]
FEMALE_NAMES = [
    ("Наталья", "Александровна"),
    ("Елена", "Викторовна"),
    ("Ольга", "Ивановна"),
    ("Татьяна", "Николаевна"),
    ("Светлана", "Петровна"),
    ("Ирина", "Сергеевна"),
]
MALE_NAMES = [
    ("Сергей", "Владимирович"),
    ("Алексей", "Иванович"),
    ("Андрей", "Николаевич"),
    ("Дмитрий", "Александрович"),
]
WEEKDAY_PAIRS = [(1, 3), (2, 4), (3, 5), (1, 4), (2, 5), (6, 6)]
START_TIMES = [time(14, 0), time(15, 0), time(15, 30), time(16, 0), time(17, 0)]

CAREER = 6
DISTANCE = 1
OVZ = 8


def _teacher(rng: random.Random) -> str:
    if rng.random() < 0.75:
        first, middle = rng.choice(FEMALE_NAMES)
        return f"{rng.choice(SURNAMES)} {first} {middle}"
    first, middle = rng.choice(MALE_NAMES)
    return f"{rng.choice(MALE_SURNAMES)} {first} {middle}"


def _program_data(rng, focus, title, spec, age_from, age_to, activity, specialisations, n):
    level = (
        [Level.STARTING, Level.BASIC, Level.ADVANCED][n % 3]
        if age_to - age_from > 3
        else (Level.STARTING)
    )
    name = title if n == 0 else f"{title} ({Level(level).label.split(' ')[0].lower()} уровень)"
    if n > 2:
        name = f"{title} — группа {n + 1}"
    hours = rng.choice([36, 72, 72, 108, 144, 216])
    return {
        "academic_year": ACADEMIC_YEAR,
        "name": name,
        "short_description": f"На занятиях дети {activity}.",
        "content": (
            f"Программа «{title}» рассчитана на {hours} академических часов. "
            f"Занятия строятся от простого к сложному: вводные занятия и техника безопасности, "
            f"освоение основных приёмов, самостоятельная и командная работа, "
            f"итоговый проект или выступление. Дети {activity}."
        ),
        "goals": (
            "Цель: развитие интереса и способностей ребёнка в выбранной области через практическую "
            "деятельность. Задачи: дать базовые знания и умения, развить самостоятельность и "
            "умение работать в команде, поддержать участие в конкурсах и соревнованиях."
        ),
        "expected_results": (
            "По окончании обучения ребёнок знает основные понятия и правила безопасной работы, "
            "умеет самостоятельно выполнить работу по образцу и по замыслу, представляет результат "
            "на выставке, концерте, соревновании или конкурсе."
        ),
        "focus": focus,
        "specialisation": specialisations[(focus, spec)],
        "level": level,
        "program_type": ProgramType.GENERAL_DEVELOPMENT,
        "age_from": age_from,
        "age_to": age_to,
        "duration_months": 9 if hours >= 72 else 4,
        "duration_hours": hours,
        "study_form": StudyForm.FULL_TIME,
        "uses_distance_technologies": False,
        "is_network": False,
        "ovz_suitable": False,
        "ovz_categories": [],
        "aids_career_guidance": False,
        "funding_budget": True,
        "funding_certificate": rng.random() < 0.35,
        "funding_paid": False,
        "cost": None,
        "registries": [Registry.SIGNIFICANT],
        "address": "",
    }


def demo_load(*, stdout=None) -> dict:
    """Build the demo municipality; returns the demo users' logins."""
    rng = random.Random(2023)
    municipality = Municipality.objects.create(
        name="Задонский муниципальный район", region="Липецкая область", oktmo=OKTMO
    )
    users = _demo_users(municipality)
    staff = users["staff"]
    specialisations = {
        (focus, name): Specialisation.objects.get_or_create(focus=focus, name=name)[0]
        for focus, names in SPECIALISATIONS.items()
        for name in names
    }
    organisations = []
    for i, (short, full, org_type, dept, legal, ownership, address, plan) in enumerate(
        ORGANISATIONS
    ):
        organisation = services.organisation_create(
            user=staff,
            data={
                "municipality": municipality,
                "short_name": short,
                "full_name": full,
                "org_type": org_type,
                "department": dept,
                "legal_form": legal,
                "ownership": ownership,
                "inn": inn_with_check(f"48080{i + 1:04d}"),
                "ogrn": ogrn_with_check(f"10248{i + 1:07d}"),
                "address": address,
                "phone": f"+7 (47471) 2-{10 + i:02d}-{30 + i:02d}",
                "email": f"org{i + 1}@zadonsk-edu.example",
                "head_name": _teacher(rng),
                "is_support_centre": i == 0,
                "staff_total": rng.randint(15, 90),
                "teachers_total": rng.randint(3, 25),
                "classrooms": rng.randint(2, 12),
                "has_accessible_environment": ownership == Ownership.REGIONAL or rng.random() < 0.4,
            },
        )
        organisations.append((organisation, plan))

    coordinator = users["coordinator"]
    organisations[4][0].coordinators.add(coordinator)  # МБОУ СШ № 1 г. Задонска

    programs = []
    for organisation, plan in organisations:
        for focus, count in plan.items():
            titles = TITLES[focus]
            offset = rng.randrange(len(titles))
            for k in range(count):
                title, spec, age_from, age_to, activity = titles[(offset + k) % len(titles)]
                if organisation.org_type == OrganisationType.PRESCHOOL:
                    age_from, age_to = 4, 7
                data = _program_data(
                    rng,
                    focus,
                    title,
                    spec,
                    age_from,
                    age_to,
                    activity,
                    specialisations,
                    k // len(titles),
                )
                programs.append((organisation, data))
    _mark_special(programs, rng)

    published = []
    for organisation, data in programs:
        program = services.program_create(user=staff, organisation=organisation, data=data)
        _add_groups(rng, staff, program)
        services.program_submit(program=program, user=staff)
        services.program_approve(program=program, user=staff)
        published.append(program)
    _dated_registry(rng, [organisation for organisation, _ in organisations], published)

    _coordinator_work(rng, coordinator, staff, organisations[4][0], specialisations)
    if stdout:
        count = ru_count(len(organisations), "организация,организации,организаций")
        stdout.write(f"Демо-данные загружены: {municipality}, {count}.")
    return {role: user.username for role, user in users.items()}


# Seed 002 is the registry of the 2022/2023 academic year: the organisations joined before
# it began, the programmes were submitted and approved during it.
JOINED = date(2022, 8, 22)
SUBMITTED = (date(2022, 9, 1), date(2023, 5, 31))


def _dated_registry(rng, organisations, programs) -> None:
    """Dates the registry as its year went, not at the moment the demo is loaded: a report
    as of 31.08.2023 finds it all, one as of 01.09.2022 finds none of it."""

    def at(day: date, hour: int) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(hour)))

    for index, organisation in enumerate(organisations):
        joined = at(JOINED + timedelta(days=index % 7), 11)
        Organisation.objects.filter(pk=organisation.pk).update(created_at=joined)
        organisation.history.update(history_date=joined)
    span = (SUBMITTED[1] - SUBMITTED[0]).days
    for program in programs:
        submitted = SUBMITTED[0] + timedelta(days=rng.randint(0, span - 7))
        approved = at(submitted + timedelta(days=rng.randint(1, 6)), 15)
        created = at(submitted - timedelta(days=rng.randint(1, 10)), 9)
        Program.objects.filter(pk=program.pk).update(created_at=created)
        program.history.filter(history_type="+").update(history_date=created)
        program.history.exclude(history_type="+").update(history_date=approved)
        for transition in program.transitions.all():
            moment = (
                approved if transition.to_status == ProgramStatus.PUBLISHED else at(submitted, 10)
            )
            ProgramTransition.objects.filter(pk=transition.pk).update(
                created_at=moment, notified_at=moment
            )
        PublishedProgram.objects.filter(pk=program.pk).update(approved_at=approved)


def _mark_special(programs, rng):
    """Mark the seed's counts: career guidance, one distance programme, ОВЗ programmes."""
    boarding = [d for org, d in programs if org.ownership == Ownership.REGIONAL]
    others = [d for org, d in programs if org.ownership != Ownership.REGIONAL]
    arts_centre = [d for d in others if d["focus"] == Focus.ARTS]
    for data in boarding + arts_centre[: OVZ - len(boarding)]:
        data["ovz_suitable"] = True
        data["ovz_categories"] = [OvzCategory.INTELLECTUAL, OvzCategory.MENTAL_DELAY]
        data["age_from"] = max(data["age_from"], 7)
    career = [
        d for d in others if d["focus"] in (Focus.TECHNICAL, Focus.SOCIAL) and d["age_to"] >= 14
    ][:CAREER]
    for data in career:
        data["aids_career_guidance"] = True
        data["level"] = Level.ADVANCED
    distance = next(d for d in others if d["name"].startswith("Основы программирования"))
    distance["uses_distance_technologies"] = True
    distance["study_form"] = StudyForm.MIXED
    paid = [d for d in others if d["focus"] == Focus.ARTS and not d["ovz_suitable"]][:3]
    for data in paid:
        data["funding_paid"] = True
        data["cost"] = rng.choice([3600, 4500, 5400])
        data["registries"] = [Registry.PAID]


def _add_groups(rng, user, program, groups=None):
    count = groups or rng.choice([1, 1, 2])
    for g in range(count):
        first_day, second_day = rng.choice(WEEKDAY_PAIRS)
        start = rng.choice(START_TIMES)
        end = (
            time(start.hour + 1, start.minute + 30)
            if start.minute < 30
            else time(start.hour + 2, 0)
        )
        slots = [{"weekday": first_day, "time_start": start, "time_end": end}]
        if second_day != first_day:
            slots.append({"weekday": second_day, "time_start": start, "time_end": end})
        services.group_save(
            user=user,
            program=program,
            group=_group(rng, program, g),
            schedule=slots,
        )


def _group(rng, program, index):
    """A group of this academic year, placed by the day the demo is loaded: the first group of a
    programme takes applications today (so a demo loaded in any month has open enrolment and
    free places); a second one had its window at the start of the year, or has it still ahead."""
    today = timezone.localdate()
    start = academic_year_start(today)
    if index == 0:
        window = (
            today - timedelta(days=rng.randint(3, 40)),
            today + timedelta(days=rng.randint(14, 60)),
        )
    else:
        main = (start - timedelta(days=17), start + timedelta(days=29))
        window = (
            main if main[1] < today else (today + timedelta(days=20), today + timedelta(days=50))
        )
    places = rng.choice([10, 12, 15, 15, 20])
    funding, cost = GroupFunding.BUDGET, None
    if program.funding_paid and not program.funding_budget:
        funding, cost = GroupFunding.PAID, program.cost
    elif program.funding_certificate and not program.funding_budget:
        funding, cost = GroupFunding.CERTIFICATE, program.cost
    return ProgramGroup(
        name=f"Группа {index + 1}",
        teacher_name=_teacher(rng),
        age_from=program.age_from,
        age_to=program.age_to,
        places=places,
        free_places=rng.choice([0, 1, 2, 3, 4, 5, places // 3]),
        enrolment_from=window[0],
        enrolment_to=window[1],
        study_from=start,
        study_to=date(start.year + 1, 5, 31),
        funding=funding,
        cost=cost,
    )


def _coordinator_work(rng, coordinator, staff, organisation, specialisations):
    """A draft, a programme sent back with a comment and one waiting in the queue."""

    def data(focus, title, spec, ages, activity):
        card = _program_data(rng, focus, title, spec, *ages, activity, specialisations, 0)
        return {**card, "academic_year": "2023/2024"}

    services.program_create(
        user=coordinator,
        organisation=organisation,
        data=data(
            Focus.TECHNICAL,
            "Инженерная графика",
            "3D-моделирование и прототипирование",
            (13, 17),
            "учатся читать и выполнять чертежи, осваивают САПР",
        ),
    )
    returned = services.program_create(
        user=coordinator,
        organisation=organisation,
        data=data(
            Focus.SOCIAL,
            "Медиацентр «Школьный вестник»",
            "Медиа и журналистика",
            (12, 17),
            "готовят выпуски школьной газеты, снимают новости и ведут группу в соцсети",
        ),
    )
    _add_groups(rng, coordinator, returned, groups=1)
    services.program_submit(program=returned, user=coordinator)
    services.program_return(
        program=returned,
        user=staff,
        comment="Уточните ожидаемые результаты по годам обучения и добавьте расписание второй "
        "группы: в заявке указано две группы.",
    )

    waiting = services.program_create(
        user=coordinator,
        organisation=organisation,
        data=data(
            Focus.TECHNICAL,
            "Технология и дизайн",
            "3D-моделирование и прототипирование",
            (11, 15),
            "придумывают и изготавливают вещи из дерева, ткани и пластика",
        ),
    )
    _add_groups(rng, coordinator, waiting, groups=1)
    services.program_submit(program=waiting, user=coordinator)


def _demo_users(municipality) -> dict:
    specs = {
        "administrator": ("admin", Role.ADMINISTRATOR, "Администратов", "Алексей", None),
        "staff": ("moc", Role.STAFF, "Мещерякова", "Ольга", municipality),
        "coordinator": ("koordinator", Role.COORDINATOR, "Лапина", "Елена", None),
        "expert": ("ekspert", Role.EXPERT, "Бочаров", "Андрей", None),
        # The regional model centre's administrator: every municipality, no Django admin.
        "regional": ("regional", Role.ADMINISTRATOR, "Региональная", "Марина", None),
    }
    users = {}
    for key, (username, role, last, first, muni) in specs.items():
        user = User(
            username=username,
            email=f"{username}@zadonsk-edu.example",
            last_name=last,
            first_name=first,
            role=role,
            municipality=muni,
            is_staff=username == "admin",
            is_superuser=username == "admin",
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        users[key] = user
    return users


# The support centres of the demo region, from the seeds' headers (seed 002: Задонский район;
# 000: Оренбург; 003: Орск; 004: Екатеринбург, a city with a network of centres). Contacts
# are the demo's own (e-mail addresses on the reserved «.example» domain).
CENTRES = [
    {
        "municipality": ("Задонский муниципальный район", "Липецкая область", OKTMO),
        "full_name": "Муниципальный опорный центр дополнительного образования детей Задонского "
        "района",
        "short_name": "МОЦ Задонского района",
        "base_organisation": "Муниципальная бюджетная организация дополнительного образования "
        "Задонский Дом школьника г. Задонска Липецкой области (МБО ДО Задонский Дом школьника)",
        "address": "399200, Липецкая обл., г. Задонск, ул. Советская, д. 12",
        "phone": "+7 (47471) 2-11-44",
        "email": "moc@zadonsk-dsh.example",
        "head_post": "Директор МБО ДО Задонский Дом школьника",
        "head_name": "Е.В. Полякова",
        "letterhead": "Отдел образования администрации Задонского муниципального района\n"
        "Муниципальная бюджетная организация дополнительного образования Задонский Дом "
        "школьника г. Задонска Липецкой области",
    },
    {
        "municipality": ("Город Оренбург", "Оренбургская область", "53701000"),
        "full_name": "Муниципальный опорный центр дополнительного образования детей города "
        "Оренбурга",
        "short_name": "МОЦ г. Оренбурга",
        "base_organisation": "Муниципальное автономное учреждение дополнительного образования "
        "«Дворец творчества детей и молодежи»",
        "address": "460000, г. Оренбург",
        "phone": "+7 (3532) 00-00-01",
        "email": "moc@dtdm-orenburg.example",
        "head_post": "Директор МАУДО «Дворец творчества детей и молодежи»",
        "head_name": "Т.М. Гринева",
        "letterhead": "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА ОРЕНБУРГА\n"
        "Муниципальное автономное учреждение дополнительного образования "
        "«ДВОРЕЦ ТВОРЧЕСТВА ДЕТЕЙ И МОЛОДЕЖИ»",
    },
    {
        "municipality": ("Город Орск", "Оренбургская область", "53723000"),
        "full_name": "Муниципальный опорный центр дополнительного образования детей г. Орска",
        "short_name": "МОЦ г. Орска",
        "base_organisation": "Муниципальное автономное учреждение дополнительного образования "
        "«Дворец пионеров г. Орска»",
        "address": "462400, Оренбургская обл., г. Орск",
        "phone": "+7 (3537) 00-00-02",
        "email": "moc@dp-orsk.example",
        "head_post": "Директор МАУДО «Дворец пионеров г. Орска»",
        "head_name": "Н.П. Орлова",
        "letterhead": "Управление образования администрации г. Орска\n"
        "Муниципальное автономное учреждение дополнительного образования «Дворец пионеров "
        "г. Орска»",
    },
    {
        "municipality": ("Город Екатеринбург", "Свердловская область", "65701000"),
        "full_name": "Муниципальные опорные центры дополнительного образования детей "
        "МО «город Екатеринбург»",
        "short_name": "МОЦ Екатеринбурга",
        "base_organisation": "Департамент образования Администрации города Екатеринбурга "
        "(сеть МОЦ районов города)",
        "address": "620014, г. Екатеринбург",
        "phone": "+7 (343) 000-00-03",
        "email": "moc@ekb-edu.example",
        "head_post": "Начальник Департамента образования Администрации города Екатеринбурга",
        "head_name": "",
        "letterhead": "Департамент образования Администрации города Екатеринбурга",
    },
]


def demo_centres_load() -> list[Municipality]:
    """The demo region's municipalities with their centres filled in, as their staff would."""
    municipalities = []
    for spec in CENTRES:
        name, region, oktmo = spec["municipality"]
        municipality, _ = Municipality.objects.get_or_create(
            oktmo=oktmo, defaults={"name": name, "region": region}
        )
        Centre.objects.update_or_create(
            municipality=municipality,
            defaults={k: v for k, v in spec.items() if k != "municipality"},
        )
        municipalities.append(municipality)
    return municipalities
