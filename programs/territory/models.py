"""The territory: municipalities with their support centre, settlements, and how many
children live in each."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from moc_portal.core.scopes import ManagedQuerySet
from moc_portal.core.text import latin_slug

from ..choices import AgeBand, Focus, SettlementKind

oktmo_validator = RegexValidator(r"^(\d{8}|\d{11})$", "Код ОКТМО состоит из 8 или 11 цифр.")


class MunicipalityQuerySet(ManagedQuerySet):
    municipality_path = ""  # the municipality itself


class ChildCountQuerySet(ManagedQuerySet):
    municipality_path = "settlement__municipality"


class Municipality(models.Model):
    name = models.CharField("наименование", max_length=255, unique=True)
    region = models.CharField("субъект РФ", max_length=255, blank=True)
    oktmo = models.CharField("код ОКТМО", max_length=11, unique=True, validators=[oktmo_validator])
    slug = models.SlugField(
        "адрес страницы",
        max_length=60,
        unique=True,
        help_text="Латиницей, для адреса /m/<адрес>/: «zadonskii-raion».",
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = "муниципалитет"
        verbose_name_plural = "муниципалитеты"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.free_slug(self.name)
        super().save(*args, **kwargs)

    @classmethod
    def free_slug(cls, name: str) -> str:
        """A page address from the name that no other municipality has."""
        base = latin_slug(name)[:55] or "m"
        slug, n = base, 1
        while cls.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug


class Settlement(models.Model):
    """A settlement (населённый пункт) of a municipality: where organisations and groups
    are, and where supply and demand are compared."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="settlements",
        verbose_name="муниципалитет",
    )
    kind = models.CharField("тип", max_length=8, choices=SettlementKind.choices)
    name = models.CharField("наименование", max_length=255)
    oktmo = models.CharField(
        "код ОКТМО",
        max_length=11,
        blank=True,
        validators=[oktmo_validator],
        help_text="Код населённого пункта (11 цифр), если известен.",
    )

    objects = ManagedQuerySet.as_manager()

    class Meta:
        verbose_name = "населённый пункт"
        verbose_name_plural = "населённые пункты"
        ordering = ["municipality", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind", "name"],
                name="programs_settlement_unique_name",
                violation_error_message="Такой населённый пункт в муниципалитете уже есть.",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.name}"


class ChildCount(models.Model):
    """How many children of an age band live in a settlement (statistics as of 1 January of
    ``year``): the denominator of coverage."""

    settlement = models.ForeignKey(
        Settlement, on_delete=models.CASCADE, related_name="child_counts"
    )
    year = models.PositiveSmallIntegerField(
        "год", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    band = models.CharField("возраст", max_length=5, choices=AgeBand.choices)
    children = models.PositiveIntegerField("детей")

    objects = ChildCountQuerySet.as_manager()

    class Meta:
        verbose_name = "численность детей"
        verbose_name_plural = "численность детей"
        constraints = [
            models.UniqueConstraint(
                fields=["settlement", "year", "band"], name="programs_childcount_unique"
            )
        ]

    def __str__(self):
        return f"{self.settlement}, {self.year}, {self.get_band_display()}: {self.children}"


class Centre(models.Model):
    """The municipality's support centre as its pages, letters and documents name it.

    Until its staff fill it in (the full name at least), the installation's own identity
    (``MOC_CENTRE_*``) stands in: see ``programs.territory.centres.centre_of``.
    """

    municipality = models.OneToOneField(
        Municipality, verbose_name="муниципалитет", on_delete=models.CASCADE, related_name="centre"
    )
    full_name = models.CharField(
        "полное наименование",
        max_length=500,
        blank=True,
        help_text="«Муниципальный опорный центр дополнительного образования детей …».",
    )
    short_name = models.CharField("краткое наименование", max_length=255, blank=True)
    base_organisation = models.CharField(
        "базовая организация",
        max_length=500,
        blank=True,
        help_text="Организация, на базе которой создан центр.",
    )
    address = models.CharField("адрес", max_length=500, blank=True)
    phone = models.CharField("телефон", max_length=50, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    website = models.URLField("сайт", blank=True)
    head_post = models.CharField(
        "должность руководителя",
        max_length=500,
        blank=True,
        help_text="Как в блоке «УТВЕРЖДАЮ»: «Директор МАУДО „ДТДиМ“».",
    )
    head_name = models.CharField(
        "ФИО руководителя", max_length=255, blank=True, help_text="«И.О. Фамилия»."
    )
    letterhead = models.TextField(
        "шапка документов",
        blank=True,
        help_text="Учредитель и организация, которыми открываются документы, по строке на "
        "каждое: «Управление образования администрации …», «МАУДО …».",
    )
    updated_at = models.DateTimeField("изменён", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = ManagedQuerySet.as_manager()

    class Meta:
        verbose_name = "опорный центр"
        verbose_name_plural = "опорные центры"

    def __str__(self):
        return self.short_name or self.full_name or f"МОЦ: {self.municipality}"


WISH_MAX_LENGTH = 1000


class Wish(models.Model):
    """A parent's answer to «Какой кружок нужен вашему ребёнку?»: demand, kept without a name.

    When the parent asks for an answer, their name and contacts go into a hotline question
    (``question``, the hotline's record pointing here) under the hotline's consent and
    retention rules; the wish itself stays anonymous and is counted on the supply grid.
    """

    municipality = models.ForeignKey(
        Municipality,
        verbose_name="муниципалитет",
        on_delete=models.PROTECT,
        related_name="+",
    )
    settlement = models.ForeignKey(
        Settlement,
        verbose_name="населённый пункт",
        on_delete=models.PROTECT,
        related_name="wishes",
    )
    age = models.PositiveSmallIntegerField(
        "возраст ребёнка, лет",
        validators=[
            MinValueValidator(5, "Укажите возраст от 5 до 17 лет."),
            MaxValueValidator(17, "Укажите возраст от 5 до 17 лет."),
        ],
    )
    focus = models.CharField("направленность", max_length=20, choices=Focus.choices)
    text = models.TextField("какой кружок нужен", blank=True, max_length=WISH_MAX_LENGTH)
    created_at = models.DateTimeField("получено", auto_now_add=True, db_index=True)

    objects = ManagedQuerySet.as_manager()

    class Meta:
        verbose_name = "пожелание родителей"
        verbose_name_plural = "пожелания родителей"
        ordering = ["-created_at", "-pk"]
        db_table = "portal_wish"  # kept from when the information portal held it

    def __str__(self):
        return f"{self.settlement}, {self.age} лет, {self.get_focus_display()}"

    def clean(self):
        if self.settlement_id and self.settlement.municipality_id != self.municipality_id:
            raise ValidationError(
                {"settlement": "Выберите населённый пункт из списка выбранного муниципалитета."}
            )
