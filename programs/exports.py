"""The programme registry export: written in the request, or by ``jobs.export_write`` when
large."""

from django.db.models import Value
from django.db.models.functions import Concat

from moc_portal.core import sheet_layout
from moc_portal.core import spreadsheets as sheets

from . import selectors, spreadsheets
from .imports.group_rows import group_export_rows

PROGRESS_EVERY = 2000


def program_export_queryset(user, filters):
    return (
        selectors.program_list(user=user, filters=filters)
        .annotate(
            organisation_label=Concat(
                "organisation__short_name", Value(" ("), "organisation__inn", Value(")")
            )
        )
        .order_by("name", "pk")
    )


def registry_title(user) -> sheet_layout.PrintTitle:
    """«Реестр программ · Задонский район · на 07.12.2026»: the export's title row."""
    return sheet_layout.PrintTitle.of("Реестр программ", user)


def write_program_export(
    queryset, target, *, title: sheet_layout.PrintTitle, progress=None
) -> None:
    """The programmes and, on the «Группы» sheet, their groups: the file opens again as an
    import that changes nothing."""
    rows = sheets.export_rows(queryset, spreadsheets.PROGRAM_COLUMNS)
    if progress:
        rows = _counting(rows, progress)
    sheets.write_sheets(
        target,
        [
            ("Программы", rows, spreadsheets.PROGRAM_COLUMNS),
            (
                spreadsheets.GROUPS_SHEET,
                sheets.Rows(lambda: group_export_rows(queryset)),
                spreadsheets.GROUP_COLUMNS,
            ),
        ],
        title=title,
    )


def _counting(rows: sheets.Rows, progress) -> sheets.Rows:
    """The rows, reporting every ``PROGRESS_EVERY`` written (their heights are measured, and
    their print copy written, by queries of their own, which report nothing)."""

    def make():
        for index, row in enumerate(rows, start=1):
            if index % PROGRESS_EVERY == 0:
                progress(index)
            yield row

    return sheets.Rows(make, rows.measure, rows.narrow)
