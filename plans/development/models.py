"""Courses of professional development (КПК) and retraining a teacher completed, and the
registrations of teachers for the centre's methodical events with their attendance."""

from django.conf import settings
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models

from moc_portal.core.scopes import ManagedQuerySet
from programs.staffing.models import Teacher

from ..models import Event

CERTIFICATE_EXTENSIONS = ["pdf", "jpg", "jpeg", "png"]


class CourseKind(models.TextChoices):
    QUALIFICATION = "qualification", "Повышение квалификации (КПК)"
    RETRAINING = "retraining", "Профессиональная переподготовка"


class CourseQuerySet(ManagedQuerySet):
    municipality_path = "teacher__organisation__municipality"
    coordinators_path = "teacher__organisation__coordinators"


class Course(models.Model):
    teacher = models.ForeignKey(
        Teacher, verbose_name="педагог", on_delete=models.CASCADE, related_name="courses"
    )
    kind = models.CharField(
        "вид", max_length=20, choices=CourseKind.choices, default=CourseKind.QUALIFICATION
    )
    title = models.CharField("программа курса", max_length=500)
    provider = models.CharField("организация, проводившая обучение", max_length=500, blank=True)
    hours = models.PositiveSmallIntegerField("часов", validators=[MinValueValidator(1)])
    starts_on = models.DateField("начало")
    ends_on = models.DateField("окончание")
    certificate_number = models.CharField("номер документа", max_length=100, blank=True)
    certificate = models.FileField(
        "удостоверение, диплом",
        upload_to="development/certificates/%Y/%m/",
        blank=True,
        validators=[FileExtensionValidator(CERTIFICATE_EXTENSIONS)],
    )
    created_at = models.DateTimeField("внесён", auto_now_add=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = "курс повышения квалификации"
        verbose_name_plural = "курсы повышения квалификации"
        ordering = ["-ends_on", "pk"]
        indexes = [models.Index(fields=["teacher", "ends_on"])]

    def __str__(self):
        return self.title


class RegistrationQuerySet(ManagedQuerySet):
    municipality_path = "event__municipality"
    coordinators_path = "teacher__organisation__coordinators"


class Registration(models.Model):
    """A teacher registered by their organisation for a methodical event, and whether they
    came (``attended`` is empty until the centre marks attendance)."""

    event = models.ForeignKey(
        Event, verbose_name="событие", on_delete=models.CASCADE, related_name="registrations"
    )
    teacher = models.ForeignKey(
        Teacher, verbose_name="педагог", on_delete=models.PROTECT, related_name="registrations"
    )
    attended = models.BooleanField("присутствовал(а)", null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    registered_at = models.DateTimeField("записан(а)", auto_now_add=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "запись на мероприятие"
        verbose_name_plural = "записи на мероприятия"
        ordering = ["teacher__surname", "teacher__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "teacher"], name="development_registration_once"
            )
        ]

    def __str__(self):
        return f"{self.teacher} — {self.event}"
