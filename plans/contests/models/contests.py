"""A contest, its nominations and age categories, and its jury.

A regional contest (``municipality`` empty) is created once by the regional administrator;
each municipality runs its own municipal stage of it (``parent``), with its own dates and
jury and copies of the regional nominations and categories (``source``), so that the winners
a stage nominates become entries of the regional contest without retyping.
"""

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator
from django.db import models

from moc_portal.core.scopes import ManagedQuerySet
from programs.assessment.models import CriteriaSet
from programs.choices import Focus

from ...models import Event, PlanItem

REGULATION_EXTENSIONS = ["pdf", "doc", "docx", "odt"]


class ContestLevel(models.TextChoices):
    MUNICIPAL = "municipal", "Муниципальный"
    MUNICIPAL_STAGE = "municipal_stage", "Муниципальный этап регионального конкурса"
    REGIONAL = "regional", "Региональный"


class ContestAudience(models.TextChoices):
    CHILDREN = "children", "Обучающиеся"
    TEACHERS = "teachers", "Педагоги"
    WORKS = "works", "Работы и практики"


class ContestState(models.TextChoices):
    DRAFT = "draft", "Подготовка"
    APPLICATIONS = "applications", "Приём заявок"
    JUDGING = "judging", "Оценивание"
    RESULTS = "results", "Итоги подведены"


class ContestQuerySet(ManagedQuerySet):
    """Staff keep their municipality's contests and stages; the regional contests (no
    municipality) are the administrator's."""


class Contest(models.Model):
    municipality = models.ForeignKey(
        "programs.Municipality",
        verbose_name="муниципалитет",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contests",
        help_text="Пусто у регионального конкурса.",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="региональный конкурс",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stages",
    )
    level = models.CharField("уровень", max_length=20, choices=ContestLevel.choices)
    audience = models.CharField("участники", max_length=20, choices=ContestAudience.choices)
    title = models.CharField("название", max_length=500)
    description = models.TextField("о конкурсе", blank=True)
    focus = models.CharField("направленность", max_length=20, choices=Focus.choices, blank=True)
    regulation = models.FileField(
        "положение о конкурсе",
        upload_to="contests/regulations/%Y/",
        blank=True,
        validators=[FileExtensionValidator(REGULATION_EXTENSIONS)],
    )
    applications_from = models.DateField("приём заявок с")
    applications_to = models.DateField("приём заявок по")
    judging_from = models.DateField("оценивание с")
    judging_to = models.DateField("оценивание по")
    results_on = models.DateField("подведение итогов")
    criteria_set = models.ForeignKey(
        CriteriaSet,
        verbose_name="критерии оценивания",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contests",
    )
    blind = models.BooleanField(
        "слепое оценивание",
        default=False,
        help_text="Жюри видит работы по шифру, без имён и организаций.",
    )
    nominees_per_category = models.PositiveSmallIntegerField(
        "выдвигается на следующий этап (мест в номинации и категории)",
        default=1,
        validators=[MaxValueValidator(50)],
    )
    state = models.CharField(
        "состояние", max_length=20, choices=ContestState.choices, default=ContestState.DRAFT
    )
    is_public = models.BooleanField("объявлен на портале", default=False)
    item = models.ForeignKey(
        PlanItem,
        verbose_name="мероприятие плана",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contests",
    )
    event = models.OneToOneField(
        Event,
        verbose_name="запись в реестре событий",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contest",
    )
    results_fixed_at = models.DateTimeField("итоги зафиксированы", null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(
        "персональные данные удалены", null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("создан", auto_now_add=True)

    objects = ContestQuerySet.as_manager()

    class Meta:
        verbose_name = "конкурс"
        verbose_name_plural = "конкурсы"
        ordering = ["-applications_from", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "municipality"],
                condition=models.Q(parent__isnull=False),
                name="contests_one_stage_per_municipality",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_regional(self) -> bool:
        return self.level == ContestLevel.REGIONAL


class Nomination(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="nominations")
    position = models.PositiveSmallIntegerField("№", default=1)
    title = models.CharField("номинация", max_length=255)
    source = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )

    class Meta:
        verbose_name = "номинация"
        verbose_name_plural = "номинации"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class AgeCategory(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="age_categories")
    position = models.PositiveSmallIntegerField("№", default=1)
    title = models.CharField("возрастная категория", max_length=255)
    age_from = models.PositiveSmallIntegerField("возраст от, лет")
    age_to = models.PositiveSmallIntegerField("возраст до, лет")
    source = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )

    class Meta:
        verbose_name = "возрастная категория"
        verbose_name_plural = "возрастные категории"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class JuryMember(models.Model):
    """An expert on the contest's jury, judging the nominations given."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="jury")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="член жюри",
        on_delete=models.PROTECT,
        related_name="juries",
    )
    nominations = models.ManyToManyField(Nomination, verbose_name="номинации", related_name="jury")
    is_chair = models.BooleanField("председатель жюри", default=False)

    class Meta:
        verbose_name = "член жюри"
        verbose_name_plural = "жюри"
        ordering = ["-is_chair", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "expert"], name="contests_juror_once")
        ]

    def __str__(self):
        return str(self.expert)
