"""Demo monitoring form: the figures of seed 002 and the coverage indicator of the regional
project «Успех каждого ребёнка», filled for the year."""

from django.utils import timezone

from moc_portal.users.models import User

from . import figures, monitoring
from .models import Indicator, MonitoringForm

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
        user=staff, form=form, period_label="2022–2023 учебный год", as_of=timezone.localdate()
    )
    monitoring.fill_inputs_save(
        user=staff, fill=fill, inputs={"children_5_18": 4870, "enrolled_5_18": 3690}
    )
