"""Uploaded Office files checked before anything reads them: size, old or encrypted formats,
zip bombs. Every refusal is an ``ImportFileError`` whose message says what to do."""

import io
import zipfile

from django.conf import settings

from .errors import DomainError

# A real sheet of 50,000 rows × 30 columns unpacks to about 60 MB; far more is a zip bomb.
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted xlsx and old .xls


def too_large_message() -> str:
    limit = settings.IMPORT_MAX_BYTES
    size = f"{limit // 2**20} МБ" if limit >= 2**20 else f"{max(limit // 1024, 1)} КБ"
    return f"Файл больше {size}. Разделите его на несколько файлов."


class ImportFileError(DomainError):
    """The file as a whole cannot be read; the message says what to do."""


def check_office_file(data: bytes, *, wrong_format: str, old_format: str) -> None:
    """An upload that may be opened: not too large, not an old or encrypted Office file, a zip
    archive that is not a zip bomb. The messages say what to do for this kind of file."""
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
