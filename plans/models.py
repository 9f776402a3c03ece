"""Plans of the centre: план работы, дорожная карта, медиаплан, план мероприятий сети центров.

A plan is the document the seeds show — approval block, title, introduction, a table of
sections and items — kept as data, so the year's execution is marked on the items themselves.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from simple_history.models import HistoricalRecords

from moc_portal.core.fields import ChoiceListField
from moc_portal.core.scopes import ManagedQuerySet


class PlanKind(models.TextChoices):
    WORK = "work", "План работы"
    ROADMAP = "roadmap", "Дорожная карта"
    MEDIA = "media", "Медиаплан"
    NETWORK = "network", "План мероприятий сети центров"


class PlanState(models.TextChoices):
    DRAFT = "draft", "Черновик"
    AGREED = "agreed", "Согласован"
    APPROVED = "approved", "Утверждён"


class Seal(models.TextChoices):
    """The word over an approval block, as the document writes it (with or without quotes)."""

    AGREED_QUOTED = "«СОГЛАСОВАНО»", "«СОГЛАСОВАНО»"
    AGREED = "СОГЛАСОВАНО", "СОГЛАСОВАНО"
    APPROVE_QUOTED = "«УТВЕРЖДАЮ»", "«УТВЕРЖДАЮ»"
    APPROVE = "УТВЕРЖДАЮ", "УТВЕРЖДАЮ"
    APPROVED_QUOTED = "«УТВЕРЖДЕНО»", "«УТВЕРЖДЕНО»"
    APPROVED = "УТВЕРЖДЕНО", "УТВЕРЖДЕНО"


class YearWord(models.TextChoices):
    SHORT = "г.", "«15» сентября 2020 г."
    LONG = "года", "«15» сентября 2020 года"


class ItemStatus(models.TextChoices):
    PLANNED = "planned", "Запланировано"
    IN_PROGRESS = "in_progress", "В работе"
    DONE = "done", "Выполнено"
    NOT_DONE = "not_done", "Не выполнено"
    CANCELLED = "cancelled", "Отменено"


class PlanQuerySet(ManagedQuerySet):
    """``managed_by(user)``: coordinators also read the plans of their organisations'
    municipalities (only staff change them)."""

    coordinators_path = "municipality__organisations__coordinators"


class Plan(models.Model):
    municipality = models.ForeignKey(
        "programs.Municipality",
        verbose_name="муниципалитет",
        on_delete=models.PROTECT,
        related_name="plans",
    )
    kind = models.CharField("вид", max_length=20, choices=PlanKind.choices)
    title = models.CharField(
        "заголовок",
        max_length=500,
        help_text="Как над таблицей в документе, вместе с периодом, если он там назван.",
    )
    cover_title = models.CharField(
        "титул документа",
        max_length=500,
        blank=True,
        help_text="Заголовок первой страницы, если он не тот, что над таблицей: «План "
        "деятельности муниципального опорного центра на 2022-2023 учебный год».",
    )
    period_label = models.CharField(
        "период", max_length=100, help_text="Как в документе: «2022-2023 учебный год»."
    )
    period_start = models.DateField("начало периода")
    period_end = models.DateField("конец периода")
    header = models.TextField(
        "шапка документа",
        blank=True,
        help_text="Учредитель и учреждение над блоком согласования, по строке на каждое.",
    )
    place = models.CharField(
        "место составления", max_length=100, blank=True, help_text="Под заголовком: «Оренбург»."
    )
    introduction = models.TextField(
        "введение", blank=True, help_text="Как в документе, по абзацу в строке."
    )
    footnote = models.TextField(
        "сноска",
        blank=True,
        help_text="Под таблицей, к звёздочке в заголовке: «*Основание разработки – …».",
    )
    columns = models.TextField(
        "заголовки столбцов",
        blank=True,
        help_text="По одному в строке, в порядке документа: «№ п/п», «Мероприятия», «Сроки», "
        "«Исполнитель», «Результат». Пусто — как принято для вида плана.",
    )
    bound_to = models.ForeignKey(
        "self",
        verbose_name="в одном документе с планом",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bound_plans",
        help_text="Печатается в документе этого плана, под его шапкой и грифами.",
    )
    document_position = models.PositiveSmallIntegerField(
        "место в документе", default=1, help_text="Порядок таблиц в общем документе."
    )
    agreed_label = models.CharField(
        "гриф согласования", max_length=20, choices=Seal.choices[:2], default=Seal.AGREED_QUOTED
    )
    agreed_post = models.CharField("«СОГЛАСОВАНО»: должность", max_length=500, blank=True)
    agreed_name = models.CharField("«СОГЛАСОВАНО»: ФИО", max_length=255, blank=True)
    agreed_date = models.DateField("«СОГЛАСОВАНО»: дата", null=True, blank=True)
    approved_label = models.CharField(
        "гриф утверждения", max_length=20, choices=Seal.choices[2:], default=Seal.APPROVE_QUOTED
    )
    approved_post = models.CharField("«УТВЕРЖДАЮ»: должность", max_length=500, blank=True)
    approved_name = models.CharField("«УТВЕРЖДАЮ»: ФИО", max_length=255, blank=True)
    approved_date = models.DateField("«УТВЕРЖДАЮ»: дата", null=True, blank=True)
    year_word = models.CharField(
        "год в датах подписей", max_length=4, choices=YearWord.choices, default=YearWord.SHORT
    )
    state = models.CharField(
        "состояние", max_length=20, choices=PlanState.choices, default=PlanState.DRAFT
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name="копия плана",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("создан", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = "план"
        verbose_name_plural = "планы"
        ordering = ["-period_start", "kind", "title"]

    def __str__(self):
        return f"{self.title} ({self.period_label})"

    def clean(self):
        from .columns import headings_problem

        problem = headings_problem(self.columns)
        if problem:
            raise ValidationError({"columns": problem})
        bound = self.bound_to
        if bound is None:
            return
        if bound.pk == self.pk or bound.bound_to_id is not None:
            raise ValidationError(
                {"bound_to": "Выберите план, который сам не входит в документ другого плана."}
            )
        if bound.municipality_id != self.municipality_id:
            raise ValidationError({"bound_to": "Выберите план своего муниципалитета."})
        if self.pk and self.bound_plans.exists():
            raise ValidationError(
                {"bound_to": "В документ этого плана уже входят другие планы: он остаётся главным."}
            )


class PlanSection(models.Model):
    plan = models.ForeignKey(
        Plan, verbose_name="план", on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveIntegerField("порядок", default=0)
    number = models.CharField("номер", max_length=20, blank=True)
    title = models.TextField("название раздела")

    class Meta:
        verbose_name = "раздел плана"
        verbose_name_plural = "разделы плана"
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.number} {self.title}".strip()


class PlanItem(models.Model):
    """A line of the plan's table, and what came of it. Its form carries what the person saw
    (``core.concurrency``): a save from a stale form is refused with the other person's change."""

    plan = models.ForeignKey(
        Plan, verbose_name="план", on_delete=models.CASCADE, related_name="items"
    )
    section = models.ForeignKey(
        PlanSection,
        verbose_name="раздел",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="items",
    )
    position = models.PositiveIntegerField("порядок", default=0)
    number = models.CharField("№", max_length=20, blank=True)
    title = models.TextField("наименование мероприятия")
    period_text = models.CharField("сроки", max_length=255, blank=True)
    starts_on = models.DateField("начало", null=True, blank=True)
    ends_on = models.DateField("окончание", null=True, blank=True)
    responsible = models.TextField("ответственный / исполнитель", blank=True)
    expected_result = models.TextField("ожидаемый результат", blank=True)
    status = models.CharField(
        "статус", max_length=20, choices=ItemStatus.choices, default=ItemStatus.PLANNED
    )
    result_quantitative = models.TextField("результат (количественный)", blank=True)
    result_qualitative = models.TextField("результат (качественный)", blank=True)
    evidence = models.TextField(
        "подтверждение", blank=True, help_text="Ссылки, документы, публикации — по одному в строке."
    )
    updated_at = models.DateTimeField("изменён", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "мероприятие плана"
        verbose_name_plural = "мероприятия плана"
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["plan", "ends_on", "status"])]

    def __str__(self):
        return f"{self.number} {self.title[:80]}".strip()


