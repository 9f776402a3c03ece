from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from moc_portal.core.scopes import ManagedQuerySet
from plans.models import Plan, PlanItem
from programs.choices import AgeBand, Focus
from programs.models import Municipality


class ReportState(models.TextChoices):
    BUILDING = "building", "собирается"
    DRAFT = "draft", "на проверке"
    SUBMITTED = "submitted", "сдан"
    FAILED = "failed", "ошибка сборки"


class YearlyReport(models.Model):
    """The centre's yearly report to the РМЦ (seed 002): tables computed from the registry,
    the plan and the assessment as of a date, checked by a person, then frozen.

    ``data`` is the snapshot: once the report is submitted it is never computed again, so
    later changes to programmes or plans do not alter it. A new version starts a new row.
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="yearly_reports"
    )
    academic_year = models.CharField(
        "учебный год",
        max_length=9,
        validators=[RegexValidator(r"^\d{4}/\d{4}$", "Укажите учебный год в виде 2022/2023.")],
    )
    as_of = models.DateField("данные на дату")
    plan = models.ForeignKey(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="план, по которому отчитываемся",
    )
    version = models.PositiveSmallIntegerField("версия", default=1)
    state = models.CharField(
        "состояние", max_length=20, choices=ReportState.choices, default=ReportState.BUILDING
    )
    progress = models.PositiveSmallIntegerField("готовность, %", default=0)
    directions = models.TextField("основные направления деятельности МОЦ", blank=True)
    perspectives = models.TextField("перспективы развития", blank=True)
    data = models.JSONField("рассчитанные таблицы", default=dict, blank=True)
    error = models.TextField(blank=True)
    built_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField("сдан", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ManagedQuerySet.as_manager()

    class Meta:
        verbose_name = "годовой отчёт МОЦ"
        verbose_name_plural = "годовые отчёты МОЦ"
        ordering = ["-academic_year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "academic_year", "version"], name="report_version_once"
            )
        ]

    def __str__(self):
        return f"Отчёт МОЦ за {self.academic_year} уч. год, версия {self.version}"


class MonitoringForm(models.Model):
    """A monitoring form the РМЦ asks for: indicators computed from the data or entered by
    hand, filled for a period."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="monitoring_forms"
    )
    title = models.CharField("название", max_length=255)
    description = models.TextField("описание", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ManagedQuerySet.as_manager()

    class Meta:
        verbose_name = "форма мониторинга"
        verbose_name_plural = "формы мониторинга"
        ordering = ["title"]

    def __str__(self):
        return self.title


class Indicator(models.Model):
    class Kind(models.TextChoices):
        FORMULA = "formula", "по формуле из данных"
        MANUAL = "manual", "вводится вручную"

    form = models.ForeignKey(MonitoringForm, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveSmallIntegerField("№", default=1)
    code = models.SlugField(
        "код",
        max_length=40,
        help_text="Латиницей, для формул: например, children_5_18.",
    )
    title = models.CharField("показатель", max_length=255)
    unit = models.CharField("единица", max_length=20, blank=True)
    kind = models.CharField("как получается", max_length=10, choices=Kind.choices)
    formula = models.CharField(
        "формула",
        max_length=500,
        blank=True,
        help_text="Например: 100 * enrolled_5_18 / children_5_18",
    )
    decimals = models.PositiveSmallIntegerField("знаков после запятой", default=0)

    class Meta:
        verbose_name = "показатель"
        verbose_name_plural = "показатели"
        ordering = ["form", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["form", "code"], name="indicator_code_once")]

    def __str__(self):
        return self.title


class MonitoringFillQuerySet(ManagedQuerySet):
    municipality_path = "form__municipality"


class MonitoringFill(models.Model):
    """A form filled for a period: the hand-entered values and, once computed, every value.
    Submitted fills are frozen like reports."""

    form = models.ForeignKey(MonitoringForm, on_delete=models.CASCADE, related_name="fills")
    period_label = models.CharField("период", max_length=100)
    as_of = models.DateField("данные на дату")
    inputs = models.JSONField("введённые значения", default=dict, blank=True)
    values = models.JSONField("значения показателей", default=dict, blank=True)
    state = models.CharField(
        "состояние", max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = MonitoringFillQuerySet.as_manager()

    class Meta:
        verbose_name = "заполнение формы мониторинга"
        verbose_name_plural = "заполнения форм мониторинга"
        ordering = ["-as_of", "-pk"]

    def __str__(self):
        return f"{self.form}: {self.period_label}"


class SupplyGapQuerySet(ManagedQuerySet):
    municipality_path = "settlement__municipality"


class SupplyGap(models.Model):
    """A gap of the supply grid (no programme of a focus area for an age band in a
    settlement) that the centre has put into its plan: «открыть группу робототехники в
    с. Донское»."""

    settlement = models.ForeignKey(
        "programs.Settlement", on_delete=models.CASCADE, related_name="+"
    )
    band = models.CharField("возраст", max_length=5, choices=AgeBand.choices)
    focus = models.CharField("направленность", max_length=20, choices=Focus.choices)
    item = models.ForeignKey(
        PlanItem, verbose_name="пункт плана", on_delete=models.CASCADE, related_name="gaps"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("создано", auto_now_add=True)

    objects = SupplyGapQuerySet.as_manager()

    class Meta:
        verbose_name = "пробел в предложении"
        verbose_name_plural = "пробелы в предложении"
        constraints = [
            models.UniqueConstraint(
                fields=["settlement", "band", "focus", "item"], name="reports_supplygap_unique"
            )
        ]

    def __str__(self):
        return f"{self.settlement}, {self.get_band_display()}, {self.get_focus_display()}"
