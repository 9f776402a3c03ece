"""Demo reports: seed 002 itself — the yearly report of Задонский район for 2022/2023, as
of 31.08.2023, submitted in September 2023 — and a monitoring form with the seed's figures and
the coverage indicator of the regional project «Успех каждого ребёнка», filled for that year."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from moc_portal.users.models import User
from plans.models import Plan, PlanState
from programs.models import ProgramGroup, Settlement, Wish
from programs.territory import settlements
from reports import figures, monitoring, services, territory
from reports.models import Indicator, MonitoringForm, YearlyReport

from .seed_tables import SEED_002, seed_text

SEED_YEAR = "2022/2023"
BANDS = ["5-7", "8-10", "11-14", "15-17"]
SEED_AS_OF = date(2023, 8, 31)
SEED_SUBMITTED = date(2023, 9, 8)

SEED_INDICATORS = [
    ("organisations", "Организаций, реализующих ДООП", "ед.", "organisations_total", 0),
    ("programs", "Опубликованных ДООП", "ед.", "programs_total", 0),
    *[
        (f"focus_{focus}", f"ДООП {label} направленности", "ед.", f"programs_{focus}", 0)
        for focus, label in figures.focus_order()
    ],
    ("career", "ДООП, способствующих самоопределению детей", "ед.", "programs_career", 0),
    ("distance", "Дистанционных ДООП", "ед.", "programs_distance", 0),
    ("ovz", "ДООП для детей с ОВЗ", "ед.", "programs_ovz", 0),
]


def demo_monitoring_load(*, staff: User, municipality) -> None:
    form = MonitoringForm.objects.create(
        municipality=municipality,
        title="Мониторинг внедрения Целевой модели (по запросу РМЦ)",
        description="Показатели годового отчёта МОЦ и охват детей дополнительным образованием.",
    )
    for code, title, unit, formula, decimals in SEED_INDICATORS:
        monitoring.indicator_save(
            user=staff,
            indicator=Indicator(
                form=form,
                code=code,
                title=title,
                unit=unit,
                kind=Indicator.Kind.FORMULA,
                formula=formula,
                decimals=decimals,
            ),
        )
    for code, title in [
        ("children_5_18", "Численность детей 5–18 лет в муниципалитете"),
        ("enrolled_5_18", "Дети 5–18 лет, охваченные дополнительным образованием"),
    ]:
        monitoring.indicator_save(
            user=staff,
            indicator=Indicator(
                form=form, code=code, title=title, unit="чел.", kind=Indicator.Kind.MANUAL
            ),
        )
    monitoring.indicator_save(
        user=staff,
        indicator=Indicator(
            form=form,
            code="coverage_5_18",
            title="Охват детей 5–18 лет дополнительным образованием "
            "(региональный проект «Успех каждого ребёнка»)",
            unit="%",
            kind=Indicator.Kind.FORMULA,
            formula="100 * enrolled_5_18 / children_5_18",
            decimals=1,
        ),
    )
    fill = monitoring.fill_create(
        user=staff, form=form, period_label="2022–2023 учебный год", as_of=SEED_AS_OF
    )
    monitoring.fill_inputs_save(
        user=staff, fill=fill, inputs={"children_5_18": 4870, "enrolled_5_18": 3690}
    )


def demo_yearly_report_load(*, staff: User, municipality, plan: Plan) -> YearlyReport:
    """Seed 002 as the portal keeps it: built from the registry and the plan as of
    31.08.2023, the centre's own texts, submitted on its day."""
    report = YearlyReport.objects.create(
        municipality=municipality,
        academic_year=SEED_YEAR,
        as_of=SEED_AS_OF,
        plan=plan,
        directions=seed_text(SEED_002, "1. Информационное сопровождение", "Выполнение плана"),
        perspectives=seed_text(SEED_002, "1. Повышение охвата"),
        created_by=staff,
    )
    services.yearly_report_build(report.pk)
    report = services.yearly_report_submit(user=staff, report=report)
    submitted = timezone.make_aware(datetime.combine(SEED_SUBMITTED, time(12)))
    YearlyReport.objects.filter(pk=report.pk).update(
        created_at=submitted, built_at=submitted, submitted_at=submitted
    )
    report.refresh_from_db()
    return report


