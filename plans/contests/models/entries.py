"""An organisation's entries in a contest: who takes part, the parents' consents, the jury's
scores and the place each entry took.

Children's personal data (names, dates of birth) is seen only by the organisation's
coordinators, the municipality's staff and, unless the contest is blind, its jury; after the
retention it is erased (``Participant.erased``), and the counts stay.
"""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models

from moc_portal.core.russian import PersonName
from moc_portal.core.scopes import ManagedQuerySet
from programs.assessment.models import Criterion
from programs.models import Organisation

from .contests import AgeCategory, Contest, Nomination

FILE_EXTENSIONS = ["pdf", "doc", "docx", "odt", "ppt", "pptx", "jpg", "jpeg", "png", "mp4", "zip"]
CONSENT_EXTENSIONS = ["pdf", "jpg", "jpeg", "png"]


class EntryKind(models.TextChoices):
    INDIVIDUAL = "individual", "Индивидуальная"
    TEAM = "team", "Командная"


class EntryState(models.TextChoices):
    SUBMITTED = "submitted", "Подана"
    ADMITTED = "admitted", "Допущена"
    RETURNED = "returned", "Возвращена на доработку"
    WITHDRAWN = "withdrawn", "Отозвана"


class Placement(models.TextChoices):
    WINNER = "winner", "Победитель"
    SECOND = "second", "Призёр (II место)"
    THIRD = "third", "Призёр (III место)"
    PARTICIPANT = "participant", "Участник"


class EntryQuerySet(ManagedQuerySet):
    municipality_path = "contest__municipality"
    coordinators_path = "organisation__coordinators"


class Entry(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="entries")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="организация",
        on_delete=models.PROTECT,
        related_name="contest_entries",
    )
    nomination = models.ForeignKey(
        Nomination, verbose_name="номинация", on_delete=models.PROTECT, related_name="entries"
    )
    age_category = models.ForeignKey(
        AgeCategory,
        verbose_name="возрастная категория",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
    )
    kind = models.CharField(
        "участие", max_length=20, choices=EntryKind.choices, default=EntryKind.INDIVIDUAL
    )
    team_name = models.CharField("название команды", max_length=255, blank=True)
    work_title = models.CharField("название работы, практики", max_length=500, blank=True)
    description = models.TextField("описание работы, практики", blank=True)
    code = models.CharField(
        "шифр", max_length=20, help_text="Под ним жюри видит работу при слепом оценивании."
    )
    state = models.CharField(
        "состояние", max_length=20, choices=EntryState.choices, default=EntryState.SUBMITTED
    )
    state_comment = models.TextField("комментарий МОЦ", blank=True)
    source = models.OneToOneField(
        "self",
        verbose_name="заявка муниципального этапа",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nominated_as",
    )
    total = models.DecimalField(
        "сумма баллов", max_digits=8, decimal_places=2, null=True, blank=True
    )
    rank = models.PositiveSmallIntegerField("место в рейтинге", null=True, blank=True)
    tie_order = models.PositiveSmallIntegerField(
        "порядок при равенстве баллов (решение председателя)", null=True, blank=True
    )
    placement = models.CharField("итог", max_length=20, choices=Placement.choices, blank=True)
    nominated = models.BooleanField("выдвинут на следующий этап", default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField("подана", auto_now_add=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = "заявка на конкурс"
        verbose_name_plural = "заявки на конкурс"
        ordering = ["nomination__position", "code", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "code"], name="contests_entry_code_once")
        ]
        indexes = [models.Index(fields=["contest", "organisation"])]

    def __str__(self):
        return self.code


class ParticipantKind(models.TextChoices):
    CHILD = "child", "Обучающийся"
    TEACHER = "teacher", "Педагог"


class ConsentState(models.TextChoices):
    MISSING = "missing", "Нет согласия"
    PAPER = "paper", "Подписанное согласие хранится в организации"
    UPLOADED = "uploaded", "Скан согласия загружен"


class ParticipantQuerySet(ManagedQuerySet):
    municipality_path = "entry__contest__municipality"
    coordinators_path = "entry__organisation__coordinators"


class Participant(PersonName, models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField("кто", max_length=20, choices=ParticipantKind.choices)
    surname = models.CharField("фамилия", max_length=100)
    name = models.CharField("имя", max_length=100)
    patronymic = models.CharField("отчество", max_length=100, blank=True)
    birth_date = models.DateField("дата рождения", null=True, blank=True)
    grade = models.CharField("класс или возраст", max_length=50, blank=True)
    post = models.CharField("должность", max_length=255, blank=True)
    teacher_name = models.CharField("педагог-наставник", max_length=255, blank=True)
    teacher = models.ForeignKey(
        "staffing.Teacher",
        verbose_name="педагог из реестра",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contest_participations",
    )
    consent = models.CharField(
        "согласие на обработку персональных данных",
        max_length=20,
        choices=ConsentState.choices,
        default=ConsentState.MISSING,
    )
    consent_file = models.FileField(
        "скан согласия",
        upload_to="contests/consents/%Y/%m/",
        blank=True,
        validators=[FileExtensionValidator(CONSENT_EXTENSIONS)],
    )
    consent_allows_publishing = models.BooleanField(
        "согласие разрешает публикацию фамилии и инициала", default=False
    )
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    erased = models.BooleanField("персональные данные удалены", default=False)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = "участник"
        verbose_name_plural = "участники"
        ordering = ["entry", "surname", "name", "pk"]

    def __str__(self):
        return self.short_name


class EntryFile(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="files")
    title = models.CharField("название", max_length=255)
    file = models.FileField(
        "файл",
        upload_to="contests/works/%Y/%m/",
        validators=[FileExtensionValidator(FILE_EXTENSIONS)],
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "файл заявки"
        verbose_name_plural = "файлы заявки"
        ordering = ["pk"]

    def __str__(self):
        return self.title


class Score(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="scores")
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contest_scores"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField("балл")
    comment = models.TextField("комментарий", blank=True)
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "оценка"
        verbose_name_plural = "оценки"
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "juror", "criterion"], name="contests_score_once"
            )
        ]

    def __str__(self):
        return f"{self.entry} — {self.criterion}: {self.value}"
