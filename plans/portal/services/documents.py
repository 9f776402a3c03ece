"""The documents library: files the staff upload, and approved plans put there as the Word
document that is signed."""

import io

from django.core.files.base import ContentFile
from django.db import transaction

from moc_portal.core.concurrency import snapshot
from moc_portal.users.models import User
from plans import documents as plan_documents
from plans.models import Plan
from plans.services import PLAN_LIFECYCLE

from ..models import Document, DocumentKind
from .rules import PortalError, check_editor, check_unchanged, claim, delete_file_after_commit


def document_seen(document: Document) -> dict[str, str]:
    fields = ["kind", "number", "signed_on", "title", "description", "block", "is_published"]
    return snapshot(document, [*fields, "file"])


@transaction.atomic
def document_save(
    *, user: User, document: Document, file=None, seen: str | None = None
) -> Document:
    claim(user, document)
    check_unchanged(document, seen, document_seen)
    old_file = None
    if file is not None:
        if document.plan_id:
            raise PortalError(
                "Файл плана собирается из самого плана: опубликуйте план заново со страницы плана."
            )
        old_file = Document.objects.get(pk=document.pk).file if document.pk else None
        document.file = file
    document.full_clean()
    document.save()
    if old_file:
        delete_file_after_commit(old_file)
    return document


@transaction.atomic
def document_delete(*, user: User, document: Document) -> None:
    check_editor(user, document.municipality_id)
    delete_file_after_commit(document.file)
    document.delete()


@transaction.atomic
def plan_document_publish(*, user: User, plan: Plan) -> Document:
    """Put the approved plan in the library as its printed version (the Word document that is
    signed); publishing again replaces the file, so the library always has the plan as it is."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    check_editor(user, plan.municipality_id)
    refusal = PLAN_LIFECYCLE.refusal_for(plan, PLAN_LIFECYCLE["publish"])
    if refusal:
        raise PortalError(refusal)
    printed = plan_documents.plan_document(plan)
    buffer = io.BytesIO()
    plan_documents.write_docx(printed, buffer)
    document = Document.objects.filter(plan=plan).first() or Document(
        plan=plan, municipality_id=plan.municipality_id, created_by=user
    )
    old_file = document.file if document.pk else None
    document.kind = DocumentKind.PLAN
    document.title = plan.title
    document.signed_on = plan.approved_date
    document.description = f"{plan.get_kind_display()} на {plan.period_label}."
    document.is_published = True
    document.file.save(f"{printed.filename}.docx", ContentFile(buffer.getvalue()), save=False)
    document.full_clean()
    document.save()
    if old_file:
        delete_file_after_commit(old_file)
    return document
