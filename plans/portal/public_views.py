"""The public portal: a municipality's home, news and RSS, the blocks' pages, the documents
library, search across all of it, and the sitemaps. The events calendar is in ``event_views``,
the hotline and the parents' wish form in ``hotline_views``."""

from django.conf import settings
from django.contrib import messages
from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Count, F
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from moc_portal.context_processors import show_municipality
from moc_portal.querystring import query_without
from plans import selectors as plan_selectors
from programs.catalogue import catalogue as public_catalogue
from programs.choices import Focus
from programs.models import Municipality
from programs.territory.centres import CHOICE_COOKIE, CHOICE_COOKIE_AGE, centre_of

from . import selectors
from .filters import DocumentFilter
from .models import Block, Tag

NEWS_PER_PAGE = 12


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


def of_municipality(request, queryset):
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
    news, municipality = of_municipality(request, selectors.news_public())
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
    documents, municipality = of_municipality(request, selectors.documents_public())
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
