"""SQLite folds case in LIKE for ASCII only, so «робот» would not find «Робототехника».

The embedded database gets a LIKE that folds case for every letter, as PostgreSQL's
UPPER() comparisons do. Search quality work (stemming, ranking) is PostgreSQL's; this only
keeps the embedded portal's simple searches correct.
"""

import re
from functools import lru_cache


@lru_cache(maxsize=512)
def _like_regex(pattern: str, escape: str | None) -> re.Pattern:
    parts, chars = [], iter(pattern)
    for char in chars:
        if escape and char == escape:
            parts.append(re.escape(next(chars, "")))
        elif char == "%":
            parts.append(".*")
        elif char == "_":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts), re.DOTALL | re.IGNORECASE)


def _like(pattern, value, escape=None):
    if pattern is None or value is None:
        return None
    return _like_regex(pattern.casefold(), escape).fullmatch(str(value).casefold()) is not None


def install_unicode_like(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("like", 2, _like, deterministic=True)
        connection.connection.create_function("like", 3, _like, deterministic=True)
