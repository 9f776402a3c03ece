"""What parents may find: the public catalogue's programmes, with the quality assessment's
recommendation. Above both the registry's selectors and the assessment, which import
neither this module nor each other's pages."""

from django.db.models import QuerySet

from .assessment.selectors import recommended_exists
from .models import PublishedProgram


def catalogue() -> QuerySet[PublishedProgram]:
    """What parents may find: approved versions, with only the columns a result card shows."""
    return (
        PublishedProgram.objects.select_related("organisation", "municipality")
        .annotate(recommended=recommended_exists())
        .only(
            "pk",
            "name",
            "short_description",
            "focus",
            "age_from",
            "age_to",
            "funding_budget",
            "funding_certificate",
            "funding_paid",
            "cost",
            "ovz_suitable",
            "uses_distance_technologies",
            "enrolment_from",
            "enrolment_to",
            "approved_at",
            "organisation__short_name",
            "organisation__address",
            "municipality__name",
        )
    )
