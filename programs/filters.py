import functools

import django_filters
from django import forms
from django.db import connection, models
from django.db.models import Exists, F, Func, OuterRef, Q, Value
from django.utils import timezone

from moc_portal.core import search
from moc_portal.core.forms import FilterForm

from .choices import Focus, Level, OrganisationType, OvzCategory, ProgramStatus, StudyForm
from .models import (
    Municipality,
    Organisation,
    Program,
    ProgramGroup,
    PublishedProgram,
    Settlement,
    Specialisation,
)

# The largest id a database key holds: a longer number in a link is not a record of ours.
MAX_ID = 2**63 - 1


class ReferenceField(forms.ModelChoiceField):
    """A record chosen by id in a link: a number that no key could hold is refused as a wrong
    choice before the database is asked (SQLite cannot even compare it)."""

    def to_python(self, value):
        if value not in self.empty_values:
            text = str(value).strip()
            if not text.isdigit() or not 0 < int(text) <= MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                )
        return super().to_python(value)


class ReferenceFilter(django_filters.ModelChoiceFilter):
    field_class = ReferenceField


PAYMENT_CHOICES = [
    ("free", "Бесплатно"),
    ("certificate", "По сертификату ПФДО"),
    ("paid", "Платно"),
]
PAYMENT_FIELDS = {"free": "budget", "certificate": "certificate", "paid": "paid"}
SORT_CHOICES = [
    ("relevance", "Сначала подходящие"),
    ("name", "По названию"),
    ("newest", "Сначала новые"),
    ("age", "По возрасту"),
]


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
        form = FilterForm

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["organisation"].queryset = Organisation.objects.select_related(
            "municipality"
        ).managed_by(user)

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
        form = FilterForm

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


def _unindexed(key: str):
    """The same sort key as an expression no index matches (``+ 0`` / ``|| ''``)."""
    descending, name = key.startswith("-"), key.lstrip("-")
    if name in ("rank", "pk"):
        return key
    field = PublishedProgram._meta.get_field(name)
    blank = Value("") if isinstance(field, (models.CharField, models.TextField)) else None
    if blank is not None:
        expression = Func(F(name), blank, template="(%(expressions)s)", arg_joiner=" || ")
    elif isinstance(field, models.DateTimeField):
        if connection.vendor != "postgresql":
            return key  # the trick is PostgreSQL's; SQLite sorts the few matches as it is
        expression = Func(F(name), template="(%(expressions)s + interval '0 second')")
    else:
        expression = F(name) + 0
    return expression.desc() if descending else expression.asc()


