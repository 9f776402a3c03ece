"""The settlements of a municipality and their children by age band: pages of the centre's
staff (their municipality) and of the regional administrator (the one chosen)."""

import io
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from moc_portal.access import staff_required
from moc_portal.core.views import download, service_call

from .. import jobs
from ..choices import AgeBand
from ..models import ChildCount, Municipality, Settlement, SpreadsheetJob
from . import settlements as settlement_services
from .forms import ChildCountsForm, ChildImportForm, SettlementForm


def managed_settlement(request, pk) -> Settlement:
    """The settlement, if the person manages its municipality."""
    settlement = get_object_or_404(Settlement.objects.select_related("municipality"), pk=pk)
    if not request.user.manages_municipality(settlement.municipality_id):
        raise PermissionDenied("Это населённый пункт другого муниципалитета.")
    return settlement


def _municipality(request) -> Municipality:
    """The municipality whose settlements the page keeps: of those the person manages, the one
    chosen (an administrator's choice), else the first (a staff member's own)."""
    managed = Municipality.objects.managed_by(request.user).order_by("name")
    pk = str(request.GET.get("municipality") or request.POST.get("municipality") or "")
    municipality = (managed.filter(pk=pk).first() if pk.isdigit() else None) or managed.first()
    if municipality is None:
        raise PermissionDenied(
            "Сначала создайте муниципалитет."
            if request.user.is_administrator
            else "Страница доступна сотрудникам МОЦ своего муниципалитета."
        )
    return municipality


def _year(request) -> int:
    value = request.GET.get("year", "")
    return (
        int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year
    )


@staff_required
def settlement_list(request):
    municipality = _municipality(request)
    year = _year(request)
    form = SettlementForm(request.POST or None, instance=Settlement(municipality=municipality))
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="Населённый пункт добавлен.") as call:
            settlement_services.settlement_save(user=request.user, settlement=form.instance)
        if call.ok:
            return redirect(f"{request.path}?{urlencode({'municipality': municipality.pk})}")
    counts = {}
    kept = ChildCount.objects.managed_by(request.user)
    for count in kept.filter(settlement__municipality=municipality, year=year):
        counts.setdefault(count.settlement_id, {})[count.band] = count.children
    settlements = [
        {
            "settlement": s,
            "organisations": s.n_organisations,
            "counts": [counts.get(s.pk, {}).get(band.value) for band in AgeBand],
            "total": sum(counts[s.pk].values()) if s.pk in counts else None,
        }
        for s in municipality.settlements.annotate(n_organisations=Count("organisations"))
    ]
    return render(
        request,
        "territory/settlements.html",
        {
            "municipality": municipality,
            "municipalities": Municipality.objects.managed_by(request.user).order_by("name")
            if request.user.is_administrator
            else [],
            "year": year,
            "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
            "bands": list(AgeBand),
            "settlements": settlements,
            "form": form,
            "import_form": ChildImportForm(initial={"year": year}),
            "without_settlement": municipality.organisations.filter(settlement=None).count(),
        },
    )


@staff_required
def settlement_edit(request, pk):
    settlement = managed_settlement(request, pk)
    year = _year(request)
    form = SettlementForm(request.POST or None, instance=settlement, prefix="s")
    current = {c.band: c.children for c in settlement.child_counts.filter(year=year)}
    counts = ChildCountsForm(request.POST or None, prefix="c", initial={"year": year, **current})
    if request.method == "POST" and form.is_valid() and counts.is_valid():
        with service_call(request, form=form, success="Сохранено.") as call:
            settlement_services.settlement_save(user=request.user, settlement=form.instance)
            settlement_services.child_counts_save(
                user=request.user,
                settlement=settlement,
                year=counts.cleaned_data["year"],
                counts=counts.counts(),
            )
        if call.ok:
            query = urlencode(
                {"municipality": settlement.municipality_id, "year": counts.cleaned_data["year"]}
            )
            return redirect(f"{_settlements_url()}?{query}")
    return render(
        request,
        "territory/settlement_edit.html",
        {"settlement": settlement, "form": form, "counts": counts, "year": year},
    )


def _settlements_url() -> str:
    return reverse("territory:settlements")


@staff_required
@require_POST
def settlement_delete(request, pk):
    settlement = managed_settlement(request, pk)
    with service_call(request, success=f"«{settlement}» удалён."):
        settlement_services.settlement_delete(user=request.user, settlement=settlement)
    return redirect(
        f"{_settlements_url()}?{urlencode({'municipality': settlement.municipality_id})}"
    )


@staff_required
@require_POST
def settlements_from_addresses(request):
    municipality = _municipality(request)
    with service_call(request) as call:
        found = settlement_services.settlements_from_addresses(
            user=request.user, municipality=municipality
        )
    if call.ok:
        messages.success(
            request,
            f"По адресам: добавлено населённых пунктов — {found['added']}, указано у "
            f"организаций — {found['assigned']}. Не удалось определить по адресу — "
            f"{found['unknown']}: укажите населённый пункт в карточке организации.",
        )
    return redirect(f"{_settlements_url()}?{urlencode({'municipality': municipality.pk})}")


@staff_required
def child_counts_template(request):
    municipality = _municipality(request)
    year = _year(request)
    buffer = io.BytesIO()
    settlement_services.child_counts_template(municipality, year, buffer)
    return download(buffer, f"children-{municipality.slug}-{year}.xlsx")


@staff_required
@require_POST
def child_counts_import(request):
    """The file is read and written by a worker; the person watches the job's page."""
    municipality = _municipality(request)
    form = ChildImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        query = urlencode({"municipality": municipality.pk, "year": timezone.localdate().year})
        return redirect(f"{_settlements_url()}?{query}")
    year = form.cleaned_data["year"]
    query = urlencode({"municipality": municipality.pk, "year": year})
    job = jobs.import_queue(
        user=request.user,
        kind=SpreadsheetJob.Kind.CHILD_COUNT_IMPORT,
        upload=form.cleaned_data["file"],
        params={
            "municipality": municipality.pk,
            "year": year,
            "back": f"{_settlements_url()}?{query}",
        },
    )
    return redirect("programs:job", job.pk)
