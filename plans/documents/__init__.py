"""A plan as the document it is signed as, and the files it is downloaded as.

``description`` says what is printed (``PlanDocument``: the printable page renders it);
``docx_writer`` and ``xlsx_writer`` lay the same description out as a Word file and a workbook,
so the three cannot drift apart. Callers import them from here: ``from plans import documents``.
"""

from .description import (
    Approval,
    Part,
    PlanDocument,
    Row,
    approvals_of,
    heading_of,
    lines,
    long_date,
    plan_document,
    report_title,
)
from .docx_writer import write_docx
from .xlsx_writer import write_xlsx

__all__ = [
    "Approval",
    "Part",
    "PlanDocument",
    "Row",
    "approvals_of",
    "heading_of",
    "lines",
    "long_date",
    "plan_document",
    "report_title",
    "write_docx",
    "write_xlsx",
]
