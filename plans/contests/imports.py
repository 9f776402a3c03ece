"""A participants list from the contest's own Excel template: one row one individual entry;
rows with the same «Команда» (in one nomination and category) make one team entry. All the
rows are written, or none, with the problems named row by row."""

import io
from datetime import date, datetime

from python_calamine import CalamineError

from moc_portal.core import sheet_layout, sheet_reading, sheet_templates
from moc_portal.core.spreadsheets import Column
from moc_portal.core.uploads import ImportFileError

from . import services
from .models import Contest, ContestAudience, EntryKind
from .services.entries import RowsError

SHEET = "Участники"
MAX_ROWS = 5000
FIRST_ROW = sheet_templates.TEMPLATE_HEAD + 1  # the row under the head, as Excel numbers it


def columns(contest: Contest) -> list[Column]:
    children = contest.audience == ContestAudience.CHILDREN
    found = [Column("Номинация", "nomination", kind="choice", width=30, required=True)]
    if contest.age_categories.exists():
        found.append(Column("Возрастная категория", "age_category", kind="choice", width=22))
    found.append(
        Column("Команда", "team", width=20, note="одинаковое название объединяет строки в команду")
    )
    found += [
        Column("Фамилия", "surname", required=True),
        Column("Имя", "name", required=True),
        Column("Отчество", "patronymic"),
    ]
    if children:
        found += [
            Column("Дата рождения", "birth_date", kind="date", required=True, note="ДД.ММ.ГГГГ"),
            Column("Класс или возраст", "grade", width=12),
            Column("Педагог-наставник", "teacher_name", width=28),
        ]
    else:
        found.append(Column("Должность", "post", width=28, required=True))
    if contest.audience == ContestAudience.WORKS:
        found.append(Column("Название работы", "work_title", width=40, required=True))
    return found


def _example(contest: Contest) -> dict:
    nomination = contest.nominations.first()
    category = contest.age_categories.first()
    today = contest.applications_to
    age = category.age_from if category else 10
    return {
        "Номинация": nomination.title if nomination else "",
        "Возрастная категория": category.title if category else "",
        "Фамилия": "Иванова",
        "Имя": "Мария",
        "Отчество": "Сергеевна",
        "Дата рождения": f"{today.day:02d}.{today.month:02d}.{today.year - age - 1}",
        "Класс или возраст": "5 класс",
        "Педагог-наставник": "Петрова Анна Ивановна",
        "Должность": "учитель",
        "Название работы": "Проект «Родной край»",
    }


def template(contest: Contest, user) -> bytes:
    buffer = io.BytesIO()
    sheet_templates.write_template(
        buffer,
        columns=columns(contest),
        sheet=SHEET,
        example=_example(contest),
        reference_lists={
            "Номинация": [n.title for n in contest.nominations.all()],
            "Возрастная категория": [c.title for c in contest.age_categories.all()],
        },
        title=sheet_layout.PrintTitle.of(f"Участники конкурса «{contest.title}»", user),
    )
    return buffer.getvalue()


def read_rows(contest: Contest, data: bytes) -> list[tuple[int, dict]]:
    """(row number, {header: text or date}) of the filled rows under the head."""
    archive = sheet_reading.check_file(data)
    names = sheet_reading.sheet_names(archive)
    if SHEET not in names:
        raise ImportFileError(
            f"В файле нет листа «{SHEET}». Скачайте шаблон этого конкурса и заполните его."
        )
    heads = [c.header for c in columns(contest)]
    bounds = sheet_reading.Bounds(rows=MAX_ROWS, columns=len(heads))
    sheet = sheet_reading.open_sheet(data, archive, SHEET, bounds)
    try:
        grid = sheet.to_python(skip_empty_area=False)
    except (CalamineError, ValueError) as error:
        raise ImportFileError(sheet_reading.NOT_AN_XLSX) from error
    found = [_text(v) for v in grid[FIRST_ROW - 2]] if len(grid) >= FIRST_ROW - 1 else []
    if found[: len(heads)] != heads:
        raise ImportFileError(
            "Заголовки во второй строке не совпадают с шаблоном конкурса: "
            f"«{'», «'.join(heads)}». Скачайте шаблон заново."
        )
    example = _example(contest)
    rows = []
    for number, cells in enumerate(grid[FIRST_ROW - 1 :], start=FIRST_ROW):
        values = {head: cells[i] if i < len(cells) else "" for i, head in enumerate(heads)}
        values = {h: v if isinstance(v, date) else _text(v) for h, v in values.items()}
        if not any(values.values()):
            continue
        if all(values[h] == example.get(h, "") for h in heads if h != "Команда"):
            continue  # the template's example row left in place
        rows.append((number, values))
    if not rows:
        raise ImportFileError("В файле нет ни одного участника под заголовком.")
    return rows


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    for shape in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return datetime.strptime(value, shape).date()
        except ValueError:
            continue
    return None


def drafts(contest: Contest, rows: list[tuple[int, dict]]) -> list:
    """The entries the rows make; a RowsError naming every row that cannot be read."""
    nominations = {n.title.lower(): n for n in contest.nominations.all()}
    categories = {c.title.lower(): c for c in contest.age_categories.all()}
    teams, made, problems = {}, [], []
    for number, values in rows:
        where = f"Строка {number}"
        try:
            nomination, category, person = _row(values, nominations, categories)
        except ValueError as error:
            problems.append(f"{where}: {error}")
            continue
        team = values.get("Команда", "")
        key = (nomination.pk, category.pk if category else None, team.lower())
        if team and key in teams:
            teams[key].participants.append(person)
            continue
        draft = services.EntryDraft(
            nomination=nomination,
            age_category=category,
            kind=EntryKind.TEAM if team else EntryKind.INDIVIDUAL,
            team_name=team,
            work_title=values.get("Название работы", ""),
            participants=[person],
            where=where if not team else f"{where} (команда «{team}»)",
        )
        if team:
            teams[key] = draft
        made.append(draft)
    if problems:
        raise RowsError(problems)
    return made


def _row(values: dict, nominations: dict, categories: dict):
    nomination = nominations.get(values["Номинация"].lower())
    if nomination is None:
        raise ValueError(
            f"номинации «{values['Номинация']}» нет в конкурсе. Выберите её из списка."
        )
    category = None
    if values.get("Возрастная категория"):
        category = categories.get(values["Возрастная категория"].lower())
        if category is None:
            raise ValueError(
                f"возрастной категории «{values['Возрастная категория']}» нет в конкурсе."
            )
    birth = None
    if "Дата рождения" in values:
        birth = _date(values["Дата рождения"])
        if birth is None:
            raise ValueError(
                f"дата рождения «{values['Дата рождения'] or 'пусто'}» не читается: напишите "
                "её как ДД.ММ.ГГГГ."
            )
    person = services.ParticipantRow(
        surname=values["Фамилия"],
        name=values["Имя"],
        patronymic=values.get("Отчество", ""),
        birth_date=birth,
        grade=values.get("Класс или возраст", ""),
        post=values.get("Должность", ""),
        teacher_name=values.get("Педагог-наставник", ""),
    )
    return nomination, category, person


def import_participants(*, user, contest: Contest, organisation, data: bytes) -> list:
    """Every row's entry written, or nothing (``RowsError``, ``ImportFileError``)."""
    services.entries.check_applying(user, contest, organisation)
    return services.entries_create(
        user=user,
        contest=contest,
        organisation=organisation,
        drafts=drafts(contest, read_rows(contest, data)),
    )
