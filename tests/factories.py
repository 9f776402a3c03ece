from datetime import date, time

import factory

from moc_portal.users.models import Role, User
from plans.models import Plan, PlanItem, PlanKind
from plans.portal.models import News
from programs.assessment.models import Campaign, CriteriaSet
from programs.choices import Focus, Level, OrganisationType, ProgramStatus
from programs.identifiers import inn_with_check, ogrn_with_check
from programs.models import GroupSchedule, Municipality, Organisation, Program, ProgramGroup

PASSWORD = "test-pass-123"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Муниципалитет {n}")
    region = "Липецкая область"
    oktmo = factory.Sequence(lambda n: f"{42600000 + n:08d}")
    slug = factory.Sequence(lambda n: f"municipality-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    last_name = "Иванова"
    first_name = "Мария"
    role = Role.COORDINATOR
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffFactory(UserFactory):
    role = Role.STAFF
    municipality = factory.SubFactory(MunicipalityFactory)


class ExpertFactory(UserFactory):
    role = Role.EXPERT


class AdministratorFactory(UserFactory):
    role = Role.ADMINISTRATOR
    is_staff = True
    is_superuser = True


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    full_name = factory.Sequence(lambda n: f"Муниципальное бюджетное учреждение № {n}")
    short_name = factory.Sequence(lambda n: f"МБУ № {n}")
    org_type = OrganisationType.GENERAL
    inn = factory.Sequence(lambda n: inn_with_check(f"{480000000 + n}"))
    ogrn = factory.Sequence(lambda n: ogrn_with_check(f"{102480000000 + n}"))
    address = "399200, г. Задонск, ул. Советская, д. 1"
    phone = "+7 (47471) 2-00-00"
    email = factory.Sequence(lambda n: f"school{n}@example.org")

    @factory.post_generation
    def coordinators(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.coordinators.add(*extracted)


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    organisation = factory.SubFactory(OrganisationFactory)
    academic_year = "2025/2026"
    name = factory.Sequence(lambda n: f"Робототехника {n}")
    short_description = "Дети собирают и программируют роботов."
    content = "Вводное занятие, конструирование, программирование, проект."
    goals = "Развитие инженерного мышления."
    expected_results = "Ребёнок собирает и программирует робота."
    focus = Focus.TECHNICAL
    level = Level.STARTING
    age_from = 8
    age_to = 12
    duration_months = 9
    duration_hours = 72
    funding_budget = True
    status = ProgramStatus.DRAFT


class ProgramGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgramGroup
        skip_postgeneration_save = True

    program = factory.SubFactory(ProgramFactory)
    name = "Группа 1"
    teacher_name = "Петрова Анна Сергеевна"
    age_from = factory.LazyAttribute(lambda g: g.program.age_from)
    age_to = factory.LazyAttribute(lambda g: g.program.age_to)
    places = 12
    enrolment_from = date(2025, 8, 20)
    enrolment_to = date(2025, 9, 30)
    slot = factory.RelatedFactory(
        "tests.factories.GroupScheduleFactory", factory_related_name="group"
    )


class GroupScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupSchedule

    weekday = 2
    time_start = time(15, 0)
    time_end = time(16, 30)


# --- plans, assessment, portal -----------------------------------------------------------------


class PlanFactory(factory.django.DjangoModelFactory):
    """A draft work plan of the 2025/2026 academic year; ``signed=True`` fills both approval
    blocks (a plan cannot be agreed or approved without them)."""

    class Meta:
        model = Plan

    class Params:
        signed = factory.Trait(
            agreed_post="Начальник управления образования",
            agreed_name="Л.О. Бебешко",
            approved_post="Директор",
            approved_name="Т.М. Гринева",
        )

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = PlanKind.WORK
    title = "План работы МОЦ"
    period_label = "2025-2026 учебный год"
    period_start = date(2025, 9, 1)
    period_end = date(2026, 8, 31)


class PlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanItem

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    position = factory.Sequence(lambda n: n + 1)
    title = "Мониторинг программ"


class CriteriaSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CriteriaSet

    municipality = factory.SubFactory(MunicipalityFactory)
    title = "Критерии экспертизы ДООП"


class CampaignFactory(factory.django.DjangoModelFactory):
    """A draft assessment campaign with a criteria set of its municipality."""

    class Meta:
        model = Campaign

    municipality = factory.SubFactory(MunicipalityFactory)
    title = "Оценка 2025"
    period_start = date(2025, 2, 1)
    period_end = date(2025, 4, 30)
    criteria_set = factory.SubFactory(
        CriteriaSetFactory, municipality=factory.SelfAttribute("..municipality")
    )


class NewsFactory(factory.django.DjangoModelFactory):
    """A draft news item; ``services.news_save`` publishes it as staff would."""

    class Meta:
        model = News

    municipality = factory.SubFactory(MunicipalityFactory)
    title = "Открыта запись в кружки"
    lead = "Записаться можно через Навигатор."
    body = "Запись на **новый учебный год** открыта."


def programme_import_file(organisations: list[str], count: int, name="Программа {n}") -> bytes:
    """An xlsx of ``count`` programmes with the import template's columns, taking turns over
    ``organisations`` (each an INN or «name (INN)», as the template's column takes them)."""
    import io

    from moc_portal.core import spreadsheets as sheets
    from programs import spreadsheets

    columns = [c for c in spreadsheets.PROGRAM_COLUMNS if c.importable]
    blank = dict.fromkeys(c.header for c in columns)
    rows = (
        {
            **blank,
            **spreadsheets.program_example(organisations[n % len(organisations)]),
            "Полное наименование": name.format(n=n),
        }
        for n in range(count)
    )
    buffer = io.BytesIO()
    sheets.write_sheet(rows, buffer, sheet="Программы", columns=columns)
    return buffer.getvalue()
