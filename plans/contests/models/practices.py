"""The public bank of best practices (the regulation's §3.3): practices chosen by a contest of
works and practices, and those the staff found elsewhere, with their source."""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models

from moc_portal.core.scopes import ManagedQuerySet
from programs.choices import Focus
from programs.models import Organisation

from .entries import FILE_EXTENSIONS, Entry


class Practice(models.Model):
    municipality = models.ForeignKey(
        "programs.Municipality",
        verbose_name="муниципалитет",
        on_delete=models.PROTECT,
        related_name="practices",
    )
    title = models.CharField("название практики", max_length=500)
    description = models.TextField("описание")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="организация",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
    )
    organisation_name = models.CharField(
        "организация (если её нет в реестре)", max_length=500, blank=True
    )
    authors = models.CharField("авторы", max_length=500, blank=True)
    focus = models.CharField("направленность", max_length=20, choices=Focus.choices, blank=True)
    year = models.PositiveSmallIntegerField("год")
    source = models.CharField(
        "источник",
        max_length=1000,
        blank=True,
        help_text="Где найдена практика: ссылка или издание.",
    )
    entry = models.OneToOneField(
        Entry,
        verbose_name="заявка конкурса",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practice",
    )
    is_published = models.BooleanField("опубликована в банке", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ManagedQuerySet.as_manager()

    class Meta:
        verbose_name = "практика"
        verbose_name_plural = "банк лучших практик"
        ordering = ["-year", "title", "pk"]

    def __str__(self):
        return self.title


class PracticeFile(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="files")
    title = models.CharField("название", max_length=255)
    file = models.FileField(
        "файл",
        upload_to="contests/practices/%Y/",
        validators=[FileExtensionValidator(FILE_EXTENSIONS)],
    )

    class Meta:
        verbose_name = "файл практики"
        verbose_name_plural = "файлы практики"
        ordering = ["pk"]

    def __str__(self):
        return self.title
