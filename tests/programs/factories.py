"""The programmes' objects: municipalities, organisations, programmes with their groups and
schedules, assessment campaigns, and a registry file to import."""

from datetime import date, time

import factory

from programs.assessment.models import Campaign, CriteriaSet
from programs.choices import Focus, Level, OrganisationType, ProgramStatus
from programs.identifiers import inn_with_check, ogrn_with_check
from programs.models import GroupSchedule, Municipality, Organisation, Program, ProgramGroup


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Муниципалитет {n}")
    region = "Липецкая область"
    oktmo = factory.Sequence(lambda n: f"{42600000 + n:08d}")
    slug = factory.Sequence(lambda n: f"municipality-{n}")


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
        "tests.programs.factories.GroupScheduleFactory", factory_related_name="group"
    )


class GroupScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupSchedule

    weekday = 2
    time_start = time(15, 0)
    time_end = time(16, 30)


# --- assessment -------------------------------------------------------------------------------


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


def programme_import_file(organisations: list[str], count: int, name="Программа {n}") -> bytes:
    """An xlsx of ``count`` programmes with the import template's columns, taking turns over
    ``organisations`` (each an INN or «name (INN)», as the template's column takes them)."""
    import io

    from moc_portal.core import spreadsheets as sheets
    from moc_portal.core.sheet_layout import PrintTitle
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
    sheets.write_sheet(
        rows, buffer, sheet="Программы", columns=columns, title=PrintTitle("Реестр программ")
    )
    return buffer.getvalue()
