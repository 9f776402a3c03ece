"""Reading exported Word and Excel documents back as a person reads them, for comparison with
the seeds' own text: the lines above the first plan table (approval blocks side by side read
left block first), the plan tables, and the lines below the last one. A non-breaking space
(«Яркина Я.О.», «2020 г.» in Word) reads as the space it is."""

import io
import re

from docx import Document
from openpyxl import load_workbook

from moc_portal.demo.seed_tables import seed_lines

PLAN_HEAD = re.compile(r"^(Наименование|Мероприяти)")


def normalised(lines) -> str:
    """Text as read, not as laid out: signature underlines, bold marks and line breaks
    dropped."""
    text = " ".join(line.replace("**", "") for line in lines)
    return " ".join(re.sub(r"_+", " ", text).split())


def _is_plan_table(rows) -> bool:
    return any(PLAN_HEAD.match(cell.strip()) for cell in rows[0])


def docx_parts(data: bytes) -> dict:
    """{"front": lines above the first plan table, "tables": [rows], "after": lines below}."""
    document = Document(io.BytesIO(data))
    front, tables, after = [], [], []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            rows = [[_read(cell.text) for cell in row.cells] for row in block.rows]
            if _is_plan_table(rows):
                tables.append(rows)
                after = []
                continue
            lines = [line for cell in block.rows[0].cells for line in _read(cell.text).splitlines()]
        else:
            lines = _read(block.text).splitlines()
        (after if tables else front).extend(line for line in lines if line.strip())
    return {"front": front, "tables": tables, "after": after}


def _read(text: str) -> str:
    return text.replace("\u00a0", " ")


def xlsx_parts(data: bytes) -> dict:
    """The same from a workbook: a plan table per sheet, the first sheet's rows above its head
    (the approval blocks' rows side by side: the left block, then the right) and below it."""
    book = load_workbook(io.BytesIO(data))
    front, tables, after = [], [], []
    for number, sheet in enumerate(book.worksheets):
        rows = [
            ["" if value is None else str(value) for value in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        head = next(i for i, row in enumerate(rows) if _is_plan_table([row]))
        width = len([cell for cell in rows[head] if cell])
        end = next((i for i in range(head + 1, len(rows)) if not any(rows[i])), len(rows))
        tables.append([row[:width] for row in rows[head:end]])
        if number == 0:
            left, right = [], []
            for row in rows[:head]:
                cells = [cell for cell in row if cell]
                if len(cells) > 1:
                    left.append(cells[0])
                    right.append(cells[-1])
                    continue
                front += left + right
                left, right = [], []
                front += cells
            after = [cell for row in rows[end:] for cell in row if cell]
    return {"front": front, "tables": tables, "after": after}


def seed_front(path, head: str) -> list[str]:
    """The seed's lines above its first table head (the line starting with ``head``)."""
    lines = seed_lines(path)
    end = next(i for i, line in enumerate(lines) if line.startswith(head))
    return [line for line in lines[:end] if line.strip()]


def seed_head(path, head: str) -> list[str]:
    line = next(line for line in seed_lines(path) if line.startswith(head))
    return [cell.strip() or "№" for cell in line.split("\t")]
