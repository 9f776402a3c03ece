"""Demo teachers, courses, rooms and equipment of Задонский район (issue 33, seed 002).

Each organisation gets the teachers its groups need (a few groups each, of the focus areas
the teacher teaches); the groups' free-text teacher becomes a registry entry («Шацких Н.А.»).
Seed 002's names where it gives them: Шацких Н.А., the finalist of «Сердце отдаю детям – 2023»
(§3.2); the centre's three specialists with qualification courses in November 2022 (§3.1);
«Методическая неделя – 2023» with its 54 teachers (§3.4). The rooms and equipment of the
schools that run technical programmes (a «Точка роста», the centre of technical creativity's
кванториум) and a network programme whose partner lends its room. Every other date is counted
back from the day the demo is loaded, so the figures never go stale."""

import math
import random
from collections import defaultdict
from datetime import date, timedelta

from django.utils import timezone

from moc_portal.users.models import User
from plans.development.models import Course, CourseKind, Registration
from plans.models import Audience, Event, EventKind, Plan
from programs.cache import bump_catalogue_version
from programs.choices import Focus
from programs.models import (
    Municipality,
    NetworkPartner,
    Organisation,
    ProgramGroup,
    PublishedProgram,
)
from programs.selectors import program_card, program_with_card_relations
from programs.services.publishing import approved_data
from programs.staffing.models import (
    Category,
    Education,
    Employment,
    Equipment,
    GroupTeacher,
    PartnerResource,
    Room,
    RoomKind,
    Teacher,
)

from .registry_data import FEMALE_NAMES, MALE_NAMES, MALE_SURNAMES, SURNAMES

CENTRE = "МБО ДО Задонский Дом школьника"
TECHNICAL_CENTRE = "МБУ ДО ЦДТТ г. Задонска"
# Seed 002 §3.2: «Педагог Шацких Н.А. – финалист конкурса» «Сердце отдаю детям – 2023».
FINALIST = ("Шацких", "Наталья", "Александровна", [Focus.ARTS, Focus.SOCIAL])
# Seed 002 §3.1: «3 специалиста МОЦ обучились на курсах повышения квалификации» (ноябрь).
SPECIALISTS = [
    ("Кретова", "Марина", "Юрьевна", date(2022, 11, 7), date(2022, 11, 18)),
    ("Мещерякова", "Ирина", "Сергеевна", date(2022, 11, 14), date(2022, 11, 25)),
    ("Богданова", "Татьяна", "Николаевна", date(2022, 11, 14), date(2022, 11, 25)),
]
SPECIALIST_COURSE = (
    "Организационно-методическое сопровождение внедрения Целевой модели развития "
    "региональной системы дополнительного образования детей",
    "ГАУ ДПО Липецкой области «Институт развития образования»",
    36,
)
# Seed 002 §3.4.
WEEK = {
    "title": "Методическая неделя – 2023 «Профориентационные возможности дополнительного "
    "образования»",
    "starts_on": date(2023, 3, 13),
    "participants": 54,
    "item": "3.4",
}
EXTRA_SURNAMES = ["Тарасова", "Климова", "Горбунова", "Жукова", "Панова", "Рябова", "Дьякова"]
# The seed's people are one person each: their surnames are not drawn for anyone else.
RESERVED = {FINALIST[0], *(specialist[0] for specialist in SPECIALISTS)}
FEMALE_SURNAMES = [s for s in SURNAMES + EXTRA_SURNAMES if s not in RESERVED]
# The seed's year: the centre's courses in it are the three of §3.1, no others.
SEED_YEAR = (date(2022, 9, 1), date(2023, 8, 31))
POSTS = {
    "general": "учитель, педагог дополнительного образования",
    "supplementary": "педагог дополнительного образования",
    "preschool": "воспитатель",
}
SPORT_POST = "тренер-преподаватель"
COURSE_TITLES = [
    "Современные образовательные технологии в дополнительном образовании детей",
    "Разработка дополнительных общеобразовательных общеразвивающих программ",
    "Организация работы с детьми с ОВЗ в дополнительном образовании",
    "Проектная деятельность обучающихся в дополнительном образовании",
]
GROUPS_PER_TEACHER = 3
# The equipment of a technical room: kind, model, how many.
TECH_EQUIPMENT = [
    ("3D-принтер", "FDM, область печати 220×220×250 мм", 2),
    ("Робототехнический набор", "образовательный конструктор с программируемым блоком", 12),
    ("Ноутбук", "для программирования и моделирования", 14),
]


def demo_staffing_load(*, staff: User, municipality: Municipality, plan: Plan | None) -> None:
    rng = random.Random(3302)
    today = timezone.localdate()
    organisations = list(Organisation.objects.filter(municipality=municipality).order_by("pk"))
    names = _Names(rng)
    teachers = []
    for organisation in organisations:
        teachers += _organisation_teachers(rng, organisation, names, today)
    teachers += _specialists(rng, organisations, today)
    for teacher in teachers:
        _courses(rng, teacher, today, centre=teacher.organisation.short_name == CENTRE)
    _methodical_week(rng, municipality, plan, staff, teachers)
    rooms = {organisation.short_name: _rooms(rng, organisation) for organisation in organisations}
    _network_programme(organisations, rooms)
    bump_catalogue_version()


