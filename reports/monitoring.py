"""Monitoring forms: indicators from the data or by hand, filled for a period, then frozen."""

from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from moc_portal.core.concurrency import check_seen, value_text
from moc_portal.core.lifecycle import Lifecycle, Transition
from moc_portal.users.models import User
from programs.territory import supply

from . import figures, formulas
from .models import Indicator, MonitoringFill, MonitoringForm, ReportState
from .services import ReportError, check_staff_of


@cache
def data_variables() -> dict[str, str]:
    """What a formula may use besides the form's own indicators, with what it means."""
    return {
        "organisations_total": "организаций, реализующих программы",
        "programs_total": "опубликованных программ",
        **{
            f"programs_{focus}": f"программ {label} направленности"
            for focus, label in figures.focus_order()
        },
        "programs_career": "программ, способствующих самоопределению",
        "programs_distance": "дистанционных программ",
        "programs_ovz": "программ для детей с ОВЗ",
        "assessment_ready": "программ, готовых к независимой оценке",
        "assessment_assessed": "программ, прошедших оценку",
        "assessment_recommended": "рекомендованных программ",
        "children_counted": "детей 5–18 лет по численности, указанной по населённым пунктам",
        "places_taken": "занятых мест в группах для детей 5–18 лет (там, где дети указаны)",
        "coverage_by_places": "охват детей 5–18 лет по занятым местам, %",
    }


def _staff(user: User, fill: MonitoringFill) -> bool:
    return user.manages_municipality(fill.form.municipality_id)


# A monitoring fill: entered and recomputed while a draft, then submitted and frozen.
FILL_LIFECYCLE = Lifecycle(
    state_field="state",
    transitions=(
        Transition(
            "save",
            frozenset({ReportState.DRAFT}),
            None,
            "Сохранить и пересчитать",
            may=_staff,
            refusal="Форма сдана и не меняется.",
            button=False,
        ),
        Transition(
            "submit",
            frozenset({ReportState.DRAFT}),
            ReportState.SUBMITTED,
            "Сдать форму",
            may=_staff,
            refusal="Форма уже сдана.",
            fields=(("submit", "1"),),
        ),
    ),
    error=ReportError,
    denied="Отчёт муниципалитета ведут его сотрудники МОЦ.",
    url=lambda fill, step: reverse("reports:monitoring_fill", args=[fill.pk]),
)


def data_values(municipality_id: int, as_of) -> dict:
    tables = figures.registry_tables(municipality_id, as_of)
    assessment = figures.assessment_table(municipality_id, as_of)
    programs = tables["programs"]
    coverage = supply.coverage(municipality_id, as_of)
    return {
        "organisations_total": tables["organisations"]["total"],
        "programs_total": programs["total"],
        **{f"programs_{row['key']}": row["count"] for row in programs["by_focus"]},
        "programs_career": programs["career"],
        "programs_distance": programs["distance"],
        "programs_ovz": programs["ovz"],
        "assessment_ready": assessment["ready"],
        "assessment_assessed": assessment["assessed"],
        "assessment_recommended": assessment["recommended"],
        "children_counted": coverage["children"],
        "places_taken": coverage["covered"] if coverage["children"] else None,
        "coverage_by_places": coverage["coverage"],
    }


@transaction.atomic
def indicator_save(*, user: User, indicator: Indicator) -> Indicator:
    check_staff_of(user, indicator.form.municipality_id)
    if indicator.code in data_variables():
        raise ValidationError({"code": "Этот код занят данными портала: выберите другой."})
    if indicator.kind == Indicator.Kind.MANUAL:
        indicator.formula = ""
    else:
        if not indicator.formula.strip():
            raise ValidationError({"formula": "Напишите формулу показателя."})
        try:
            used = formulas.names(indicator.formula)
        except formulas.FormulaError as error:
            raise ValidationError({"formula": str(error)}) from None
        others = {i.code: i for i in indicator.form.indicators.exclude(pk=indicator.pk) if i.code}
        if indicator.code in used or _depends_on(indicator.code, used, others):
            raise ValidationError({"formula": "Показатель не может зависеть сам от себя."})
        unknown = used - set(data_variables()) - set(others)
        if unknown:
            raise ValidationError({"formula": f"Неизвестный код: {', '.join(sorted(unknown))}."})
    if not indicator.pk:
        last = indicator.form.indicators.order_by("-position").first()
        indicator.position = last.position + 1 if last else 1
    indicator.full_clean()
    indicator.save()
    return indicator


