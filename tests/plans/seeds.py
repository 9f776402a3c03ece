"""The plan tables of the seed documents, read from their text as it stands (tests/fixtures),
so tests compare the portal's exports and imports with the documents themselves."""

import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
SEED_000 = SEEDS / "000_plan_and_media_plan.txt"
SEED_003 = SEEDS / "003_road_map.txt"
ROW = re.compile(r"^\d+\.\t")


def seed_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def seed_table(path: Path, heading: str) -> list[list[str]]:
    """Rows (№ without its dot, then the cells) of the table under the paragraph starting
    with ``heading``, over page breaks, until the next paragraph of text."""
    lines = seed_lines(path)
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    rows = []
    for line in lines[start + 1 :]:
        if ROW.match(line):
            number, *cells = line.split("\t")
            rows.append([number.rstrip("."), *(cell.strip() for cell in cells)])
        elif line.strip() and not line.startswith(("№", "\t")):
            break
    return rows


def media_plan_000() -> list[list[str]]:
    return seed_table(SEED_000, "Медиаплан освещения")


def work_plan_000() -> list[list[str]]:
    return seed_table(SEED_000, "План работы муниципального опорного центра")
