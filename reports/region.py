"""The regional administrator's view of every municipality at a glance: its centre and
staff, organisations, programmes by status, the Navigator push, plans and the last report."""

from collections import defaultdict

from django.db.models import BooleanField, Count, ExpressionWrapper, Q

from moc_portal.users.models import Role, User
from navigator_sync.models import SyncOutboxEntry
from plans.models import Plan, PlanState
from programs.choices import ProgramStatus
from programs.models import Municipality, Organisation, Program

from .models import YearlyReport


def _counts(queryset, key: str, field: str) -> dict:
    """{municipality id: {value: count}} in one grouped query."""
    result = defaultdict(dict)
    for municipality_id, value, n in (
        queryset.values_list(key, field).annotate(n=Count("pk")).order_by()
    ):
        result[municipality_id][value] = n
    return result


def municipality_overview() -> list[dict]:
    """One row per municipality; a fixed number of queries however many there are."""
    municipalities = list(Municipality.objects.select_related("centre").order_by("name"))
    organisations = dict(
        Organisation.objects.values_list("municipality_id").annotate(n=Count("pk")).order_by()
    )
    programs = _counts(Program.objects.all(), "organisation__municipality_id", "status")
    plans = _counts(Plan.objects.all(), "municipality_id", "state")
    outbox = _counts(SyncOutboxEntry.objects.all(), "municipality_id", "state")
    staff = _counts(
        User.objects.filter(role=Role.STAFF, is_active=True).annotate(
            pending=ExpressionWrapper(Q(password__startswith="!"), output_field=BooleanField())
        ),
        "municipality_id",
        "pending",
    )
    last_reports = {}
    for report in YearlyReport.objects.order_by("municipality_id", "-academic_year", "-version"):
        last_reports.setdefault(report.municipality_id, report)
    rows = []
    for municipality in municipalities:
        centre = getattr(municipality, "centre", None)
        sync = outbox.get(municipality.pk, {})
        rows.append(
            {
                "municipality": municipality,
                "centre": centre if centre and centre.full_name else None,
                "staff": sum(staff.get(municipality.pk, {}).values()),
                "staff_pending": staff.get(municipality.pk, {}).get(True, 0),
                "organisations": organisations.get(municipality.pk, 0),
                "programs": [
                    (value, label, programs.get(municipality.pk, {}).get(value, 0))
                    for value, label in ProgramStatus.choices
                ],
                "sync": {
                    "done": sync.get(SyncOutboxEntry.State.DONE, 0),
                    "waiting": sync.get(SyncOutboxEntry.State.PENDING, 0)
                    + sync.get(SyncOutboxEntry.State.IN_FLIGHT, 0),
                    "failed": sync.get(SyncOutboxEntry.State.FAILED, 0),
                },
                "plans": [
                    (value, label, plans.get(municipality.pk, {}).get(value, 0))
                    for value, label in PlanState.choices
                ],
                "report": last_reports.get(municipality.pk),
            }
        )
    return rows
