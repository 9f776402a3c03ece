from .models import YearlyReport


def regional_reports(academic_year: str) -> list[YearlyReport]:
    """For every municipality its report of the year: the latest submitted version, else the
    latest version built."""
    chosen: dict[int, YearlyReport] = {}
    reports = (
        YearlyReport.objects.filter(academic_year=academic_year)
        .exclude(data={})
        .select_related("municipality")
        .order_by("municipality__name", "version")
    )
    for report in reports:
        current = chosen.get(report.municipality_id)
        if current is None or current.state != "submitted" or report.state == "submitted":
            chosen[report.municipality_id] = report
    return list(chosen.values())
