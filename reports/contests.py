"""The yearly report's contests section (seed 002, §3.2): the municipality's participants,
winners and prize-winners by the contests' level, and its teachers' professional contests with
their results by name («“Сердце отдаю детям – 2023”: Педагог Шацких Н.А. – финалист»).

The year is the report's academic year: contests whose results date falls in it and whose
results were fixed by the report's date. Counted are the admitted entries of the
municipality's organisations; winners and prize-winners are places awarded (a team that won is
one winner). A teacher is «победитель» (1st place), «призёр» (2nd or 3rd) or «финалист» — one
a municipal stage sent on to the regional stage (``publicity.outcome``). Children are counted,
never named.
"""

from datetime import date

from django.db.models import Count, Q

from moc_portal.core import word
from moc_portal.core.academic import moment
from plans.contests.models import (
    ContestAudience,
    ContestLevel,
    Entry,
    EntryState,
    Participant,
    ParticipantKind,
    Placement,
)
from plans.contests.publicity import outcome, public_name

HEAD = ["Уровень конкурсов", "Конкурсов", "Участников", "Победителей", "Призёров"]
WIDTHS = [44, 14, 14, 14, 14]
TITLE = "Конкурсы"


def _entries(municipality_id: int, as_of, year: str):
    start = int(year[:4])
    return Entry.objects.filter(
        state=EntryState.ADMITTED,
        organisation__municipality_id=municipality_id,
        contest__results_fixed_at__lte=moment(as_of),
        contest__results_on__gte=date(start, 9, 1),
        contest__results_on__lte=date(start + 1, 8, 31),
    )


def contests_table(municipality_id: int, as_of, year: str) -> dict:
    """Rows by level (only levels the year had) and the teachers' contests' lines; three
    queries whatever the number of contests."""
    entries = _entries(municipality_id, as_of, year)
    placed = {
        row["contest__level"]: row
        for row in entries.values("contest__level")
        .annotate(
            contests=Count("contest", distinct=True),
            winners=Count("pk", filter=Q(placement=Placement.WINNER)),
            prize=Count("pk", filter=Q(placement__in=[Placement.SECOND, Placement.THIRD])),
        )
        .order_by()
    }
    people = dict(
        Participant.objects.filter(entry__in=entries)
        .values_list("entry__contest__level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = [
        {
            "key": str(level),
            "label": label,
            "contests": placed[level]["contests"],
            "participants": people.get(level, 0),
            "winners": placed[level]["winners"],
            "prize": placed[level]["prize"],
        }
        for level, label in ContestLevel.choices
        if level in placed
    ]
    return {"rows": rows, "teachers": teacher_lines(entries)}


def teacher_lines(entries) -> list[str]:
    """«“Сердце отдаю детям – 2023”: Педагог Шацких Н.А. – финалист», a line per contest."""
    teachers = (
        entries.filter(contest__audience=ContestAudience.TEACHERS)
        .select_related("contest")
        .prefetch_related("participants")
        .order_by("contest__results_on", "contest_id", "rank", "pk")
    )
    lines: dict[int, tuple[str, list[str]]] = {}
    for entry in teachers:
        word = outcome(entry.contest, entry)
        names = [
            public_name(person)
            for person in entry.participants.all()
            if person.kind == ParticipantKind.TEACHER and public_name(person)
        ]
        if word and names:
            _, said = lines.setdefault(entry.contest_id, (entry.contest.title, []))
            said += [f"Педагог {name} – {word}" for name in names]
    return [f"“{title}”: {'; '.join(said)}" for title, said in lines.values()]


def cells(row: dict) -> list:
    return [row["label"], row["contests"], row["participants"], row["winners"], row["prize"]]


def write_docx_section(document, table: dict | None) -> None:
    """The section in the Word report: its heading, the table by level and the teachers."""
    if not table or not table["rows"]:
        return
    heading = document.add_paragraph()
    heading.add_run("Конкурсы").bold = True
    heading.paragraph_format.keep_with_next = True
    grid = document.add_table(rows=1, cols=len(HEAD))
    grid.style = "Table Grid"
    word.head_row(grid.rows[0], HEAD)
    for row in table["rows"]:
        for cell, value in zip(grid.add_row().cells, cells(row), strict=True):
            cell.text = str(value)
    word.column_widths(grid, document.sections[-1], [5, 3, 3, 3, 3])
    for line in table["teachers"]:
        document.add_paragraph(line, style="List Bullet")


def flat(table: dict | None) -> list[tuple[str, int]]:
    """The section's figures for comparing versions."""
    figures = []
    for row in (table or {}).get("rows", []):
        figures += [
            (f"Конкурсы ({row['label'].lower()}): участников", row["participants"]),
            (f"Конкурсы ({row['label'].lower()}): победителей", row["winners"]),
            (f"Конкурсы ({row['label'].lower()}): призёров", row["prize"]),
        ]
    return figures
