"""The words of rooms and equipment in their dictionary forms, for the resource search.

A room is found by its name and kind («Кванториум», «Бассейн»), equipment by its kind and
model («3D-принтер», «Picaso Designer X»). Each word is kept as every lemma it may be a form
of (``russian.lemmas``), so «принтеры», «бассейна» and «кванториуме» find «3D-принтер»,
«Бассейн» and «Кванториум». A query's words must all be among one resource's words.
"""

import re
from collections.abc import Iterable

from moc_portal.core import russian

from .models import Equipment, ResourceWord, Room, RoomKind

WORD = re.compile(r"\w+")
MAX_LEMMA = ResourceWord._meta.get_field("lemma").max_length


def words(text: str) -> list[str]:
    """The words of a text, lower case, «ё» as «е» («3D-принтер» → «3d», «принтер»)."""
    return WORD.findall(text.lower().replace("ё", "е"))


def lemma_sets(text: str) -> list[frozenset[str]]:
    """For each word of the text, the dictionary forms it may be."""
    return [frozenset(lemma[:MAX_LEMMA] for lemma in russian.lemmas(word)) for word in words(text)]


def room_text(room: Room) -> str:
    return f"{room.name} {RoomKind(room.kind).label}"


def equipment_text(equipment: Equipment) -> str:
    return f"{equipment.kind} {equipment.model}"


def _rows(text: str, **owner) -> list[ResourceWord]:
    lemmas = set().union(*lemma_sets(text)) if text.strip() else set()
    return [ResourceWord(lemma=lemma, **owner) for lemma in sorted(lemmas)]


def index(
    *, rooms: Iterable[Room] = (), equipment: Iterable[Equipment] = (), fresh: bool = False
) -> None:
    """Write again the words of these rooms and equipment (saved ones); ``fresh`` ones were
    just created and have none yet."""
    rooms, equipment = list(rooms), list(equipment)
    if rooms and not fresh:
        ResourceWord.objects.filter(room__in=rooms).delete()
    if equipment and not fresh:
        ResourceWord.objects.filter(equipment__in=equipment).delete()
    rows = []
    for room in rooms:
        rows += _rows(room_text(room), organisation_id=room.organisation_id, room=room)
    for item in equipment:
        rows += _rows(equipment_text(item), organisation_id=item.organisation_id, equipment=item)
    ResourceWord.objects.bulk_create(rows, batch_size=2000)
