"""Supply and demand by territory, and the settlements with their children: pages of the
centre's staff (their municipality) and of the regional administrator (any, or the region)."""

import io
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from moc_portal.access import staff_required
from moc_portal.core import spreadsheets as sheets
from moc_portal.core.views import download, service_call
from programs import jobs
from programs import settlements as settlement_services
from programs.choices import AgeBand, Focus
from programs.models import ChildCount, Municipality, Settlement, SpreadsheetJob

from . import figures, territory
from .forms import ChildCountsForm, ChildImportForm, GapForm, SettlementForm, TerritoryForm

SETTLEMENTS_PER_PAGE = 40


def _scope(request) -> tuple[TerritoryForm, list[int], Municipality | None, dict]:
    """The grid's form, the municipalities it covers, the one chosen (None: the region) and
    the cleaned choices. Centre staff always see their own municipality."""
    form = TerritoryForm(request.GET or None, user=request.user)
    chosen = form.cleaned_data if form.is_valid() else {}
    if request.user.is_administrator:
        municipality = chosen.get("municipality")
        ids = (
            [municipality.pk]
            if municipality
            else list(Municipality.objects.values_list("pk", flat=True))
        )
    else:
        municipality = request.user.municipality
        if municipality is None:
            raise PermissionDenied("Страница доступна сотрудникам МОЦ своего муниципалитета.")
        ids = [municipality.pk]
    return form, ids, municipality, chosen


def _percent(value) -> str:
    return "—" if value is None else f"{value} %".replace(".", ",")


@staff_required
def supply(request):
    form, ids, municipality, chosen = _scope(request)
    as_of = chosen.get("as_of") or timezone.localdate()
    rows = territory.grid(ids, as_of)
    focuses = [Focus(chosen["focus"])] if chosen.get("focus") else territory.FOCUSES
    totals = territory.totals(rows)
    gaps = [g for g in territory.gap_sentences(rows) if g["focus"] in focuses]
    page = Paginator(rows, SETTLEMENTS_PER_PAGE).get_page(request.GET.get("page"))
    for row in page:
        row.lines = [
            {"band": band, "cells": [(focus, row.cell(band, focus)) for focus in focuses]}
            for band in territory.BANDS
        ]
    coverage_chart = figures.bars(
        [(str(row.settlement), row.coverage) for row in page if row.coverage is not None],
        text=_percent,
    )
    demand_chart = figures.bars(
        [
            (
                Focus(focus).label,
                sum(row.cell(band, focus).demand for row in rows for band in territory.BANDS),
            )
            for focus in focuses
        ]
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/territory.html",
        {
            "form": form,
            "municipality": municipality,
            "as_of": as_of,
            "page": page,
            "bands": territory.BANDS,
            "focuses": focuses,
            "totals": totals,
            "gaps": gaps,
            "coverage_chart": coverage_chart,
            "demand_chart": demand_chart,
            "query": query.urlencode(),
            "settlements_missing": not rows,
            "can_plan": municipality is not None,
        },
    )


# Wide enough for their headings, and together one landscape page wide (PRINTABLE_WIDTH).
GRID_COLUMNS = [
    sheets.Column("Муниципалитет", "municipality", width=26),
    sheets.Column("Населённый пункт", "settlement", width=22),
    sheets.Column("Код ОКТМО", "oktmo", width=13),
    sheets.Column("Возраст", "band", width=10),
    sheets.Column("Направленность", "focus", width=26),
    sheets.Column("Программ", "programs", kind="int", width=11),
    sheets.Column("Мест", "places", kind="int", width=7),
    sheets.Column("Свободных мест", "free", kind="int", width=16),
    sheets.Column("Пожеланий родителей", "demand", kind="int", width=21),
    sheets.Column("Нет программ", "empty", kind="bool", width=14),
    sheets.Column("В плане", "items", width=34),
]
COVERAGE_COLUMNS = [
    sheets.Column("Муниципалитет", "municipality", width=28),
    sheets.Column("Населённый пункт", "settlement", width=24),
    sheets.Column("Код ОКТМО", "oktmo", width=14),
    sheets.Column("Год статистики", "year", kind="int", width=14),
    *[
        sheets.Column(f"Детей {b.label}", f"children_{b.value}", kind="int", width=15)
        for b in AgeBand
    ],
    sheets.Column("Детей 5–17 лет", "children", kind="int", width=15),
    sheets.Column("Занятых мест (5–17 лет)", "covered", kind="int", width=13),
    sheets.Column("Охват, %", "coverage", kind="decimal", width=10),
]


