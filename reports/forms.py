from django import forms

from moc_portal.forms import BootstrapFormMixin
from plans.models import Plan

from .models import YearlyReport


class YearlyReportForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = YearlyReport
        fields = ["academic_year", "as_of", "plan"]
        widgets = {"as_of": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, municipality_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.filter(municipality_id=municipality_id)


class ReportTextsForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = YearlyReport
        fields = ["directions", "perspectives"]
        widgets = {
            "directions": forms.Textarea(attrs={"rows": 8}),
            "perspectives": forms.Textarea(attrs={"rows": 5}),
        }
