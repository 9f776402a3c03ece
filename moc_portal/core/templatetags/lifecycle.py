"""``{% load lifecycle %}{% lifecycle_buttons lifecycle obj %}``: the buttons of the steps the
signed-in person may take now, each a POST form to the step's URL (core.lifecycle)."""

from django import template

register = template.Library()


@register.inclusion_tag("core/_lifecycle_buttons.html", takes_context=True)
def lifecycle_buttons(context, lifecycle, obj, next="", compact=False, bare=False):
    """``next``: a hidden field the view reads for where to go after; ``compact``: small
    buttons inline in a list row; ``bare``: no wrapper, for a row of the page's own buttons."""
    return {
        "buttons": lifecycle.buttons(context["request"].user, obj),
        "obj": obj,
        "next": next,
        "compact": compact,
        "bare": bare,
        "csrf_token": context.get("csrf_token"),
    }
