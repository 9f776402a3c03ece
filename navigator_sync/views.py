"""The staff page of the push: per programme where it stands, totals with progress, and what
staff can do about it. Every list is ``SyncOutboxEntry.objects.managed_by(user)``."""

import io

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from moc_portal.access import administrator_required, staff_required
from moc_portal.core import russian
from moc_portal.core.text import dated_filename
from moc_portal.core.views import download, service_call
from moc_portal.querystring import query_without

from . import exports, outbox, selectors, tasks
from .filters import SyncEntryFilter
from .models import SyncOutboxEntry

PAGE_SIZE = 50


@staff_required
def sync_page(request):
    selectors.check_may_sync(request.user)
    entries = SyncOutboxEntry.objects.managed_by(request.user).order_by("-enqueued_at", "-id")
    filterset = SyncEntryFilter(request.GET, queryset=entries)
    return render(
        request,
        "navigator_sync/sync.html",
        {
            "summary": selectors.sync_summary(request.user),
            "filter": filterset,
            "page": Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page")),
            "query": query_without(request, "page"),
        },
    )


@staff_required
def sync_progress(request):
    """The totals block alone: the page polls it while anything is on its way."""
    return render(
        request,
        "navigator_sync/_summary.html",
        {"summary": selectors.sync_summary(request.user)},
    )


@staff_required
@require_POST
def sync_send_now(request):
    checked = outbox.outbox_send_now(user=request.user)
    messages.success(
        request,
        f"Проверяется {russian.count(checked, 'программа')}: "
        "в Навигатор уйдут только изменившиеся.",
    )
    return redirect("navigator_sync:sync")


@staff_required
@require_POST
def sync_retry(request):
    entry = request.POST.get("entry")
    entry_ids = [entry] if entry and entry.isdigit() else None
    count = outbox.outbox_retry(user=request.user, entry_ids=entry_ids)
    if count:
        messages.success(request, f"Повторная отправка: {russian.count(count, 'запись')}.")
    else:
        messages.info(request, "Повторять нечего: ошибок нет.")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = reverse("navigator_sync:sync")
    return redirect(back)


@administrator_required
@require_POST
def sync_resume(request):
    outbox.sync_resume(user=request.user)
    outbox.drain_soon()
    messages.success(request, "Передача возобновлена.")
    return redirect("navigator_sync:sync")


@staff_required
@require_POST
def sync_reconcile(request):
    with service_call(
        request, success="Сверка с Навигатором запущена; итог появится на этой странице."
    ):
        tasks.navigator_reconcile.delay(request.user.pk)
    return redirect("navigator_sync:sync")


@staff_required
def navigator_export(request):
    """The manual fallback: published programmes in the Navigator's field layout."""
    buffer = io.BytesIO()
    exports.write_navigator_workbook(buffer, user=request.user)
    return download(buffer, dated_filename("navigator", "xlsx"))
