"""Demo reports: seed 002 itself — the yearly report of Задонский район for 2022/2023, as
of 31.08.2023, submitted in September 2023 — and a monitoring form with the seed's figures and
the coverage indicator of the regional project «Успех каждого ребёнка», filled for that year."""

from datetime import date, datetime, time

from django.utils import timezone

from moc_portal.users.models import User
from plans.models import Plan
from plans.seed_tables import SEED_002, seed_text

from . import figures, monitoring, services
from .models import Indicator, MonitoringForm, YearlyReport

SEED_YEAR = "2022/2023"
SEED_AS_OF = date(2023, 8, 31)
SEED_SUBMITTED = date(2023, 9, 8)

SEED_INDICATORS = [
    ("organisations", "Организаций, реализующих ДООП", "ед.", "organisations_total", 0),
    ("programs", "Опубликованных ДООП", "ед.", "programs_total", 0),
    *[
        (f"focus_{focus}", f"ДООП {label} направленности", "ед.", f"programs_{focus}", 0)
        for focus, label in figures.FOCUS_ORDER
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
