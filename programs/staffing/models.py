"""Teachers, rooms and equipment of an organisation.

A teacher is personal data: the organisation's coordinators and the municipality's staff see
the record; public pages show the name and post only. A teacher who leaves keeps the record
(``left_on``) so that past reports still count them, until the retention ends.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from moc_portal.core.fields import ChoiceListField
from moc_portal.core.russian import PersonName
from moc_portal.core.scopes import ManagedQuerySet

from ..choices import Focus
from ..models import Organisation, ProgramGroup


class Employment(models.TextChoices):
    MAIN = "main", "Основное место работы"
    EXTERNAL = "external", "Внешний совместитель"
    INTERNAL = "internal", "Внутренний совместитель"


class Education(models.TextChoices):
    HIGHER_PEDAGOGICAL = "higher_pedagogical", "Высшее педагогическое"
    HIGHER = "higher", "Высшее"
    VOCATIONAL_PEDAGOGICAL = "vocational_pedagogical", "Среднее профессиональное педагогическое"
    VOCATIONAL = "vocational", "Среднее профессиональное"
    OTHER = "other", "Иное"


class Category(models.TextChoices):
    NONE = "none", "Без категории"
    FITS_POST = "fits_post", "Соответствие занимаемой должности"
    FIRST = "first", "Первая"
    HIGHEST = "highest", "Высшая"


# The end of the surname of a teacher whose personal data were erased (``retention``).
ERASED_MARK = "(данные удалены)"


class OrganisationRecords(ManagedQuerySet):
    """Records an organisation keeps: its coordinators and the municipality's staff."""

    municipality_path = "organisation__municipality"
    coordinators_path = "organisation__coordinators"


class TeacherQuerySet(OrganisationRecords):
    def working(self, on=None):
        """Those who work there on a date (today when none is given)."""
        on = on or timezone.localdate()
        return self.filter(
            models.Q(hired_on__isnull=True) | models.Q(hired_on__lte=on),
            models.Q(left_on__isnull=True) | models.Q(left_on__gt=on),
        )


class Teacher(PersonName, models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name="организация", on_delete=models.CASCADE, related_name="teachers"
    )
    surname = models.CharField("фамилия", max_length=100)
    name = models.CharField("имя", max_length=100)
    patronymic = models.CharField("отчество", max_length=100, blank=True)
    post = models.CharField("должность", max_length=255)
    employment = models.CharField(
        "место работы", max_length=20, choices=Employment.choices, default=Employment.MAIN
    )
    education = models.CharField(
        "образование", max_length=30, choices=Education.choices, blank=True
    )
    category = models.CharField(
        "квалификационная категория", max_length=20, choices=Category.choices, default=Category.NONE
    )
    category_date = models.DateField("дата присвоения категории", null=True, blank=True)
    experience_years = models.PositiveSmallIntegerField(
        "педагогический стаж, лет",
        null=True,
        blank=True,
        validators=[MaxValueValidator(70)],
    )
    focuses = ChoiceListField("направленности", item_choices=Focus.choices, blank=True)
    hired_on = models.DateField("работает с", null=True, blank=True)
    left_on = models.DateField("уволен(а)", null=True, blank=True)
    created_at = models.DateTimeField("создан", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    objects = TeacherQuerySet.as_manager()

    class Meta:
        verbose_name = "педагог"
        verbose_name_plural = "педагоги"
        ordering = ["surname", "name", "patronymic", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "surname", "name", "patronymic"],
                name="staffing_teacher_once_per_organisation",
            )
        ]
        indexes = [models.Index(fields=["organisation", "surname"])]

    def __str__(self):
        return self.short_name

    def clean(self):
        errors = {}
        today = timezone.localdate()
        if self.category_date and self.category_date > today:
            errors["category_date"] = "Дата присвоения категории не может быть в будущем."
        if self.category and self.category != Category.NONE and not self.category_date:
            errors["category_date"] = (
                f"Укажите дату присвоения категории «{self.get_category_display()}»."
            )
        if self.hired_on and self.left_on and self.left_on < self.hired_on:
            errors["left_on"] = "Дата увольнения не может быть раньше даты приёма на работу."
        if errors:
            raise ValidationError(errors)

    @property
    def is_erased(self) -> bool:
        return self.surname.endswith(ERASED_MARK)

    @property
    def public_name(self) -> str:
        """«Шацких Надежда Александровна, педагог дополнительного образования»: all that public
        pages show of a teacher."""
        return f"{self.full_name}, {self.post}" if self.post else self.full_name

    @property
    def focus_labels(self) -> list[str]:
        labels = dict(Focus.choices)
        return [str(labels.get(focus, focus)) for focus in self.focuses or []]


