"""What a plan's document says above and below its table — the founder's and the
institution's header, the approval blocks, the cover title with the place and year, the
introduction, the footnote — read back from the text of a Word or Excel file.

The text comes as *blocks*: runs of lines between blank paragraphs (a Word paragraph with line
breaks gives several lines; a cell of a layout table gives a block of its own). Seeds 000, 003
and 004 and the portal's own exports are the cases it is written for.
"""

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from .models import Seal, YearWord

LABEL = re.compile(r"^(«?)\s*(СОГЛАСОВАНО|УТВЕРЖДАЮ|УТВЕРЖДЕНО)\s*(»?)\s*:?$", re.IGNORECASE)
MONTHS = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
DATE = re.compile(
    r"^[«\"]?\s*(?P<day>\d{1,2}|_*)\s*[»\"]?\s*_*\s*(?P<month>" + "|".join(MONTHS) + r")?\s*_*\s*"
    r"(?P<year>(19|20)\d\d|20__)\s*(?P<word>г\.?|года)$",
    re.IGNORECASE,
)
NAME = re.compile(
    r"^_*\s*(?P<name>[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё\-]+|[А-ЯЁ][а-яё\-]+\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.)$"
)
PLACE = re.compile(r"^(?P<place>[А-ЯЁ][А-Яа-яЁё.\- ]{1,60}),\s*(?P<year>(19|20)\d\d)(\s*г\.?)?$")
TITLE_WORDS = re.compile(r"^(план|дорожная карта|медиаплан|перечень|программа)", re.IGNORECASE)


@dataclass
class FoundApproval:
    label: str
    post: list[str] = field(default_factory=list)
    name: str = ""
    date: str = ""  # ISO, when the document gives day, month and year
    year_word: str = ""


@dataclass
class Front:
    header: list[str] = field(default_factory=list)
    approvals: list[FoundApproval] = field(default_factory=list)
    cover_title: str = ""
    place: str = ""
    introduction: list[str] = field(default_factory=list)
    footnote: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Front":
        approvals = [FoundApproval(**a) for a in data.get("approvals", [])]
        return cls(**{**data, "approvals": approvals})

    def plan_data(self) -> dict:
        """The plan's fields as the document fills them (nothing for what it does not say)."""
        data = {
            "header": "\n".join(self.header),
            "cover_title": self.cover_title,
            "place": self.place,
            "introduction": "\n".join(self.introduction),
            "footnote": "\n".join(self.footnote),
        }
        for approval in self.approvals:
            side = "agreed" if "СОГЛАСОВАНО" in approval.label.upper() else "approved"
            data[f"{side}_label"] = approval.label
            data[f"{side}_post"] = "\n".join(approval.post)
            data[f"{side}_name"] = approval.name
            data[f"{side}_date"] = date.fromisoformat(approval.date) if approval.date else None
            if approval.year_word:
                data["year_word"] = approval.year_word
        return {name: value for name, value in data.items() if value not in ("", None)}


def caption_index(blocks: list[list[str]]) -> int | None:
    """Which block is the table's caption: the last one before it when it names a plan,
    else the last block that does."""
    if not blocks:
        return None
    if TITLE_WORDS.match(blocks[-1][0]):
        return len(blocks) - 1
    named = [i for i, block in enumerate(blocks) if TITLE_WORDS.match(block[0])]
    return named[-1] if named else len(blocks) - 1


def caption(blocks: list[list[str]]) -> str:
    index = caption_index(blocks)
    if index is None:
        return ""
    lines = [line for line in blocks[index] if not PLACE.match(line)]
    return " ".join(lines)


def read_front(before: list[list[str]], after: list[list[str]]) -> Front:
    """The front matter from the blocks above the first table and the footnote from those
    below the last."""
    front = Front()
    lines = [(index, line) for index, block in enumerate(before) for line in block]
    first_label = next((i for i, (_, line) in enumerate(lines) if LABEL.match(line)), None)
    position = 0
    if first_label is not None:
        front.header = [line for _, line in lines[:first_label]]
        position = _approvals(lines, first_label, front.approvals)
    remaining = lines[position:]
    rest = [[line for i, line in remaining if i == block] for block in range(len(before))]
    rest = [block for block in rest if block]
    target = caption_index(rest)
    if first_label is None and target is not None:
        # No approval blocks: what stands above the first block naming the plan is the header.
        title_at = next((i for i, block in enumerate(rest) if TITLE_WORDS.match(block[0])), 0)
        front.header = [line for block in rest[:title_at] for line in block]
        rest, target = rest[title_at:], target - title_at
    if rest:
        title, body = rest[0], rest[1:target] if target else []
        if PLACE.match(title[-1]) and len(title) > 1:
            front.place = PLACE.match(title[-1])["place"]
            title = title[:-1]
        if body and len(body[0]) == 1 and PLACE.match(body[0][0]):
            front.place = PLACE.match(body[0][0])["place"]
            body = body[1:]
        if target:  # the cover is not the table's own caption
            front.cover_title = " ".join(title)
        front.introduction = [line for block in body for line in block]
    trailing = [line for block in after for line in block]
    if trailing and trailing[0].startswith("*"):
        front.footnote = trailing
    return front


def _approvals(lines, start: int, found: list[FoundApproval]) -> int:
    """Reads the approval blocks from ``start``; returns the index of the first line after."""
    position, current = start, None
    while position < len(lines):
        line = lines[position][1]
        label = LABEL.match(line)
        if label:
            word = label[2].upper()
            quoted = f"«{word}»"
            current = FoundApproval(label=quoted if label[1] or label[3] else word)
            if current.label not in Seal.values:
                current.label = Seal.AGREED_QUOTED if "СОГЛАС" in word else Seal.APPROVE_QUOTED
            found.append(current)
        elif current is None:
            break  # the text after the last block
        elif DATE.match(line):
            _date(current, DATE.match(line))
            current = None
        elif NAME.match(line):
            if current.name:
                break
            current.name = NAME.match(line)["name"]
        elif not line.strip("_ "):
            pass  # a signature line with nothing on it
        elif current.name:
            break  # a block without a date ends with the name
        else:
            current.post.append(line)
        position += 1
    return position


def _date(approval: FoundApproval, match) -> None:
    approval.year_word = YearWord.LONG if match["word"].lower() == "года" else YearWord.SHORT
    day, month, year = match["day"], match["month"], match["year"]
    if day and day.isdigit() and month and year.isdigit():
        try:
            approval.date = date(int(year), MONTHS.index(month.lower()) + 1, int(day)).isoformat()
        except ValueError:
            approval.date = ""
