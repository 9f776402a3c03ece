"""The filters of the teachers' lists: the municipality's list for its staff and an
organisation's own."""

import django_filters
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from moc_portal.core.forms import FilterForm

from ..choices import Focus
from ..filters import ReferenceFilter
from ..models import Organisation
from .models import Category, Teacher

STATE_CHOICES = [("working", "Работают"), ("left", "Уволены"), ("all", "Все")]


class TeacherFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Фамилия, имя", method="filter_q")
    organisation = ReferenceFilter(
        label="Организация", queryset=Organisation.objects.none(), empty_label="Все организации"
    )
    focus = django_filters.ChoiceFilter(
        label="Направленность",
        choices=Focus.choices,
        empty_label="Все направленности",
        method="filter_focus",
    )
    category = django_filters.ChoiceFilter(
        label="Категория", choices=Category.choices, empty_label="Все категории"
    )
    state = django_filters.ChoiceFilter(
        label="Кто",
        choices=STATE_CHOICES,
        empty_label=None,
        method="filter_state",
    )

    class Meta:
        model = Teacher
        fields = ["q", "organisation", "focus", "category", "state"]
        form = FilterForm

    def __init__(self, data=None, *args, user, **kwargs):
        data = data.copy() if data is not None else {}
        if not data.get("state"):
            data["state"] = "working"  # the current ones unless asked otherwise
        super().__init__(data, *args, **kwargs)
        self.filters["organisation"].queryset = Organisation.objects.managed_by(user).order_by(
            "short_name"
        )

    def filter_q(self, queryset, name, value):
        for word in value.split():
            # SQLite compares only Latin letters case-insensitively: the word as typed and
            # with its first letter capital cover how people type a surname.
            match = Q()
            for variant in {word, word[:1].upper() + word[1:].lower()}:
                for field in ("surname", "name", "patronymic"):
                    match |= Q(**{f"{field}__icontains": variant})
            queryset = queryset.filter(match)
        return queryset

    def filter_focus(self, queryset, name, value):
        return queryset.annotate(focuses_text=Cast("focuses", TextField())).filter(
            focuses_text__contains=f'"{value}"'
        )

    def filter_state(self, queryset, name, value):
        if value == "working":
            return queryset.working()
        if value == "left":
            return queryset.filter(left_on__lte=timezone.localdate())
        return queryset
