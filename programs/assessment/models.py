from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from moc_portal.core.scopes import ManagedQuerySet
from programs.models import Municipality, Organisation, Program


class Conclusion(models.TextChoices):
    # Ordered from the strictest: a tie between experts takes the stricter conclusion.
    NOT_RECOMMENDED = "not_recommended", "не рекомендована"
    WITH_REVISION = "with_revision", "рекомендована с доработкой"
    RECOMMENDED = "recommended", "рекомендована"


class CriteriaSet(models.Model):
    """Criteria a municipality scores programmes on. Once a campaign uses a version it never
    changes again: edits go into a new version, so a finished assessment keeps the criteria it
    was scored on."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="criteria_sets"
    )
    title = models.CharField("название", max_length=255)
    version = models.PositiveSmallIntegerField("версия", default=1)
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_current = models.BooleanField("действующая версия", default=True)
    created_at = models.DateTimeField("создан", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ManagedQuerySet.as_manager()

    class Meta:
        verbose_name = "набор критериев"
        verbose_name_plural = "наборы критериев"
        ordering = ["municipality", "title", "-version"]

    def __str__(self):
        return f"{self.title} (версия {self.version})"

    @property
    def max_points(self) -> Decimal:
        return sum((c.weight * c.scale_max for c in self.criteria.all()), Decimal(0))


class Criterion(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField("№", default=1)
    title = models.CharField("критерий", max_length=255)
    description = models.TextField("что оценивается", blank=True)
    scale_max = models.PositiveSmallIntegerField(
        "шкала: от 0 до", default=2, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    weight = models.DecimalField(
        "вес",
        max_digits=4,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("10"))],
    )

    class Meta:
        verbose_name = "критерий"
        verbose_name_plural = "критерии"
        ordering = ["criteria_set", "position", "pk"]

    def __str__(self):
        return self.title


class ExpertProfile(models.Model):
    """Where an expert works: a programme of that organisation is never given to them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_profile"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experts",
        verbose_name="место работы (организация реестра)",
    )
    position = models.CharField("должность, квалификация", max_length=255, blank=True)

    class Meta:
        verbose_name = "эксперт"
        verbose_name_plural = "эксперты"

    def __str__(self):
        return str(self.user)


class CampaignState(models.TextChoices):
    DRAFT = "draft", "подготовка"
    OPEN = "open", "идёт оценка"
    CLOSED = "closed", "завершена"


class Campaign(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="assessment_campaigns"
    )
    title = models.CharField("название", max_length=255)
    period_start = models.DateField("начало")
    period_end = models.DateField("окончание")
    criteria_set = models.ForeignKey(
        CriteriaSet,
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name="набор критериев",
    )
    experts_per_program = models.PositiveSmallIntegerField(
        "экспертов на программу", default=2, validators=[MinValueValidator(1)]
    )
    target_percent = models.PositiveSmallIntegerField(
        "плановая доля программ, %",
        default=25,
        validators=[MaxValueValidator(100)],
        help_text="Например, «25% ДООП, готовых к независимой экспертизе» из плана МОЦ.",
    )
    state = models.CharField(
        "состояние", max_length=20, choices=CampaignState.choices, default=CampaignState.DRAFT
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ManagedQuerySet.as_manager()

    class Meta:
        verbose_name = "кампания оценки"
        verbose_name_plural = "кампании оценки"
        ordering = ["-period_start", "-pk"]

    def __str__(self):
        return self.title


class ExpertGroup(models.Model):
    """An expert group of a campaign (by focus area, say); its members take the programmes."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="groups")
    title = models.CharField("экспертная группа", max_length=255)
    experts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="expert_groups", verbose_name="эксперты"
    )

    class Meta:
        verbose_name = "экспертная группа"
        verbose_name_plural = "экспертные группы"
        ordering = ["campaign", "title"]

    def __str__(self):
        return self.title


class CampaignProgramQuerySet(ManagedQuerySet):
    municipality_path = "campaign__municipality"


class CampaignProgram(models.Model):
    """A programme in a campaign, and once the campaign closes its result."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="entries")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="assessments")
    score_percent = models.DecimalField(
        "итоговый балл, %", max_digits=5, decimal_places=1, null=True, blank=True
    )
    conclusion = models.CharField(
        "заключение", max_length=20, choices=Conclusion.choices, blank=True
    )
    decided_at = models.DateTimeField("дата заключения", null=True, blank=True)
    sent_to_region = models.BooleanField("в реестре для региональной экспертизы", default=False)

    objects = CampaignProgramQuerySet.as_manager()

    class Meta:
        verbose_name = "программа в кампании"
        verbose_name_plural = "программы в кампаниях"
        ordering = ["campaign", "program__name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "program"], name="assessment_once")
        ]

    def __str__(self):
        return f"{self.program} — {self.campaign}"


class AssignmentState(models.TextChoices):
    ASSIGNED = "assigned", "ожидает оценки"
    SUBMITTED = "submitted", "оценка отправлена"


class Assignment(models.Model):
    entry = models.ForeignKey(CampaignProgram, on_delete=models.CASCADE, related_name="assignments")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessment_assignments"
    )
    state = models.CharField(
        max_length=20, choices=AssignmentState.choices, default=AssignmentState.ASSIGNED
    )
    conclusion = models.CharField(
        "заключение", max_length=20, choices=Conclusion.choices, blank=True
    )
    comment = models.TextField("комментарий эксперта", blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "назначение эксперту"
        verbose_name_plural = "назначения экспертам"
        ordering = ["entry", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "expert"], name="assessment_expert_once")
        ]

    def __str__(self):
        return f"{self.entry.program} — {self.expert}"


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField("балл")
    comment = models.TextField("комментарий", blank=True)

    class Meta:
        verbose_name = "балл"
        verbose_name_plural = "баллы"
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"], name="assessment_score_once"
            )
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"


class AssessmentLog(models.Model):
    """What was done in a campaign and by whom: opening, closing, submissions, reopenings."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="log")
    assignment = models.ForeignKey(
        Assignment, on_delete=models.SET_NULL, null=True, blank=True, related_name="log"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField("действие", max_length=255)
    comment = models.TextField("комментарий", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "запись журнала оценки"
        verbose_name_plural = "журнал оценки"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.action
