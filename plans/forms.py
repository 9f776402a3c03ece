from django import forms

from moc_portal.forms import BootstrapFormMixin

from .models import Plan, PlanItem, PlanSection

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Plan
        fields = [
            "kind",
            "title",
            "period_label",
            "period_start",
            "period_end",
            "introduction",
            "agreed_post",
            "agreed_name",
            "agreed_date",
            "approved_post",
            "approved_name",
            "approved_date",
        ]
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "agreed_date": DATE,
            "approved_date": DATE,
            "introduction": forms.Textarea(attrs={"rows": 5}),
            "agreed_post": forms.Textarea(attrs={"rows": 2}),
            "approved_post": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", "Конец периода не может быть раньше начала.")
        return data


class SectionForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = PlanSection
        fields = ["number", "title"]
        widgets = {"title": forms.TextInput()}


ITEM_CONTENT = ["number", "title", "period_text", "responsible", "expected_result"]
ITEM_EXECUTION = ["status", "result_quantitative", "result_qualitative", "evidence"]


class ItemForm(BootstrapFormMixin, forms.ModelForm):
    """An item's content and, as the year runs, its execution. After approval only the
    execution fields are offered."""

    version = forms.IntegerField(widget=forms.HiddenInput)

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
        }

    def __init__(self, *args, locked: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        if locked:
            for name in ITEM_CONTENT:
                del self.fields[name]
        for name in ("result_quantitative", "result_qualitative", "evidence", "number"):
            if name in self.fields:
                self.fields[name].required = False

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name != "version"}


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
