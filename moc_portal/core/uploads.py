"""Uploaded Office files checked before anything reads them: the one place that decides
whether a Word or Excel upload may be opened. Size, old or encrypted formats, zip bombs,
damaged archives, files that are not what their extension says, and XML with DTDs (entity
bombs, external entities: Office never writes them). Every refusal is an ``ImportFileError``
whose message says, in Russian, what to do."""

import io
import re
import zipfile
import zlib

from django.conf import settings

from .errors import DomainError

# A real sheet of 50,000 rows × 30 columns unpacks to about 60 MB; far more is a zip bomb.
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted xlsx and old .xls
# The part every file of a kind has: a .docx that lacks word/document.xml is no Word file.
MAIN_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
# An XML part's prolog comes first; Office writes a few hundred bytes of it.
PROLOG_BYTES = 64 * 1024
# What may stand before the root element besides a DTD: blanks, the XML declaration and other
# processing instructions, comments. Whatever they contain (``<!-- <a> -->``) is skipped whole.
PROLOG_ITEM = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)
ROOT_ELEMENT = re.compile(rb"<[^!?\s]")
# How an XML parser tells a part's encoding from its first bytes (XML 1.0, appendix F).
WIDE_ENCODINGS = {
    b"\x00\x00\xfe\xff": "utf-32-be",
    b"\xff\xfe\x00\x00": "utf-32-le",
    b"\x00\x00\x00<": "utf-32-be",
    b"<\x00\x00\x00": "utf-32-le",
    b"\xfe\xff": "utf-16-be",
    b"\xff\xfe": "utf-16-le",
    b"\x00<\x00?": "utf-16-be",
    b"<\x00?\x00": "utf-16-le",
}
NOT_OFFICE_XML = (
    "В файле есть конструкции XML, которых не бывает в документах Word и Excel (объявления "
    "DTD и сущностей). Откройте файл в Word или Excel, сохраните его заново и загрузите снова."
)


def too_large_message() -> str:
    limit = settings.IMPORT_MAX_BYTES
    size = f"{limit // 2**20} МБ" if limit >= 2**20 else f"{max(limit // 1024, 1)} КБ"
    return f"Файл больше {size}. Разделите его на несколько файлов."


class ImportFileError(DomainError):
    """The file as a whole cannot be read; the message says what to do."""


def check_office_file(
    data: bytes, *, wrong_format: str, old_format: str, extension: str | None = None
) -> None:
    """An upload that may be opened: not too large, not an old or encrypted Office file, a zip
    archive that is whole and not a zip bomb, with the main part of its kind (``extension``:
    "docx" or "xlsx"; any of them when not given), and no part with a DTD. The messages say what
    to do for this kind of file."""
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise ImportFileError(too_large_message())
    if data.startswith(OLE2_SIGNATURE):
        raise ImportFileError(old_format)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except zipfile.BadZipFile as error:
        raise ImportFileError(wrong_format) from error
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries) or 1
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO:
        raise ImportFileError(
            "Файл распаковывается в слишком большой объём и похож на «zip-бомбу». "
            "Загрузите обычный файл."
        )
    names = {entry.filename for entry in entries}
    wanted = [MAIN_PARTS[extension]] if extension in MAIN_PARTS else list(MAIN_PARTS.values())
    if not names & set(wanted):
        raise ImportFileError(wrong_format)
    try:
        if archive.testzip() is not None:
            raise ImportFileError(wrong_format)
        for entry in entries:
            if _has_dtd(archive, entry):
                raise ImportFileError(NOT_OFFICE_XML)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
        raise ImportFileError(wrong_format) from error


def _has_dtd(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    """A part of any name (a reader follows the package's relationships, not the names) whose
    prolog holds a declaration (``<!DOCTYPE``), or that is still in its prolog where Office's
    prolog has long ended. Parts that are no XML (pictures) pass: no parser reads them."""
    with archive.open(entry) as part:
        prolog = part.read(PROLOG_BYTES)
    truncated = len(prolog) == PROLOG_BYTES
    for start, encoding in WIDE_ENCODINGS.items():
        if prolog.startswith(start):
            prolog = prolog.decode(encoding, errors="replace").lstrip("\ufeff").encode()
            break
    position = 3 if prolog.startswith(b"\xef\xbb\xbf") else 0
    while item := PROLOG_ITEM.match(prolog, position):
        position = item.end()
    rest = prolog[position:]
    if rest.startswith(b"<!"):
        return True  # a declaration, or a comment that runs on past the prolog read
    if ROOT_ELEMENT.match(rest):
        return False
    # Still in the prolog where Office's has long ended (blanks, an instruction that runs
    # on), or no XML at all (a picture).
    return truncated and (not rest or rest.startswith(b"<"))


def check_image_pixels(upload, label: str) -> None:
    """An uploaded picture's width and height, read from its header before any pixel is
    decoded: one over ``IMAGE_MAX_PIXELS`` is refused (a 12,000 × 12,000 picture takes about
    a gigabyte and a half to decode). A file that is no picture is refused too."""
    from django.core.exceptions import ValidationError
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(upload) as image:
            width, height = image.size
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as error:
        raise ValidationError(
            f"{label}: файл не читается как изображение. Загрузите JPEG, PNG или WebP."
        ) from error
    finally:
        upload.seek(0)
    limit = settings.IMAGE_MAX_PIXELS
    if width * height > limit:
        raise ValidationError(
            f"{label}: {width} × {height} пикселей — это больше {limit / 1e6:g} млн пикселей, "
            "которые принимает портал. Уменьшите изображение (для страницы хватит 2000 пикселей "
            "по большей стороне) и загрузите снова."
        )
