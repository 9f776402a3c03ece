"""Text helpers shared by pages, documents, imports and messages."""

import re

from django.utils import timezone
from django.utils.text import slugify

# NUL and the other C0 control characters but tab, line feed and carriage return: PostgreSQL
# refuses NUL in text, and Word and Excel files cannot hold any of them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_characters(text: str) -> bool:
    return bool(CONTROL_CHARACTERS.search(text))


def dated_filename(name: str, extension: str) -> str:
    """«navigator-2026-11-29.xlsx»: the day's date in the name of an export."""
    return f"{name}-{timezone.localdate():%Y-%m-%d}.{extension}"


# Russian letters in Latin as in the international passport (МВД order No. 889).
LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
            "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "", "e", "iu",
            "ia",
        ],
        strict=True,
    )
)  # fmt: skip


def latin_slug(text: str, max_length: int = 60) -> str:
    """«Задонский район» → «zadonskii-raion»: a page address people can read."""
    latin = "".join(LATIN.get(char, char) for char in text.lower())
    return slugify(latin)[:max_length].strip("-")
