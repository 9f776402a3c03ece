"""Contests for viewing: they are set up, applied to and judged through ``contests.services``
on the portal's pages, each step checked by its lifecycle."""

from django.contrib import admin

from moc_portal.core.admin import ReadOnlyAdmin, ReadOnlyTabularInline

from .models import AgeCategory, Contest, Entry, Nomination, Participant


class NominationInline(ReadOnlyTabularInline):
    model = Nomination
    fields = ["position", "title", "source"]


class AgeCategoryInline(ReadOnlyTabularInline):
    model = AgeCategory
    fields = ["position", "title", "age_from", "age_to", "source"]


@admin.register(Contest)
class ContestAdmin(ReadOnlyAdmin):
    list_display = ["title", "level", "municipality", "state", "applications_to"]
    list_filter = ["level", "state", "audience", "municipality"]
    search_fields = ["title"]
    inlines = [NominationInline, AgeCategoryInline]


class ParticipantInline(ReadOnlyTabularInline):
    model = Participant
    fields = ["kind", "surname", "name", "patronymic", "birth_date", "consent"]


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdmin):
    list_display = ["code", "contest", "organisation", "nomination", "state"]
    list_filter = ["state"]
    search_fields = ["code", "contest__title", "organisation__short_name"]
    list_select_related = ["contest", "organisation", "nomination"]
    inlines = [ParticipantInline]
