"""The registry's sheets: the columns of programmes, organisations and moderation history,
and the example rows of the import templates. Writing them is ``moc_portal.core.spreadsheets``.
"""

from moc_portal.core.academic import academic_year
from moc_portal.core.spreadsheets import NO, YES, Column

from .choices import (
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
    SettlementKind,
    StudyForm,
)


def _c(header, source, kind="text", **options) -> Column:
    return Column(header=header, source=source, kind=kind, **options)


# The long texts: a centre loads its list first and writes them later (``readiness``).
TEXT_FOR_PUBLISHING = (
    "чтобы отправить программу на модерацию или опубликовать; пустая — программа загрузится "
    "черновиком, а текст можно дописать в её карточке"
)

PROGRAM_COLUMNS = [
    _c("ID портала", "pk", "int", width=11, note="Заполняется порталом; пусто — новая программа"),
    _c(
        "Организация",
        "organisation_label",
        printed=True,
        width=40,
        required=True,
        note="Из списка: «краткое наименование (ИНН)»",
    ),
    _c("ИНН организации", "organisation__inn", width=14, importable=False),
    _c(
        "Учебный год",
        "academic_year",
        width=12,
        required=True,
        note="Год начала и год окончания через «/», как в строке-примере",
    ),
    _c("Полное наименование", "name", printed=True, width=40, required=True),
    *(
        _c(header, source, width=40, required_when=TEXT_FOR_PUBLISHING)
        for header, source in (
            ("Краткое описание", "short_description"),
            ("Содержание программы", "content"),
            ("Цели и задачи", "goals"),
            ("Ожидаемые результаты", "expected_results"),
        )
    ),
    _c(
        "Направленность",
        "focus",
        "choice",
        choices=tuple(Focus.choices),
        printed=True,
        width=24,
        required=True,
    ),
    _c(
        "Профиль",
        "specialisation__name",
        width=24,
        note="Из справочника профилей портала; профиль той же направленности",
    ),
    _c(
        "Уровень",
        "level",
        "choice",
        choices=tuple(Level.choices),
        printed=True,
        width=24,
        required=True,
    ),
    _c("Вид программы", "program_type", "choice", choices=tuple(ProgramType.choices), width=20),
    _c("Возраст от", "age_from", "int", printed=True, width=10, required=True),
    _c(
        "Возраст до",
        "age_to",
        "int",
        printed=True,
        width=10,
        required=True,
        note="Не меньше «Возраст от»",
    ),
    _c("Продолжительность, мес.", "duration_months", "int", width=12, required=True),
    _c("Объём, ак. ч.", "duration_hours", "int", printed=True, width=10, required=True),
    _c("Форма обучения", "study_form", "choice", choices=tuple(StudyForm.choices), width=14),
    _c(
        "С применением ДОТ и ЭО",
        "uses_distance_technologies",
        "bool",
        width=12,
        required_when="«да», если «Форма обучения» — дистанционная",
    ),
    _c("Подходит для детей с ОВЗ", "ovz_suitable", "bool", width=12),
    _c(
        "Категории ОВЗ",
        "ovz_categories",
        "choices",
        choices=tuple(OvzCategory.choices),
        width=30,
        required_when="если в «Подходит для детей с ОВЗ» — «да» (и пустая, если «нет»)",
    ),
    _c("Профориентация", "aids_career_guidance", "bool", width=12),
    _c(
        "Бесплатно",
        "funding_budget",
        "bool",
        width=11,
        required_when="«да» хотя бы в одной из колонок «Бесплатно», «Сертификат ПФДО», «Платно»",
    ),
    _c("Сертификат ПФДО", "funding_certificate", "bool", width=11),
    _c("Платно", "funding_paid", "bool", width=10),
    _c(
        "Стоимость, руб.",
        "cost",
        "decimal",
        printed=True,
        width=12,
        required_when="если в «Платно» — «да»",
    ),
    _c("Реестры", "registries", "choices", choices=tuple(Registry.choices), width=30),
    _c("Место проведения", "address", width=30),
    _c(
        "Статус",
        "status",
        "choice",
        choices=tuple(ProgramStatus.choices),
        printed=True,
        width=16,
        importable=False,
    ),
    _c("Изменена", "updated_at", "datetime", width=17, importable=False),
]

