from django import template

from ..markup import plain_text, render_markdown

register = template.Library()


@register.filter
def markdown(text: str):
    """Markdown written by staff, rendered and sanitised."""
    return render_markdown(text)


@register.filter
def plaintext(text: str, limit: int = 300) -> str:
    return plain_text(text, limit)
