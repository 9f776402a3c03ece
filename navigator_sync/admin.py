"""The Navigator's queue for viewing, with the staff page's actions, each through
``outbox``: nothing in the queue is edited or deleted by hand."""

from django.contrib import admin, messages

from moc_portal.core.admin import ReadOnlyAdmin

from . import outbox
from .models import SyncOutboxEntry, SyncState


@admin.register(SyncOutboxEntry)
class SyncOutboxEntryAdmin(ReadOnlyAdmin):
    list_display = [
        "title",
        "kind",
        "state",
        "error_kind",
        "attempts",
        "not_before",
        "sent_at",
        "navigator_id",
    ]
    list_filter = ["state", "kind", "error_kind", "withdrawn"]
    search_fields = ["title", "uuid", "navigator_id"]
    actions = service_actions = ["retry", "send_again"]

    @admin.action(description="Повторить отправку выбранных (ошибки и ожидающие повтора)")
    def retry(self, request, queryset):
        count = outbox.outbox_retry(
            user=request.user, entry_ids=list(queryset.values_list("pk", flat=True))
        )
        self.message_user(request, f"Поставлено на повтор: {count}.", messages.SUCCESS)

    @admin.action(description="Отправить выбранные заново, даже если не изменились")
    def send_again(self, request, queryset):
        count = outbox.outbox_resend(
            user=request.user, entry_ids=list(queryset.values_list("pk", flat=True))
        )
        self.message_user(request, f"Поставлено в очередь: {count}.", messages.SUCCESS)


@admin.register(SyncState)
class SyncStateAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "paused_at", "resume_at", "last_run_at", "reconciled_at"]
    actions = service_actions = ["resume", "reconcile"]

    @admin.action(description="Возобновить передачу")
    def resume(self, request, queryset):
        outbox.sync_resume(user=request.user)
        outbox.drain_soon()
        self.message_user(request, "Передача возобновлена.", messages.SUCCESS)

    @admin.action(description="Сверить с Навигатором и исправить расхождения")
    def reconcile(self, request, queryset):
        from .tasks import navigator_reconcile

        navigator_reconcile.delay(request.user.pk)
        self.message_user(request, "Сверка запущена.", messages.SUCCESS)
