"""What the personal page shows comes from the apps that know it: each registers at start-up
what a signed-in person it concerns sees (``register``), and the first registration that
applies to the person draws the page; the others get the page of links alone.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CabinetPage:
    applies: Callable  # user -> bool
    template: str
    context: Callable  # user -> dict


_pages: list[CabinetPage] = []
OTHERS = "users/cabinet_expert.html"


def register(*, applies, template: str, context) -> None:
    page = CabinetPage(applies, template, context)
    if page not in _pages:
        _pages.append(page)


def page_for(user) -> tuple[str, dict]:
    """(template, context) of the person's page."""
    for page in _pages:
        if page.applies(user):
            return page.template, page.context(user)
    return OTHERS, {}
