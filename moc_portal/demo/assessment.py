"""Demo assessment: a methodologist's criteria, three experts, a finished campaign whose
recommended programmes carry the badge in the catalogue, and an open one with work for the
demo expert (``ekspert``)."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from moc_portal.users.models import Role, User
from programs.assessment import services
from programs.assessment.models import (
    AssessmentLog,
    Assignment,
    Campaign,
    CampaignProgram,
    Conclusion,
    Criterion,
    ExpertGroup,
    ExpertProfile,
)
from programs.choices import ProgramStatus
from programs.models import Organisation, Program

CRITERIA = [
    (
        "Соответствие текста программы нормативным требованиям",
        "Структура и оформление по Порядку организации и осуществления образовательной "
        "деятельности по ДООП (приказ Минпросвещения России № 629) и методическим "
        "рекомендациям по проектированию ДООП: титульный лист, комплекс основных характеристик, "
        "организационно-педагогические условия.",
        2,
        "1.5",
    ),
    (
        "Актуальность и востребованность",
        "Обоснование актуальности, соответствие запросам детей и родителей, приоритетам "
        "развития дополнительного образования в муниципалитете.",
        2,
        "1",
    ),
    (
        "Ясность целей и планируемых результатов",
        "Цель и задачи конкретны и достижимы; результаты измеримы и соотнесены с задачами.",
        2,
        "1.5",
    ),
    (
        "Содержание программы",
        "Учебный план и содержание соответствуют направленности, возрасту и уровню; есть "
        "практика и проектная деятельность.",
        2,
        "1.5",
    ),
    (
        "Методическое обеспечение",
        "Формы и методы, дидактические материалы, оценочные материалы и формы аттестации.",
        2,
        "1",
    ),
    (
        "Материально-техническое обеспечение",
        "Помещения, оборудование и материалы, достаточные для реализации программы.",
        2,
        "1",
    ),
    (
        "Кадровое обеспечение",
        "Квалификация педагогов соответствует профилю программы; повышение квалификации.",
        2,
        "1",
    ),
]

EXPERTS = [
    ("ekspert", "Бочаров", "Андрей", "методист МБУ ДО «Центр детского творчества»"),
    ("ekspert2", "Сафонова", "Ирина", "заместитель директора по УВР"),
    ("ekspert3", "Жданов", "Павел", "педагог дополнительного образования высшей категории"),
]


def demo_assessment_load(*, staff: User, municipality, password: str) -> None:
    rng = random.Random(629)
    criteria_set = _criteria(staff, municipality)
    organisations = list(Organisation.objects.filter(municipality=municipality).order_by("pk"))
    experts = _experts(organisations, password)
    published = list(
        Program.objects.filter(
            organisation__municipality=municipality, status=ProgramStatus.PUBLISHED
        ).order_by("pk")
    )
    finished = _campaign(
        staff,
        municipality,
        criteria_set,
        experts,
        title="Независимая оценка качества ДООП, 2022–2023 учебный год",
        period=(date(2023, 2, 1), date(2023, 4, 28)),
        programs=published[:42],  # 25% of 163 ready for assessment, as the plan asks
    )
    for assignment in Assignment.objects.filter(entry__campaign=finished):
        _score(rng, assignment, finished)
    services.campaign_close(user=staff, campaign=finished)
    _dated(rng, finished)

    upcoming = _campaign(
        staff,
        municipality,
        criteria_set,
        experts,
        title="Независимая оценка качества ДООП, 2023–2024 учебный год",
        period=(date(2024, 2, 1), date(2024, 4, 30)),
        # Spread over organisations, so the demo expert has programmes they may take.
        programs=[p for p in published[42:] if p.organisation_id != organisations[1].pk][::15][:6],
    )
    _dated(rng, upcoming)


def _criteria(staff: User, municipality):
    """The centre's criteria of the independent quality assessment."""
    criteria_set = services.criteria_set_create(
        user=staff, municipality=municipality, title="Критерии независимой оценки качества ДООП"
    )
    for title, description, scale, weight in CRITERIA:
        services.criterion_save(
            user=staff,
            criterion=Criterion(
                criteria_set=criteria_set,
                title=title,
                description=description,
                scale_max=scale,
                weight=weight,
            ),
        )
    return criteria_set


