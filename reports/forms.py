from django import forms
from django.utils import timezone

from moc_portal.core.academic import academic_year
from moc_portal.core.concurrency import SeenFormMixin
from moc_portal.core.forms import BootstrapFormMixin
from plans.models import Plan

from .models import Indicator, MonitoringFill, MonitoringForm, YearlyReport


class YearlyReportForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = YearlyReport
        fields = ["academic_year", "as_of", "plan"]
        widgets = {"as_of": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, municipality_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.filter(municipality_id=municipality_id)
        # This year's report as of today, unless the person chooses otherwise.
        self.initial["academic_year"] = self.initial.get("academic_year") or academic_year()
        self.initial["as_of"] = self.initial.get("as_of") or timezone.localdate()
        self.fields["academic_year"].help_text = "В виде 2026/2027."


class ReportTextsForm(SeenFormMixin, BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = YearlyReport
        fields = ["directions", "perspectives"]
        widgets = {
            "directions": forms.Textarea(attrs={"rows": 8}),
            "perspectives": forms.Textarea(attrs={"rows": 5}),
        }


class MonitoringFormForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = MonitoringForm
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class IndicatorForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["title", "code", "unit", "kind", "formula", "decimals"]


class FillForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = MonitoringFill
        fields = ["period_label", "as_of"]
        widgets = {"as_of": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class InputsForm(SeenFormMixin, BootstrapFormMixin, forms.Form):
    """A field per hand-entered indicator."""

    def __init__(self, *args, fill, **kwargs):
        super().__init__(*args, **kwargs)
        for indicator in fill.form.indicators.filter(kind=Indicator.Kind.MANUAL):
            self.fields[indicator.code] = forms.DecimalField(
                label=f"{indicator.title}{f', {indicator.unit}' if indicator.unit else ''}",
                required=False,
                min_value=0,
                initial=fill.inputs.get(indicator.code),
            )
