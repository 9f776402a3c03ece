from django.db.models import QuerySet

from moc_portal.users.models import User

from .models import YearlyReport


def reports_for_user(user: User) -> QuerySet[YearlyReport]:
    reports = YearlyReport.objects.select_related("municipality", "plan")
    if user.is_administrator:
        return reports
    if user.is_centre_staff:
        return reports.filter(municipality_id=user.municipality_id)
    return reports.none()
