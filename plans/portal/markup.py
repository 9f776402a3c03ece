"""Markdown to safe HTML: what staff write becomes a page without a way to run a script.

markdown-it-py (CommonMark, with tables and strikethrough) renders with raw HTML switched off,
so a typed ``<script>`` comes out as text; nh3 (ammonia) then keeps only the tags, attributes
and link schemes listed here, so neither ``javascript:`` links nor event attributes survive
whatever the renderer lets through. No ``style`` attribute is kept: the Content-Security-Policy
forbids inline styles.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_renderer.enable(["table", "strikethrough"])

TAGS = {
    "p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "img",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def render_markdown(text: str) -> SafeString:
    html = _renderer.render(text or "")
    # Headings start at h2: the page's own title is its only h1.
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)


def plain_text(text: str, limit: int = 300) -> str:
    """The text without markup, for search snippets and descriptions."""
    clean = nh3.clean(_renderer.render(text or ""), tags=set())
    words = " ".join(clean.split())
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "…"
