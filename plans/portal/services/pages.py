"""The thematic blocks (the administrator's) and the pages in them (each municipality's
staff arrange their own)."""

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from moc_portal.core.concurrency import snapshot
from moc_portal.users.models import User
from plans import services as plan_services

from ..context_processors import BLOCKS_CACHE_KEY
from ..models import DEFAULT_BLOCKS, Block, Page
from .rules import check_editor, check_unchanged, claim


def blocks_ensure(model=Block) -> None:
    """Create the default thematic blocks that are missing (run by the data migration, and by
    the demo and tests after a flushed database)."""
    for position, (slug, title, description) in enumerate(DEFAULT_BLOCKS, start=1):
        model.objects.get_or_create(
            slug=slug, defaults={"title": title, "description": description, "position": position}
        )


def _check_administrator(user: User) -> None:
    if not user.is_administrator:
        raise PermissionDenied("Тематические блоки портала меняет администратор.")


@transaction.atomic
def block_save(*, user: User, block: Block) -> Block:
    _check_administrator(user)
    if block.pk is None:
        block.position = (Block.objects.aggregate(m=Max("position"))["m"] or 0) + 1
    block.full_clean()
    block.save()
    transaction.on_commit(lambda: cache.delete(BLOCKS_CACHE_KEY))
    return block


@transaction.atomic
def block_move(*, user: User, block: Block, direction: str) -> None:
    _check_administrator(user)
    blocks = list(Block.objects.select_for_update().order_by("position", "pk"))
    plan_services.positions_swap(blocks, block.pk, direction, Block)
    transaction.on_commit(lambda: cache.delete(BLOCKS_CACHE_KEY))


def page_seen(page: Page) -> dict[str, str]:
    return snapshot(page, ["block", "title", "summary", "body", "is_published"])


@transaction.atomic
def page_save(*, user: User, page: Page, seen: str | None = None) -> Page:
    claim(user, page)
    check_unchanged(page, seen, page_seen)
    if page.pk is None or page.block_id != Page.objects.get(pk=page.pk).block_id:
        last = Page.objects.filter(block_id=page.block_id).aggregate(m=Max("position"))["m"]
        page.position = (last or 0) + 1
    page.full_clean()
    page.save()
    return page


@transaction.atomic
def page_move(*, user: User, page: Page, direction: str) -> None:
    """Pages of a block are arranged by the staff of the page's municipality among their own."""
    check_editor(user, page.municipality_id)
    siblings = Page.objects.select_for_update().filter(
        block_id=page.block_id, municipality_id=page.municipality_id
    )
    plan_services.positions_swap(
        list(siblings.order_by("position", "pk")), page.pk, direction, Page
    )


@transaction.atomic
def page_delete(*, user: User, page: Page) -> None:
    check_editor(user, page.municipality_id)
    page.delete()