@staff_required
def supply_export(request):
    form, ids, municipality, chosen = _scope(request)
    as_of = chosen.get("as_of") or timezone.localdate()
    rows = territory.grid(ids, as_of)
    focuses = [Focus(chosen["focus"])] if chosen.get("focus") else territory.FOCUSES

    def grid_rows():
        for row in rows:
            for band in territory.BANDS:
                for focus in focuses:
                    cell = row.cell(band, focus)
                    yield {
                        "municipality": row.settlement.municipality.name,
                        "settlement": str(row.settlement),
                        "oktmo": row.settlement.oktmo,
                        "band": band.label,
                        "focus": Focus(focus).label,
                        "programs": cell.programs,
                        "places": cell.places,
                        "free": cell.free,
                        "demand": cell.demand,
                        "empty": cell.empty,
                        "items": "; ".join(
                            f"п. {item.number.rstrip('.')} плана на {item.plan.period_label}"
                            for item in cell.gaps
                        ),
                    }

    def coverage_rows():
        for row in rows:
            yield {
                "municipality": row.settlement.municipality.name,
                "settlement": str(row.settlement),
                "oktmo": row.settlement.oktmo,
                "year": row.children_year,
                **{f"children_{b.value}": row.children.get(b) for b in AgeBand},
                "children": row.children_total,
                "covered": row.covered_total if row.children_total else None,
                "coverage": row.coverage,
            }

    # One municipality's file names it in its title, not on every line.
    grid_columns, coverage_columns = (
        (GRID_COLUMNS[1:], COVERAGE_COLUMNS[1:])
        if municipality
        else (GRID_COLUMNS, COVERAGE_COLUMNS)
    )
    buffer = io.BytesIO()
    sheets.write_sheets(
        buffer,
        [
            ("Предложение и спрос", sheets.source_rows(grid_rows(), grid_columns), grid_columns),
            (
                "Охват детей",
                sheets.source_rows(coverage_rows(), coverage_columns),
                coverage_columns,
            ),
        ],
    )
    name = municipality.slug if municipality else "region"
    return download(buffer, f"territory-{name}-{as_of:%Y-%m-%d}.xlsx")


# --- gaps into the plan ---------------------------------------------------------------------


def _settlement(request, pk) -> Settlement:
    settlement = get_object_or_404(Settlement.objects.select_related("municipality"), pk=pk)
    if not request.user.manages_municipality(settlement.municipality_id):
        raise PermissionDenied("Это населённый пункт другого муниципалитета.")
    return settlement


@staff_required
def gap_to_plan(request, pk, band, focus):
    settlement = _settlement(request, pk)
    if band not in AgeBand.values or focus not in Focus.values:
        raise PermissionDenied("Нет такой возрастной группы или направленности.")
    form = GapForm(
        request.POST or None,
        municipality_id=settlement.municipality_id,
        initial={"title": territory.gap_title(settlement, band, focus)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plan = data["plan"]
        with service_call(request, form=form, success="Пробел внесён в план.") as call:
            item = territory.gap_link(
                user=request.user,
                settlement=settlement,
                band=band,
                focus=focus,
                plan=plan,
                section=plan.sections.order_by("position").first() if plan else None,
                item=data["item"],
                title=data["title"],
            )
        if call.ok:
            return redirect("plans:detail", item.plan_id)
    return render(
        request,
        "reports/territory_gap.html",
        {
            "form": form,
            "settlement": settlement,
            "gap": f"В {settlement} нет программ {territory.FOCUS_GENITIVE[Focus(focus)]} "
            f"направленности для детей {AgeBand(band).label}.",
            "back": _grid_url(settlement.municipality),
        },
    )


def _grid_url(municipality) -> str:
    return f"{reverse('reports:territory')}?{urlencode({'municipality': municipality.pk})}"


# --- settlements and their children ------------------------------------------------------------


def _municipality(request) -> Municipality:
    """The municipality whose settlements the page keeps: the staff member's own, or the one
    an administrator chose."""
    if request.user.is_administrator:
        pk = request.GET.get("municipality") or request.POST.get("municipality")
        municipality = Municipality.objects.filter(pk=pk).first() if str(pk).isdigit() else None
        if municipality is None:
            municipality = Municipality.objects.order_by("name").first()
        if municipality is None:
            raise PermissionDenied("Сначала создайте муниципалитет.")
        return municipality
    if request.user.municipality is None:
        raise PermissionDenied("Страница доступна сотрудникам МОЦ своего муниципалитета.")
    return request.user.municipality


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
    for count in ChildCount.objects.filter(settlement__municipality=municipality, year=year):
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
        "reports/settlements.html",
        {
            "municipality": municipality,
            "municipalities": Municipality.objects.order_by("name")
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
    settlement = _settlement(request, pk)
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
        "reports/settlement_edit.html",
        {"settlement": settlement, "form": form, "counts": counts, "year": year},
    )


def _settlements_url() -> str:
    return reverse("reports:settlements")


@staff_required
@require_POST
def settlement_delete(request, pk):
    settlement = _settlement(request, pk)
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