def _experts(organisations, password: str) -> list[User]:
    """The demo's experts, each working at an organisation of the municipality."""
    experts = []
    for i, (username, last, first, position) in enumerate(EXPERTS):
        expert = User.objects.filter(username=username).first()
        if expert is None:
            expert = User(
                username=username,
                email=f"{username}@zadonsk-edu.example",
                last_name=last,
                first_name=first,
                role=Role.EXPERT,
            )
            expert.set_password(password)
            expert.save()
        ExpertProfile.objects.update_or_create(
            user=expert,
            defaults={"organisation": organisations[1 + 2 * i], "position": position},
        )
        experts.append(expert)
    return experts


def _dated(rng, campaign: Campaign) -> None:
    """The campaign's record in its own months (prepared two weeks before it opened, scored
    within it, closed on its last day), not at the moment the demo is loaded."""

    def at(day: date, hour: int) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(hour)))

    campaign.refresh_from_db()
    start, end = campaign.period_start, campaign.period_end
    Campaign.objects.filter(pk=campaign.pk).update(
        created_at=at(start - timedelta(days=14), 10),
        opened_at=at(start, 9),
        closed_at=at(end, 17) if campaign.closed_at else None,
    )
    span = (end - start).days
    for entry in CampaignProgram.objects.filter(campaign=campaign, decided_at__isnull=False):
        decided = at(start + timedelta(days=rng.randint(span // 2, span - 1)), 16)
        CampaignProgram.objects.filter(pk=entry.pk).update(decided_at=decided)
        Assignment.objects.filter(entry=entry, submitted_at__isnull=False).update(
            submitted_at=decided
        )
    AssessmentLog.objects.filter(campaign=campaign).update(created_at=at(start, 9))


def _campaign(staff, municipality, criteria_set, experts, *, title, period, programs):
    campaign = services.campaign_save(
        user=staff,
        campaign=Campaign(
            municipality=municipality,
            title=title,
            period_start=period[0],
            period_end=period[1],
            criteria_set=criteria_set,
        ),
    )
    services.campaign_add_programs(user=staff, campaign=campaign, programs=programs)
    group = ExpertGroup(campaign=campaign, title="Экспертная группа МОЦ")
    services.expert_group_save(user=staff, group=group, experts=experts)
    services.assignments_distribute(user=staff, campaign=campaign)
    services.campaign_open(user=staff, campaign=campaign)
    return campaign


def _score(rng, assignment, campaign) -> None:
    criteria = list(campaign.criteria_set.criteria.all())
    # Experts mostly agree about a programme: its quality is the programme's, not the expert's.
    quality = random.Random(assignment.entry.program_id).choice([2, 2, 2, 1, 1, 0])
    scores = {
        c.pk: (max(0, min(c.scale_max, quality + rng.choice([0, 0, 1, -1]))), "") for c in criteria
    }
    total = sum(v for v, _ in scores.values())
    conclusion = (
        Conclusion.RECOMMENDED
        if total >= 10
        else Conclusion.WITH_REVISION
        if total >= 6
        else Conclusion.NOT_RECOMMENDED
    )
    comment = {
        Conclusion.RECOMMENDED: "Программа соответствует требованиям; рекомендуется к реализации.",
        Conclusion.WITH_REVISION: "Уточнить планируемые результаты и оценочные материалы.",
        Conclusion.NOT_RECOMMENDED: "Программа требует переработки: нет оценочных материалов, "
        "содержание не соответствует заявленному уровню.",
    }[conclusion]
    services.scores_save(
        user=assignment.expert,
        assignment=assignment,
        scores=scores,
        conclusion=conclusion,
        comment=comment,
    )
    services.assignment_submit(user=assignment.expert, assignment=assignment)
