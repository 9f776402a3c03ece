"""The public portal: news and RSS, the blocks' pages, the documents library, the events
calendar, the hotline with its FAQ, and search across all of it."""

import calendar
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from moc_portal.context_processors import show_municipality
from moc_portal.core import limits
from moc_portal.core.forms import apply_validation_error
from moc_portal.querystring import query_without
from plans import selectors as plan_selectors
from plans.models import Audience
from programs.catalogue import catalogue as public_catalogue
from programs.centres import CHOICE_COOKIE, CHOICE_COOKIE_AGE, centre_of
from programs.choices import Focus
from programs.context_processors import page_municipality
from programs.models import Municipality

from . import selectors, services
from .filters import DocumentFilter
from .forms import QuestionForm, WishForm
from .models import Block, Tag

NEWS_PER_PAGE = 12
MONTHS = [
    "",
    "Январь",
    "Февраль",
    "Март",
    "Апрель",
    "Май",
    "Июнь",
    "Июль",
    "Август",
    "Сентябрь",
    "Октябрь",
    "Ноябрь",
    "Декабрь",
]
WEEKDAYS = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]


def _visible(request, queryset, pk):
    """A published record, or a draft for the staff who may edit it (they preview it here)."""
    record = get_object_or_404(queryset.model.objects.select_related("municipality"), pk=pk)
    visible = (getattr(record, "is_published", True) and queryset.filter(pk=pk).exists()) or (
        request.user.is_authenticated and request.user.manages_municipality(record.municipality_id)
    )
    if not visible:
        raise Http404("Нет такой страницы.")
    show_municipality(request, record.municipality)
    return record


def _of_municipality(request, queryset):
    """``?m=<slug>``: the municipality's own records, under its centre's header."""
    slug = request.GET.get("m")
    if not slug:
        return queryset, None
    municipality = get_object_or_404(Municipality, slug=slug)
    show_municipality(request, municipality)
    return queryset.filter(municipality=municipality), municipality


# --- a municipality's public home --------------------------------------------------------------


def municipality_home(request, slug):
    """The municipality's own front page: its centre, news, events, documents and catalogue.
    Visiting it remembers the choice: the region's home page leads here next time."""
    municipality = get_object_or_404(Municipality, slug=slug)
    show_municipality(request, municipality)
    today = timezone.localdate()
    catalogue = public_catalogue().filter(municipality=municipality)
    counts = dict(catalogue.values_list("focus").annotate(n=Count("pk")).order_by())
    response = render(
        request,
        "portal/municipality.html",
        {
            "municipality": municipality,
            "program_count": catalogue.count(),
            "focus_counts": [(v, label, counts.get(v, 0)) for v, label in Focus.choices],
            "newest": catalogue.order_by("-approved_at", "pk")[:4],
            "news": selectors.news_public().filter(municipality=municipality)[:3],
            "events": plan_selectors.public_events()
            .filter(municipality=municipality)
            .annotate(until=Coalesce("ends_on", F("starts_on")))
            .filter(until__gte=today)
            .order_by("starts_on", "pk")[:4],
            "documents": selectors.documents_public().filter(municipality=municipality)[:5],
            "several": Municipality.objects.count() > 1,
        },
    )
    if request.COOKIES.get(CHOICE_COOKIE) != municipality.slug:
        response.set_cookie(
            CHOICE_COOKIE, municipality.slug, max_age=CHOICE_COOKIE_AGE, samesite="Lax"
        )
    return response


def municipality_choose(request):
    """The home page's chooser, sent without JavaScript: ``/m/?m=<slug>``."""
    municipality = Municipality.objects.filter(slug=request.GET.get("m", "")).first()
    if municipality is None:
        messages.error(request, "Выберите муниципалитет из списка.")
        return redirect(f"{reverse('home')}?choose=1")
    return redirect("portal:municipality", municipality.slug)


# --- news ------------------------------------------------------------------------------------


def news_list(request):
    news, municipality = _of_municipality(request, selectors.news_public())
    news = news.prefetch_related("tags")
    tag = block = None
    if request.GET.get("tag"):
        tag = get_object_or_404(Tag, name=request.GET["tag"])
        news = news.filter(tags=tag)
    if request.GET.get("block"):
        block = get_object_or_404(Block, slug=request.GET["block"])
        news = news.filter(block=block)
    return render(
        request,
        "portal/news_list.html",
        {
            "page": Paginator(news, NEWS_PER_PAGE).get_page(request.GET.get("page")),
            "query": query_without(request, "page"),
            "tag": tag,
            "block": block,
            "municipality": municipality,
        },
    )


