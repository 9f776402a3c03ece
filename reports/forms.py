from django import forms
from django.utils import timezone

from moc_portal.core.academic import academic_year
from moc_portal.core.concurrency import SeenFormMixin
from moc_portal.core.forms import BootstrapFormMixin
from plans.models import Plan, PlanItem, PlanState
from programs.choices import Focus
from programs.models import Municipality

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


# --- territory ---------------------------------------------------------------------------------


class TerritoryForm(BootstrapFormMixin, forms.Form):
    """What the supply grid shows: a municipality (the region for an administrator who
    chooses none), a focus area, and the day it is counted as of."""

    municipality = forms.ModelChoiceField(
        label="Муниципалитет",
        queryset=Municipality.objects.none(),
        required=False,
        empty_label="Весь регион",
    )
    focus = forms.ChoiceField(
        label="Направленность", choices=[("", "Все направленности"), *Focus.choices], required=False
    )
    as_of = forms.DateField(
        label="На дату",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Укажите дату в виде ДД.ММ.ГГГГ."},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not user.is_administrator:
            del self.fields["municipality"]
        else:
            self.fields["municipality"].queryset = Municipality.objects.managed_by(user).order_by(
                "name"
            )

    def clean_as_of(self):
        as_of = self.cleaned_data.get("as_of")
        if as_of and as_of > timezone.localdate():
            raise forms.ValidationError("Дата не может быть позже сегодняшней.")
        return as_of


class GapForm(BootstrapFormMixin, forms.Form):
    """A gap into a plan: a new item of a draft plan, or an item already in a plan."""

    plan = forms.ModelChoiceField(
        label="План", queryset=Plan.objects.none(), required=False, empty_label="Выберите план"
    )
    title = forms.CharField(
        label="Мероприятие", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    item = forms.ModelChoiceField(
        label="или пункт, который уже есть в плане",
        queryset=PlanItem.objects.none(),
        required=False,
        empty_label="—",
    )

    def __init__(self, *args, municipality_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = (
            Plan.objects.filter(municipality_id=municipality_id)
            .exclude(state=PlanState.APPROVED)
            .order_by("-period_end")
        )
        self.fields["item"].queryset = (
            PlanItem.objects.filter(plan__municipality_id=municipality_id)
            .select_related("plan")
            .order_by("-plan__period_end", "position")
        )
        self.fields["item"].label_from_instance = lambda item: (
            f"{item.plan.title}: {item.number} {item.title[:80]}"
        )

    def clean(self):
        data = super().clean()
        if not data.get("plan") and not data.get("item"):
            raise forms.ValidationError(
                "Выберите план, в который внести новое мероприятие, или пункт, который уже есть."
            )
        return data