class CatalogueFilter(django_filters.FilterSet):
    """The public catalogue's filters; every one lives in the query string."""

    q = django_filters.CharFilter(label="Что ищем", method="filter_search")
    age = django_filters.NumberFilter(
        label="Возраст ребёнка, лет",
        method="filter_age",
        widget=forms.NumberInput(attrs={"min": 0, "max": 18, "inputmode": "numeric"}),
        min_value=0,
        max_value=99,
    )
    focus = django_filters.MultipleChoiceFilter(
        label="Направленность",
        choices=Focus.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,  # one table, no joins to multiply rows
    )
    specialisation = ReferenceFilter(
        label="Профиль", queryset=Specialisation.objects.all(), empty_label="Любой"
    )
    municipality = ReferenceFilter(
        label="Муниципалитет", queryset=Municipality.objects.all(), empty_label="Любой"
    )
    organisation = ReferenceFilter(
        label="Организация",
        queryset=Organisation.objects.all(),
        widget=forms.HiddenInput,
    )
    level = django_filters.ChoiceFilter(label="Уровень", choices=Level.choices, empty_label="Любой")
    payment = django_filters.ChoiceFilter(
        label="Оплата", choices=PAYMENT_CHOICES, empty_label="Любая", method="filter_payment"
    )
    max_cost = django_filters.NumberFilter(
        label="Стоимость до, руб.",
        method="filter_max_cost",
        widget=forms.NumberInput(attrs={"min": 0, "step": 100, "inputmode": "numeric"}),
        min_value=0,
        max_value=10_000_000,
    )
    ovz = django_filters.BooleanFilter(
        label="Подходит для детей с ОВЗ",
        field_name="ovz_suitable",
        widget=forms.CheckboxInput,
        method="filter_true",
    )
    ovz_category = django_filters.ChoiceFilter(
        label="Категория ОВЗ",
        choices=OvzCategory.choices,
        empty_label="Любая",
        method="filter_ovz_category",
    )
    distance = django_filters.BooleanFilter(
        label="С применением ДОТ и ЭО (дистанционно)",
        field_name="uses_distance_technologies",
        widget=forms.CheckboxInput,
        method="filter_true",
    )
    study_form = django_filters.ChoiceFilter(
        label="Форма обучения", choices=StudyForm.choices, empty_label="Любая"
    )
    enrolment_open = django_filters.BooleanFilter(
        label="Идёт запись", widget=forms.CheckboxInput, method="filter_enrolment_open"
    )
    free_places = django_filters.BooleanFilter(
        label="Есть свободные места", widget=forms.CheckboxInput, method="filter_free_places"
    )
    career = django_filters.BooleanFilter(
        label="Помогает выбрать профессию (самоопределение)",
        field_name="aids_career_guidance",
        widget=forms.CheckboxInput,
        method="filter_true",
    )
    sort = django_filters.ChoiceFilter(
        label="Сортировка",
        choices=SORT_CHOICES,
        empty_label=None,
        method="filter_sort",
    )

    class Meta:
        model = PublishedProgram
        fields: list[str] = []
        form = FilterForm

    @classmethod
    @functools.cache
    def form_class(cls):
        """The form, made once: its fields are the same for every request (django-filter
        makes a new class from copies of every filter each time, 2 ms of a search)."""
        empty = cls(queryset=PublishedProgram.objects.none())
        return django_filters.FilterSet.get_form_class(empty)

    def get_form_class(self):
        return self.form_class()

    def filter_queryset(self, queryset):
        # Search first, so sorting by relevance has a rank to use whatever else is chosen.
        queryset = search.search(queryset, self.form.cleaned_data.get("q") or "")
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("sort"):
            queryset = self.filter_sort(queryset, "sort", "relevance")
        return queryset

    def filter_search(self, queryset, name, value):
        return queryset  # applied in filter_queryset

    def filter_age(self, queryset, name, value):
        return queryset.filter(age_from__lte=value, age_to__gte=value)

    def filter_payment(self, queryset, name, value):
        return queryset.filter(**{f"funding_{PAYMENT_FIELDS[value]}": True})

    def filter_max_cost(self, queryset, name, value):
        return queryset.filter(Q(cost__isnull=True) | Q(cost__lte=value))

    def filter_true(self, queryset, name, value):
        return queryset.filter(**{name: True}) if value else queryset

    def filter_ovz_category(self, queryset, name, value):
        # ovz_suitable lets PostgreSQL use the partial index of ОВЗ programmes.
        return queryset.filter(ovz_suitable=True, ovz_categories_key__contains=f"|{value}|")

    def filter_enrolment_open(self, queryset, name, value):
        """A group takes applications today: each group's own window, never the span from the
        earliest window's start to the latest one's end."""
        if not value:
            return queryset
        today = timezone.localdate()
        return queryset.filter(
            Exists(
                ProgramGroup.objects.filter(
                    program_id=OuterRef("pk"), enrolment_from__lte=today, enrolment_to__gte=today
                )
            )
        )

    def filter_free_places(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Exists(ProgramGroup.objects.filter(program_id=OuterRef("pk"), free_places__gt=0))
        )

    def filter_sort(self, queryset, name, value):
        searching = bool(self.form.cleaned_data.get("q"))
        if value in (None, "", "relevance"):
            value = "relevance" if searching else "name"
        # search_title is the name in lower case with ё as е: Russian alphabetical order.
        order = {
            "relevance": ["-rank", "search_title", "pk"],
            "name": ["search_title", "pk"],
            "newest": ["-approved_at", "pk"],
            "age": ["age_from", "age_to", "search_title", "pk"],
        }[value]
        if searching:
            # The matches are few: sort them, rather than let PostgreSQL walk a whole index
            # in that order hoping to meet matches early (they may all sit at its end).
            order = [_unindexed(key) for key in order]
        return queryset.order_by(*order)


# --- the open API's lists of groups and organisations ----------------------------------------


class PublicGroupFilter(django_filters.FilterSet):
    """The API's groups: rows of the groups the approved versions have (``published_group_rows``),
    chosen by their figures of today."""

    programme = ReferenceFilter(
        field_name="program",
        queryset=Program.objects.filter(published__isnull=False),
        label="Программа",
    )
    municipality = ReferenceFilter(
        field_name="program__organisation__municipality",
        queryset=Municipality.objects.all(),
        label="Муниципалитет",
    )
    settlement = ReferenceFilter(
        queryset=Settlement.objects.all(), method="filter_settlement", label="Населённый пункт"
    )
    age = django_filters.NumberFilter(
        method="filter_age", label="Возраст ребёнка, лет", min_value=0, max_value=99
    )
    free_places = django_filters.BooleanFilter(
        method="filter_free_places", label="Есть свободные места"
    )
    enrolment_open = django_filters.BooleanFilter(
        method="filter_enrolment_open", label="Идёт приём заявок"
    )

    class Meta:
        model = ProgramGroup
        fields: list[str] = []
        form = FilterForm

    def filter_settlement(self, queryset, name, value):
        return queryset.filter(
            Q(settlement=value) | Q(settlement=None, program__organisation__settlement=value)
        )

    def filter_age(self, queryset, name, value):
        return queryset.filter(age_from__lte=value, age_to__gte=value)

    def filter_free_places(self, queryset, name, value):
        return queryset.filter(free_places__gt=0) if value else queryset

    def filter_enrolment_open(self, queryset, name, value):
        if not value:
            return queryset
        today = timezone.localdate()
        return queryset.filter(enrolment_from__lte=today, enrolment_to__gte=today)


class PublicOrganisationFilter(django_filters.FilterSet):
    """The API's organisations with published programmes."""

    municipality = ReferenceFilter(queryset=Municipality.objects.all(), label="Муниципалитет")
    settlement = ReferenceFilter(queryset=Settlement.objects.all(), label="Населённый пункт")
    org_type = django_filters.ChoiceFilter(choices=OrganisationType.choices, label="Тип")

    class Meta:
        model = Organisation
        fields: list[str] = []
        form = FilterForm