class Channel(models.TextChoices):
    PORTAL = "portal", "Портал МОЦ"
    SOCIAL = "social", "Социальная сеть"
    PRESS = "press", "Пресса"
    VIDEO = "video", "Видео"
    PRINT = "print", "Полиграфия"


class Publication(models.Model):
    """A line of the media plan's register: what was published, where, under which item."""

    municipality = models.ForeignKey(
        "programs.Municipality",
        verbose_name="муниципалитет",
        on_delete=models.PROTECT,
        related_name="publications",
    )
    item = models.ForeignKey(
        PlanItem,
        verbose_name="мероприятие плана",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="publications",
    )
    published_on = models.DateField("дата")
    channel = models.CharField("канал", max_length=20, choices=Channel.choices)
    title = models.CharField("заголовок", max_length=500)
    url = models.URLField("ссылка", max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("создана", auto_now_add=True)

    history = HistoricalRecords()

    objects = ManagedQuerySet.as_manager()

    class Meta:
        verbose_name = "публикация"
        verbose_name_plural = "публикации"
        ordering = ["-published_on", "-pk"]
        indexes = [models.Index(fields=["municipality", "published_on"])]

    def __str__(self):
        return self.title


class EventKind(models.TextChoices):
    SEMINAR = "seminar", "Семинар"
    CONTEST = "contest", "Конкурс"
    METHODICAL_WEEK = "methodical_week", "Методическая неделя"
    MEETING = "meeting", "Совещание, конференция"
    FESTIVAL = "festival", "Фестиваль, выставка"
    OTHER = "other", "Другое"


class Audience(models.TextChoices):
    CHILDREN = "children", "Дети"
    PARENTS = "parents", "Родители"
    TEACHERS = "teachers", "Педагоги"
    MANAGERS = "managers", "Руководители организаций"


class Event(models.Model):
    """A seminar, contest or methodical week the centre holds, and how many came.

    Events marked public are what parents and teachers see in the portal's calendar.
    """

    municipality = models.ForeignKey(
        "programs.Municipality",
        verbose_name="муниципалитет",
        on_delete=models.PROTECT,
        related_name="events",
    )
    item = models.ForeignKey(
        PlanItem,
        verbose_name="мероприятие плана",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    kind = models.CharField("вид", max_length=20, choices=EventKind.choices)
    title = models.CharField("название", max_length=500)
    description = models.TextField("описание", blank=True)
    starts_on = models.DateField("начало")
    ends_on = models.DateField("окончание", null=True, blank=True)
    place = models.CharField("место", max_length=500, blank=True)
    audience = ChoiceListField("аудитория", item_choices=Audience.choices, blank=True)
    participants = models.PositiveIntegerField("участников", null=True, blank=True)
    result = models.TextField("итоги", blank=True)
    is_public = models.BooleanField(
        "показывать на портале", default=False, help_text="В публичном календаре мероприятий."
    )
    takes_registrations = models.BooleanField("запись педагогов", default=False)
    registration_until = models.DateField("запись до", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("создано", auto_now_add=True)

    history = HistoricalRecords()

    objects = ManagedQuerySet.as_manager()

    class Meta:
        verbose_name = "событие"
        verbose_name_plural = "события"
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["municipality", "starts_on"])]

    def __str__(self):
        return self.title

    def get_audience_display(self) -> str:
        labels = dict(Audience.choices)
        return ", ".join(labels.get(value, value) for value in self.audience)


EVIDENCE_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "jpg", "jpeg", "png"]


class EvidenceFile(models.Model):
    """A document that shows an item was done: an order, a protocol, a photo report."""

    item = models.ForeignKey(
        PlanItem,
        verbose_name="мероприятие плана",
        on_delete=models.CASCADE,
        related_name="files",
    )
    title = models.CharField("название", max_length=255)
    file = models.FileField(
        "файл",
        upload_to="plans/evidence/%Y/%m/",
        validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS)],
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField("загружен", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "файл подтверждения"
        verbose_name_plural = "файлы подтверждения"
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title
