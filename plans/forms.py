from django import forms

from moc_portal.core.concurrency import SeenFormMixin
from moc_portal.core.forms import BootstrapFormMixin
from programs.models import Municipality

from .models import Event, EvidenceFile, Plan, PlanItem, PlanKind, PlanSection, Publication
from .services import ITEM_CONTENT_FIELDS, ITEM_EXECUTION_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodMixin:
    """A plan's period runs forwards."""

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", "Конец периода не может быть раньше начала.")
        return data


DOCUMENT_DEFAULTS = ["agreed_label", "approved_label", "year_word", "document_position"]


class PlanForm(SeenFormMixin, PeriodMixin, BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Plan
        fields = [
            "kind",
            "title",
            "period_label",
            "period_start",
            "period_end",
            "header",
            "cover_title",
            "place",
            "introduction",
            "columns",
            "footnote",
            "agreed_label",
            "agreed_post",
            "agreed_name",
            "agreed_date",
            "approved_label",
            "approved_post",
            "approved_name",
            "approved_date",
            "year_word",
            "bound_to",
            "document_position",
        ]
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "agreed_date": DATE,
            "approved_date": DATE,
            "introduction": forms.Textarea(attrs={"rows": 8}),
            "columns": forms.Textarea(attrs={"rows": 5}),
            "footnote": forms.Textarea(attrs={"rows": 2}),
            "header": forms.Textarea(attrs={"rows": 2}),
            "agreed_post": forms.Textarea(attrs={"rows": 2}),
            "approved_post": forms.Textarea(attrs={"rows": 2}),
        }

    # The form in the document's order: the plan, what stands above the table, the table,
    # the two approval blocks side by side, and the document it may be printed in.
    FIELDSETS = [
        ("План", ["kind", "title", "period_label", "period_start", "period_end"], False),
        ("Над таблицей", ["header", "cover_title", "place", "introduction"], False),
        ("Таблица", ["columns", "footnote"], False),
        ("Согласование", ["agreed_label", "agreed_post", "agreed_name", "agreed_date"], True),
        (
            "Утверждение",
            ["approved_label", "approved_post", "approved_name", "approved_date"],
            True,
        ),
        ("Печать", ["year_word", "bound_to", "document_position"], False),
    ]

    def fieldsets(self):
        return [
            (legend, [self[name] for name in names], half) for legend, names, half in self.FIELDSETS
        ]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        plans = Plan.objects.filter(municipality=municipality, bound_to__isnull=True)
        if self.instance.pk:
            plans = plans.exclude(pk=self.instance.pk)
        self.fields["bound_to"].queryset = plans.order_by("-period_start", "title")
        self.fields["bound_to"].empty_label = "Нет: план — отдельный документ"
        for name in DOCUMENT_DEFAULTS:
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        for name in DOCUMENT_DEFAULTS:  # left out: as the plan's documents usually write it
            if not data.get(name):
                data[name] = Plan._meta.get_field(name).default
        return data


