"""Demo contests from the seeds: «Сердце отдаю детям – 2023», the municipal stage of a
regional professional contest in which the teacher Шацких Н.А. became a finalist (seed 002,
§3.2; her first name and patronymic are not in the seed and are made up to fit the initials);
a children's drawing contest with two nominations and two age categories, 40 participants
from several organisations with their consents, judged blind, its results fixed; and a contest
of works and practices whose two best practices are in the public bank, beside one practice
found elsewhere, with its source. The children's and the works' contests are dated from today
so that the demo stays fresh; the seed's contest keeps its seed year."""

import io
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from moc_portal.core import word
from moc_portal.users.models import User
from plans.contests import practices, register
from plans.contests.models import (
    AgeCategory,
    ConsentState,
    Contest,
    ContestAudience,
    ContestLevel,
    ContestState,
    Entry,
    EntryFile,
    EntryState,
    JuryMember,
    Nomination,
    Participant,
    ParticipantKind,
    Placement,
    Practice,
    Score,
)
from plans.models import Plan, PlanItem
from programs.assessment.models import CriteriaSet, Criterion, ExpertProfile
from programs.choices import Focus
from programs.models import Organisation
from programs.territory.centres import centre_of

HEART = "Сердце отдаю детям – 2023"
TEACHERS = [
    ("Шацких", "Наталья", "Александровна", "педагог дополнительного образования"),
    ("Кретова", "Елена", "Викторовна", "педагог-организатор"),
    ("Савенков", "Дмитрий", "Игоревич", "педагог дополнительного образования"),
]
GIRLS = ["Анна", "Мария", "София", "Дарья", "Полина", "Ксения", "Алиса", "Варвара"]
BOYS = ["Иван", "Артём", "Михаил", "Егор", "Кирилл", "Максим", "Тимофей", "Лев"]
SURNAMES = ["Иванов", "Попов", "Лебедев", "Соколов", "Морозов", "Волков", "Зайцев", "Фролов"]
CRITERIA = ["Раскрытие темы", "Композиция и цвет", "Оригинальность замысла"]
WORKS = [
    ("Школа юного экскурсовода", "Дети водят экскурсии по родному селу: маршруты, тексты."),
    ("Робототехника без кабинета", "Выездные занятия по робототехнике в малокомплектных школах."),
    ("Театр в чемодане", "Кукольный театр, который организация привозит в сельские школы."),
    ("Наставник рядом", "Старшеклассники ведут занятия с младшими под присмотром педагога."),
]


def demo_contests_load(*, staff: User, municipality) -> None:
    rng = random.Random(2023)
    organisations = list(Organisation.objects.filter(municipality=municipality).order_by("pk"))
    _heart(municipality, organisations)
    _drawings(rng, staff, municipality, organisations)
    _works(staff, municipality, organisations)
    Practice.objects.create(
        municipality=municipality,
        title="Летняя профильная смена «Инженерные каникулы»",
        description="Смена для школьников 12–15 лет: проекты с наставниками из колледжа.",
        organisation_name="ГАУ ДО «Региональный центр выявления и поддержки одарённых детей»",
        focus=Focus.TECHNICAL,
        year=2023,
        source="Сборник лучших практик дополнительного образования детей, 2023, с. 41",
        created_by=staff,
    )


