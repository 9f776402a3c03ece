"""Hostile GET requests for every page: the values an attacker or a broken link sends
(a NUL byte, a very long text, words where numbers go, negative and huge numbers) in every
query parameter the portal's filters, pages and searches read, and huge ids in the path.
Used by ``test_url_fuzz.py`` and by the benchmark ``bench_security.py``."""

import re
from urllib.parse import urlencode

import django_filters

HOSTILE = {
    "nul": "a\x00b",
    "long": "я" * 3_000,
    "text": "abc",
    "negative": "-1",
    "huge": "9" * 25,
}
# Read by views directly rather than through a FilterSet.
VIEW_PARAMETERS = {"q", "page", "p", "year", "month", "tag", "state", "responsible", "next"}


def query_parameters() -> set[str]:
    """Every filter of every FilterSet in the project, and what views read themselves."""
    import navigator_sync.filters  # noqa: F401 — the FilterSets register as subclasses
    import plans.filters
    import plans.portal.filters  # noqa: F401
    import programs.filters  # noqa: F401

    names = set(VIEW_PARAMETERS)
    pending = list(django_filters.FilterSet.__subclasses__())
    while pending:
        filterset = pending.pop()
        names |= set(filterset.base_filters)
        pending += filterset.__subclasses__()
    return names


def hostile_paths(path: str, parameters: set[str]):
    """(what is hostile, the path to request)."""
    for kind, value in HOSTILE.items():
        yield kind, f"{path}?{urlencode(dict.fromkeys(sorted(parameters), value))}"
    if re.search(r"/\d+(/|$|\.)", path):
        yield "huge id", re.sub(r"/\d+(?=/|$|\.)", "/" + "9" * 25, path)
        yield "zero id", re.sub(r"/\d+(?=/|$|\.)", "/0", path)