GROUPS_SHEET = "Группы"
# A group row names its programme by «ID портала программы», or by the organisation and the
# programme's name as the «Программы» sheet writes them.
GROUP_COLUMNS = [
    _c(
        "ID портала программы",
        "program_id",
        "int",
        width=12,
        note="Или «Организация» и «Программа», как на листе «Программы»",
    ),
    _c(
        "Организация",
        "organisation_label",
        printed=True,
        width=36,
        note="«Краткое наименование (ИНН)»",
    ),
    _c("Программа", "program__name", printed=True, width=36, note="Полное наименование программы"),
    _c("Название группы", "name", printed=True, width=24, required=True),
    _c("Педагог", "teacher_name", printed=True, width=26, required=True),
    _c("Возраст от", "age_from", "int", printed=True, width=10, required=True),
    _c("Возраст до", "age_to", "int", printed=True, width=10, required=True),
    _c("Мест", "places", "int", printed=True, width=8, required=True),
    _c("Свободных мест", "free_places", "int", printed=True, width=10, note="Не больше, чем мест"),
    _c("Приём заявок с", "enrolment_from", "date", width=13),
    _c("Приём заявок по", "enrolment_to", "date", width=13),
    _c("Обучение с", "study_from", "date", width=13),
    _c("Обучение по", "study_to", "date", width=13),
    _c(
        "Финансирование",
        "funding",
        "choice",
        choices=tuple(GroupFunding.choices),
        synonyms=(
            (GroupFunding.BUDGET, "бесплатно"),
            (GroupFunding.BUDGET, "бюджетный"),
            (GroupFunding.BUDGET, "за счёт бюджета"),
            (GroupFunding.CERTIFICATE, "сертификат"),
            (GroupFunding.CERTIFICATE, "по сертификату"),
            (GroupFunding.CERTIFICATE, "по сертификату ПФДО"),
            (GroupFunding.CERTIFICATE, "ПФДО"),
        ),
        width=16,
        note="Пусто — бюджет",
    ),
    _c(
        "Стоимость группы, руб.",
        "cost",
        "decimal",
        width=12,
        required_when="если «Финансирование» — платно",
    ),
    _c(
        "Расписание",
        "schedule_text",
        printed=True,
        width=34,
        required=True,
        note="Как пишут люди: «Пн, Ср 15:00–16:30; Пт 10:00–11:30»",
    ),
    _c("Адрес занятий", "address", width=30, note="Если отличается от адреса программы"),
]

ORGANISATION_COLUMNS = [
    _c("ID портала", "pk", "int", width=11, note="Заполняется порталом; пусто — новая организация"),
    _c("Полное наименование", "full_name", width=50, required=True),
    _c("Краткое наименование", "short_name", printed=True, width=30, required=True),
    _c(
        "Тип",
        "org_type",
        "choice",
        choices=tuple(OrganisationType.choices),
        printed=True,
        width=30,
        required=True,
    ),
    _c("Ведомство", "department", "choice", choices=tuple(Department.choices), width=18),
    _c(
        "Организационно-правовая форма",
        "legal_form",
        "choice",
        choices=tuple(LegalForm.choices),
        width=24,
    ),
    _c("Форма собственности", "ownership", "choice", choices=tuple(Ownership.choices), width=22),
    _c("ИНН", "inn", printed=True, width=14, required=True),
    _c("ОГРН", "ogrn", width=16, required=True),
    _c("Руководитель", "head_name", printed=True, width=28),
    _c("Адрес", "address", printed=True, width=40, required=True),
    _c("Телефон", "phone", printed=True, width=18),
    _c("Электронная почта", "email", width=24),
    _c("Сайт", "website", width=24),
    _c("Муниципальный опорный центр", "is_support_centre", "bool", width=12),
    _c("Работников всего", "staff_total", "int", width=10),
    _c("Педагогов ДО", "teachers_total", "int", width=10),
    _c("Помещений для ДО", "classrooms", "int", width=10),
    _c("Доступная среда", "has_accessible_environment", "bool", width=10),
    _c("Муниципалитет", "municipality__name", width=28, importable=False),
    _c("Программ опубликовано", "published_count", "int", width=12, importable=False),
]

# An administrator's file: the same columns, each row naming its municipality first.
REGION_ORGANISATION_COLUMNS = [
    ORGANISATION_COLUMNS[0],
    _c(
        "Муниципалитет",
        "municipality__name",
        width=32,
        required=True,
        note="Из списка: «наименование (ОКТМО)»; можно наименование или код ОКТМО",
    ),
    *(c for c in ORGANISATION_COLUMNS[1:] if c.source != "municipality__name"),
]