# Children by age band (the statistics of 1 January): a district town and its villages.
DEMO_CHILDREN = {
    ("г.", "Задонск"): (560, 530, 660, 480),
    ("с.", "Донское"): (96, 88, 117, 82),
    ("с.", "Хмелинец"): (85, 80, 98, 70),
    ("с.", "Ольшанец"): (38, 35, 44, 30),
    ("с.", "Конь-Колодезь"): (44, 41, 52, 36),
    ("с.", "Скорняково"): (35, 30, 39, 27),
    ("с.", "Каменка"): (22, 19, 25, 17),
}
# What parents asked for: (settlement, age, focus, wish, how many).
DEMO_WISHES = [
    ("Донское", 12, "technical", "Робототехника или программирование, хоть раз в неделю", 9),
    ("Донское", 15, "technical", "Чтобы можно было подготовиться к инженерному классу", 4),
    ("Донское", 9, "arts", "Хор или вокал", 3),
    ("Хмелинец", 11, "technical", "3D-моделирование", 3),
    ("Хмелинец", 6, "sport", "Плавание или гимнастика для дошкольников", 4),
    ("Каменка", 8, "arts", "Рисование рядом с домом, возить в город далеко", 5),
    ("Каменка", 13, "sport", "Футбол", 3),
    ("Ольшанец", 14, "tourism", "Туристический клуб, походы", 2),
    ("Задонск", 16, "social", "Медиашкола, журналистика", 3),
    ("Задонск", 10, "natural_science", "Юные экологи", 2),
]


def demo_territory_load(*, staff: User, municipality) -> None:
    """Settlements found in the organisations' addresses (the way a centre starts), their
    children, a few groups that meet away from their school, a year of parents' wishes, and
    the gap of с. Каменка put into the centre's draft plan."""
    settlements.settlements_from_addresses(user=staff, municipality=municipality)
    town = Settlement.objects.get(municipality=municipality, name="Задонск")
    town.oktmo = "42624101001"
    town.save()
    Settlement.objects.get_or_create(municipality=municipality, kind="с.", name="Каменка")
    _children(staff, municipality)
    # The sports school trains a group in с. Хмелинец.
    away = Settlement.objects.get(municipality=municipality, name="Хмелинец")
    ProgramGroup.objects.filter(
        program__organisation__short_name="МБУ ДО ДЮСШ г. Задонска", name="Группа 2"
    ).update(settlement=away)
    _wishes(municipality)
    plan = (
        Plan.objects.filter(municipality=municipality, state=PlanState.DRAFT)
        .order_by("-period_end")
        .first()
    )
    if plan is not None:
        territory.gap_link(
            user=staff,
            settlement=Settlement.objects.get(municipality=municipality, name="Каменка"),
            band="8-10",
            focus="arts",
            plan=plan,
            section=plan.sections.order_by("position").first(),
        )


def _children(staff: User, municipality) -> None:
    """The children of each settlement by age band, last year's and this year's."""
    year = timezone.localdate().year
    for (kind, name), counts in DEMO_CHILDREN.items():
        settlement = Settlement.objects.get(municipality=municipality, kind=kind, name=name)
        for statistics_year, shift in ((year - 1, -3), (year, 0)):
            settlements.child_counts_save(
                user=staff,
                settlement=settlement,
                year=statistics_year,
                counts={
                    band: max(children + shift, 0)
                    for band, children in zip(
                        ["5-7", "8-10", "11-14", "15-17"], counts, strict=True
                    )
                },
            )


def _wishes(municipality) -> None:
    """Parents' wishes over the last ten months, dated as they came."""
    now = timezone.now()
    n = 0
    for name, age, focus, text, count in DEMO_WISHES:
        settlement = Settlement.objects.get(municipality=municipality, name=name)
        for k in range(count):
            wish = Wish.objects.create(
                municipality=municipality,
                settlement=settlement,
                age=min(age + k % 2, 17),
                focus=focus,
                text=text if k == 0 else "",
            )
            n += 1
            Wish.objects.filter(pk=wish.pk).update(created_at=now - timedelta(days=(n * 7) % 300))
