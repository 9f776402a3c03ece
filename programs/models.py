import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from moc_portal.core.fields import ChoiceListField
from moc_portal.core.storage import public_image_storage
from moc_portal.core.text import latin_slug

from .choices import (
    AgeBand,
    Department,
    Focus,
    GroupFunding,
    LegalForm,
    Level,
    OrganisationType,
    OvzCategory,
    Ownership,
    ProgramStatus,
    ProgramType,
    Registry,
    SettlementKind,
    StudyForm,
    Weekday,
)
from .identifiers import validate_inn, validate_ogrn

AGE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(18)]
academic_year_validator = RegexValidator(r"^\d{4}/\d{4}$", "Укажите учебный год в виде 2025/2026.")
oktmo_validator = RegexValidator(r"^(\d{8}|\d{11})$", "Код ОКТМО состоит из 8 или 11 цифр.")


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
    (``MOC_CENTRE_*``) stands in: see ``programs.centres.centre_of``.
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

    class Meta:
        verbose_name = "опорный центр"
        verbose_name_plural = "опорные центры"

    def __str__(self):
        return self.short_name or self.full_name or f"МОЦ: {self.municipality}"


class OrganisationQuerySet(models.QuerySet):
    def managed_by(self, user) -> "OrganisationQuerySet":
        """The organisations whose profile and programmes ``user`` keeps: an administrator's
        all, the centre staff's their municipality's, a coordinator's their own."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_administrator:
            return self
        if user.is_centre_staff:
            return self.filter(municipality_id=user.municipality_id)
        if user.is_coordinator:
            return self.filter(coordinators=user)
        return self.none()


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


class ProgramQuerySet(models.QuerySet):
    def managed_by(self, user) -> "ProgramQuerySet":
        """The programmes ``user`` may open in the working areas (not the public catalogue):
        those of the organisations they keep (``OrganisationQuerySet.managed_by``)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_administrator:
            return self
        if user.is_centre_staff:
            return self.filter(organisation__municipality_id=user.municipality_id)
        if user.is_coordinator:
            return self.filter(organisation__coordinators=user)
        return self.none()

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


class ProgramGroup(models.Model):
    program = models.ForeignKey(
        Program, verbose_name="программа", on_delete=models.CASCADE, related_name="groups"
    )
    name = models.CharField("название группы", max_length=255)
    teacher_name = models.CharField("педагог", max_length=255)
    age_from = models.PositiveSmallIntegerField("возраст от, лет", validators=AGE_VALIDATORS)
    age_to = models.PositiveSmallIntegerField("возраст до, лет", validators=AGE_VALIDATORS)
    places = models.PositiveSmallIntegerField("мест в группе", validators=[MinValueValidator(1)])
    enrolment_from = models.DateField("приём заявок с", null=True, blank=True)
    enrolment_to = models.DateField("приём заявок по", null=True, blank=True)
    free_places = models.PositiveSmallIntegerField(
        "свободных мест",
        null=True,
        blank=True,
        help_text="Сколько детей группа ещё может принять сейчас; пусто — не указано.",
    )
    study_from = models.DateField("обучение с", null=True, blank=True)
    study_to = models.DateField("обучение по", null=True, blank=True)
    funding = models.CharField(
        "финансирование места",
        max_length=20,
        choices=GroupFunding.choices,
        default=GroupFunding.BUDGET,
    )
    cost = models.DecimalField(
        "стоимость, руб.",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="За весь курс; для платной группы и группы по сертификату.",
    )
    address = models.CharField(
        "адрес занятий",
        max_length=500,
        blank=True,
        help_text="Если отличается от адреса программы.",
    )
    settlement = models.ForeignKey(
        Settlement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="groups",
        verbose_name="населённый пункт занятий",
        help_text="Если группа занимается не там, где организация.",
    )

    class Meta:
        verbose_name = "группа"
        verbose_name_plural = "группы"
        ordering = ["id"]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.age_from is not None and self.age_to is not None and self.age_from > self.age_to:
            errors["age_to"] = "Возраст «до» не может быть меньше возраста «от»."
        if self.enrolment_from and self.enrolment_to and self.enrolment_from > self.enrolment_to:
            errors["enrolment_to"] = "Окончание приёма заявок не может быть раньше его начала."
        if self.study_from and self.study_to and self.study_from > self.study_to:
            errors["study_to"] = "Окончание обучения не может быть раньше его начала."
        if self.free_places is not None and self.places and self.free_places > self.places:
            errors["free_places"] = (
                f"Свободных мест не может быть больше, чем мест в группе ({self.places})."
            )
        if self.funding == GroupFunding.PAID and self.cost is None:
            errors["cost"] = "Для платной группы укажите стоимость."
        if (
            self.settlement_id
            and self.program_id
            and self.settlement.municipality_id != self.program.organisation.municipality_id
        ):
            errors["settlement"] = "Выберите населённый пункт муниципалитета организации."
        if errors:
            raise ValidationError(errors)

    def enrolment_open_on(self, day) -> bool:
        """Whether the group takes applications on that day (its own window, not a union)."""
        return bool(
            self.enrolment_from
            and self.enrolment_to
            and self.enrolment_from <= day <= self.enrolment_to
        )