TRANSITION_COLUMNS = [
    _c("Дата и время", "created_at", "datetime", printed=True, width=17),
    _c("ID программы", "program_id", "int", width=11),
    _c("Программа", "program__name", printed=True, width=40),
    _c("Организация", "program__organisation__short_name", printed=True, width=30),
    _c("Из статуса", "from_status", "choice", choices=tuple(ProgramStatus.choices), width=18),
    _c(
        "В статус",
        "to_status",
        "choice",
        choices=tuple(ProgramStatus.choices),
        printed=True,
        width=18,
    ),
    _c("Кто", "actor_name", printed=True, width=28),
    _c("Комментарий", "comment", printed=True, width=60),
]


def program_example(organisation: str, day=None) -> dict:
    """The template's example programme, in the current academic year (of ``day``)."""
    return {
        "Организация": organisation,
        "Учебный год": academic_year(day),
        "Полное наименование": "Робототехника для начинающих",
        "Краткое описание": "Собираем и программируем роботов из конструктора.",
        "Содержание программы": "Вводное занятие, механизмы, датчики, программирование, проект.",
        "Цели и задачи": "Развитие инженерного мышления и интереса к технике.",
        "Ожидаемые результаты": "Ребёнок собирает и программирует робота по схеме и по замыслу.",
        "Направленность": Focus.TECHNICAL.label,
        "Уровень": Level.STARTING.label,
        "Вид программы": ProgramType.GENERAL_DEVELOPMENT.label,
        "Возраст от": 8,
        "Возраст до": 12,
        "Продолжительность, мес.": 9,
        "Объём, ак. ч.": 72,
        "Форма обучения": StudyForm.FULL_TIME.label,
        "С применением ДОТ и ЭО": NO,
        "Подходит для детей с ОВЗ": NO,
        "Профориентация": NO,
        "Бесплатно": YES,
        "Сертификат ПФДО": NO,
        "Платно": NO,
        "Реестры": Registry.SIGNIFICANT.label,
    }


def group_example(organisation: str) -> dict:
    return {
        "Организация": organisation,
        "Программа": "Робототехника для начинающих",
        "Название группы": "Группа 1",
        "Педагог": "Иванова Мария Петровна",
        "Возраст от": 8,
        "Возраст до": 10,
        "Мест": 15,
        "Свободных мест": 4,
        "Финансирование": GroupFunding.BUDGET.label,
        "Расписание": "Пн, Ср 15:00–16:30",
    }


# Where the example school stands when the municipality has no settlements to name yet.
NEUTRAL_PLACE = "Индекс, населённый пункт"


def example_place(municipality) -> str:
    """«Липецкая область, г. Задонск»: the municipality's region and its town (the first city,
    else the first settlement of another kind), for the example's address; a neutral place
    when there is no municipality or it has no settlements yet."""
    if municipality is None:
        return NEUTRAL_PLACE
    rank = {kind: index for index, kind in enumerate(SettlementKind.values)}
    settlements = sorted(municipality.settlements.all(), key=lambda s: (rank[s.kind], s.name))
    if not settlements:
        return NEUTRAL_PLACE
    return ", ".join(filter(None, [municipality.region, str(settlements[0])]))


def organisation_example(municipality: str = "", place: str = NEUTRAL_PLACE) -> dict:
    """The template's example school: ``municipality`` as the administrator's file names it,
    ``place`` from ``example_place``."""
    return {
        "Муниципалитет": municipality,
        "Полное наименование": "Муниципальное бюджетное общеобразовательное учреждение "
        "«Средняя школа № 3»",
        "Краткое наименование": "МБОУ СШ № 3",
        "Тип": OrganisationType.GENERAL.label,
        "Ведомство": Department.EDUCATION.label,
        "Организационно-правовая форма": LegalForm.BUDGETARY.label,
        "Форма собственности": Ownership.MUNICIPAL.label,
        "ИНН": "4808000094",
        "ОГРН": "1024800000092",
        "Адрес": f"{place}, ул. Школьная, д. 3",
        "Муниципальный опорный центр": NO,
        "Доступная среда": YES,
        "Работников всего": 40,
        "Педагогов ДО": 6,
        "Помещений для ДО": 4,
    }
