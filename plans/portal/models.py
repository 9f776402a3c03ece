"""The centre's information portal: news, pages of the thematic blocks, the documents library
and the hotline. Events come from the plans (``plans.Event`` marked public).

Texts are written in Markdown and rendered through a sanitiser (``markup.py``) on display, so
nothing a staff member types can put a script on a page.
"""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from moc_portal.core.scopes import ManagedQuerySet
from moc_portal.core.storage import public_image_storage

# The blocks every portal starts with (seed 003, item 9); administrators may add and rename.
DEFAULT_BLOCKS = [
    (
        "methodical",
        "Методический",
        "Методические рекомендации, материалы семинаров, шаблоны программ.",
    ),
    ("distance", "Дистанционный", "Дистанционные курсы, вебинары и записи занятий."),
    (
        "analytics",
        "Экспертно-аналитический",
        "Мониторинги, итоги независимой оценки качества программ, аналитические справки.",
    ),
    ("information", "Информационный", "О центре, контакты, новости и объявления."),
]


class Block(models.Model):
    """A thematic block of the portal (seed 003, item 9): методический, дистанционный,
    экспертно-аналитический, информационный."""

    slug = models.SlugField("адрес", max_length=50, unique=True)
    title = models.CharField("название", max_length=200)
    description = models.TextField("описание", blank=True)
    position = models.PositiveIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "тематический блок"
        verbose_name_plural = "тематические блоки"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:block", args=[self.slug])


