"""A programme's groups and their weekly schedule."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from ..choices import GroupFunding, Weekday
from ..territory.models import Settlement
from .programmes import AGE_VALIDATORS, Program


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
