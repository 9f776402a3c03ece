"""Forms of contests: a contest and a stage of one, an entry with its participants, a
consent, a participants file, the staff's filter of entries."""

from django import forms
from django.core.exceptions import ValidationError

from moc_portal.core.concurrency import SeenFormMixin, snapshot
from moc_portal.core.forms import BootstrapFormMixin, FilterForm

from . import services
from .models import (
    AgeCategory,
    ConsentState,
    Contest,
    ContestAudience,
    EntryKind,
    EntryState,
    Nomination,
)
from .services.setup import DATE_ORDER

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CONTEST_FIELDS = [
    "title",
    "description",
    "audience",
    "focus",
    "regulation",
    *DATE_ORDER,
    "criteria_set",
    "blind",
    "nominees_per_category",
]
STAGE_FIELDS = ["title", "description", *DATE_ORDER, "criteria_set", "blind"]


def preselect_single(field, organisations) -> None:
    """The organisations to choose from; a coordinator of one finds it already chosen."""
    field.queryset = organisations
    if len(organisations[:2]) == 1:
        field.initial = organisations[0].pk
        field.empty_label = None


class ContestForm(SeenFormMixin, BootstrapFormMixin, forms.ModelForm):
    """A contest with its nominations and categories as lines; a stage keeps its regional
    contest's, and its audience and focus."""

    nominations = forms.CharField(
        label="Номинации",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Каждая номинация с новой строки.",
        required=False,
    )
    categories = forms.CharField(
        label="Возрастные категории",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Каждая с новой строки: «Младшая: 7–10» — название и возраст от и до, лет.",
        required=False,
    )

    class Meta:
        model = Contest
        fields = CONTEST_FIELDS
        widgets = dict.fromkeys(DATE_ORDER, DATE)

    def __init__(self, *args, user, **kwargs):
        instance = kwargs.get("instance")
        self.is_stage = bool(instance and instance.parent_id)
        fields = STAGE_FIELDS if self.is_stage else CONTEST_FIELDS
        seen = snapshot(instance, fields) if instance and instance.pk else None
        if instance and instance.pk and not self.is_stage:
            kwargs.setdefault(
                "initial",
                {
                    "nominations": services.nominations_text(instance),
                    "categories": services.categories_text(instance),
                },
            )
        super().__init__(*args, seen=seen, **kwargs)
        self.fields["criteria_set"].queryset = services.usable_criteria_sets(user)
        for name in set(CONTEST_FIELDS) - set(fields):
            del self.fields[name]
        if self.is_stage:
            del self.fields["nominations"], self.fields["categories"]

    def clean(self):
        data = super().clean()
        if self.is_stage:
            return data
        try:
            data["nomination_lines"] = services.parse_nominations(data.get("nominations", ""))
            data["category_lines"] = services.parse_categories(data.get("categories", ""))
        except ValidationError as error:
            for field, messages in error.error_dict.items():
                self.add_error(field, messages)
        return data

    def contest_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self._meta.fields if name in self.fields}
        if data.get("regulation") is False:
            data["regulation"] = ""
        return data


class StageForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Contest
        fields = ["title", *DATE_ORDER, "criteria_set", "blind"]
        widgets = dict.fromkeys(DATE_ORDER, DATE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteria_set"].queryset = services.usable_criteria_sets(user)
        self.fields["title"].required = False
        self.fields["title"].help_text = "Пусто — «<название конкурса>: муниципальный этап»."


class EntryForm(BootstrapFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(label="Организация", queryset=None)
    nomination = forms.ModelChoiceField(label="Номинация", queryset=None)
    age_category = forms.ModelChoiceField(
        label="Возрастная категория", queryset=None, required=False
    )
    kind = forms.ChoiceField(label="Участие", choices=EntryKind.choices)
    team_name = forms.CharField(label="Название команды", required=False, max_length=255)
    work_title = forms.CharField(label="Название работы, практики", required=False, max_length=500)
    description = forms.CharField(
        label="Описание работы, практики", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, contest, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        preselect_single(self.fields["organisation"], organisations)
        self.fields["nomination"].queryset = Nomination.objects.filter(contest=contest)
        self.fields["age_category"].queryset = AgeCategory.objects.filter(contest=contest)
        if not contest.age_categories.exists():
            del self.fields["age_category"]
        if contest.audience != ContestAudience.WORKS:
            del self.fields["work_title"], self.fields["description"]


class ParticipantForm(BootstrapFormMixin, forms.Form):
    surname = forms.CharField(label="Фамилия", max_length=100, required=False)
    name = forms.CharField(label="Имя", max_length=100, required=False)
    patronymic = forms.CharField(label="Отчество", max_length=100, required=False)
    birth_date = forms.DateField(label="Дата рождения", required=False, widget=DATE)
    grade = forms.CharField(label="Класс или возраст", max_length=50, required=False)
    teacher_name = forms.CharField(label="Педагог-наставник", max_length=255, required=False)
    post = forms.CharField(label="Должность", max_length=255, required=False)

    def __init__(self, *args, audience, **kwargs):
        super().__init__(*args, **kwargs)
        if audience == ContestAudience.CHILDREN:
            del self.fields["post"]
        else:
            for name in ("birth_date", "grade", "teacher_name"):
                del self.fields[name]

    def row(self):
        data = self.cleaned_data
        if not any(data.values()):
            return None
        values = {name: value or "" for name, value in data.items()}
        values["birth_date"] = data.get("birth_date")
        return services.ParticipantRow(**values)


class BaseParticipantFormSet(forms.BaseFormSet):
    def rows(self) -> list:
        return [row for form in self.forms if (row := form.row()) is not None]


ParticipantFormSet = forms.formset_factory(
    ParticipantForm, formset=BaseParticipantFormSet, extra=3, max_num=30
)


class EntryFileForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label="Название файла", max_length=255, required=False)
    file = forms.FileField(label="Файл")


class ConsentForm(BootstrapFormMixin, forms.Form):
    consent = forms.ChoiceField(
        label="Согласие на обработку персональных данных", choices=ConsentState.choices
    )
    allows_publishing = forms.BooleanField(
        label="Согласие разрешает публиковать фамилию и инициал", required=False
    )
    scan = forms.FileField(label="Скан согласия (PDF, JPG, PNG)", required=False)


class ImportForm(BootstrapFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(label="Организация", queryset=None)
    file = forms.FileField(label="Файл списка участников (.xlsx по шаблону конкурса)")

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        preselect_single(self.fields["organisation"], organisations)


class EntryFilterForm(FilterForm):
    nomination = forms.ModelChoiceField(label="Номинация", queryset=None, required=False)
    state = forms.ChoiceField(
        label="Состояние", choices=[("", "Все")] + EntryState.choices, required=False
    )

    def __init__(self, *args, contest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = Nomination.objects.filter(contest=contest)
        self.fields["nomination"].empty_label = "Все"
