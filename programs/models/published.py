"""The approved version of a programme: what the public catalogue shows and filters on."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from moc_portal.core.scopes import ManagedQuerySet

from ..choices import Focus, Level, ProgramType, StudyForm
from ..territory.models import Municipality
from .organisations import Organisation
from .programmes import Program, Specialisation


class PublishedProgram(models.Model):
    """The last approved version of a programme: the only thing the public sees.

    Written by the approve service, removed by the archive service. ``card`` holds the
    approved card as the moderator saw it; the columns beside it are what the public
    catalogue filters on.
    """

    program = models.OneToOneField(
        Program, on_delete=models.CASCADE, primary_key=True, related_name="published"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="published_programs"
    )
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=500)
    short_description = models.TextField()
    focus = models.CharField(max_length=20, choices=Focus.choices)
    specialisation = models.ForeignKey(
        Specialisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    level = models.CharField(max_length=20, choices=Level.choices)
    program_type = models.CharField(
        max_length=20, choices=ProgramType.choices, default=ProgramType.GENERAL_DEVELOPMENT
    )
    age_from = models.PositiveSmallIntegerField()
    age_to = models.PositiveSmallIntegerField()
    study_form = models.CharField(
        max_length=20, choices=StudyForm.choices, default=StudyForm.FULL_TIME
    )
    uses_distance_technologies = models.BooleanField(default=False)
    ovz_suitable = models.BooleanField(default=False)
    # "|vision|hearing|": one category is found with a plain substring lookup on any database.
    ovz_categories_key = models.CharField(max_length=255, blank=True)
    aids_career_guidance = models.BooleanField(default=False)
    funding_budget = models.BooleanField(default=False)
    funding_certificate = models.BooleanField(default=False)
    funding_paid = models.BooleanField(default=False)
    cost = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    # The earliest start and latest end of the groups' enrolment windows.
    enrolment_from = models.DateField(null=True, blank=True)
    enrolment_to = models.DateField(null=True, blank=True)
    image = models.CharField(max_length=255, blank=True)
    # Lower case with ё written as е: what searches compare against.
    search_title = models.CharField(max_length=500, blank=True)
    search_text = models.TextField(blank=True)
    # PostgreSQL only: the Russian full-text document built from the two fields above.
    search_vector = SearchVectorField(null=True, blank=True)
    card = models.JSONField()
    # The approved version as data (groups, schedule, partners, codes) for exchange with
    # other systems; ``card`` is the same version as a person reads it.
    data = models.JSONField(default=dict)
    approved_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Any change of what other systems read (a new approval, free places): the push leaves a
    # programme whose version it sent last alone without building its payload.
    changed_at = models.DateTimeField(auto_now=True)

    objects = ManagedQuerySet.as_manager()

    class Meta:
        verbose_name = "опубликованная версия"
        verbose_name_plural = "опубликованные версии"
        indexes = [
            models.Index(fields=["municipality", "focus"]),
            models.Index(fields=["focus", "age_from", "age_to"]),
            models.Index(fields=["age_from", "age_to"]),
            models.Index(fields=["approved_at"]),
            models.Index(fields=["search_title", "program"], name="programs_published_title"),
            models.Index(
                fields=["ovz_categories_key"],
                condition=models.Q(ovz_suitable=True),
                name="programs_published_ovz",
            ),
        ]

    def __str__(self):
        return self.name
