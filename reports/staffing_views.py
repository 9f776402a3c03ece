"""The staffing and resources page (issue 33): the centre's staff see their municipality, the
regional administrator any municipality or the region, one row per municipality; each table
with its Excel file, the page printable as it is."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from moc_portal.access import staff_required
from moc_portal.core.forms import BootstrapFormMixin
from moc_portal.core.views import download
from plans.development import selectors as development
from programs.models import Municipality

from . import staffing, staffing_export

OVERDUE_PER_PAGE = 100


class StaffingForm(BootstrapFormMixin, forms.Form):
    """Whose figures (an administrator chooses a municipality or the region) and as of when."""

    municipality = forms.ModelChoiceField(
        label="Муниципалитет",
        queryset=Municipality.objects.none(),
        required=False,
        empty_label="Весь регион",
    )
    as_of = forms.DateField(
        label="На дату",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Укажите дату в виде ДД.ММ.ГГГГ."},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_administrator:
            self.fields["municipality"].queryset = Municipality.objects.order_by("name")
        else:
            del self.fields["municipality"]

    def clean_as_of(self):
        as_of = self.cleaned_data.get("as_of")
        if as_of and as_of > timezone.localdate():
            raise forms.ValidationError("Дата не может быть позже сегодняшней.")
        return as_of


def _scope(request):
    """The form, the municipalities counted, the one chosen (None: the region), the day."""
    form = StaffingForm(request.GET or None, user=request.user)
    chosen = form.cleaned_data if form.is_valid() else {}
    managed = Municipality.objects.managed_by(request.user)
    if request.user.is_administrator:
        municipality = chosen.get("municipality")
    else:
        municipality = managed.first()
        if municipality is None:
            raise PermissionDenied("Страница доступна сотрудникам МОЦ своего муниципалитета.")
    ids = [municipality.pk] if municipality else list(managed.values_list("pk", flat=True))
    return form, ids, municipality, chosen.get("as_of") or timezone.localdate()


@staff_required
def staffing_page(request):
    form, ids, municipality, as_of = _scope(request)
    query = request.GET.urlencode()
    context = {"form": form, "municipality": municipality, "as_of": as_of, "query": query}
    if municipality is None:
        context["rows"] = staffing.region_rows(ids, as_of)
        return render(request, "reports/staffing_region.html", context)
    context["figures"] = staffing.figures(ids, as_of)
    context["interval"] = development.interval_years()
    return render(request, "reports/staffing.html", context)


@staff_required
def staffing_overdue(request):
    """Who of the municipality's current teachers is overdue for a qualification course."""
    form, ids, municipality, as_of = _scope(request)
    page = Paginator(staffing.overdue_list(ids, as_of), OVERDUE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/staffing_overdue.html",
        {
            "form": form,
            "municipality": municipality,
            "as_of": as_of,
            "page": page,
            "rows": [staffing.overdue_row(teacher) for teacher in page],
            "interval": development.interval_years(),
            "query": query.urlencode(),
        },
    )


@staff_required
def staffing_download(request):
    """The page's tables as a workbook (the region's one table for the region)."""
    form, ids, municipality, as_of = _scope(request)
    buffer = staffing_export.workbook(ids, municipality, as_of)
    name = municipality.slug if municipality else "region"
    return download(buffer, f"staffing-{name}-{as_of:%Y-%m-%d}.xlsx")
