"""Whose centre speaks: each municipality's support centre, or the installation's own.

Every page, letter and document that names the centre asks ``centre_of(municipality)``. A
municipality whose staff have not filled in their centre yet (no full name) gets the
installation's identity from the settings (``MOC_CENTRE_*``: the region, or the single centre
of a one-municipality installation), never a field of one mixed with a field of the other.
"""

from dataclasses import dataclass, field

from django.conf import settings

from .models import Centre, Municipality

# The municipality a parent chose on the home page, remembered for a year.
CHOICE_COOKIE = "municipality"
CHOICE_COOKIE_AGE = 365 * 24 * 3600


@dataclass(frozen=True)
class CentreIdentity:
    full_name: str
    short_name: str = ""
    base_organisation: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    head_post: str = ""
    head_name: str = ""
    letterhead: str = ""
    municipality: Municipality | None = field(default=None, compare=False)

    @property
    def name(self) -> str:
        return self.full_name

    @property
    def letterhead_lines(self) -> list[str]:
        return [line.strip() for line in self.letterhead.splitlines() if line.strip()]

    @property
    def has_contacts(self) -> bool:
        return bool(self.phone or self.email)


FIELDS = [
    "full_name",
    "short_name",
    "base_organisation",
    "address",
    "phone",
    "email",
    "website",
    "head_post",
    "head_name",
    "letterhead",
]


def installation_centre() -> CentreIdentity:
    return CentreIdentity(
        full_name=settings.MOC_CENTRE_NAME,
        short_name=settings.MOC_CENTRE_SHORT_NAME,
        address=settings.MOC_CENTRE_ADDRESS,
        phone=settings.MOC_CENTRE_PHONE,
        email=settings.MOC_CENTRE_EMAIL,
    )


def centre_of(municipality: Municipality | int | None) -> CentreIdentity:
    """The centre that speaks for the municipality (its own once its name is filled in)."""
    if municipality is None:
        return installation_centre()
    municipality_id = municipality if isinstance(municipality, int) else municipality.pk
    centre = (
        Centre.objects.select_related("municipality")
        .filter(municipality_id=municipality_id)
        .exclude(full_name="")
        .first()
    )
    if centre is None:
        return installation_centre()
    return CentreIdentity(
        **{name: getattr(centre, name) for name in FIELDS}, municipality=centre.municipality
    )


def sole_municipality() -> Municipality | None:
    """The municipality of a one-municipality installation; None when there are several."""
    first_two = list(Municipality.objects.order_by("pk")[:2])
    return first_two[0] if len(first_two) == 1 else None
