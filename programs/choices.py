"""Reference lists of the registry, worded as in the regional Navigator and PFDO."""

from django.db import models

from moc_portal.core import russian


class OrganisationType(models.TextChoices):
    SUPPLEMENTARY = "supplementary", "Организация дополнительного образования"
    GENERAL = "general", "Общеобразовательная организация"
    PRESCHOOL = "preschool", "Дошкольная образовательная организация"
    VOCATIONAL = "vocational", "Профессиональная образовательная организация"
    HIGHER = "higher", "Организация высшего образования"
    CULTURE = "culture", "Учреждение культуры"
    SPORT = "sport", "Учреждение спорта"
    OTHER = "other", "Иная организация"


class Department(models.TextChoices):
    EDUCATION = "education", "Образование"
    CULTURE = "culture", "Культура"
    SPORT = "sport", "Спорт"
    YOUTH = "youth", "Молодёжная политика"
    SOCIAL = "social", "Социальное развитие"
    OTHER = "other", "Иное"


class LegalForm(models.TextChoices):
    BUDGETARY = "budgetary", "Бюджетное учреждение"
    AUTONOMOUS = "autonomous", "Автономное учреждение"
    STATE_OWNED = "state_owned", "Казённое учреждение"
    NONPROFIT = "nonprofit", "Некоммерческая организация"
    COMMERCIAL = "commercial", "Коммерческая организация"
    SOLE_TRADER = "sole_trader", "Индивидуальный предприниматель"


class Ownership(models.TextChoices):
    MUNICIPAL = "municipal", "Муниципальная"
    REGIONAL = "regional", "Государственная (субъекта РФ)"
    FEDERAL = "federal", "Федеральная"
    PRIVATE = "private", "Частная"


class Focus(models.TextChoices):
    TECHNICAL = "technical", "Техническая"
    NATURAL_SCIENCE = "natural_science", "Естественнонаучная"
    SPORT = "sport", "Физкультурно-спортивная"
    ARTS = "arts", "Художественная"
    TOURISM = "tourism", "Туристско-краеведческая"
    SOCIAL = "social", "Социально-гуманитарная"


class Level(models.TextChoices):
    STARTING = "starting", "Стартовый (ознакомительный)"
    BASIC = "basic", "Базовый"
    ADVANCED = "advanced", "Продвинутый"


class ProgramType(models.TextChoices):
    GENERAL_DEVELOPMENT = "general_development", "Общеразвивающая"
    PREPROFESSIONAL = "preprofessional", "Предпрофессиональная"


class StudyForm(models.TextChoices):
    FULL_TIME = "full_time", "Очная"
    MIXED = "mixed", "Очно-заочная"
    DISTANCE = "distance", "Заочная"


class OvzCategory(models.TextChoices):
    HEARING = "hearing", "Нарушения слуха (глухие, слабослышащие)"
    VISION = "vision", "Нарушения зрения (слепые, слабовидящие)"
    SPEECH = "speech", "Тяжёлые нарушения речи"
    MUSCULOSKELETAL = "musculoskeletal", "Нарушения опорно-двигательного аппарата"
    MENTAL_DELAY = "mental_delay", "Задержка психического развития"
    AUTISM = "autism", "Расстройства аутистического спектра"
    INTELLECTUAL = "intellectual", "Интеллектуальные нарушения"
    COMPLEX = "complex", "Сложные дефекты"


class Registry(models.TextChoices):
    SIGNIFICANT = "significant", "Реестр значимых программ"
    OTHER = "other", "Реестр иных программ"
    CERTIFIED = "certified", "Реестр сертифицированных программ"
    PAID = "paid", "Реестр платных программ"


class GroupFunding(models.TextChoices):
    """Who pays for a child's place in the group."""

    BUDGET = "budget", "бюджет"
    CERTIFICATE = "certificate", "сертификат ПФДО"
    PAID = "paid", "платно"


class Weekday(models.IntegerChoices):
    MONDAY = 1, "Понедельник"
    TUESDAY = 2, "Вторник"
    WEDNESDAY = 3, "Среда"
    THURSDAY = 4, "Четверг"
    FRIDAY = 5, "Пятница"
    SATURDAY = 6, "Суббота"
    SUNDAY = 7, "Воскресенье"


class ProgramStatus(models.TextChoices):
    DRAFT = "draft", "Черновик"
    ON_MODERATION = "on_moderation", "На модерации"
    NEEDS_REVISION = "needs_revision", "Требует доработки"
    PUBLISHED = "published", "Опубликована"
    ARCHIVED = "archived", "Архив"


class SettlementKind(models.TextChoices):
    """Kinds of settlement as addresses abbreviate them («с. Донское»)."""

    CITY = "г.", "город"
    URBAN = "пгт", "посёлок городского типа"
    WORKERS = "рп", "рабочий посёлок"
    VILLAGE = "с.", "село"
    HAMLET = "д.", "деревня"
    SETTLEMENT = "п.", "посёлок"
    STANITSA = "ст-ца", "станица"
    KHUTOR = "х.", "хутор"
    STATION = "ст.", "станция"


class AgeBand(models.TextChoices):
    """The age bands supply and demand are compared in (children 5–17 full years: «5–18»)."""

    PRESCHOOL = "5-7", "5–7 лет"
    JUNIOR = "8-10", "8–10 лет"
    MIDDLE = "11-14", "11–14 лет"
    SENIOR = "15-17", "15–17 лет"

    @property
    def ages(self) -> tuple[int, int]:
        low, high = self.value.split("-")
        return int(low), int(high)

    @classmethod
    def of_age(cls, age: int) -> "AgeBand | None":
        return next((band for band in cls if band.ages[0] <= age <= band.ages[1]), None)


# The target model's coverage counts children from 5 to 18: full years 5 to 17.
COVERAGE_AGES = (5, 17)


# The seed's order of focus areas («37 программ технической направленности»).
FOCUSES = (
    Focus.TECHNICAL,
    Focus.TOURISM,
    Focus.SPORT,
    Focus.ARTS,
    Focus.NATURAL_SCIENCE,
    Focus.SOCIAL,
)


def focus_genitive(focus) -> str:
    """«технической», «туристско-краеведческой»: the focus area's adjective as «программ …
    направленности» needs it, from the dictionary."""
    phrase = russian.inflect(f"{Focus(focus).label.lower()} направленность", "gent")
    return phrase.rsplit(" ", 1)[0]


def focus_order() -> list[tuple[Focus, str]]:
    """The focus areas in the seed's order, each with its genitive adjective."""
    return [(focus, focus_genitive(focus)) for focus in FOCUSES]
