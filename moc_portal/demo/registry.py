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

from moc_portal.core import russian
from moc_portal.core.academic import academic_year_start
from programs import services
from programs.choices import (
    Focus,
    GroupFunding,
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
    Municipality,
    Organisation,
    Program,
    ProgramGroup,
    ProgramTransition,
    PublishedProgram,
    Specialisation,
)

from .people import demo_users
from .registry_data import (
    ACADEMIC_YEAR,
    CAREER,
    FEMALE_NAMES,
    MALE_NAMES,
    MALE_SURNAMES,
    OKTMO,
    ORGANISATIONS,
    OVZ,
    SPECIALISATIONS,
    START_TIMES,
    SURNAMES,
    TITLES,
    WEEKDAY_PAIRS,
)


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
    users = demo_users(municipality)
    staff, coordinator = users["staff"], users["coordinator"]
    specialisations = {
        (focus, name): Specialisation.objects.get_or_create(focus=focus, name=name)[0]
        for focus, names in SPECIALISATIONS.items()
        for name in names
    }
    organisations = _organisations(rng, staff, municipality)
    organisations[4][0].coordinators.add(coordinator)  # МБОУ СШ № 1 г. Задонска
    programs = _programme_data(rng, organisations, specialisations)
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
        count = russian.count(len(organisations), "организация")
        stdout.write(f"Демо-данные загружены: {municipality}, {count}.")
    return {role: user.username for role, user in users.items()}


def _organisations(rng, staff, municipality) -> list[tuple[Organisation, dict]]:
    """Seed 002's organisations, each with its plan of programmes by focus area."""
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
    return organisations


def _programme_data(rng, organisations, specialisations) -> list[tuple[Organisation, dict]]:
    """The programmes each organisation's plan asks for, titled from the seed's lists."""
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
    return programs


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