def _at(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _contest(municipality, **fields) -> Contest:
    return Contest.objects.create(municipality=municipality, is_public=True, **fields)


def _heart(municipality, organisations) -> None:
    """The regional contest, Задонский район's stage, its teachers, and the finalist sent on."""
    dates = {
        "applications_from": date(2023, 1, 9),
        "applications_to": date(2023, 1, 27),
        "judging_from": date(2023, 1, 30),
        "judging_to": date(2023, 2, 8),
        "results_on": date(2023, 2, 10),
    }
    regional = _contest(
        None,
        level=ContestLevel.REGIONAL,
        audience=ContestAudience.TEACHERS,
        title=HEART,
        description="Областной конкурс профессионального мастерства педагогов "
        "дополнительного образования.",
        state=ContestState.RESULTS,
        results_fixed_at=_at(date(2023, 4, 14)),
        **{**dates, "results_on": date(2023, 4, 14)},
    )
    stage = _contest(
        municipality,
        parent=regional,
        level=ContestLevel.MUNICIPAL_STAGE,
        audience=ContestAudience.TEACHERS,
        title=HEART,
        state=ContestState.RESULTS,
        results_fixed_at=_at(dates["results_on"]),
        **dates,
    )
    regional_nomination = Nomination.objects.create(contest=regional, title="Педагог ДО")
    nomination = Nomination.objects.create(
        contest=stage, title="Педагог ДО", source=regional_nomination
    )
    _teachers(stage, nomination, organisations)
    _sent_on(regional, regional_nomination, stage.entries.get(nominated=True))
    _registered(stage, item=_seed_item(municipality))


def _teachers(stage: Contest, nomination: Nomination, organisations) -> None:
    # Seed 002 names only the finalist: the stage's other teachers took part without a place.
    places = [Placement.WINNER, Placement.PARTICIPANT, Placement.PARTICIPANT]
    for index, (surname, name, patronymic, post) in enumerate(TEACHERS):
        entry = Entry.objects.create(
            contest=stage,
            organisation=organisations[index % len(organisations)],
            nomination=nomination,
            code=f"СОД-{index + 1:02d}",
            state=EntryState.ADMITTED,
            rank=index + 1,
            placement=places[index],
            nominated=index == 0,
        )
        Participant.objects.create(
            entry=entry,
            kind=ParticipantKind.TEACHER,
            surname=surname,
            name=name,
            patronymic=patronymic,
            post=post,
            consent=ConsentState.PAPER,
            consent_allows_publishing=True,
        )


def _sent_on(regional: Contest, nomination: Nomination, finalist: Entry) -> None:
    """The stage's finalist, nominated to the regional contest without retyping."""
    sent = Entry.objects.create(
        contest=regional,
        organisation=finalist.organisation,
        nomination=nomination,
        code="ОБЛ-17",
        state=EntryState.ADMITTED,
        source=finalist,
        placement=Placement.PARTICIPANT,
    )
    teacher = finalist.participants.get()
    teacher.pk, teacher.entry = None, sent
    teacher.save()


def _seed_item(municipality) -> PlanItem | None:
    """Item 3.2 of the 2022–2023 plan («муниципальные этапы региональных конкурсов»)."""
    plan = Plan.objects.filter(municipality=municipality, period_start=date(2022, 9, 1)).first()
    return plan.items.filter(number__startswith="3.2").first() if plan else None


def _registered(contest: Contest, item: PlanItem | None = None) -> None:
    """The event in the register; the seed's plan item linked without rewriting its result,
    which seed 002 already words."""
    event = register.register_contest(contest)
    if item is not None:
        Contest.objects.filter(pk=contest.pk).update(item=item)
        type(event).objects.filter(pk=event.pk).update(item=item)


def _drawings(rng, staff: User, municipality, organisations) -> None:
    """«Моя малая родина»: two nominations, two age categories, 40 children, a blind jury of
    the demo's experts who score by criterion, places by the totals."""
    today = timezone.localdate()
    criteria = _criteria(staff, municipality)
    contest = _contest(
        municipality,
        level=ContestLevel.MUNICIPAL,
        audience=ContestAudience.CHILDREN,
        title="Муниципальный конкурс детского творчества «Моя малая родина»",
        description="Рисунки и поделки о родном крае для обучающихся 7–14 лет.",
        focus=Focus.ARTS,
        applications_from=today - timedelta(days=75),
        applications_to=today - timedelta(days=45),
        judging_from=today - timedelta(days=44),
        judging_to=today - timedelta(days=25),
        results_on=today - timedelta(days=21),
        criteria_set=criteria,
        blind=True,
        state=ContestState.RESULTS,
        results_fixed_at=_at(today - timedelta(days=21)),
        created_by=staff,
    )
    nominations = [
        Nomination.objects.create(contest=contest, position=1, title="Рисунок"),
        Nomination.objects.create(
            contest=contest, position=2, title="Декоративно-прикладное творчество"
        ),
    ]
    categories = [
        AgeCategory.objects.create(
            contest=contest, position=1, title="7–10 лет", age_from=7, age_to=10
        ),
        AgeCategory.objects.create(
            contest=contest, position=2, title="11–14 лет", age_from=11, age_to=14
        ),
    ]
    jurors = _jury(contest, nominations)
    judged = {profile.organisation_id for profile in ExpertProfile.objects.filter(user__in=jurors)}
    schools = [org for org in organisations if org.pk not in judged][:6]
    entries = []
    for index in range(40):
        entry = Entry.objects.create(
            contest=contest,
            organisation=schools[index % len(schools)],
            nomination=nominations[index % 2],
            age_category=categories[(index // 2) % 2],
            code=f"МР-{index + 1:03d}",
            state=EntryState.ADMITTED,
            submitted_by=staff,
        )
        _child(rng, entry, index, today)
        entries.append(entry)
    _scored(rng, entries, jurors, list(criteria.criteria.all()))
    _registered(contest)


def _criteria(staff: User, municipality) -> CriteriaSet:
    criteria = CriteriaSet.objects.create(
        municipality=municipality, title="Критерии конкурса «Моя малая родина»", created_by=staff
    )
    for position, title in enumerate(CRITERIA, start=1):
        Criterion.objects.create(
            criteria_set=criteria, position=position, title=title, scale_max=10, weight=1
        )
    return criteria


def _jury(contest: Contest, nominations) -> list[User]:
    experts = list(User.objects.filter(username__in=["ekspert", "ekspert2", "ekspert3"]))
    for index, expert in enumerate(sorted(experts, key=lambda user: user.username)):
        member = JuryMember.objects.create(contest=contest, expert=expert, is_chair=index == 0)
        member.nominations.set(nominations)
    return experts


def _child(rng, entry: Entry, index: int, today: date) -> None:
    girl = index % 3 != 0
    category = entry.age_category
    age = rng.randint(category.age_from, category.age_to)
    surname = SURNAMES[index % len(SURNAMES)] + ("а" if girl else "")
    Participant.objects.create(
        entry=entry,
        kind=ParticipantKind.CHILD,
        surname=surname,
        name=rng.choice(GIRLS if girl else BOYS),
        patronymic=rng.choice(["Андреевна", "Сергеевна"] if girl else ["Андреевич", "Сергеевич"]),
        birth_date=today - timedelta(days=age * 365 + rng.randint(20, 300)),
        grade=f"{age - 6} класс",
        teacher_name="Кретова Е.В.",
        consent=ConsentState.PAPER,
        consent_allows_publishing=rng.random() < 0.8,
        consent_recorded_at=timezone.now(),
    )


def _scored(rng, entries, jurors, criteria) -> None:
    """Every juror scores every entry by every criterion; the entries of each nomination and
    category ranked by their totals (the code settles equal totals), the first three placed."""
    Score.objects.bulk_create(
        Score(entry=entry, juror=juror, criterion=criterion, value=rng.randint(4, 10))
        for entry in entries
        for juror in jurors
        for criterion in criteria
    )
    groups: dict = {}
    for entry in entries:
        entry.total = Decimal(sum(score.value for score in entry.scores.all()))
        groups.setdefault((entry.nomination_id, entry.age_category_id), []).append(entry)
    places = [Placement.WINNER, Placement.SECOND, Placement.THIRD]
    for group in groups.values():
        group.sort(key=lambda entry: (-entry.total, entry.code))
        for rank, entry in enumerate(group, start=1):
            entry.rank = rank
            entry.placement = places[rank - 1] if rank <= len(places) else Placement.PARTICIPANT
    Entry.objects.bulk_update(entries, ["total", "rank", "placement"])


def _works(staff: User, municipality, organisations) -> None:
    """A contest of works and practices: four practices with their descriptions, the first
    two published in the bank with copies of their files."""
    today = timezone.localdate()
    contest = _contest(
        municipality,
        level=ContestLevel.MUNICIPAL,
        audience=ContestAudience.WORKS,
        title="Конкурс лучших практик дополнительного образования",
        focus=Focus.SOCIAL,
        applications_from=today - timedelta(days=200),
        applications_to=today - timedelta(days=170),
        judging_from=today - timedelta(days=169),
        judging_to=today - timedelta(days=155),
        results_on=today - timedelta(days=150),
        state=ContestState.RESULTS,
        results_fixed_at=_at(today - timedelta(days=150)),
        created_by=staff,
    )
    nomination = Nomination.objects.create(contest=contest, title="Практики для сельских детей")
    places = [Placement.WINNER, Placement.SECOND, Placement.THIRD, Placement.PARTICIPANT]
    chosen = []
    for index, (title, description) in enumerate(WORKS):
        entry = Entry.objects.create(
            contest=contest,
            organisation=organisations[index % len(organisations)],
            nomination=nomination,
            code=f"ЛП-{index + 1:02d}",
            state=EntryState.ADMITTED,
            work_title=title,
            description=description,
            rank=index + 1,
            placement=places[index],
        )
        surname, name, patronymic, post = TEACHERS[index % len(TEACHERS)]
        Participant.objects.create(
            entry=entry,
            kind=ParticipantKind.TEACHER,
            surname=surname,
            name=name,
            patronymic=patronymic,
            post=post,
        )
        EntryFile.objects.create(
            entry=entry, title="Описание практики", file=_description(title, description)
        )
        chosen += [entry.pk] if index < 2 else []
    _registered(contest)
    practices.practices_from_contest(user=staff, contest=contest, entry_ids=chosen)


def _description(title: str, description: str) -> ContentFile:
    document = word.new_document(title=title, centre=centre_of(None))
    document.add_heading(title, level=1)
    document.add_paragraph(description)
    buffer = io.BytesIO()
    document.save(buffer)
    return ContentFile(buffer.getvalue(), name="praktika.docx")
