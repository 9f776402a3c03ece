"""The manual fallback: the programmes the push would send, as a workbook in the Navigator's
field layout, for typing or loading into a Navigator by hand when no exchange is possible.

The rows come from the same mapping as the push (``mapping.program_payload``), so the file
and the API never disagree. Each header gives the Navigator's field name and what it means;
codes are explained on the «Справочник» sheet.
"""

from moc_portal.core.sheet_layout import PrintTitle
from moc_portal.core.spreadsheets import Column, write_sheets
from moc_portal.users.models import User
from programs import exchange as registry
from programs.models import Focus, Level, OvzCategory, ProgramType, StudyForm

from . import selectors
from .mapping import program_payload

WEEKDAYS = {1: "пн", 2: "вт", 3: "ср", 4: "чт", 5: "пт", 6: "сб", 7: "вс"}
FINANCING = {"budget": "бюджет", "certificate": "сертификат ПФДО", "paid": "платно"}

PROGRAM_COLUMNS = [
    # (field, meaning, width)
    ("uuid", "идентификатор программы", 38),
    ("organisationUuid", "идентификатор организации", 38),
    ("organisationInn", "ИНН организации", 14),
    ("organisationName", "организация", 36),
    ("navigatorId", "id в Навигаторе", 12),
    ("name", "краткое наименование", 40),
    ("fullName", "полное наименование", 48),
    ("announce", "анонс", 60),
    ("description", "описание", 60),
    ("minAge", "возраст от", 10),
    ("maxAge", "возраст до", 10),
    ("focusCode", "направленность", 16),
    ("levelSet", "уровень", 12),
    ("programType", "вид программы", 20),
    ("studyForm", "форма обучения", 14),
    ("distance", "с ДОТ/ЭО", 10),
    ("ovz", "для детей с ОВЗ", 10),
    ("ovzTypes", "категории ОВЗ", 20),
    ("certificateRequired", "по сертификату", 12),
    ("financingSources", "источники и стоимость", 28),
    ("duration", "продолжительность", 12),
    ("durationunit", "единица", 10),
    ("hours", "часов", 8),
    ("oktmo", "ОКТМО", 13),
    ("address", "адрес", 40),
    ("partners", "сетевые партнёры (ИНН, ОГРН)", 40),
    ("lastmodifiedTs", "изменена, мс UTC", 16),
]
GROUP_COLUMNS = [
    ("programUuid", "идентификатор программы", 38),
    ("programName", "программа", 40),
    ("code", "код группы", 10),
    ("name", "группа", 24),
    ("teacher", "педагог", 28),
    ("ageFrom", "возраст от", 10),
    ("ageTo", "возраст до", 10),
    ("places", "мест", 8),
    ("orderFrom", "приём заявок с", 14),
    ("orderTo", "приём заявок по", 14),
    ("address", "адрес", 40),
    ("schedule", "расписание (weekDays timeStart–timeEnd)", 40),
]

# The fields of the sheets' print copies (``Column.printed``): a person reads the programmes
# and groups on paper, the other fields are for the Navigator.
PRINTED = {
    "Программы": {
        "organisationName",
        "name",
        "focusCode",
        "levelSet",
        "minAge",
        "maxAge",
        "hours",
        "financingSources",
    },
    "Группы": {"programName", "name", "teacher", "ageFrom", "ageTo", "places", "schedule"},
}


def _header(field: str, meaning: str) -> str:
    return f"{field} — {meaning}"


def _cell(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value


def _program_row(published) -> tuple[dict, list[dict]]:
    payload = program_payload(published)
    organisation = published.organisation
    values = {
        **payload,
        "organisationInn": organisation.inn,
        "organisationName": organisation.short_name,
        "navigatorId": published.program.navigator_id,
        "financingSources": "; ".join(
            f"{s['type']}" + (f": {s['cost']:g}" if s["cost"] is not None else "")
            for s in payload["financingSources"]
        ),
        "partners": "; ".join(
            f"{p['name']} ({p['inn']}, {p['ogrn']})" for p in payload["partners"]
        ),
    }
    row = {_header(f, m): _cell(values.get(f)) for f, m, _ in PROGRAM_COLUMNS}
    groups = [
        {
            _header(f, m): _cell(value)
            for (f, m, _), value in zip(
                GROUP_COLUMNS,
                [
                    payload["uuid"],
                    payload["name"],
                    group["code"],
                    group["name"],
                    group["teacher"],
                    group["ageFrom"],
                    group["ageTo"],
                    group["places"],
                    group["orderFrom"],
                    group["orderTo"],
                    group["address"],
                    "; ".join(
                        f"{','.join(str(d) for d in slot['weekDays'])} "
                        f"{slot['timeStart']}–{slot['timeEnd']}"
                        for slot in group["schedule"]
                    ),
                ],
                strict=True,
            )
        }
        for group in payload["groups"]
    ]
    return row, groups


def _reference() -> list[dict]:
    rows = []
    for field, choices in (
        ("focusCode", Focus.choices),
        ("levelSet", Level.choices),
        ("programType", ProgramType.choices),
        ("studyForm", StudyForm.choices),
        ("ovzTypes", OvzCategory.choices),
        ("financingSources", list(FINANCING.items())),
        ("weekDays", list(WEEKDAYS.items())),
    ):
        rows += [
            {"Поле": field, "Код": str(code), "Значение": str(label)} for code, label in choices
        ]
    return rows


def write_navigator_workbook(target, *, user: User) -> int:
    """«Программы», «Группы» and «Справочник» for the published programmes in the person's
    reach. Returns how many programmes were written."""
    selectors.check_may_sync(user)  # the staff page's permission
    programs, groups = [], []
    for published in registry.published_for_exchange().managed_by(user).iterator(chunk_size=2000):
        row, group_rows = _program_row(published)
        programs.append(row)
        groups += group_rows
    columns = {
        name: [
            Column(_header(f, m), _header(f, m), width=w, printed=f in PRINTED[name])
            for f, m, w in cols
        ]
        for name, cols in (("Программы", PROGRAM_COLUMNS), ("Группы", GROUP_COLUMNS))
    }
    reference = [Column(h, h, width=w) for h, w in (("Поле", 18), ("Код", 22), ("Значение", 40))]
    # Every column holds its text with the quote prefix, so no typed «=…» becomes a formula;
    # the prefix changes nothing of a number.
    write_sheets(
        target,
        [
            ("Программы", programs, columns["Программы"]),
            ("Группы", groups, columns["Группы"]),
            ("Справочник", _reference(), reference),
        ],
        title=PrintTitle.of("Программы для Навигатора", user),
    )
    return len(programs)
