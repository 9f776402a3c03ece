"""``{% partner_resources program %}``: what a network programme's partners lend it (a room's
name and an equipment's kind, as the public page may show them); ``manage=True`` adds the
link to the page where they are named."""

from django import template
from django.urls import reverse

from ..resource_selectors import lent_resources

register = template.Library()


@register.inclusion_tag("staffing/resource_lent.html")
def partner_resources(program, manage: bool = False):
    manage_url = (
        reverse("staffing:partner_resources", args=[program.pk])
        if manage and program.is_network
        else ""
    )
    return {"lent": lent_resources(program), "manage_url": manage_url}
