import django_filters
from django.db.models import Q

from moc_portal.core.forms import FilterForm

from .models import SyncOutboxEntry

Entry = SyncOutboxEntry

STATE_CHOICES = [
    ("waiting", "Ожидают отправки"),
    ("retrying", "Временная ошибка, будет повтор"),
    ("failed", "Ошибка: нужно исправить"),
    ("done", "Переданы"),
]
STATE_FILTERS = {
    "waiting": Q(state__in=[Entry.State.PENDING, Entry.State.IN_FLIGHT], attempts=0),
    "retrying": Q(state=Entry.State.PENDING, attempts__gt=0),
    "failed": Q(state=Entry.State.FAILED),
    "done": Q(state=Entry.State.DONE),
}


class SyncEntryFilter(django_filters.FilterSet):
    """The staff page's list of what goes to the Navigator."""

    q = django_filters.CharFilter(label="Название", method="filter_q")
    sync = django_filters.ChoiceFilter(
        label="Состояние", choices=STATE_CHOICES, method="filter_sync", empty_label="Все"
    )
    kind = django_filters.ChoiceFilter(
        label="Что", choices=Entry.Kind.choices, empty_label="Программы и организации"
    )

    class Meta:
        model = Entry
        fields = ["q", "sync", "kind"]
        form = FilterForm

    def filter_q(self, queryset, name, value):
        return queryset.filter(title__icontains=value.strip())

    def filter_sync(self, queryset, name, value):
        return queryset.filter(STATE_FILTERS[value])