def news_detail(request, pk):
    news = _visible(request, selectors.news_public(), pk)
    return render(
        request,
        "portal/news_detail.html",
        {
            "news": news,
            "tags": news.tags.all(),
            "more": selectors.news_public().exclude(pk=news.pk)[:3],
        },
    )


def news_cover(request, pk):
    """The cover of a published news item (media files are given out by the portal itself)."""
    news = _visible(request, selectors.news_public(), pk)
    if not news.cover:
        raise Http404("У новости нет обложки.")
    try:
        handle = news.cover.open("rb")
    except FileNotFoundError as error:
        raise Http404("Файл обложки не найден.") from error
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=86400"
    return response


class NewsFeed(Feed):
    """RSS 2.0 of the published news, newest first."""

    feed_type = Rss201rev2Feed
    description = "Новости муниципального опорного центра дополнительного образования детей"
    language = "ru"

    def title(self):
        return f"Новости — {centre_of(None).full_name}"

    def link(self):
        return reverse("portal:news")

    def items(self):
        return selectors.news_public().prefetch_related("tags")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_guid(self, item):
        return f"{settings.SITE_URL}{item.get_absolute_url()}"

    item_guid_is_permalink = True

    def item_enclosure_url(self, item):
        return f"{settings.SITE_URL}{item.cover_url}" if item.cover else None

    def item_enclosure_length(self, item):
        try:
            return item.cover.size if item.cover else None
        except OSError:
            return None

    def item_enclosure_mime_type(self, item):
        return "image/jpeg" if item.cover else None


# --- blocks and pages ------------------------------------------------------------------------


def block_detail(request, slug):
    block = get_object_or_404(Block, slug=slug)
    return render(
        request,
        "portal/block.html",
        {
            "block": block,
            "pages": selectors.pages_public().filter(block=block),
            "documents": selectors.documents_public().filter(block=block)[:20],
            "news": selectors.news_public().filter(block=block)[:6],
        },
    )


def page_detail(request, pk):
    page = _visible(request, selectors.pages_public(), pk)
    return render(
        request,
        "portal/page.html",
        {"page": page, "siblings": selectors.pages_public().filter(block_id=page.block_id)},
    )


# --- documents -------------------------------------------------------------------------------


def document_list(request):
    documents, municipality = _of_municipality(request, selectors.documents_public())
    filterset = DocumentFilter(request.GET, queryset=documents)
    return render(
        request,
        "portal/documents.html",
        {
            "filter": filterset,
            "page": Paginator(filterset.qs, 30).get_page(request.GET.get("page")),
            "query": query_without(request, "page"),
            "municipality": municipality,
            "filter_municipality": municipality,
        },
    )


