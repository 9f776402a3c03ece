"""PDF from an HTML template, by WeasyPrint: the fonts installed on the server, the
stylesheets among the project's static files, and nothing fetched over the network.

One render of one HTML with many pages (``page-break-after``) is far cheaper than many
renders: a document of 2,000 diplomas is one call here."""

import logging

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

REFUSED_SCHEMES = ("http://", "https://", "ftp://", "//")

# WeasyPrint says «Step 5 - Creating layout - Page N» for every page: 2,000 lines a set.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


class NetworkRefused(ValueError):
    """A template asked for a resource over the network: the PDF is made from local files."""


def local_only_fetcher():
    """WeasyPrint's fetcher for ``file:`` and ``data:`` addresses alone; an http(s) one is
    refused (the resource is left out, with WeasyPrint's warning), never requested."""
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.lower().startswith(REFUSED_SCHEMES):
                raise NetworkRefused(f"PDF не загружает ресурсы из сети: {url}")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols={"file", "data"})


def static_path(name: str) -> str:
    """The file of a static resource (``css/diploma.css``) as the finders see it."""
    path = finders.find(name)
    if not path:
        raise FileNotFoundError(f"Нет статического файла {name}")
    return path


def html_to_pdf(html: str, *, stylesheets: tuple[str, ...] = ()) -> bytes:
    """PDF bytes of ``html``; ``stylesheets`` are static names (``css/diploma.css``)."""
    from weasyprint import CSS, HTML

    fetcher = local_only_fetcher()
    sheets = [CSS(filename=static_path(name), url_fetcher=fetcher) for name in stylesheets]
    document = HTML(string=html, base_url=None, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=sheets)


def render_pdf(template: str, context: dict, *, stylesheets: tuple[str, ...] = ()) -> bytes:
    """PDF bytes of a Django template rendered with ``context``."""
    return html_to_pdf(render_to_string(template, context), stylesheets=stylesheets)