class Page(models.Model):
    """A page of a block: about the centre, methodical advice, distance courses, analytics."""

    municipality = models.ForeignKey(
        "programs.Municipality", verbose_name="муниципалитет", on_delete=models.PROTECT
    )
    block = models.ForeignKey(
        Block, verbose_name="блок", on_delete=models.PROTECT, related_name="pages"
    )
    title = models.CharField("заголовок", max_length=300)
    summary = models.CharField("кратко", max_length=500, blank=True)
    body = models.TextField("текст", help_text="Markdown: **жирный**, *курсив*, списки, ссылки.")
    position = models.PositiveIntegerField("порядок", default=0)
    is_published = models.BooleanField("опубликована", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField("изменена", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = ManagedQuerySet.as_manager()

    class Meta:
        verbose_name = "страница"
        verbose_name_plural = "страницы"
        ordering = ["block", "position", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:page", args=[self.pk])


class Tag(models.Model):
    name = models.CharField("тег", max_length=60, unique=True)

    class Meta:
        verbose_name = "тег"
        verbose_name_plural = "теги"
        ordering = ["name"]

    def __str__(self):
        return self.name


class News(models.Model):
    """A news item. Published and linked to an item of the media plan, it is that item's
    publication on the portal channel (``publication`` is kept in step by the service)."""

    municipality = models.ForeignKey(
        "programs.Municipality", verbose_name="муниципалитет", on_delete=models.PROTECT
    )
    title = models.CharField("заголовок", max_length=300)
    lead = models.TextField("анонс", max_length=600, help_text="Одна-две фразы для списка и RSS.")
    body = models.TextField("текст", help_text="Markdown: **жирный**, *курсив*, списки, ссылки.")
    cover = models.ImageField(
        "обложка", upload_to="news/%Y/%m/", storage=public_image_storage, blank=True
    )
    cover_alt = models.CharField(
        "описание обложки",
        max_length=300,
        blank=True,
        help_text="Что изображено: его прочтёт экранный диктор.",
    )
    published_at = models.DateTimeField("дата публикации", null=True, blank=True)
    is_published = models.BooleanField("опубликована", default=False)
    tags = models.ManyToManyField(Tag, verbose_name="теги", blank=True, related_name="news")
    block = models.ForeignKey(
        Block,
        verbose_name="блок",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news",
    )
    media_item = models.ForeignKey(
        "plans.PlanItem",
        verbose_name="пункт медиаплана",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    publication = models.OneToOneField(
        "plans.Publication",
        verbose_name="запись медиаплана",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("создана", auto_now_add=True)
    updated_at = models.DateTimeField("изменена", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[])

    objects = ManagedQuerySet.as_manager()

    class Meta:
        verbose_name = "новость"
        verbose_name_plural = "новости"
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["is_published", "published_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:news_detail", args=[self.pk])

    @property
    def cover_url(self) -> str:
        """The cover's address; the portal gives it out, as the media volume is not public."""
        return reverse("portal:news_cover", args=[self.pk]) if self.cover else ""


class DocumentKind(models.TextChoices):
    FEDERAL = "federal", "Федеральный нормативный акт"
    REGIONAL = "regional", "Региональный нормативный акт"
    MUNICIPAL = "municipal", "Муниципальный правовой акт"
    ORDER = "order", "Приказ"
    REGULATION = "regulation", "Положение"
    PLAN = "plan", "План"
    REPORT = "report", "Отчёт"
    METHODICAL = "methodical", "Методические материалы"
    OTHER = "other", "Другое"


DOCUMENT_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "rtf", "pptx", "zip"]


class Document(models.Model):
    """A normative act or a centre document in the library; an approved plan published in one
    action is its printed version (``plan``)."""

    municipality = models.ForeignKey(
        "programs.Municipality", verbose_name="муниципалитет", on_delete=models.PROTECT
    )
    kind = models.CharField("вид", max_length=20, choices=DocumentKind.choices)
    number = models.CharField("номер", max_length=100, blank=True)
    signed_on = models.DateField("дата", null=True, blank=True)
    title = models.CharField("название", max_length=500)
    description = models.TextField("аннотация", blank=True)
    file = models.FileField(
        "файл",
        upload_to="documents/%Y/",
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS)],
    )
    block = models.ForeignKey(
        Block,
        verbose_name="блок",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    plan = models.OneToOneField(
        "plans.Plan",
        verbose_name="план",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="document",
    )
    is_published = models.BooleanField("опубликован", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField("изменён", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = ManagedQuerySet.as_manager()

    class Meta:
        verbose_name = "документ"
        verbose_name_plural = "документы"
        ordering = ["-signed_on", "-pk"]
        indexes = [models.Index(fields=["is_published", "kind", "signed_on"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:document_file", args=[self.pk])

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].upper() if "." in self.file.name else ""


class Topic(models.TextChoices):
    NAVIGATOR = "navigator", "Запись через «Навигатор»"
    CERTIFICATE = "certificate", "Сертификат дополнительного образования"
    PROGRAMS = "programs", "Кружки и программы"
    ORGANISATIONS = "organisations", "Для организаций: программы, реестры, оценка"
    OTHER = "other", "Другое"


class AskerKind(models.TextChoices):
    PARENT = "parent", "Родитель (законный представитель)"
    CHILD = "child", "Обучающийся"
    TEACHER = "teacher", "Педагог"
    ORGANISATION = "organisation", "Организация"


# Limits of the hotline's texts, checked on the server (the form's maxlength only helps).
QUESTION_MAX_LENGTH = 4000
ANSWER_MAX_LENGTH = 8000


class Question(models.Model):
    """A question to the hotline (seed 000, item 10).

    The asker's name, contacts and own words are personal data: kept only as long as
    ``HOTLINE_RETENTION_DAYS`` allows, then erased (``personal_data_purged_at``). What is
    published is the FAQ pair staff write from it, never the original.
    """

    municipality = models.ForeignKey(
        "programs.Municipality",
        verbose_name="муниципалитет",
        on_delete=models.PROTECT,
        related_name="+",
    )
    asker_kind = models.CharField("кто спрашивает", max_length=20, choices=AskerKind.choices)
    name = models.CharField("имя", max_length=200, blank=True)
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField("телефон", max_length=40, blank=True)
    topic = models.CharField("тема", max_length=20, choices=Topic.choices)
    text = models.TextField("вопрос", blank=True, max_length=QUESTION_MAX_LENGTH)
    consent_text = models.TextField("текст согласия")
    consent_at = models.DateTimeField("согласие дано")
    answer = models.TextField("ответ", blank=True, max_length=ANSWER_MAX_LENGTH)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField("ответ дан", null=True, blank=True)
    notified_at = models.DateTimeField("ответ отправлен", null=True, blank=True)
    faq_question = models.TextField("вопрос для FAQ", blank=True)
    faq_answer = models.TextField("ответ для FAQ", blank=True)
    faq_published = models.BooleanField("в FAQ", default=False)
    personal_data_purged_at = models.DateTimeField(
        "персональные данные удалены", null=True, blank=True
    )
    created_at = models.DateTimeField("задан", auto_now_add=True, db_index=True)
    # The parent's wish this question asks an answer to (the wish itself keeps nothing
    # personal: see ``programs.territory.models.Wish``).
    wish = models.OneToOneField(
        "programs.Wish",
        verbose_name="пожелание родителей",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="question",
    )

    objects = ManagedQuerySet.as_manager()

    class Meta:
        verbose_name = "вопрос горячей линии"
        verbose_name_plural = "вопросы горячей линии"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_topic_display()}, {self.created_at:%d.%m.%Y}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None
