"""Excel files written as raw XML, for what no spreadsheet program writes but anyone can send:
cells in column XFD, rows a million down, dimension tags that lie, cells without references."""

import io
import zipfile

from moc_portal.core.sheet_reading import column_letters as column

NS = "http://schemas.openxmlformats.org"
PARTS = {
    "[Content_Types].xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{NS}/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{NS}/package/2006/'
        f'relationships"><Relationship Id="rId1" Type="{NS}/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{NS}/package/2006/'
        f'relationships"><Relationship Id="rId1" Type="{NS}/officeDocument/2006/relationships/'
        'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def cell(reference: str | None, text) -> str:
    where = f' r="{reference}"' if reference else ""
    return f'<c{where} t="inlineStr"><is><t>{text}</t></is></c>'


def row(number: int | None, *cells: str) -> bytes:
    where = f' r="{number}"' if number else ""
    return f"<row{where}>{''.join(cells)}</row>".encode()


def write(target, rows, *, sheet="Программы", dimension: str | None = None) -> None:
    """An xlsx of one sheet whose ``rows`` (bytes of ``<row>`` elements, any iterable) are
    written as they come."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}/spreadsheetml/2006/'
            f'main" xmlns:r="{NS}/officeDocument/2006/relationships"><sheets><sheet name='
            f'"{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(
                f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}/spreadsheetml/'
                '2006/main">'.encode()
            )
            if dimension:
                part.write(f'<dimension ref="{dimension}"/>'.encode())
            part.write(b"<sheetData>")
            for line in rows:
                part.write(line)
            part.write(b"</sheetData></worksheet>")


def xlsx(rows, **options) -> bytes:
    buffer = io.BytesIO()
    write(buffer, rows, **options)
    return buffer.getvalue()


def wide_file(rows: int, header: list[str]) -> bytes:
    """The audit's file: the template's header with one more cell in column XFD (the
    16,384th), and ``rows`` rows under it."""
    first = row(1, *(cell(f"{column(n)}1", h) for n, h in enumerate(header, 1)), cell("XFD1", "x"))
    body = (row(n, cell(f"A{n}", f"Программа {n}")) for n in range(2, rows + 2))
    return xlsx([first, *body])
