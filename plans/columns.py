"""The columns of a plan's table: which field each holds and how the document heads it.

Documents word and order them their own way (seed 003 heads «№ п/п … Исполнитель», seed 004
puts the period last); a plan keeps its headings as written, and a plan that gives none is
headed as its kind usually is.
"""

import re

FIELDS = ["number", "title", "period_text", "responsible", "expected_result"]

KIND_COLUMNS = {
    "work": ["№", "Наименование мероприятия", "Сроки", "Ответственный", "Результат"],
    "media": ["№", "Мероприятия", "Сроки", "Ответственный специалист МОЦ", "Результат"],
    "roadmap": ["№ п/п", "Наименование мероприятия", "Сроки", "Исполнитель", "Результат"],
    "network": [
        "№",
        "Наименование мероприятия",
        "Ответственный исполнитель",
        "Результат реализации мероприятия",
        "Срок исполнения",
    ],
}


def normal(text) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip()


def column_of(heading: str) -> str | None:
    """Which field a head cell names, as the seeds word them, or None."""
    text = normal(heading).lower().replace("ё", "е")
    if not text:
        return None
    if text.startswith("№") or text in ("n", "номер", "n п/п"):
        return "number"
    if text.startswith(("наименование", "мероприят", "содержание")):
        return "title"
    if text.startswith(("срок", "дата", "период")):
        return "period_text"
    if text.startswith(("ответствен", "исполнител")):
        return "responsible"
    if text.startswith(("результат", "ожидаемый", "планируемый")):
        return "expected_result"
    return None


def headings_problem(text: str) -> str | None:
    """What is wrong with headings typed one per line, in Russian, or None."""
    headings = [normal(line) for line in text.splitlines() if normal(line)]
    if not headings:
        return None
    seen = set()
    for heading in headings:
        name = column_of(heading)
        if name is None:
            return (
                f"Непонятно, что в столбце «{heading}»: начните заголовок со слов «№», "
                "«Наименование» или «Мероприятия», «Сроки», «Ответственный» или «Исполнитель», "
                "«Результат»."
            )
        if name in seen:
            return f"Столбец «{heading}» повторяет другой столбец с тем же содержанием."
        seen.add(name)
    if "title" not in seen:
        return "Среди столбцов нет наименования мероприятия."
    return None


def plan_columns(plan) -> list[tuple[str, str]]:
    """(field, heading) of each column, in the document's order."""
    headings = [normal(line) for line in plan.columns.splitlines() if normal(line)]
    if not headings or headings_problem(plan.columns):
        headings = KIND_COLUMNS.get(plan.kind, KIND_COLUMNS["work"])
    return [(column_of(heading), heading) for heading in headings]
