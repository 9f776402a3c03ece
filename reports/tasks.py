from celery import shared_task

from . import services


@shared_task
def yearly_report_build(report_id: int) -> int:
    """Build the report's tables in the background (the page shows the progress)."""
    return services.yearly_report_build(report_id).progress
