from django import forms

from moc_portal.core.concurrency import SeenFormMixin
from moc_portal.core.forms import BootstrapFormMixin
from moc_portal.users.models import Role, User
from programs.choices import Focus, ProgramStatus
from programs.models import Organisation, Program

from .models import Campaign, Conclusion, CriteriaSet, Criterion, ExpertGroup


class CriteriaSetForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = CriteriaSet
        fields = ["title"]


class CriterionForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["title", "description", "scale_max", "weight"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class CampaignForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Campaign
        fields = [
            "title",
            "period_start",
            "period_end",
            "criteria_set",
            "experts_per_program",
            "target_percent",
        ]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, municipality_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteria_set"].queryset = CriteriaSet.objects.filter(
            municipality_id=municipality_id, is_current=True
        )


class ProgramPickForm(BootstrapFormMixin, forms.Form):
    """Programmes for a campaign: by hand, or everything a filter finds."""

    focus = forms.ChoiceField(
        label="Направленность", choices=[("", "Все")] + Focus.choices, required=False
    )
    organisation = forms.ModelChoiceField(
        label="Организация", queryset=Organisation.objects.none(), required=False
    )
    programs = forms.ModelMultipleChoiceField(
        label="Программы",
        queryset=Program.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    all_found = forms.BooleanField(label="Все программы, подходящие под фильтр", required=False)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        published = Program.objects.filter(
            organisation__municipality_id=campaign.municipality_id,
            status=ProgramStatus.PUBLISHED,
        ).exclude(assessments__campaign=campaign)
        self.published = published.select_related("organisation").order_by("name")
        self.fields["programs"].queryset = self.published
        self.fields["organisation"].queryset = Organisation.objects.filter(
            municipality_id=campaign.municipality_id
        )

    def chosen(self):
        data = self.cleaned_data
        if not data["all_found"]:
            return list(data["programs"])
        found = self.published
        if data["focus"]:
            found = found.filter(focus=data["focus"])
        if data["organisation"]:
            found = found.filter(organisation=data["organisation"])
        return list(found)


class ExpertGroupForm(BootstrapFormMixin, forms.ModelForm):
    experts = forms.ModelMultipleChoiceField(
        label="Эксперты",
        queryset=User.objects.filter(role=Role.EXPERT, is_active=True).order_by("last_name"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ExpertGroup
        fields = ["title"]


class ReopenForm(BootstrapFormMixin, forms.Form):
    comment = forms.CharField(label="Почему оценка возвращается эксперту", max_length=2000)


class ScoringForm(SeenFormMixin, BootstrapFormMixin, forms.Form):
    """A score and a comment per criterion, then the conclusion. Drafts may be incomplete."""

    conclusion = forms.ChoiceField(
        label="Заключение", choices=[("", "—")] + Conclusion.choices[::-1], required=False
    )
    comment = forms.CharField(
        label="Комментарий эксперта", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, criteria, assignment, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        scores = {s.criterion_id: s for s in assignment.scores.all()}
        for criterion in criteria:
            score = scores.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=f"{criterion.position}. {criterion.title}",
                choices=[("", "—")] + [(n, str(n)) for n in range(criterion.scale_max + 1)],
                coerce=int,
                empty_value=None,
                required=False,
                initial=score.value if score else None,
                help_text=criterion.description,
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label=f"Комментарий к критерию «{criterion.title}»",
                required=False,
                initial=score.comment if score else "",
                widget=forms.TextInput(),
            )
        self.fields["conclusion"].initial = assignment.conclusion
        self.fields["comment"].initial = assignment.comment

    def scores(self) -> dict:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"note_{c.pk}"])
            for c in self.criteria
        }

    def rows(self):
        return [(self[f"score_{c.pk}"], self[f"note_{c.pk}"], c) for c in self.criteria]
