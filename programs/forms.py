from django import forms
from django.conf import settings

from moc_portal.core.academic import academic_year
from moc_portal.core.concurrency import SeenFormMixin
from moc_portal.core.forms import BootstrapFormMixin
from moc_portal.core.uploads import check_image_pixels, too_large_message

from .choices import GroupFunding, Weekday
from .models import (
    GROUP_FIELDS,
    NetworkPartner,
    Organisation,
    Program,
    ProgramGroup,
    Settlement,
)
from .selectors import CARD_FIELDS
from .services import COORDINATOR_PROFILE_FIELDS
from .staffing.matching import FREE_TEXT_HELP, current_teachers, display_text

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
LONG_TEXT = forms.Textarea(attrs={"rows": 4})


class ProgramForm(SeenFormMixin, BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Program
        fields = ["organisation", *CARD_FIELDS, "image"]
        widgets = {
            "short_description": forms.Textarea(attrs={"rows": 3}),
            "content": LONG_TEXT,
            "goals": LONG_TEXT,
            "expected_results": LONG_TEXT,
            "age_from": forms.NumberInput(attrs={"min": 0, "max": 18}),
            "age_to": forms.NumberInput(attrs={"min": 0, "max": 18}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.select_related("municipality").managed_by(user)
        self.fields["organisation"].queryset = organisations
        if self.instance.pk is None and organisations.count() == 1:
            self.fields["organisation"].initial = organisations.get()
        self.fields["specialisation"].label_from_instance = lambda s: (
            f"{s.get_focus_display()}: {s.name}"
        )
        # The year a new programme is for is nearly always this one: filled in, not hinted.
        if self.instance.pk is None:
            self.fields["academic_year"].initial = academic_year()
        self.fields["academic_year"].help_text = "В виде 2026/2027."

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and hasattr(image, "content_type"):  # a new upload, not the stored file
            check_image_pixels(image, "Изображение")
        return image

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if data.get("image") is False:  # «очистить» ticked
            data["image"] = ""
        return data


class PartnerForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = NetworkPartner
        fields = ["name", "inn", "ogrn"]


class RowFormSet(forms.BaseFormSet):
    """A formset whose blank extra rows are ignored and whose rows come out as dicts."""

    def rows(self) -> list[dict]:
        return [
            {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


PartnerFormSet = forms.formset_factory(PartnerForm, formset=RowFormSet, extra=2, can_delete=True)


class GroupForm(SeenFormMixin, BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = ProgramGroup
        fields = [*GROUP_FIELDS, "settlement"]
        widgets = {
            "enrolment_from": DATE,
            "enrolment_to": DATE,
            "study_from": DATE,
            "study_to": DATE,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funding"].required = False  # a budget place unless said otherwise
        program = self.instance.program if self.instance.program_id else None
        self.fields["teacher_name"].help_text = FREE_TEXT_HELP
        if program is not None:
            teachers = current_teachers(program.organisation_id)
            if 0 < len(teachers) <= 30:  # a longer list is read on the «Педагоги» page
                listed = display_text(teachers, among=teachers)
                self.fields["teacher_name"].help_text += f" В списке: {listed}."
            self.fields["settlement"].queryset = Settlement.objects.filter(
                municipality_id=program.organisation.municipality_id
            )

    def clean_funding(self):
        return self.cleaned_data.get("funding") or GroupFunding.BUDGET


class FreePlacesForm(forms.Form):
    free_places = forms.IntegerField(
        label="Свободных мест",
        min_value=0,
        required=False,
        error_messages={
            "invalid": "Свободные места — целое число.",
            "min_value": "Свободных мест не может быть меньше нуля.",
        },
    )


class ScheduleSlotForm(BootstrapFormMixin, forms.Form):
    weekday = forms.TypedChoiceField(
        label="День недели", choices=[("", "—"), *Weekday.choices], coerce=int
    )
    time_start = forms.TimeField(label="Начало", widget=TIME)
    time_end = forms.TimeField(label="Окончание", widget=TIME)

    def clean(self):
        data = super().clean()
        start, end = data.get("time_start"), data.get("time_end")
        if start and end and start >= end:
            self.add_error("time_end", "Занятие должно заканчиваться позже, чем начинается.")
        return data


ScheduleFormSet = forms.formset_factory(
    ScheduleSlotForm, formset=RowFormSet, extra=3, can_delete=True
)


class OrganisationForm(SeenFormMixin, BootstrapFormMixin, forms.ModelForm):
    """The centre's form: the whole inventory card."""

    website = forms.URLField(label="Сайт", required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "municipality",
            "full_name",
            "short_name",
            "org_type",
            "department",
            "legal_form",
            "ownership",
            "inn",
            "ogrn",
            "head_name",
            "address",
            "settlement",
            "phone",
            "email",
            "website",
            "is_support_centre",
            "staff_total",
            "teachers_total",
            "classrooms",
            "has_accessible_environment",
            "infrastructure_notes",
        ]
        widgets = {"infrastructure_notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        settlements = Settlement.objects.select_related("municipality")
        if not user.is_administrator:
            del self.fields["municipality"]
            settlements = settlements.filter(
                municipality_id=self.instance.municipality_id or user.municipality_id
            )
        self.fields["settlement"].queryset = settlements


class OrganisationProfileForm(SeenFormMixin, BootstrapFormMixin, forms.ModelForm):
    """A coordinator's form: contacts and inventory figures of their own organisation."""

    website = forms.URLField(label="Сайт", required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = sorted(COORDINATOR_PROFILE_FIELDS)
        widgets = {"infrastructure_notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["settlement"].queryset = Settlement.objects.filter(
            municipality_id=self.instance.municipality_id
        )


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label="Файл Excel (.xlsx)",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        error_messages={"required": "Выберите файл для загрузки."},
    )
    publish = forms.BooleanField(
        label="Сразу опубликовать новые программы",
        required=False,
        help_text="Иначе новые программы загрузятся черновиками.",
    )

    def __init__(self, *args, user, kind, **kwargs):
        super().__init__(*args, **kwargs)
        if kind != "program_import" or not user.manages_registry:
            del self.fields["publish"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(too_large_message())
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                "Нужен файл Excel в формате .xlsx. Сохраните таблицу как «Книга Excel (.xlsx)»."
            )
        return upload