class SectionForm(SeenFormMixin, BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = PlanSection
        fields = ["number", "title"]
        widgets = {"title": forms.TextInput()}


# The service's lists; an item's place in its section is changed by moving it, not in the form.
ITEM_CONTENT = [name for name in ITEM_CONTENT_FIELDS if name != "position"]
ITEM_EXECUTION = ITEM_EXECUTION_FIELDS


class ItemForm(SeenFormMixin, BootstrapFormMixin, forms.ModelForm):
    """An item's content and, as the year runs, its execution. After approval only the
    execution fields are offered. ``seen``: the snapshot of ``services.ITEM_SEEN_FIELDS``."""

    class Meta:
        model = PlanItem
        fields = ITEM_CONTENT + ITEM_EXECUTION
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "responsible": forms.Textarea(attrs={"rows": 2}),
            "expected_result": forms.Textarea(attrs={"rows": 2}),
            "result_quantitative": forms.Textarea(attrs={"rows": 2}),
            "result_qualitative": forms.Textarea(attrs={"rows": 2}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
            "starts_on": DATE,
            "ends_on": DATE,
        }

    def __init__(self, *args, locked: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = self.instance.plan.sections.all()
        self.fields["section"].required = False
        if locked:
            for name in ITEM_CONTENT:
                del self.fields[name]
        for name in ("result_quantitative", "result_qualitative", "evidence", "number"):
            if name in self.fields:
                self.fields[name].required = False

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class NewItemForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["section", "title", "period_text", "responsible", "expected_result"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "responsible": forms.TextInput(),
            "expected_result": forms.TextInput(),
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = plan.sections.all()
        self.fields["section"].required = False


class CopyForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label="Заголовок", max_length=500)
    period_label = forms.CharField(label="Период", max_length=100)
    period_start = forms.DateField(label="Начало периода", widget=DATE)
    period_end = forms.DateField(label="Конец периода", widget=DATE)
    into = forms.ModelChoiceField(
        label="Муниципалитет копии",
        queryset=Municipality.objects.order_by("name"),
        help_text="Копия получит шапку и блок «УТВЕРЖДАЮ» опорного центра этого муниципалитета.",
    )

    def __init__(self, *args, user, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].initial = plan.municipality_id
        if not user.is_administrator:  # staff copy within their own municipality
            del self.fields["into"]


class ImportForm(PeriodMixin, BootstrapFormMixin, forms.Form):
    """A new plan from last year's file: what kind, for which period, and the file."""

    kind = forms.ChoiceField(label="Вид плана", choices=PlanKind.choices)
    period_label = forms.CharField(
        label="Период", max_length=100, help_text="Как в документе: «2025-2026 учебный год»."
    )
    period_start = forms.DateField(label="Начало периода", widget=DATE)
    period_end = forms.DateField(label="Конец периода", widget=DATE)
    file = forms.FileField(
        label="Файл плана",
        help_text="Документ Word (.docx) или таблица Excel (.xlsx) с таблицей плана: №, "
        "Наименование мероприятия, Сроки, Ответственный / Исполнитель, Результат.",
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.xlsx"}),
    )


class ImportConfirmForm(BootstrapFormMixin, forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    table = forms.TypedChoiceField(label="Какую таблицу загрузить", coerce=int, choices=())
    title = forms.CharField(
        label="Заголовок плана",
        max_length=500,
        required=False,
        help_text="Если оставить пустым — заголовок выбранной таблицы, как в файле.",
    )

    def __init__(self, *args, tables, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["table"].choices = [
            (index, table.title or f"Таблица {index + 1}") for index, table in enumerate(tables)
        ]
        self.fields["table"].widget = forms.RadioSelect(choices=self.fields["table"].choices)


class RegisterForm(BootstrapFormMixin, forms.ModelForm):
    """A publication or an event, linked to an item of the person's plans."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        self.fields["item"].label_from_instance = lambda item: (
            f"{item.plan.get_kind_display()} {item.plan.period_label}: "
            f"{item.number} {item.title[:90]}"
        )


class PublicationForm(RegisterForm):
    class Meta:
        model = Publication
        fields = ["published_on", "channel", "title", "url", "item"]
        widgets = {"published_on": DATE}


class EventForm(RegisterForm):
    """An event of the register; one for teachers may take their registrations through
    their organisations (``plans.development``) until ``registration_until`` (its start when
    empty)."""

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "starts_on",
            "ends_on",
            "place",
            "audience",
            "participants",
            "item",
            "description",
            "result",
            "is_public",
            "takes_registrations",
            "registration_until",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "registration_until": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "result": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "takes_registrations": "Координаторы записывают педагогов своих организаций; "
            "участников посчитает портал.",
            "registration_until": "Если пусто — до дня начала.",
        }

    def clean(self):
        data = super().clean()
        until, starts = data.get("registration_until"), data.get("starts_on")
        if until and starts and until > starts:
            self.add_error("registration_until", "Запись должна закончиться не позже начала.")
        return data


EVIDENCE_MAX_BYTES = 20 * 2**20


class EvidenceFileForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = EvidenceFile
        fields = ["title", "file"]
        help_texts = {"file": "PDF, Word, Excel, JPEG или PNG, до 20 МБ."}

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > EVIDENCE_MAX_BYTES:
            raise forms.ValidationError(
                "Файл больше 20 МБ. Сожмите его (для фотографий — уменьшите размер) или "
                "разделите на части."
            )
        return file
