"""What every view does alike: run a service and show its refusal, hand out a file."""

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse

from .concurrency import EditConflict
from .errors import DomainError
from .forms import apply_validation_error

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"xlsx": XLSX, "docx": DOCX}


class service_call:
    """Runs the service calls of its ``with`` block; a refusal becomes a Russian message.

    A ``ValidationError`` goes onto ``form`` field by field, a ``DomainError`` onto the form's
    top; without a form both become a message of the page. ``call.ok`` says whether the block
    went through, and then ``success`` (if any) is shown. ``PermissionDenied`` passes (403).
    """

    def __init__(self, request, *, form=None, success: str = ""):
        self.request = request
        self.form = form
        self.success = success
        self.ok = False

    def __enter__(self) -> "service_call":
        return self

    def __exit__(self, exc_type, error, traceback) -> bool:
        if error is None:
            self.ok = True
            if self.success:
                messages.success(self.request, self.success)
            return False
        if isinstance(error, ValidationError):
            if self.form is not None:
                apply_validation_error(self.form, error)
            else:
                messages.error(self.request, " ".join(error.messages))
            return True
        if isinstance(error, DomainError):
            if isinstance(error, EditConflict) and hasattr(self.form, "show_conflict"):
                self.form.show_conflict(error)
            if self.form is not None:
                self.form.add_error(None, str(error))
            else:
                messages.error(self.request, str(error))
            return True
        return False


def download(content: bytes | io.BytesIO, filename: str) -> HttpResponse:
    """A file to save under ``filename``; its type comes from the extension."""
    if isinstance(content, io.BytesIO):
        content = content.getvalue()
    extension = filename.rsplit(".", 1)[-1]
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def stored_file(field_file) -> FileResponse:
    """A file kept in a FileField, under its own name."""
    filename = field_file.name.rsplit("/", 1)[-1]
    return FileResponse(
        field_file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=CONTENT_TYPES.get(filename.rsplit(".", 1)[-1].lower()),
    )
