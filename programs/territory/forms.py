"""The territory's forms: a municipality, its centre, a settlement and its children."""

from django import forms
from django.conf import settings

from moc_portal.core.forms import BootstrapFormMixin
from moc_portal.core.uploads import too_large_message

from ..choices import AgeBand, SettlementKind
from .centres import FIELDS as CENTRE_FIELDS
from .models import Centre, Municipality, Settlement


class MunicipalityForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Municipality
        fields = ["name", "region", "oktmo", "slug"]
        help_texts = {
            "oktmo": "8 цифр для муниципального района или городского округа, 11 — для поселения.",
            "slug": "Латиницей; пусто — портал составит его из наименования.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False


class CentreForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Centre
        fields = CENTRE_FIELDS
        widgets = {
            "letterhead": forms.Textarea(attrs={"rows": 3}),
            "base_organisation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["full_name"].error_messages["required"] = (
            "Укажите полное наименование центра: без него страницы муниципалитета и документы "
            "подписаны именем портала."
        )


class SettlementForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Settlement
        fields = ["kind", "name", "oktmo"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Выберите тип"), *SettlementKind.choices]


class ChildCountsForm(BootstrapFormMixin, forms.Form):
    """The children of a settlement by age band for a statistics year."""

    year = forms.IntegerField(label="Год (на 1 января)", min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for band in AgeBand:
            self.fields[band.value] = forms.IntegerField(
                label=f"Детей {band.label}",
                min_value=0,
                max_value=10_000_000,
                required=False,
                error_messages={"min_value": "Число детей не может быть меньше нуля."},
            )

    def counts(self) -> dict:
        return {band.value: self.cleaned_data.get(band.value) for band in AgeBand}


class ChildImportForm(BootstrapFormMixin, forms.Form):
    year = forms.IntegerField(label="Год (на 1 января)", min_value=2000, max_value=2100)
    file = forms.FileField(
        label="Файл Excel (.xlsx)",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        error_messages={"required": "Выберите файл для загрузки."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(too_large_message())
        return upload
