"""The stand-in regional Navigator: contract v1 served strictly, for development, tests, demos
and benchmarks.

    python -m navigator_sync.standin --port 8089 --token dev-token --db navigator-standin.sqlite3

It validates every request against the contract's JSON Schemas (422 with field errors), keeps
what it got in SQLite (so it survives a restart), answers ids and public programme URLs,
lists what it holds, and can be told over ``/_control`` to fail a share of requests with 500
(before or after storing), to time out, to answer slowly after storing, to answer 429 with
Retry-After, or 401. It runs without Django: the standard library, ``jsonschema`` and
``jsonschema-rs`` for validation, ``orjson`` for JSON.
"""

from .server import StandinServer, main

__all__ = ["StandinServer", "main"]
