"""Filters of the media register and the events list: one FilterSet drives the page and its
export."""

import django_filters
from django import forms

from moc_portal.core.forms import FilterForm

from .models import Channel, Event, EventKind, PlanItem, Publication

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RegisterFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Поиск", field_name="title", lookup_expr="icontains")
    item = django_filters.ModelChoiceFilter(
        label="Мероприятие плана", queryset=PlanItem.objects.none(), empty_label="Все"
    )
    date_from = django_filters.DateFilter(label="С", method="filter_from", widget=DATE)
    date_to = django_filters.DateFilter(label="По", method="filter_to", widget=DATE)

    date_field = ""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["item"].queryset = items

    def filter_from(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__gte": value})

    def filter_to(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__lte": value})


class PublicationFilter(RegisterFilter):
    channel = django_filters.ChoiceFilter(
        label="Канал", choices=Channel.choices, empty_label="Все каналы"
    )
    date_field = "published_on"

    class Meta:
        model = Publication
        fields = ["q", "channel", "item", "date_from", "date_to"]
        form = FilterForm


class EventFilter(RegisterFilter):
    kind = django_filters.ChoiceFilter(label="Вид", choices=EventKind.choices, empty_label="Все")
    is_public = django_filters.BooleanFilter(
        label="На портале",
        widget=forms.Select(choices=[("", "Все"), ("true", "Да"), ("false", "Нет")]),
    )
    date_field = "starts_on"

    class Meta:
        model = Event
        fields = ["q", "kind", "is_public", "item", "date_from", "date_to"]
        form = FilterForm
