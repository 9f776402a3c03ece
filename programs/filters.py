import django_filters
from django import forms
from django.db.models import Q

from .choices import Focus, OrganisationType, ProgramStatus
from .models import Organisation, Program
from .selectors import organisations_for_user


class ProgramFilter(django_filters.FilterSet):
    """Filters of the registry, the coordinator's list and the moderation queue."""

    q = django_filters.CharFilter(label="Поиск", method="filter_q")
    status = django_filters.ChoiceFilter(
        label="Статус", choices=ProgramStatus.choices, empty_label="Все статусы"
    )
    organisation = django_filters.ModelChoiceFilter(
        label="Организация", queryset=None, empty_label="Все организации"
    )
    focus = django_filters.ChoiceFilter(
        label="Направленность", choices=Focus.choices, empty_label="Все направленности"
    )
    age = django_filters.NumberFilter(
        label="Возраст ребёнка",
        method="filter_age",
        widget=forms.NumberInput(attrs={"min": 0, "max": 18}),
    )
    academic_year = django_filters.CharFilter(label="Учебный год")

    class Meta:
        model = Program
        fields = ["q", "status", "organisation", "focus", "age", "academic_year"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["organisation"].queryset = organisations_for_user(user)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value) | Q(organisation__short_name__icontains=value)
        )

    def filter_age(self, queryset, name, value):
        return queryset.filter(age_from__lte=value, age_to__gte=value)


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Поиск", method="filter_q")
    org_type = django_filters.ChoiceFilter(
        label="Тип", choices=OrganisationType.choices, empty_label="Все типы"
    )

    class Meta:
        model = Organisation
        fields = ["q", "org_type"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(short_name__icontains=value)
            | Q(full_name__icontains=value)
            | Q(inn__startswith=value)
            | Q(address__icontains=value)
        )
