"""What the registry gives the systems it exchanges with (the regional Navigator): keys, names
and places of programmes whatever their status, the approved versions' fields, the
organisations that have published programmes. Reads only; ``navigator_sync`` asks here.
"""

from django.db.models import QuerySet

from .models import Organisation, Program, PublishedProgram
from .selectors import public


def programs_for_exchange(program_ids) -> QuerySet[Program]:
    """Key, name and place of programmes, whatever their status: what a sync queue records."""
    return Program.objects.filter(pk__in=program_ids).values(
        "pk",
        "uuid",
        "name",
        "organisation_id",
        "organisation__municipality_id",
        "published__changed_at",
    )


# What an exchange payload is made of: the public shape's columns (``selectors.public``), the
# keys and the organisation (``navigator_sync.mapping``). Loading nothing else keeps a batch of
# 200 cheap (the card, the search columns and the programme's texts are large).
EXCHANGE_FIELDS = [
    "changed_at",
    "municipality_id",
    *public.COLUMNS,
    "specialisation__name",
    "program__uuid",
    "program__navigator_id",
    *(
        f"organisation__{name}"
        for name in (
            "uuid",
            "updated_at",
            "short_name",
            "full_name",
            "inn",
            "ogrn",
            "address",
            "head_name",
            "phone",
            "email",
            "website",
            "municipality__oktmo",
        )
    ),
]


def published_for_exchange(*, program_ids=None) -> QuerySet:
    """Approved versions with what their exchange payload needs, in one query; a person's
    share of them is ``.managed_by(user)``."""
    published = (
        PublishedProgram.objects.select_related(
            "program", "organisation__municipality", "specialisation"
        )
        .only(*EXCHANGE_FIELDS)
        .order_by("program_id")
    )
    if program_ids is not None:
        published = published.filter(program_id__in=program_ids)
    return published


def organisations_for_exchange(organisation_ids) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=organisation_ids).select_related("municipality")


def organisations_with_published(organisation_ids) -> set[int]:
    return set(
        PublishedProgram.objects.filter(organisation_id__in=organisation_ids)
        .values_list("organisation_id", flat=True)
        .distinct()
    )


def programs_by_uuid(uuids) -> QuerySet:
    return Program.objects.filter(uuid__in=uuids).values(
        "pk", "uuid", "name", "organisation__municipality_id"
    )


def program_uuids_in_municipality(uuids: list[str], municipality_id: int) -> list[str]:
    found = []
    for start in range(0, len(uuids), 1000):
        found += Program.objects.filter(
            uuid__in=uuids[start : start + 1000], organisation__municipality_id=municipality_id
        ).values_list("uuid", flat=True)
    return [str(uuid) for uuid in found]
