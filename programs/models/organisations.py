"""Organisations of the municipal inventory and who keeps them."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from moc_portal.core.scopes import ManagedQuerySet

from ..choices import Department, LegalForm, OrganisationType, Ownership
from ..identifiers import validate_inn, validate_ogrn
from ..territory.models import Municipality, Settlement


class OrganisationQuerySet(ManagedQuerySet):
    """``managed_by(user)``: the organisations whose profile and programmes ``user`` keeps."""

    coordinators_path = "coordinators"


class Organisation(models.Model):
    """An organisation of the municipal inventory («инвентаризация»)."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name="муниципалитет",
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    uuid = models.UUIDField(
        "идентификатор для обмена", default=uuid.uuid4, unique=True, editable=False
    )
    full_name = models.CharField("полное наименование", max_length=500)
    short_name = models.CharField("краткое наименование", max_length=255)
    org_type = models.CharField("тип организации", max_length=20, choices=OrganisationType.choices)
    department = models.CharField(
        "ведомственная принадлежность",
        max_length=20,
        choices=Department.choices,
        default=Department.EDUCATION,
    )
    legal_form = models.CharField(
        "организационно-правовая форма",
        max_length=20,
        choices=LegalForm.choices,
        default=LegalForm.BUDGETARY,
    )
    ownership = models.CharField(
        "форма собственности", max_length=20, choices=Ownership.choices, default=Ownership.MUNICIPAL
    )
    inn = models.CharField("ИНН", max_length=12, validators=[validate_inn])
    ogrn = models.CharField("ОГРН", max_length=15, validators=[validate_ogrn])
    head_name = models.CharField("руководитель", max_length=255, blank=True)
    address = models.CharField("адрес", max_length=500)
    phone = models.CharField("телефон", max_length=50, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    website = models.URLField("сайт", blank=True)
    settlement = models.ForeignKey(
        Settlement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name="населённый пункт",
    )
    is_support_centre = models.BooleanField(
        "муниципальный опорный центр",
        default=False,
        help_text="Организация, на базе которой создан МОЦ муниципалитета.",
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="координаторы",
        blank=True,
        related_name="coordinated_organisations",
    )
    # Inventory figures.
    staff_total = models.PositiveIntegerField("работников всего", null=True, blank=True)
    teachers_total = models.PositiveIntegerField(
        "педагогов дополнительного образования", null=True, blank=True
    )
    classrooms = models.PositiveIntegerField(
        "учебных помещений для дополнительного образования", null=True, blank=True
    )
    has_accessible_environment = models.BooleanField(
        "условия для детей с ОВЗ (доступная среда)", default=False
    )
    infrastructure_notes = models.TextField("инфраструктура и оборудование", blank=True)
    created_at = models.DateTimeField("создана", auto_now_add=True)
    updated_at = models.DateTimeField("изменена", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = "организация"
        verbose_name_plural = "организации"
        ordering = ["short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "inn"],
                name="programs_organisation_unique_inn",
                violation_error_message="Организация с таким ИНН в муниципалитете уже есть.",
            ),
            models.UniqueConstraint(
                fields=["municipality"],
                condition=models.Q(is_support_centre=True),
                name="programs_organisation_one_support_centre",
                violation_error_message="В муниципалитете уже есть опорный центр.",
            ),
        ]

    def __str__(self):
        return self.short_name

    def clean(self):
        if self.settlement_id and self.settlement.municipality_id != self.municipality_id:
            raise ValidationError(
                {"settlement": "Выберите населённый пункт муниципалитета организации."}
            )