class GroupTeacher(models.Model):
    """A group's teacher from the organisation's list, in the order the group names them."""

    group = models.ForeignKey(
        ProgramGroup, verbose_name="группа", on_delete=models.CASCADE, related_name="teachings"
    )
    teacher = models.ForeignKey(
        Teacher, verbose_name="педагог", on_delete=models.PROTECT, related_name="teachings"
    )
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "педагог группы"
        verbose_name_plural = "педагоги групп"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["group", "teacher"], name="staffing_group_teacher_once")
        ]

    def __str__(self):
        return f"{self.group} — {self.teacher}"


class RoomKind(models.TextChoices):
    CLASSROOM = "classroom", "Учебный кабинет"
    LABORATORY = "laboratory", "Лаборатория"
    WORKSHOP = "workshop", "Мастерская"
    HALL = "hall", "Зал"
    STADIUM = "stadium", "Стадион, спортивная площадка"
    POOL = "pool", "Бассейн"
    OTHER = "other", "Иное помещение"


class Room(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name="организация", on_delete=models.CASCADE, related_name="rooms"
    )
    name = models.CharField(
        "помещение", max_length=255, help_text="Например, «Кабинет 12», «Кванториум»."
    )
    kind = models.CharField("вид", max_length=20, choices=RoomKind.choices)
    capacity = models.PositiveSmallIntegerField(
        "мест", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    accessible = models.BooleanField("доступная среда", default=False)
    note = models.TextField("примечание", blank=True)

    objects = OrganisationRecords.as_manager()

    class Meta:
        verbose_name = "помещение"
        verbose_name_plural = "помещения"
        ordering = ["organisation", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="staffing_room_once")
        ]
        indexes = [models.Index(fields=["kind", "organisation"], name="staffing_room_kind")]

    def __str__(self):
        return self.name


class Equipment(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="организация",
        on_delete=models.CASCADE,
        related_name="equipment",
    )
    room = models.ForeignKey(
        Room,
        verbose_name="помещение",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="equipment",
    )
    kind = models.CharField("вид оборудования", max_length=255, help_text="Например, «3D-принтер».")
    model = models.CharField("модель, описание", max_length=500, blank=True)
    count = models.PositiveIntegerField("количество", default=1, validators=[MinValueValidator(1)])

    objects = OrganisationRecords.as_manager()

    class Meta:
        verbose_name = "оборудование"
        verbose_name_plural = "оборудование"
        ordering = ["organisation", "kind", "pk"]
        indexes = [models.Index(fields=["organisation", "kind"])]

    def __str__(self):
        return self.kind


class PartnerResource(models.Model):
    """What a network programme's partner lends it: a room and equipment of the partner."""

    partner = models.ForeignKey(
        "programs.NetworkPartner",
        verbose_name="сетевой партнёр",
        on_delete=models.CASCADE,
        related_name="resources",
    )
    room = models.ForeignKey(
        Room,
        verbose_name="помещение",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    equipment = models.ForeignKey(
        Equipment,
        verbose_name="оборудование",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "ресурс сетевого партнёра"
        verbose_name_plural = "ресурсы сетевых партнёров"

    def __str__(self):
        return str(self.room or self.equipment or "")


class ResourceWord(models.Model):
    """One word of a room or a piece of equipment, in its dictionary form («принтеры» →
    «принтер»): the resource search looks words up by this index instead of reading every
    row's text. Rebuilt by ``resource_words.index`` whenever a room or equipment is saved."""

    lemma = models.CharField("слово", max_length=100)
    organisation = models.ForeignKey(
        Organisation, verbose_name="организация", on_delete=models.CASCADE, related_name="+"
    )
    room = models.ForeignKey(
        Room, verbose_name="помещение", on_delete=models.CASCADE, null=True, related_name="+"
    )
    equipment = models.ForeignKey(
        Equipment,
        verbose_name="оборудование",
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "слово ресурса"
        verbose_name_plural = "слова ресурсов"
        indexes = [
            models.Index(fields=["lemma", "organisation", "room"], name="staffing_word_room"),
            models.Index(
                fields=["lemma", "organisation", "equipment"], name="staffing_word_equipment"
            ),
        ]

    def __str__(self):
        return self.lemma
