"""The yearly report's pages: thin interfaces over ``services`` and ``selectors``."""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from moc_portal.access import administrator_required, staff_required
from moc_portal.context_processors import show_municipality
from moc_portal.core.concurrency import snapshot
from moc_portal.core.views import download, service_call

from . import documents, figures, region, selectors, services, word_report, wording
from . import monitoring as monitoring_services
from .forms import (
    FillForm,
    IndicatorForm,
    InputsForm,
    MonitoringFormForm,
    ReportTextsForm,
    YearlyReportForm,
)
from .models import Indicator, MonitoringFill, MonitoringForm, ReportState, YearlyReport


@staff_required
def report_list(request):
    form = None
    if request.user.municipality_id:
        form = YearlyReportForm(
            request.POST or None,
            instance=YearlyReport(
                municipality_id=request.user.municipality_id, as_of=timezone.localdate()
            ),
            municipality_id=request.user.municipality_id,
        )
    elif request.method == "POST":
        raise PermissionDenied("Отчёт составляют сотрудники МОЦ своего муниципалитета.")
    if request.method == "POST" and form.is_valid():
        with service_call(
            request, form=form, success="Отчёт собирается по данным реестра, плана и оценки."
        ) as call:
            report = services.yearly_report_create(user=request.user, report=form.instance)
        if call.ok:
            return redirect("reports:detail", report.pk)
    return render(
        request,
        "reports/list.html",
        {
            "reports": YearlyReport.objects.select_related("municipality", "plan").managed_by(
                request.user
            ),
            "form": form,
        },
    )


def _report(request, pk) -> YearlyReport:
    report = get_object_or_404(
        YearlyReport.objects.select_related("municipality", "plan").managed_by(request.user), pk=pk
    )
    show_municipality(request, report.municipality)
    return report


@staff_required
def report_detail(request, pk):
    report = _report(request, pk)
    return _detail_page(request, report, _texts_form(None, report))


def _texts_form(data, report: YearlyReport) -> ReportTextsForm:
    seen = snapshot(report, services.TEXT_FIELDS)
    return ReportTextsForm(data, instance=report, seen=seen)


def _detail_page(request, report: YearlyReport, texts_form: ReportTextsForm):
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "lifecycle": services.REPORT_LIFECYCLE,
            "editable": services.REPORT_LIFECYCLE.permits(request.user, report, "texts"),
            "texts_form": texts_form,
            "charts": figures.charts(report.data),
            "wording": wording.of(report) if report.data else None,
            "versions": YearlyReport.objects.managed_by(request.user).filter(
                municipality_id=report.municipality_id, academic_year=report.academic_year
            ),
        },
    )


@staff_required
def report_progress(request, pk):
    report = _report(request, pk)
    if request.htmx and report.state != ReportState.BUILDING:
        return HttpResponseClientRefresh()  # built: the whole page shows the tables
    return render(request, "reports/_progress.html", {"report": report})


@staff_required
@require_POST
def report_texts(request, pk):
    report = _report(request, pk)
    form = _texts_form(request.POST, report)
    if form.is_valid():
        with service_call(request, form=form, success="Тексты отчёта сохранены.") as call:
            services.yearly_report_texts(
                user=request.user,
                report=report,
                directions=form.cleaned_data["directions"],
                perspectives=form.cleaned_data["perspectives"],
                seen=form.seen,
            )
        if call.ok:
            return redirect("reports:detail", pk)
    # A refusal keeps what the person wrote, beside the other person's change.
    return _detail_page(request, _report(request, pk), form)


@staff_required
@require_POST
def report_submit(request, pk):
    report = _report(request, pk)
    with service_call(request, success="Отчёт сдан: его цифры больше не меняются."):
        services.yearly_report_submit(user=request.user, report=report)
    return redirect("reports:detail", pk)


@staff_required
@require_POST
def report_rebuild(request, pk):
    report = _report(request, pk)
    with service_call(request, success="Отчёт пересобирается по текущим данным."):
        services.yearly_report_rebuild(user=request.user, report=report)
    return redirect("reports:detail", pk)


@staff_required
@require_POST
def report_new_version(request, pk):
    report = _report(request, pk)
    with service_call(request) as call:
        copy = services.yearly_report_new_version(user=request.user, report=report)
    if not call.ok:
        return redirect("reports:detail", pk)
    messages.success(request, f"Создана версия {copy.version}.")
    return redirect("reports:detail", copy.pk)


@staff_required
def report_export(request, pk, fmt="xlsx"):
    report = _report(request, pk)
    if not report.data:
        raise PermissionDenied("Отчёт ещё не собран.")
    buffer = io.BytesIO()
    writer = {"xlsx": documents.write_xlsx, "docx": word_report.write_docx}[fmt]
    writer(report, buffer)
    return download(
        buffer, f"report-{report.academic_year.replace('/', '-')}-v{report.version}.{fmt}"
    )


