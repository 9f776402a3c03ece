from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from plans.models import Plan
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
    perspectives = models.TextField("перспективы", blank=True)
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
