"""The version for the visually impaired, as ГОСТ Р 52872-2019 describes it: font size in three
steps, three colour schemes (black on white, white on black, dark blue on light blue), letter
spacing, images on or off. Every setting is a plain link (no script needed), kept in one
cookie, and «Обычная версия» resets them all."""

from dataclasses import dataclass, replace
from urllib.parse import urlencode

COOKIE = "vision"
COOKIE_AGE = 365 * 24 * 3600

SIZES = [
    ("1", "А", "крупный шрифт"),
    ("2", "А+", "очень крупный шрифт"),
    ("3", "А++", "огромный шрифт"),
]
SCHEMES = [
    ("bw", "Ч/Б", "чёрным по белому"),
    ("wb", "Б/Ч", "белым по чёрному"),
    ("blue", "Синий", "тёмно-синим по голубому"),
]
SPACINGS = [
    ("0", "обычный", "обычный интервал"),
    ("1", "средний", "средний интервал"),
    ("2", "большой", "большой интервал"),
]
IMAGES = [("1", "показывать", "изображения показывать"), ("0", "скрыть", "изображения скрыть")]
SETTINGS = {"size": SIZES, "scheme": SCHEMES, "spacing": SPACINGS, "images": IMAGES}
LEGENDS = {
    "size": "Размер шрифта",
    "scheme": "Цвета",
    "spacing": "Интервал между буквами",
    "images": "Изображения",
}


@dataclass(frozen=True)
class Vision:
    size: str = "1"
    scheme: str = "bw"
    spacing: str = "0"
    images: str = "1"

    @classmethod
    def from_cookie(cls, value: str | None) -> "Vision | None":
        """The settings in the cookie, or None for the usual version. «1» (the cookie before
        the settings) is the version with its defaults; anything unknown falls back to them."""
        if not value:
            return None
        parts = value.split(".")
        vision = cls()
        for name, part in zip(SETTINGS, parts, strict=False):
            if part in {key for key, _, _ in SETTINGS[name]}:
                vision = replace(vision, **{name: part})
        return vision

    def with_query(self, query) -> "Vision":
        """These settings changed by a link's ?size=…&scheme=…&spacing=…&images=…."""
        vision = self
        for name, options in SETTINGS.items():
            if query.get(name) in {key for key, _, _ in options}:
                vision = replace(vision, **{name: query[name]})
        return vision

    @property
    def cookie(self) -> str:
        return ".".join(getattr(self, name) for name in SETTINGS)

    @property
    def classes(self) -> str:
        classes = [
            "vision-mode",
            f"vision-size-{self.size}",
            f"vision-scheme-{self.scheme}",
            f"vision-spacing-{self.spacing}",
        ]
        if self.images == "0":
            classes.append("vision-noimages")
        return " ".join(classes)

    def panel(self, next_url: str) -> list[dict]:
        """The settings as groups of links for the panel over every page."""
        return [
            {
                "name": name,
                "legend": LEGENDS[name],
                "options": [
                    {
                        "text": text,
                        "title": title,
                        "current": getattr(self, name) == key,
                        "query": urlencode({name: key, "next": next_url}),
                    }
                    for key, text, title in options
                ],
            }
            for name, options in SETTINGS.items()
        ]
