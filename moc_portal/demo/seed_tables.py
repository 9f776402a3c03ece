"""The plan tables of the seed documents, read from their text (``seeds/`` beside this file).

One copy of the seeds serves both the demo (``moc_portal.demo.plans`` loads these rows) and
the tests, which import the same documents through the portal and compare the result with
these rows. A table is the rows under the paragraph that starts with its heading: «1.\t…»
starts a row, a line that starts with a tab continues the cells of the row above (a row cut
by a page break), and the table ends at the next paragraph of text.
"""

import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parent / "seeds"
SEED_000 = SEEDS / "000_plan_and_media_plan.txt"
SEED_003 = SEEDS / "003_road_map.txt"
SEED_004 = SEEDS / "004_network_plan.txt"
SEED_002 = SEEDS / "002_yearly_report.txt"
ROW = re.compile(r"^(\d+\.)\t")
HEADINGS = ("№", "\tНаименование")

# Each table: its document, the heading it follows, and which of the document's cells are
# (наименование, сроки, ответственный, результат) — seed 004 writes the period last.
TABLES = {
    "work_000": (SEED_000, "План работы муниципального опорного центра", (0, 1, 2, 3)),
    "media_000": (SEED_000, "Медиаплан освещения", (0, 1, 2, 3)),
    "roadmap_003": (SEED_003, "№ п/п", (0, 1, 2, 3)),
    "network_004": (SEED_004, "ПЛАН*", (0, 3, 1, 2)),
}


def seed_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def seed_text(path: Path, start: str, stop: str | None = None) -> str:
    """The seed's lines from the one that starts with ``start`` up to the one that starts with
    ``stop`` (or the end), as paragraphs one to a line: bold marks and blank lines dropped."""
    lines = seed_lines(path)
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    kept = []
    for line in lines[first:]:
        if stop and line.startswith(stop):
            break
        if line.strip():
            kept.append(line.replace("**", "").strip())
    return "\n".join(kept)


def seed_execution() -> list[list[str]]:
    """Seed 002's «Выполнение плана работы по внедрению Целевой модели»: a section as [text],
    an item as [№, наименование, сроки, результат] — numbers as written («1», «2.», «1.1»)."""
    lines = seed_lines(SEED_002)
    start = next(i for i, line in enumerate(lines) if line.startswith("№ пп"))
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("Перспективы"):
            break
        cells = [" ".join(cell.split()) for cell in line.split("\t")]
        if not cells[0]:
            continue
        if re.fullmatch(r"\d+\.\d+", cells[0]):
            rows.append(cells[:4])
        else:
            rows.append([cells[0]])
    return rows


def seed_table(name: str) -> list[list[str]]:
    """Rows (№, наименование, сроки, ответственный, результат) as the document writes them."""
    path, heading, order = TABLES[name]
    lines = seed_lines(path)
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    rows: list[tuple[str, list[str]]] = []
    for line in lines[start + 1 :]:
        match = ROW.match(line)
        if match:
            rows.append((match.group(1), line[match.end() :].split("\t")))
        elif not line.strip() or line.startswith(HEADINGS):
            continue  # a page break, or the header repeated after it
        elif line.startswith("\t") and rows:
            cells = rows[-1][1]
            for index, more in enumerate(line[1:].split("\t")[: len(cells)]):
                if more.strip():
                    cells[index] = f"{cells[index].rstrip()} {more.strip()}"
        elif rows:
            break  # the next paragraph of text
    return [[number, *(" ".join(cells[i].split()) for i in order)] for number, cells in rows]