# What a group's form and the import's «Группы» sheet set, in the order the form shows it.
GROUP_FIELDS = [
    "name",
    "teacher_name",
    "age_from",
    "age_to",
    "places",
    "free_places",
    "enrolment_from",
    "enrolment_to",
    "study_from",
    "study_to",
    "funding",
    "cost",
    "address",
]


class GroupSchedule(models.Model):
    group = models.ForeignKey(
        ProgramGroup, verbose_name="группа", on_delete=models.CASCADE, related_name="schedule"
    )
    weekday = models.PositiveSmallIntegerField("день недели", choices=Weekday.choices)
    time_start = models.TimeField("начало")
    time_end = models.TimeField("окончание")

    class Meta:
        verbose_name = "занятие в расписании"
        verbose_name_plural = "расписание"
        ordering = ["weekday", "time_start"]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.time_start:%H:%M}–{self.time_end:%H:%M}"

    def clean(self):
        if self.time_start and self.time_end and self.time_start >= self.time_end:
            raise ValidationError(
                {"time_end": "Занятие должно заканчиваться позже, чем начинается."}
            )


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


class PublishedProgram(models.Model):
    """The last approved version of a programme: the only thing the public sees.

    Written by the approve service, removed by the archive service. ``card`` holds the
    approved card as the moderator saw it; the columns beside it are what the public
    catalogue filters on.
    """

    program = models.OneToOneField(
        Program, on_delete=models.CASCADE, primary_key=True, related_name="published"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="published_programs"
    )
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=500)
    short_description = models.TextField()
    focus = models.CharField(max_length=20, choices=Focus.choices)
    specialisation = models.ForeignKey(
        Specialisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    level = models.CharField(max_length=20, choices=Level.choices)
    program_type = models.CharField(
        max_length=20, choices=ProgramType.choices, default=ProgramType.GENERAL_DEVELOPMENT
    )
    age_from = models.PositiveSmallIntegerField()
    age_to = models.PositiveSmallIntegerField()
    study_form = models.CharField(
        max_length=20, choices=StudyForm.choices, default=StudyForm.FULL_TIME
    )
    uses_distance_technologies = models.BooleanField(default=False)
    ovz_suitable = models.BooleanField(default=False)
    # "|vision|hearing|": one category is found with a plain substring lookup on any database.
    ovz_categories_key = models.CharField(max_length=255, blank=True)
    aids_career_guidance = models.BooleanField(default=False)
    funding_budget = models.BooleanField(default=False)
    funding_certificate = models.BooleanField(default=False)
    funding_paid = models.BooleanField(default=False)
    cost = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    # The earliest start and latest end of the groups' enrolment windows.
    enrolment_from = models.DateField(null=True, blank=True)
    enrolment_to = models.DateField(null=True, blank=True)
    image = models.CharField(max_length=255, blank=True)
    # Lower case with ё written as е: what searches compare against.
    search_title = models.CharField(max_length=500, blank=True)
    search_text = models.TextField(blank=True)
    # PostgreSQL only: the Russian full-text document built from the two fields above.
    search_vector = SearchVectorField(null=True, blank=True)
    card = models.JSONField()
    # The approved version as data (groups, schedule, partners, codes) for exchange with
    # other systems; ``card`` is the same version as a person reads it.
    data = models.JSONField(default=dict)
    approved_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Any change of what other systems read (a new approval, free places): the push leaves a
    # programme whose version it sent last alone without building its payload.
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "опубликованная версия"
        verbose_name_plural = "опубликованные версии"
        indexes = [
            models.Index(fields=["municipality", "focus"]),
            models.Index(fields=["focus", "age_from", "age_to"]),
            models.Index(fields=["age_from", "age_to"]),
            models.Index(fields=["approved_at"]),
            models.Index(fields=["search_title", "program"], name="programs_published_title"),
            models.Index(
                fields=["ovz_categories_key"],
                condition=models.Q(ovz_suitable=True),
                name="programs_published_ovz",
            ),
        ]

    def __str__(self):
        return self.name


class SpreadsheetJob(models.Model):
    """One upload or large export: its file, where it has got to, and what it found.

    An import is checked first (a preview of what it would create, update or leave, and every
    error with row and column), and written only when the person confirms; both steps run as
    Celery tasks and report progress here.
    """

    class Kind(models.TextChoices):
        PROGRAM_IMPORT = "program_import", "Загрузка программ"
        ORGANISATION_IMPORT = "organisation_import", "Загрузка организаций"
        PROGRAM_EXPORT = "program_export", "Выгрузка программ"
        CHILD_COUNT_IMPORT = "child_count_import", "Загрузка численности детей"
        PLAN_IMPORT = "plan_import", "Загрузка плана из файла"

    class State(models.TextChoices):
        QUEUED = "queued", "В очереди"
        CHECKING = "checking", "Проверка файла"
        CHECKED = "checked", "Проверено"
        CONFIRMED = "confirmed", "Подтверждено, ждёт записи"
        WRITING = "writing", "Запись"
        DONE = "done", "Готово"
        FAILED = "failed", "Ошибка"
        CANCELLED = "cancelled", "Отменено"

    kind = models.CharField("вид", max_length=30, choices=Kind.choices)
    state = models.CharField(
        "состояние", max_length=20, choices=State.choices, default=State.QUEUED
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто", on_delete=models.CASCADE, related_name="+"
    )
    source = models.FileField("загруженный файл", upload_to="spreadsheets/in/%Y/%m/", blank=True)
    source_name = models.CharField("имя файла", max_length=255, blank=True)
    publish = models.BooleanField("сразу опубликовать новые программы", default=False)
    params = models.JSONField("параметры", default=dict, blank=True)
    total_rows = models.PositiveIntegerField("строк", default=0)
    processed_rows = models.PositiveIntegerField("обработано", default=0)
    summary = models.JSONField("итог", default=dict, blank=True)
    preview = models.JSONField("предпросмотр", default=list, blank=True)
    errors = models.JSONField("ошибки", default=list, blank=True)
    message = models.TextField("сообщение", blank=True)
    result = models.FileField("результат", upload_to="spreadsheets/out/%Y/%m/", blank=True)
    # Who works on it now (core.workers) and how many times a worker has taken it: a job whose
    # worker died is taken again, up to MAX_ATTEMPTS, then fails with the reason.
    worker = models.CharField("обработчик", max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField("попыток", default=0)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    finished_at = models.DateTimeField("завершено", null=True, blank=True)

    class Meta:
        verbose_name = "загрузка или выгрузка"
        verbose_name_plural = "загрузки и выгрузки"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} от {self.created_at:%d.%m.%Y %H:%M}"

    @property
    def for_another_page(self) -> bool:
        """A file read for a page outside the registry (a plan, children counts): its page
        says what came of it and leads back, with no registry preview."""
        return self.kind in (self.Kind.CHILD_COUNT_IMPORT, self.Kind.PLAN_IMPORT)

    @property
    def percent(self) -> int:
        if self.state in (self.State.DONE, self.State.CHECKED):
            return 100
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

    @property
    def running(self) -> bool:
        return self.state in (
            self.State.QUEUED,
            self.State.CHECKING,
            self.State.CONFIRMED,
            self.State.WRITING,
        )