class _Names:
    """Full names not used yet in an organisation (an organisation has each person once)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: dict[int, set] = defaultdict(set)

    def take(self, organisation: Organisation) -> tuple[str, str, str]:
        for _ in range(200):
            if self.rng.random() < 0.8:
                surname = self.rng.choice(FEMALE_SURNAMES)
                first, middle = self.rng.choice(FEMALE_NAMES)
            else:
                surname = self.rng.choice(MALE_SURNAMES)
                first, middle = self.rng.choice(MALE_NAMES)
            if (surname, first, middle) not in self.used[organisation.pk]:
                self.used[organisation.pk].add((surname, first, middle))
                return surname, first, middle
        raise RuntimeError("Демо: не хватило имён педагогов.")


def _organisation_teachers(rng, organisation, names: _Names, today: date) -> list[Teacher]:
    """A teacher for every few groups of a focus area; the groups named after them."""
    by_focus = defaultdict(list)
    groups = ProgramGroup.objects.filter(program__organisation=organisation).select_related(
        "program"
    )
    for group in groups.order_by("program__focus", "pk"):
        by_focus[group.program.focus].append(group)
    teachers = []
    for focus, focus_groups in by_focus.items():
        pool = []
        for _ in range(math.ceil(len(focus_groups) / GROUPS_PER_TEACHER)):
            if organisation.short_name == CENTRE and not teachers and not pool:
                surname, first, middle, focuses = FINALIST
                names.used[organisation.pk].add((surname, first, middle))
            else:
                (surname, first, middle), focuses = names.take(organisation), [focus]
            pool.append(_teacher(rng, organisation, (surname, first, middle), focuses, today))
        for index, group in enumerate(focus_groups):
            _name_group(group, pool[index % len(pool)])
        teachers += pool
    _refresh_published(organisation)
    return teachers


def _teacher(rng, organisation, name, focuses, today: date, post: str = "") -> Teacher:
    surname, first, middle = name
    category = rng.choice(
        [Category.HIGHEST, Category.FIRST, Category.FIRST, Category.FITS_POST, Category.NONE]
    )
    experience = rng.randint(2, 32)
    return Teacher.objects.create(
        organisation=organisation,
        surname=surname,
        name=first,
        patronymic=middle,
        post=post or _post(organisation, focuses),
        employment=Employment.MAIN if rng.random() < 0.85 else Employment.EXTERNAL,
        education=rng.choice([Education.HIGHER_PEDAGOGICAL] * 3 + [Education.VOCATIONAL]),
        category=category,
        category_date=(
            None if category == Category.NONE else today - timedelta(days=rng.randint(120, 4 * 365))
        ),
        experience_years=experience,
        focuses=[str(focus) for focus in focuses],
        hired_on=today - timedelta(days=365 * rng.randint(4, min(experience, 20) + 4)),
    )


def _post(organisation: Organisation, focuses) -> str:
    if Focus.SPORT in focuses and organisation.org_type != "preschool":
        return SPORT_POST
    return POSTS.get(organisation.org_type, POSTS["supplementary"])


def _name_group(group: ProgramGroup, teacher: Teacher) -> None:
    """The group's teacher from the registry, and its text rebuilt as «Фамилия И.О.»."""
    GroupTeacher.objects.create(group=group, teacher=teacher, position=0)
    ProgramGroup.objects.filter(pk=group.pk).update(teacher_name=teacher.short_name)


def _refresh_published(organisation: Organisation) -> None:
    """The catalogue's card and the Navigator's data name the registry's teacher, as the
    approved version would; the day each was approved stays as it was."""
    for published in PublishedProgram.objects.filter(program__organisation=organisation):
        full = program_with_card_relations(published.program_id)
        PublishedProgram.objects.filter(pk=published.pk).update(
            card=program_card(full), data=approved_data(full)
        )


def _specialists(rng, organisations, today: date) -> list[Teacher]:
    """The centre's three methodists, each with the qualification course of November 2022."""
    centre = next(o for o in organisations if o.short_name == CENTRE)
    title, provider, hours = SPECIALIST_COURSE
    made = []
    for surname, first, middle, starts_on, ends_on in SPECIALISTS:
        teacher = _teacher(
            rng, centre, (surname, first, middle), [Focus.SOCIAL], today, post="методист"
        )
        Teacher.objects.filter(pk=teacher.pk).update(hired_on=min(teacher.hired_on, starts_on))
        Course.objects.create(
            teacher=teacher,
            title=title,
            provider=provider,
            hours=hours,
            starts_on=starts_on,
            ends_on=ends_on,
            certificate_number=f"482417{rng.randint(100000, 999999)}",
        )
        made.append(teacher)
    return made


