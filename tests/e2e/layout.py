"""The layout check a person does by eye, done by the browser: nothing pushes the page wider
than the screen, no visible control or label lies on another, no label or cell cuts its
text. The check itself is ``layout.js``, evaluated in the page."""

from pathlib import Path

LAYOUT_PROBLEMS = (Path(__file__).resolve().parent / "layout.js").read_text(encoding="utf-8")
