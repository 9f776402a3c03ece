"""The error report of an import: the file's rows with errors as they were, and a column
that says, in Russian, what is wrong with each (the first ``MAX_KEPT_ERRORS`` errors)."""

import io

from moc_portal.core import russian, sheet_layout
from moc_portal.core import spreadsheets as sheets

from .. import spreadsheets

ERRORS = "Ошибки"
# The registry's columns by their headers: a report's column of the same name is printed
# when theirs is (the errors too), and keeps their choices, so its print copy never breaks a
# label's word («Стартовый (ознакомительный)»).
KNOWN = {
    column.header: column
    for columns in (
        spreadsheets.ORGANISATION_COLUMNS,
        spreadsheets.GROUP_COLUMNS,
        spreadsheets.PROGRAM_COLUMNS,
    )
    for column in columns
}


def error_title(source_name: str, user) -> sheet_layout.PrintTitle:
    """«Ошибки в файле «programmy.xlsx» · Задонский район · на 07.12.2026»."""
    name = f"«{source_name}»" if source_name else "загрузки"
    return sheet_layout.PrintTitle.of(f"Ошибки в файле {name}", user)


def error_report(header, rows, errors, *, title: sheet_layout.PrintTitle) -> bytes:
    """The rows with errors, as they were, plus a column saying what is wrong with each."""
    by_row: dict[int, list[str]] = {}
    for error in errors:
        by_row.setdefault(error.row, []).append(f"{error.column}: {error.message}")
    names = _unique_names([*header, ERRORS])
    width = len(names) - 1

    def line(values, reasons):
        cells = [fits(value) for value in (list(values) + [None] * width)[:width]]
        return dict(zip(names, [*cells, fits("; ".join(reasons))], strict=True))

    report = [line(values, by_row[number]) for number, values in rows if number in by_row]
    head = getattr(header, "row", 1)
    if head in by_row:  # the header itself
        report.insert(0, line(["(заголовок)"], by_row[head]))
    if errors.more:
        report.append(line(["…"], [kept_errors_note(errors)]))
    buffer = io.BytesIO()
    sheets.write_sheet(
        report,
        buffer,
        sheet="Ошибки",
        columns=[
            sheets.Column(
                header=name,
                source=name,
                width=48 if name == ERRORS else 18,
                choices=KNOWN[name].choices if name in KNOWN else (),
                printed=name == ERRORS or (name in KNOWN and KNOWN[name].printed),
            )
            for name in names
        ],
        title=title,
    )
    return buffer.getvalue()


def kept_errors_note(errors) -> str:
    """What a report of the first ``MAX_KEPT_ERRORS`` errors says of the rest."""
    return (
        f"и ещё {russian.count(errors.more, 'ошибка')} ниже: исправьте эти, загрузите "
        "файл снова, и портал покажет следующие"
    )


def fits(value):
    """A cell as Excel can hold it: a text over its 32,767 characters is cut, with a mark."""
    if isinstance(value, str) and len(value) > sheets.EXCEL_CELL_CHARS:
        return value[: sheets.EXCEL_CELL_CHARS - 1] + "…"
    return value


def _unique_names(names) -> list[str]:
    result = []
    for index, name in enumerate(names, start=1):
        name = str(name or f"Колонка {index}")
        while name in result:
            name += " (2)"
        result.append(name)
    return result