def _courses(rng, teacher: Teacher, today: date, *, centre: bool) -> None:
    """One or two earlier courses, the last of them up to five years back (some overdue); one
    teacher in eight has none recorded yet. The centre's own fall outside the seed's year."""
    if rng.random() < 0.125:
        return
    end = today - timedelta(days=rng.randint(20, 5 * 365))
    for _ in range(rng.choice([1, 1, 2])):
        if centre and SEED_YEAR[0] <= end <= SEED_YEAR[1]:
            end = SEED_YEAR[0] - timedelta(days=rng.randint(10, 200))
        hours = rng.choice([16, 36, 72])
        Course.objects.create(
            teacher=teacher,
            kind=CourseKind.QUALIFICATION if rng.random() < 0.9 else CourseKind.RETRAINING,
            title=rng.choice(COURSE_TITLES),
            provider="ГАУ ДПО Липецкой области «Институт развития образования»",
            hours=hours if rng.random() < 0.9 else 252,
            starts_on=end - timedelta(days=rng.randint(5, 20)),
            ends_on=end,
        )
        end -= timedelta(days=rng.randint(3 * 365, 4 * 365))


def _methodical_week(rng, municipality, plan: Plan | None, staff, teachers) -> Event:
    """Seed 002 §3.4: the week, with its 54 teachers of several organisations registered by
    their organisations and marked present."""
    item = (
        plan.items.filter(number__in=[WEEK["item"], WEEK["item"] + "."]).first() if plan else None
    )
    starts_on = WEEK["starts_on"]
    event = Event.objects.create(
        municipality=municipality,
        item=item,
        kind=EventKind.METHODICAL_WEEK,
        title=WEEK["title"],
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=4),
        place="МБО ДО Задонский Дом школьника, г. Задонск, ул. Советская, д. 12",
        audience=[Audience.TEACHERS],
        participants=WEEK["participants"],
        result=f"Проведена. Количество участников – {WEEK['participants']} педагога.",
        takes_registrations=True,
        registration_until=starts_on - timedelta(days=3),
        created_by=staff,
    )
    chosen = rng.sample([t for t in teachers if t.post != "методист"], WEEK["participants"])
    for teacher in chosen:
        if teacher.hired_on and teacher.hired_on > starts_on:  # a demo loaded years later
            Teacher.objects.filter(pk=teacher.pk).update(hired_on=starts_on - timedelta(days=730))
        Registration.objects.create(
            event=event, teacher=teacher, attended=True, registered_by=staff
        )
    return event


def _rooms(rng, organisation: Organisation) -> list[Room]:
    """A classroom and a hall everywhere; the schools with technical programmes a room for
    them with 3D printers, robotics kits and laptops."""
    rooms = [
        Room.objects.create(
            organisation=organisation,
            name="Кабинет 12",
            kind=RoomKind.CLASSROOM,
            capacity=25,
            accessible=organisation.has_accessible_environment,
        ),
        Room.objects.create(
            organisation=organisation,
            name="Актовый зал" if organisation.org_type != "preschool" else "Музыкальный зал",
            kind=RoomKind.HALL,
            capacity=rng.choice([60, 80, 120]),
            accessible=organisation.has_accessible_environment,
        ),
    ]
    technical = organisation.programs.filter(focus=Focus.TECHNICAL).exists()
    if not technical:
        return rooms
    name = "Кванториум" if organisation.short_name == TECHNICAL_CENTRE else "Точка роста"
    lab = Room.objects.create(
        organisation=organisation,
        name=name,
        kind=RoomKind.LABORATORY,
        capacity=15,
        accessible=True,
        note="Центр образования естественно-научной и технологической направленностей.",
    )
    for kind, model, count in TECH_EQUIPMENT:
        Equipment.objects.create(
            organisation=organisation, room=lab, kind=kind, model=model, count=count
        )
    return [lab, *rooms]


def _network_programme(organisations, rooms) -> None:
    """A school's technical programme taught with the centre of technical creativity, which
    lends its кванториум and a 3D printer."""
    partner = next(o for o in organisations if o.short_name == TECHNICAL_CENTRE)
    school = next(o for o in organisations if o.short_name == "МБОУ СШ с. Донское")
    program = school.programs.filter(focus=Focus.TECHNICAL).order_by("pk").first()
    if program is None:
        return
    program.is_network = True
    program.save(update_fields=["is_network"])
    lender = NetworkPartner.objects.create(
        program=program, name=partner.full_name, inn=partner.inn, ogrn=partner.ogrn
    )
    room = rooms[partner.short_name][0]
    PartnerResource.objects.create(partner=lender, room=room)
    PartnerResource.objects.create(
        partner=lender, equipment=room.equipment.filter(kind="3D-принтер").first()
    )
    _refresh_published(school)
