"""Programmes as their organisations keep them: the card, its profile, network partners,
and the steps of its moderation."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from moc_portal.core.fields import ChoiceListField
from moc_portal.core.scopes import ManagedQuerySet
from moc_portal.core.storage import public_image_storage

from ..choices import (
    Focus,
    Level,
    OvzCategory,
    ProgramStatus,
    ProgramType,
    Registry,
    StudyForm,
)
from ..identifiers import validate_inn, validate_ogrn
from .organisations import Organisation

AGE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(18)]
academic_year_validator = RegexValidator(r"^\d{4}/\d{4}$", "Укажите учебный год в виде 2025/2026.")


class Specialisation(models.Model):
    """Профиль within a focus area (робототехника, хореография, …), as in the Navigator."""

    focus = models.CharField("направленность", max_length=20, choices=Focus.choices)
    name = models.CharField("наименование", max_length=255)

    class Meta:
        verbose_name = "профиль (специализация)"
        verbose_name_plural = "профили (специализации)"
        ordering = ["focus", "name"]
        constraints = [
            models.UniqueConstraint(fields=["focus", "name"], name="programs_specialisation_unique")
        ]

    def __str__(self):
        return self.name


class ProgramQuerySet(ManagedQuerySet):
    """``managed_by(user)``: the programmes ``user`` may open in the working areas (not the
    public catalogue), those of the organisations they keep."""

    municipality_path = "organisation__municipality"
    coordinators_path = "organisation__coordinators"

    def published_as_of(self, as_of) -> "ProgramQuerySet":
        """Those that were published at the moment ``as_of``: the last approval or archiving
        at or before it was an approval (a change under moderation keeps the approved version
        public)."""
        last_decision = models.Subquery(
            ProgramTransition.objects.filter(
                program=models.OuterRef("pk"),
                to_status__in=[ProgramStatus.PUBLISHED, ProgramStatus.ARCHIVED],
                created_at__lte=as_of,
            )
            .order_by("-created_at", "-pk")
            .values("to_status")[:1]
        )
        return self.annotate(decision=last_decision).filter(decision=ProgramStatus.PUBLISHED)


class Program(models.Model):
    """A supplementary general education programme (ДООП) as its organisation keeps it.

    What parents see is the last approved version (``PublishedProgram``), so an edit
    of a published programme stays out of the catalogue until a moderator approves it.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name="организация", on_delete=models.PROTECT, related_name="programs"
    )
    academic_year = models.CharField(
        "учебный год", max_length=9, validators=[academic_year_validator]
    )
    uuid = models.UUIDField(
        "идентификатор для обмена", default=uuid.uuid4, unique=True, editable=False
    )
    name = models.CharField("полное наименование", max_length=500)
    short_description = models.TextField(
        "краткое описание", max_length=1000, help_text="Анонс программы для родителей."
    )
    content = models.TextField("содержание программы")
    goals = models.TextField("цели и задачи")
    expected_results = models.TextField("ожидаемые результаты")
    focus = models.CharField("направленность", max_length=20, choices=Focus.choices)
    specialisation = models.ForeignKey(
        Specialisation,
        verbose_name="профиль",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programs",
    )
    level = models.CharField("уровень", max_length=20, choices=Level.choices)
    program_type = models.CharField(
        "вид программы",
        max_length=20,
        choices=ProgramType.choices,
        default=ProgramType.GENERAL_DEVELOPMENT,
    )
    age_from = models.PositiveSmallIntegerField("возраст от, лет", validators=AGE_VALIDATORS)
    age_to = models.PositiveSmallIntegerField("возраст до, лет", validators=AGE_VALIDATORS)
    duration_months = models.PositiveSmallIntegerField(
        "продолжительность, месяцев", validators=[MinValueValidator(1)]
    )
    duration_hours = models.PositiveIntegerField(
        "объём, академических часов", validators=[MinValueValidator(1)]
    )
    study_form = models.CharField(
        "форма обучения", max_length=20, choices=StudyForm.choices, default=StudyForm.FULL_TIME
    )
    uses_distance_technologies = models.BooleanField(
        "с применением ДОТ и ЭО",
        default=False,
        help_text="Дистанционные образовательные технологии и электронное обучение.",
    )
    is_network = models.BooleanField("реализуется в сетевой форме", default=False)
    ovz_suitable = models.BooleanField("подходит для детей с ОВЗ", default=False)
    ovz_categories = ChoiceListField("категории ОВЗ", blank=True, item_choices=OvzCategory.choices)
    aids_career_guidance = models.BooleanField(
        "способствует профессиональному самоопределению", default=False
    )
    funding_budget = models.BooleanField("бесплатно (за счёт бюджета)", default=False)
    funding_certificate = models.BooleanField("по сертификату ПФДО", default=False)
    funding_paid = models.BooleanField("платно", default=False)
    cost = models.DecimalField(
        "стоимость обучения, руб.",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Обязательна для платных программ; для сертификата — нормативная стоимость.",
    )
    registries = ChoiceListField("реестры", blank=True, item_choices=Registry.choices)
    address = models.CharField("место проведения", max_length=500, blank=True)
    image = models.ImageField(
        "изображение", upload_to="programs/%Y/", storage=public_image_storage, blank=True
    )
    navigator_id = models.CharField("идентификатор в Навигаторе", max_length=64, blank=True)
    navigator_url = models.URLField("страница в Навигаторе", blank=True)
    status = models.CharField(
        "статус", max_length=20, choices=ProgramStatus.choices, default=ProgramStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="автор",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("создана", auto_now_add=True)
    updated_at = models.DateTimeField("изменена", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = ProgramQuerySet.as_manager()

    class Meta:
        verbose_name = "программа"
        verbose_name_plural = "программы"
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "organisation"])]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.age_from is not None and self.age_to is not None and self.age_from > self.age_to:
            errors["age_to"] = "Возраст «до» не может быть меньше возраста «от»."
        if not (self.funding_budget or self.funding_certificate or self.funding_paid):
            errors["funding_budget"] = (
                "Укажите хотя бы один источник финансирования: бюджет, сертификат или платно."
            )
        if self.funding_paid and self.cost is None:
            errors["cost"] = "Для платной программы укажите стоимость обучения."
        if self.ovz_suitable and not self.ovz_categories:
            errors["ovz_categories"] = (
                "Программа отмечена как подходящая для детей с ОВЗ: выберите категории ОВЗ."
            )
        if not self.ovz_suitable and self.ovz_categories:
            errors["ovz_suitable"] = (
                "Категории ОВЗ выбраны, но программа не отмечена как подходящая для детей с ОВЗ."
            )
        if self.specialisation_id and self.specialisation.focus != self.focus:
            errors["specialisation"] = "Профиль не относится к выбранной направленности."
        if self.study_form == StudyForm.DISTANCE and not self.uses_distance_technologies:
            errors["uses_distance_technologies"] = (
                "Заочная программа реализуется с применением ДОТ и ЭО: отметьте это поле."
            )
        if errors:
            raise ValidationError(errors)