def document_file(request, pk):
    document = _visible(request, selectors.documents_public(), pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("Файл документа не найден.") from error
    name = f"{document.title[:120]}.{document.extension.lower()}".replace("/", "-")
    return FileResponse(handle, as_attachment=False, filename=name)


# --- events ----------------------------------------------------------------------------------


def _month(request) -> date:
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return timezone.localdate().replace(day=1)


def event_list(request):
    """The month's calendar and list of public events; past ones with their results."""
    month = _month(request)
    last_day = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    audience = request.GET.get("audience", "")
    if audience not in Audience.values:
        audience = ""
    events, municipality = _of_municipality(request, plan_selectors.public_events())
    events = events.annotate(until=Coalesce("ends_on", F("starts_on")))

    def for_audience(rows):  # the audience is a JSON list; SQLite cannot look inside it
        return [event for event in rows if not audience or audience in event.audience]

    in_month = for_audience(
        events.filter(starts_on__lte=last_day, until__gte=month).order_by("starts_on", "pk")
    )
    weeks = []
    for week in calendar.Calendar().monthdatescalendar(month.year, month.month):
        weeks.append(
            [
                {
                    "day": day,
                    "in_month": day.month == month.month,
                    "events": [e for e in in_month if e.starts_on <= day <= e.until],
                }
                for day in week
            ]
        )
    previous = (month.replace(day=1) - date.resolution).replace(day=1)
    following = last_day + date.resolution
    today = timezone.localdate()
    upcoming = for_audience(events.filter(until__gte=today).order_by("starts_on", "pk")[:50])
    return render(
        request,
        "portal/events.html",
        {
            "month": month,
            "month_name": f"{MONTHS[month.month]} {month.year}",
            "weeks": weeks,
            "weekdays": WEEKDAYS,
            "events": in_month,
            "upcoming": upcoming[:10],
            "previous": f"{previous:%Y-%m}",
            "following": f"{following:%Y-%m}",
            "audiences": Audience.choices,
            "audience": audience,
            "today": today,
            "municipality": municipality,
        },
    )


def event_detail(request, pk):
    event = get_object_or_404(plan_selectors.public_events(), pk=pk)
    show_municipality(request, event.municipality)
    return render(request, "portal/event.html", {"event": event, "today": timezone.localdate()})


# --- hotline ---------------------------------------------------------------------------------


def _over_limit(request, group: str, rate: str, message: str) -> bool:
    """A public form sent too often from one address: said on the page, nothing kept."""
    if limits.seconds_to_wait(request, group=group, rate=rate):
        messages.error(request, message)
        return True
    return False


def hotline(request):
    form = QuestionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_spam:  # a robot filled the hidden field: thank it and keep nothing
            return redirect("portal:hotline_thanks")
        if _over_limit(
            request,
            "hotline",
            settings.HOTLINE_RATE_LIMIT,
            "С этого адреса только что отправили несколько вопросов. Подождите час и "
            "отправьте снова или позвоните на горячую линию.",
        ):
            status = 429
        elif form.is_valid():
            try:
                services.question_ask(
                    question=form.save(commit=False), consent=form.cleaned_data["consent"]
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                return redirect("portal:hotline_thanks")
    return render(
        request,
        "portal/hotline.html",
        {
            "form": form,
            "consent_text": services.consent_text(page_municipality(request)),
            "faq": selectors.faq_public(),
        },
        status=status,
    )


def wish(request):
    """«Какой кружок нужен вашему ребёнку?»: demand beside the supply the staff see."""
    municipality = page_municipality(request)
    form = WishForm(request.POST or None, municipality=municipality)
    status = 200
    if request.method == "POST":
        if form.is_spam:  # a robot filled the hidden field: thank it and keep nothing
            return redirect("portal:wish_thanks")
        if _over_limit(
            request,
            "wish",
            settings.WISH_RATE_LIMIT,
            "С этого адреса только что отправили несколько ответов. Подождите час и "
            "отправьте снова.",
        ):
            status = 429
        elif form.is_valid():
            try:
                saved = services.wish_save(data=form.cleaned_data)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                answer = "1" if saved.question_id else ""
                return redirect(f"{reverse('portal:wish_thanks')}?answer={answer}")
    return render(
        request,
        "portal/wish.html",
        {"form": form, "consent_text": services.consent_text(municipality)},
        status=status,
    )


def wish_thanks(request):
    return render(request, "portal/wish_thanks.html", {"answer": request.GET.get("answer") == "1"})


def hotline_thanks(request):
    return render(request, "portal/hotline_thanks.html")


def privacy(request):
    return render(
        request,
        "portal/privacy.html",
        {
            "consent_text": services.consent_text(page_municipality(request)),
            "retention_days": settings.HOTLINE_RETENTION_DAYS,
        },
    )


# --- search ----------------------------------------------------------------------------------


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = selectors.portal_search(query) if query else []
    return render(
        request,
        "portal/search.html",
        {
            "q": query,
            "results": results,
            "total": sum(found.total for found in results),
        },
    )


# --- sitemap ---------------------------------------------------------------------------------


class NewsSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.news_public().select_related(None).only("pk", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return selectors.pages_public().select_related(None).only("pk", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class SectionSitemap(Sitemap):
    """The portal's fixed sections and its blocks."""

    changefreq = "weekly"

    def items(self):
        fixed = ["portal:news", "portal:documents", "portal:events", "portal:hotline"]
        return fixed + [block.get_absolute_url() for block in Block.objects.all()]

    def location(self, item):
        return item if item.startswith("/") else reverse(item)


SITEMAPS = {"portal": SectionSitemap, "news": NewsSitemap, "pages": PageSitemap}
