"""Last year's plan brought in from its Word or Excel file instead of being retyped.

``reading`` finds the plan's tables and front matter in the file (the rules are written
there); ``writing`` carries what was read, signed, to the confirmation page and writes the
plan from it, all of it or nothing. Callers import them from here: ``from plans import imports``.
"""

from moc_portal.core.uploads import ImportFileError

from .reading import (
    ImportedDocument,
    ImportedRow,
    ImportedTable,
    read_document,
    read_tables,
)
from .writing import ITEM, plan_file_read, plan_import, sign, unsign

__all__ = [
    "ITEM",
    "ImportFileError",
    "ImportedDocument",
    "ImportedRow",
    "ImportedTable",
    "plan_file_read",
    "plan_import",
    "read_document",
    "read_tables",
    "sign",
    "unsign",
]
