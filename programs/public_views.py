"""The public catalogue: what parents see. Only approved versions, never the working copy."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from moc_portal.access import administrator_required
from moc_portal.context_processors import show_municipality
from moc_portal.core import limits, russian
from moc_portal.querystring import query_without

from . import opendata, selectors
from .assessment.selectors import recommended_exists
from .cache import cache_public_page, not_for_the_cache, search_miss_page
from .catalogue import catalogue as public_catalogue
from .choices import Focus
from .filters import CatalogueFilter
from .models import Municipality, Organisation, PublishedProgram
from .territory.centres import CHOICE_COOKIE, sole_municipality

PAGE_SIZE = 20
# Filters folded under «Ещё фильтры», so a phone shows results without a long scroll.
MORE_FILTERS = [
    "specialisation",
    "municipality",
    "level",
    "max_cost",
    "ovz_category",
    "distance",
    "study_form",
    "career",
]
FILTER_LABELS = {
    "q": "поиск",
    "age": "возраст",
    "focus": "направленность",
    "specialisation": "профиль",
    "municipality": "муниципалитет",
    "organisation": "организация",
    "level": "уровень",
    "payment": "оплата",
    "max_cost": "стоимость",
    "ovz": "ОВЗ",
    "ovz_category": "категория ОВЗ",
    "distance": "дистанционно",
    "study_form": "форма обучения",
    "enrolment_open": "идёт запись",
    "free_places": "есть свободные места",
    "career": "самоопределение",
}


def home(request):
    """The region's home page. With several municipalities a parent chooses theirs here; the
    choice is remembered (a cookie set by the municipality's page), and the next visit goes
    straight to that municipality's page until they ask to choose again (``?choose``)."""
    remembered = request.COOKIES.get(CHOICE_COOKIE)
    if remembered and "choose" not in request.GET and sole_municipality() is None:
        municipality = Municipality.objects.filter(slug=remembered).first()
        if municipality is not None:
            return redirect("portal:municipality", municipality.slug)
    return _home_page(request)


# While the database is away (the municipality asked for cannot be looked up either), the
# region's page last kept by ``_home_page`` stands in for both (``cache.outage_copy``).
home.cache_params = ()


@cache_public_page
def _home_page(request):
    counts = dict(PublishedProgram.objects.values_list("focus").annotate(n=Count("pk")).order_by())
    municipalities = Municipality.objects.annotate(
        n=Count("organisations__published_programs")
    ).order_by("name")
    return render(
        request,
        "home.html",
        {
            "focus_counts": [
                (value, label, counts.get(value, 0)) for value, label in Focus.choices
            ],
            "municipalities": municipalities if len(municipalities) > 1 else [],
            "newest": public_catalogue().order_by("-approved_at", "pk")[:6],
        },
    )


def _filter_form():
    """The catalogue filters' form class, without making a FilterSet: it copies every filter
    each time it is made, which cost a crawler's request 8 ms just to check its query."""
    return CatalogueFilter.form_class()


def valid_query(data) -> tuple:
    """The query without the filter values that are not valid, and those values named for the
    page (``«направленность»: «tech»``)."""
    data = data.copy()
    invalid = []
    for _ in range(len(FILTER_LABELS) + 2):
        form = _filter_form()(data)
        if form.is_valid():
            return data, invalid
        for name in form.errors:
            if name not in form.fields:
                return data.__class__(), invalid
            values = ", ".join(data.getlist(name)) or "—"
            label = FILTER_LABELS.get(name) or str(form.fields[name].label).lower()
            invalid.append(f"«{label}»: «{values}»")
            data.pop(name, None)
    return data.__class__(), invalid


@cache_public_page(
    params=(*CatalogueFilter.base_filters, "page"),
    clean=valid_query,
    notice=("<!--invalid-filters-->", "catalogue/_invalid_filters.html", "invalid_filters"),
)
def catalogue(request):
    # Only what the page cache could not answer reaches here: each request a search.
    if wait := limits.seconds_to_wait(
        request, group="catalogue-search", rate=settings.SEARCH_RATE_LIMIT
    ):
        return _search_limited(request, wait)
    words = request.GET.get("q", "").strip()
    if words and not selectors.catalogue_search_finds(words):
        # Nothing has these words, whatever the other filters: no query to build or count.
        not_for_the_cache(request)
        return search_miss_page(request, lambda: _nothing_found_page(request))
    filterset, invalid = _valid_filters(request)
    programs = filterset.qs
    if filterset.form.cleaned_data.get("municipality"):
        show_municipality(request, filterset.form.cleaned_data["municipality"])
    page = Paginator(programs, PAGE_SIZE).get_page(request.GET.get("page"))
    asked_page = request.GET.get("page")
    found_nothing = filterset.form.cleaned_data.get("q") and not page.paginator.count
    if found_nothing or (asked_page and asked_page != str(page.number)):
        not_for_the_cache(request)
    if found_nothing:
        return search_miss_page(request, lambda: _nothing_found_page(request))
    return _catalogue_page(request, filterset, page, invalid)


def _nothing_found_page(request):
    """The page of a search that found nothing, from the filters in ``request.GET`` (where
    ``search_miss_page`` puts a marker in place of the words)."""
    filterset, invalid = _valid_filters(request)
    if filterset.form.cleaned_data.get("municipality"):
        show_municipality(request, filterset.form.cleaned_data["municipality"])
    page = Paginator(PublishedProgram.objects.none(), PAGE_SIZE).get_page(None)
    return _catalogue_page(request, filterset, page, invalid)


def _catalogue_page(request, filterset, page, invalid):
    context = {
        **_form_context(request, filterset),
        "page": page,
        "query": query_without(request, "page"),
        "wideners": _wideners(request),
        "invalid_filters": invalid,
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "catalogue/_results.html" if partial else "catalogue/catalogue.html"
    return render(request, template, context)


def _form_context(request, filterset) -> dict:
    """What the filter panel shows: the values asked for, and how many filters are on."""
    return {
        "filter": filterset,
        "query_without_organisation": query_without(request, "page", "organisation"),
        "more_filters_open": any(request.GET.get(name) for name in MORE_FILTERS),
        "active_filters": sum(
            1
            for name in FILTER_LABELS
            if name != "q" and filterset.form.cleaned_data.get(name) not in (None, "", [], False)
        ),
    }


def _search_limited(request, wait: int):
    """Too many searches from one address (``SEARCH_RATE_LIMIT``): a 429 page that keeps
    the filters as they were asked, with a link that repeats the same search."""
    filterset = CatalogueFilter(
        valid_query(request.GET)[0], queryset=PublishedProgram.objects.none()
    )
    filterset.is_valid()
    context = {
        **_form_context(request, filterset),
        "retry_query": request.GET.urlencode(),
        "retry_after": wait,
        "wait": limits.wait_text(wait),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "catalogue/_search_limited.html" if partial else "catalogue/catalogue.html"
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(wait)
    add_never_cache_headers(response)
    return response


def _valid_filters(request) -> tuple[CatalogueFilter, list[str]]:
    """The catalogue's filters with the values that are not valid left out (and named for the
    page), so a wrong value in a link (``?focus=tech``) does not drop the others."""
    filterset = CatalogueFilter(request.GET, queryset=public_catalogue())
    if filterset.is_valid():  # as the page cache leaves every anonymous query
        return filterset, []
    data, invalid = valid_query(request.GET)
    filterset = CatalogueFilter(data, queryset=public_catalogue())
    filterset.is_valid()
    return filterset, invalid


def _wideners(request) -> list[dict]:
    """Links that drop one filter each, for a search that found nothing."""
    active = [name for name in FILTER_LABELS if request.GET.get(name)]
    links = [
        {
            "label": f"без фильтра «{FILTER_LABELS[name]}»",
            "query": query_without(request, name, "page"),
        }
        for name in active
    ]
    if len(active) > 1:
        keep = {"q": request.GET["q"]} if request.GET.get("q") else {}
        links.append({"label": "сбросить все фильтры", "query": urlencode(keep)})
    return links


@cache_public_page
def program_page(request, pk):
    published = get_object_or_404(
        PublishedProgram.objects.select_related(
            "organisation__settlement", "organisation__municipality", "specialisation", "program"
        ).annotate(recommended=recommended_exists()),
        pk=pk,
    )
    show_municipality(request, published.organisation.municipality)
    programme = selectors.public_programme(published, live=selectors.live_groups([published.pk]))
    return render(
        request,
        "catalogue/program.html",
        {"published": published, "programme": programme, "groups": programme.groups},
    )


@cache_public_page
def organisation_page(request, pk):
    organisation = get_object_or_404(
        Organisation.objects.select_related("municipality")
        .filter(published_programs__isnull=False)
        .distinct(),
        pk=pk,
    )
    programs = public_catalogue().filter(organisation=organisation).order_by("name")
    show_municipality(request, organisation.municipality)
    return render(
        request,
        "catalogue/organisation.html",
        {"organisation": organisation, "programs": programs},
    )


class ProgramSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return PublishedProgram.objects.only("pk", "approved_at").order_by("pk")

    def location(self, item):
        return reverse("programs:public_detail", args=[item.pk])

    def lastmod(self, item):
        return item.approved_at


class OrganisationSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return (
            Organisation.objects.filter(published_programs__isnull=False)
            .distinct()
            .only("pk")
            .order_by("pk")
        )

    def location(self, item):
        return reverse("programs:public_organisation", args=[item.pk])


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "programs:catalogue"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": PageSitemap, "programs": ProgramSitemap, "organisations": OrganisationSitemap}


# --- open data --------------------------------------------------------------------------------


def open_data(request):
    """The catalogue as an open data set: its passport, structure and data files. Asked for
    before any set was built (a fresh installation, no beat yet), it is built at once: here
    when tasks run in-process, else by a worker while the page says it is being prepared."""
    passport = opendata.passport()
    asked = None
    if passport is None:
        asked = opendata.build_soon()
        passport = opendata.passport()
    user = request.user
    return render(
        request,
        "catalogue/open_data.html",
        {
            "passport": passport,
            "preparing": passport is None and asked is not None and asked.state != "unavailable",
            "versions": [(day, opendata.data_name(day)) for day in opendata.versions()],
            "structure": opendata.structure_name(),
            "fields": opendata.FIELDS,
            "can_build": user.is_authenticated and user.is_administrator,
            "publisher": opendata.publisher(),
        },
    )


@administrator_required
@require_POST
def open_data_build(request):
    """«Собрать набор открытых данных сейчас»: the regional administrator's button."""
    asked = opendata.build_soon(again=True)
    if asked.state == "built":
        messages.success(
            request,
            f"Набор открытых данных собран: {russian.count(asked.rows, 'программа')}.",
        )
    elif asked.state == "unavailable":
        messages.error(
            request,
            "Очередь фоновых задач недоступна (Redis), набор не собран. Попробуйте позже: "
            "ночью он соберётся сам, как только очередь вернётся.",
        )
    else:
        messages.info(request, "Набор собирается в фоне: обновите страницу через минуту.")
    return redirect("open_data")


def open_data_file(request, name):
    path = opendata.path_of(name)
    if path is None:
        raise Http404("Такого файла в наборе нет.")
    # FileResponse closes the file once it is sent.
    response = FileResponse(open(path, "rb"), content_type="text/csv; charset=utf-8")  # noqa: SIM115
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