class NetworkPartner(models.Model):
    program = models.ForeignKey(
        Program, verbose_name="программа", on_delete=models.CASCADE, related_name="partners"
    )
    name = models.CharField("наименование партнёра", max_length=500)
    inn = models.CharField("ИНН", max_length=12, validators=[validate_inn])
    ogrn = models.CharField("ОГРН", max_length=15, blank=True, validators=[validate_ogrn])

    class Meta:
        verbose_name = "сетевой партнёр"
        verbose_name_plural = "сетевые партнёры"
        ordering = ["id"]

    def __str__(self):
        return self.name


class ProgramTransition(models.Model):
    """One step of a programme's moderation: who moved it, when, from where to where, why."""

    program = models.ForeignKey(
        Program, verbose_name="программа", on_delete=models.CASCADE, related_name="transitions"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    from_status = models.CharField("из статуса", max_length=20, choices=ProgramStatus.choices)
    to_status = models.CharField("в статус", max_length=20, choices=ProgramStatus.choices)
    comment = models.TextField("комментарий", blank=True)
    card = models.JSONField(
        "карточка при возврате",
        default=dict,
        blank=True,
        help_text="Карточка программы, какой её вернули на доработку: с ней сравнивают "
        "исправленную.",
    )
    created_at = models.DateTimeField("когда", auto_now_add=True, db_index=True)
    notified_at = models.DateTimeField("уведомление отправлено", null=True, blank=True)

    class Meta:
        verbose_name = "переход статуса"
        verbose_name_plural = "история модерации"
        ordering = ["-created_at", "-id"]
        # The report's "published as of a date": the last decision per programme.
        indexes = [models.Index(fields=["program", "created_at"], name="programs_transition_time")]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"
