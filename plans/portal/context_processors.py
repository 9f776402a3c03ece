from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from .models import Block

BLOCKS_CACHE_KEY = "portal:blocks"


def blocks() -> list[dict]:
    return cache.get_or_set(
        BLOCKS_CACHE_KEY, lambda: list(Block.objects.values("slug", "title")), 3600
    )


def thematic_blocks(request):
    """The thematic blocks in the footer of every page (read only when a page shows them)."""
    return {"portal_blocks": SimpleLazyObject(blocks)}
