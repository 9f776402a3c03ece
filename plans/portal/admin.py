"""The public portal for viewing: blocks, pages, news and documents are edited at /portal/
through ``portal.services`` (Markdown cleaned, covers checked, the media register kept);
questions are answered in the staff area, so the asker is notified."""

from django.contrib import admin

from moc_portal.core.admin import ReadOnlyAdmin, ReadOnlyHistoryAdmin

from . import services
from .models import Block, Document, News, Page, Question, Tag


@admin.register(Block)
class BlockAdmin(ReadOnlyAdmin):
    list_display = ["title", "slug", "position"]


@admin.register(Page)
class PageAdmin(ReadOnlyHistoryAdmin):
    list_display = ["title", "block", "municipality", "is_published", "updated_at"]
    list_filter = ["block", "is_published", "municipality"]
    search_fields = ["title"]


@admin.register(Tag)
class TagAdmin(ReadOnlyAdmin):
    search_fields = ["name"]


@admin.register(News)
class NewsAdmin(ReadOnlyHistoryAdmin):
    list_display = ["title", "municipality", "is_published", "published_at"]
    list_filter = ["is_published", "block", "municipality"]
    search_fields = ["title", "lead"]
    autocomplete_fields = ["tags"]
    raw_id_fields = ["media_item", "publication"]


@admin.register(Document)
class DocumentAdmin(ReadOnlyHistoryAdmin):
    list_display = ["title", "kind", "number", "signed_on", "municipality", "is_published"]
    list_filter = ["kind", "is_published", "municipality"]
    search_fields = ["title", "number"]
    raw_id_fields = ["plan"]


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    """Viewing one is recorded in the personal data trail."""

    list_display = ["__str__", "municipality", "topic", "answered_at", "faq_published"]
    list_filter = ["topic", "faq_published", "municipality"]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        question = self.get_object(request, object_id)
        if question is not None:
            services.question_viewed(user=request.user, question=question)
        return super().change_view(request, object_id, form_url, extra_context)
