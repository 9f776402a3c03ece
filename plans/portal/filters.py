"""The documents library's filter, for the public list and the staff list alike."""

import django_filters
from django.db.models import Q
from django.db.models.functions import ExtractYear

from moc_portal.core.forms import FilterForm

from .models import Block, Document, DocumentKind


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Название или номер", method="filter_q")
    kind = django_filters.ChoiceFilter(
        label="Вид", choices=DocumentKind.choices, empty_label="Все виды"
    )
    year = django_filters.ChoiceFilter(label="Год", method="filter_year", empty_label="Все годы")
    block = django_filters.ModelChoiceFilter(
        label="Блок", queryset=Block.objects.all(), empty_label="Все блоки"
    )

    class Meta:
        model = Document
        fields = ["q", "kind", "year", "block"]
        form = FilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = (
            self.queryset.exclude(signed_on=None)
            .annotate(y=ExtractYear("signed_on"))
            .order_by("-y")
            .values_list("y", flat=True)
            .distinct()
        )
        self.filters["year"].extra["choices"] = [(str(y), str(y)) for y in years]

    def filter_q(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(number__icontains=word)
                | Q(description__icontains=word)
            )
        return queryset

    def filter_year(self, queryset, name, value):
        return queryset.filter(signed_on__year=int(value))
