"""Supply and demand by territory, and its gaps put into a plan: pages of the centre's staff
(their municipality) and of the regional administrator (any, or the region)."""

import io
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from moc_portal.access import staff_required
from moc_portal.core import sheet_layout
from moc_portal.core import spreadsheets as sheets
from moc_portal.core.views import download, service_call
from programs.choices import AgeBand, Focus, focus_genitive
from programs.models import Municipality
from programs.territory import supply as grid_of
from programs.territory.settlement_views import managed_settlement

from . import figures, territory
from .forms import GapForm, TerritoryForm

SETTLEMENTS_PER_PAGE = 40


def _scope(request) -> tuple[TerritoryForm, list[int], Municipality | None, dict]:
    """The grid's form, the municipalities it covers, the one chosen (None: the region) and
    the cleaned choices. Centre staff always see their own municipality."""
    form = TerritoryForm(request.GET or None, user=request.user)
    chosen = form.cleaned_data if form.is_valid() else {}
    managed = Municipality.objects.managed_by(request.user)
    if request.user.is_administrator:
        municipality = chosen.get("municipality")
    else:
        municipality = managed.first()
        if municipality is None:
            raise PermissionDenied("Страница доступна сотрудникам МОЦ своего муниципалитета.")
    ids = [municipality.pk] if municipality else list(managed.values_list("pk", flat=True))
    return form, ids, municipality, chosen


def _percent(value) -> str:
    return "—" if value is None else f"{value} %".replace(".", ",")


@staff_required
def supply(request):
    form, ids, municipality, chosen = _scope(request)
    as_of = chosen.get("as_of") or timezone.localdate()
    rows = territory.grid(ids, as_of)
    focuses = [Focus(chosen["focus"])] if chosen.get("focus") else grid_of.FOCUSES
    totals = grid_of.totals(rows)
    gaps = [g for g in grid_of.gap_sentences(rows) if g["focus"] in focuses]
    page = Paginator(rows, SETTLEMENTS_PER_PAGE).get_page(request.GET.get("page"))
    for row in page:
        row.lines = [
            {"band": band, "cells": [(focus, row.cell(band, focus)) for focus in focuses]}
            for band in grid_of.BANDS
        ]
        row.teacher_cells = [row.teachers.get(focus, 0) for focus in focuses]
    coverage_chart = figures.bars(
        [(str(row.settlement), row.coverage) for row in page if row.coverage is not None],
        text=_percent,
    )
    demand_chart = figures.bars(
        [
            (
                Focus(focus).label,
                sum(row.cell(band, focus).demand for row in rows for band in grid_of.BANDS),
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
            "bands": grid_of.BANDS,
            "focuses": focuses,
            "totals": totals,
            "places": grid_of.group_places(ids, as_of),
            "gaps": gaps,
            "coverage_chart": coverage_chart,
            "demand_chart": demand_chart,
            "query": query.urlencode(),
            "settlements_missing": not rows,
            "can_plan": municipality is not None,
        },
    )


# Wide enough for their headings; printed one landscape page wide.
GRID_COLUMNS = [
    sheets.Column("Муниципалитет", "municipality", width=22),
    sheets.Column("Населённый пункт", "settlement", width=18),
    sheets.Column("Код ОКТМО", "oktmo", width=12),
    sheets.Column("Возраст", "band", width=10),
    sheets.Column("Направленность", "focus", width=22),
    sheets.Column("Программ", "programs", kind="int", width=10),
    sheets.Column("Мест", "places", kind="int", width=7),
    sheets.Column("Свободных мест", "free", kind="int", width=10),
    sheets.Column("Пожеланий родителей", "demand", kind="int", width=11),
    sheets.Column("Нет программ", "empty", kind="bool", width=9),
    sheets.Column("В плане", "items", width=26),
]
COVERAGE_COLUMNS = [
    sheets.Column("Муниципалитет", "municipality", width=22),
    sheets.Column("Населённый пункт", "settlement", width=20),
    sheets.Column("Код ОКТМО", "oktmo", width=12),
    sheets.Column("Год статистики", "year", kind="int", width=11),
    *[
        sheets.Column(f"Детей {b.label}", f"children_{b.value}", kind="int", width=10)
        for b in AgeBand
    ],
    sheets.Column("Детей 5–17 лет", "children", kind="int", width=10),
    sheets.Column("Занятых мест (5–17 лет)", "covered", kind="int", width=11),
    sheets.Column("Охват, %", "coverage", kind="decimal", width=9),
]


@staff_required
def supply_export(request):
    form, ids, municipality, chosen = _scope(request)
    as_of = chosen.get("as_of") or timezone.localdate()
    rows = territory.grid(ids, as_of)
    focuses = [Focus(chosen["focus"])] if chosen.get("focus") else grid_of.FOCUSES
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
            (
                "Предложение и спрос",
                sheets.source_rows(_grid_lines(rows, focuses), grid_columns),
                grid_columns,
            ),
            (
                "Охват детей",
                sheets.source_rows(_coverage_lines(rows), coverage_columns),
                coverage_columns,
            ),
        ],
        title=sheet_layout.PrintTitle("Предложение и спрос по территории", municipality, as_of),
    )
    name = municipality.slug if municipality else "region"
    return download(buffer, f"territory-{name}-{as_of:%Y-%m-%d}.xlsx")


def _grid_lines(rows: list[grid_of.Row], focuses):
    """The grid sheet's lines: one per settlement, age band and focus area (GRID_COLUMNS)."""
    for row in rows:
        for band in grid_of.BANDS:
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


def _coverage_lines(rows: list[grid_of.Row]):
    """The coverage sheet's lines: one per settlement (COVERAGE_COLUMNS)."""
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


# --- gaps into the plan ---------------------------------------------------------------------


@staff_required
def gap_to_plan(request, pk, band, focus):
    settlement = managed_settlement(request, pk)
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
            "gap": f"В {settlement} нет программ {focus_genitive(focus)} "
            f"направленности для детей {AgeBand(band).label}.",
            "back": _grid_url(settlement.municipality),
        },
    )


def _grid_url(municipality) -> str:
    return f"{reverse('reports:territory')}?{urlencode({'municipality': municipality.pk})}"