@staff_required
def report_compare(request, pk, other):
    report = _report(request, pk)
    other_report = _report(request, other)
    older, newer = sorted([other_report, report], key=lambda r: r.version)
    return render(
        request,
        "reports/compare.html",
        {
            "older": older,
            "newer": newer,
            "rows": figures.compare(older.data, newer.data),
        },
    )


def _regional(request):
    years = list(
        YearlyReport.objects.order_by("-academic_year")
        .values_list("academic_year", flat=True)
        .distinct()
    )
    year = request.GET.get("year") or (years[0] if years else "")
    reports = selectors.regional_reports(year)
    labels = [label for label, _ in figures.flat_figures(reports[0].data)] if reports else []
    columns = [dict(figures.flat_figures(r.data)) for r in reports]
    rows = [(label, [column.get(label) for column in columns]) for label in labels]
    return years, year, reports, rows


@administrator_required
def regional(request):
    years, year, reports, rows = _regional(request)
    return render(
        request,
        "reports/regional.html",
        {"years": years, "year": year, "reports": reports, "rows": rows},
    )


@administrator_required
def region_overview(request):
    return render(request, "reports/region_overview.html", {"rows": region.municipality_overview()})


@administrator_required
def regional_export(request):
    years, year, reports, rows = _regional(request)
    buffer = io.BytesIO()
    documents.write_regional_xlsx(year, reports, rows, buffer)
    return download(buffer, f"region-{year.replace('/', '-') or 'none'}.xlsx")


# --- monitoring forms ---------------------------------------------------------------------------


@staff_required
def monitoring_list(request):
    form = None
    if request.user.municipality_id:
        form = MonitoringFormForm(
            request.POST or None,
            instance=MonitoringForm(municipality_id=request.user.municipality_id),
        )
    elif request.method == "POST":
        raise PermissionDenied("Формы мониторинга ведут сотрудники МОЦ своего муниципалитета.")
    if request.method == "POST" and form.is_valid():
        created = form.save()
        messages.success(request, "Форма создана: добавьте показатели.")
        return redirect("reports:monitoring_form", created.pk)
    return render(
        request,
        "reports/monitoring_list.html",
        {"forms": MonitoringForm.objects.managed_by(request.user), "form": form},
    )


@staff_required
def monitoring_form(request, pk):
    monitoring = get_object_or_404(MonitoringForm.objects.managed_by(request.user), pk=pk)
    indicator_form = IndicatorForm(
        request.POST if "indicator" in request.POST else None,
        instance=Indicator(form=monitoring),
        prefix="indicator",
    )
    fill_form = FillForm(
        request.POST if "fill" in request.POST else None,
        instance=MonitoringFill(form=monitoring, as_of=timezone.localdate()),
        prefix="fill",
    )
    if "indicator" in request.POST and indicator_form.is_valid():
        with service_call(request, form=indicator_form, success="Показатель добавлен.") as call:
            monitoring_services.indicator_save(user=request.user, indicator=indicator_form.instance)
        if call.ok:
            return redirect("reports:monitoring_form", pk)
    if "fill" in request.POST and fill_form.is_valid():
        fill = monitoring_services.fill_create(
            user=request.user,
            form=monitoring,
            period_label=fill_form.cleaned_data["period_label"],
            as_of=fill_form.cleaned_data["as_of"],
        )
        return redirect("reports:monitoring_fill", fill.pk)
    return render(
        request,
        "reports/monitoring_form.html",
        {
            "monitoring": monitoring,
            "indicators": monitoring.indicators.all(),
            "indicator_form": indicator_form,
            "fill_form": fill_form,
            "fills": monitoring.fills.all(),
            "variables": monitoring_services.data_variables(),
        },
    )


@staff_required
def monitoring_fill(request, pk):
    fill = get_object_or_404(
        MonitoringFill.objects.managed_by(request.user).select_related("form"),
        pk=pk,
    )
    inputs = InputsForm(request.POST or None, fill=fill, seen=monitoring_services.fill_seen(fill))
    if request.method == "POST":
        if "submit" in request.POST:
            with service_call(request, success="Форма сдана: значения зафиксированы."):
                monitoring_services.fill_submit(user=request.user, fill=fill)
            return redirect("reports:monitoring_fill", pk)
        if inputs.is_valid():
            with service_call(
                request, form=inputs, success="Значения сохранены и показатели пересчитаны."
            ) as call:
                monitoring_services.fill_inputs_save(
                    user=request.user, fill=fill, inputs=inputs.cleaned_data, seen=inputs.seen
                )
            if call.ok:
                return redirect("reports:monitoring_fill", pk)
            fill.refresh_from_db()
    indicators = list(fill.form.indicators.all())
    return render(
        request,
        "reports/monitoring_fill.html",
        {
            "fill": fill,
            "lifecycle": monitoring_services.FILL_LIFECYCLE,
            "editable": monitoring_services.FILL_LIFECYCLE.permits(request.user, fill, "save"),
            "inputs": inputs,
            "rows": [(i, fill.values.get(i.code)) for i in indicators],
        },
    )