def _depends_on(code: str, used: set, others: dict) -> bool:
    seen, stack = set(), list(used)
    while stack:
        name = stack.pop()
        if name == code:
            return True
        if name in seen or name not in others:
            continue
        seen.add(name)
        if others[name].kind == Indicator.Kind.FORMULA:
            stack += formulas.names(others[name].formula)
    return False


@transaction.atomic
def fill_create(*, user: User, form: MonitoringForm, period_label: str, as_of) -> MonitoringFill:
    check_staff_of(user, form.municipality_id)
    fill = MonitoringFill(form=form, period_label=period_label.strip(), as_of=as_of)
    fill.full_clean()
    fill.save()
    return fill_compute(fill)


def _rounded(value: Decimal | None, decimals: int):
    if value is None:
        return None
    quantum = Decimal(1).scaleb(-decimals)
    result = value.quantize(quantum, rounding=ROUND_HALF_UP)
    return int(result) if decimals == 0 else float(result)


def fill_compute(fill: MonitoringFill) -> MonitoringFill:
    """Every indicator's value from the data as of the fill's date and the entered values."""
    indicators = list(fill.form.indicators.all())
    known = {**data_values(fill.form.municipality_id, fill.as_of), **fill.inputs}
    values = {i.code: fill.inputs.get(i.code) for i in indicators if i.kind == "manual"}
    pending = [i for i in indicators if i.kind == "formula"]
    while pending:
        ready = [i for i in pending if formulas.names(i.formula) <= set(known)]
        if not ready:  # what is left depends on a value nobody entered
            values.update({i.code: None for i in pending})
            break
        for indicator in ready:
            value = _rounded(formulas.evaluate(indicator.formula, known), indicator.decimals)
            values[indicator.code] = known[indicator.code] = value
            pending.remove(indicator)
    fill.values = values
    fill.save(update_fields=["values"])
    return fill


def fill_seen(fill: MonitoringFill) -> dict[str, str]:
    """The hand-entered values as the fill's form shows them (core.concurrency)."""
    return {
        indicator.title: value_text(fill.inputs.get(indicator.code))
        for indicator in fill.form.indicators.filter(kind=Indicator.Kind.MANUAL)
    }


@transaction.atomic
def fill_inputs_save(
    *, user: User, fill: MonitoringFill, inputs: dict, seen: str | None = None
) -> MonitoringFill:
    fill = MonitoringFill.objects.select_for_update().select_related("form").get(pk=fill.pk)
    FILL_LIFECYCLE.check(user, fill, "save")
    check_seen(seen, fill_seen(fill))
    fill.inputs = {code: (float(v) if v is not None else None) for code, v in inputs.items()}
    fill.save(update_fields=["inputs"])
    return fill_compute(fill)


@transaction.atomic
def fill_submit(*, user: User, fill: MonitoringFill) -> MonitoringFill:
    fill = MonitoringFill.objects.select_for_update().select_related("form").get(pk=fill.pk)
    FILL_LIFECYCLE.check(user, fill, "submit")
    fill = fill_compute(fill)
    missing = [i.title for i in fill.form.indicators.all() if fill.values.get(i.code) is None]
    if missing:
        raise ReportError(f"Нет значения показателя «{missing[0]}»: введите его.")
    fill.state = ReportState.SUBMITTED
    fill.submitted_at = timezone.now()
    fill.save(update_fields=["state", "submitted_at"])
    return fill
