"""Whose centre speaks: each municipality's support centre, or the installation's own.

Every page, letter and document that names the centre asks ``centre_of(municipality)``. A
municipality whose staff have not filled in their centre yet (no full name) gets the
installation's identity from the settings (``MOC_CENTRE_*``: the region, or the single centre
of a one-municipality installation), never a field of one mixed with a field of the other.
"""

from dataclasses import dataclass, field

from celery import shared_task
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from moc_portal.access import check_manages_municipality
from moc_portal.core.errors import DomainError
from moc_portal.users.invitations import invited_account, set_password_url
from moc_portal.users.models import Role, User

from .cache import bump_catalogue_version
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


# --- setting up a municipality: services ----------------------------------------------------


class CentreError(DomainError):
    """A refusal in setting up a municipality or its centre's staff, in Russian."""


@transaction.atomic
def municipality_create(*, user: User, data: dict) -> Municipality:
    """A new municipality of the region, with its (empty) centre for its staff to fill in."""
    if not user.is_administrator:
        raise PermissionDenied("Муниципалитеты заводит администратор региона.")
    municipality = Municipality(**data)
    if not municipality.slug:
        municipality.slug = Municipality.free_slug(municipality.name)
    municipality.full_clean()
    municipality.save()
    Centre.objects.create(municipality=municipality)
    return municipality


@transaction.atomic
def municipality_update(*, user: User, municipality: Municipality, data: dict) -> Municipality:
    """A municipality's name, region, ОКТМО or page address, changed by an administrator."""
    if not user.is_administrator:
        raise PermissionDenied("Муниципалитеты ведёт администратор региона.")
    for name, value in data.items():
        setattr(municipality, name, value)
    if not municipality.slug:
        municipality.slug = Municipality.free_slug(municipality.name)
    municipality.full_clean()
    municipality.save()
    bump_catalogue_version()  # the public pages show its name
    return municipality


@transaction.atomic
def centre_update(*, user: User, municipality: Municipality, data: dict) -> Centre:
    check_manages_municipality(
        user, municipality.pk, "Сведения о центре ведут его сотрудники и администратор региона."
    )
    centre, _ = Centre.objects.select_for_update().get_or_create(municipality=municipality)
    for name, value in data.items():
        setattr(centre, name, value)
    centre.full_clean()
    centre.save()
    bump_catalogue_version()  # the cached public pages show the centre's contacts
    return centre


@transaction.atomic
def staff_invite(
    *,
    user: User,
    municipality: Municipality,
    email: str,
    last_name: str,
    first_name: str,
    middle_name: str = "",
    position: str = "",
    phone: str = "",
) -> User:
    """A member of the municipality's centre staff, invited by e-mail to set a password.

    Inviting someone who has not set a password yet sends a fresh link and revokes the one
    sent before; an address that belongs to anyone else is refused with who it is.
    """
    check_manages_municipality(
        user, municipality.pk, "Сотрудников центра приглашают его сотрудники и администратор."
    )
    email = email.strip().lower()
    person = User.objects.filter(email__iexact=email).first()
    if person is not None:
        if person.role != Role.STAFF:
            raise CentreError(
                f"Адрес {email} уже принадлежит пользователю с ролью "
                f"«{person.get_role_display()}». Укажите другой адрес."
            )
        if person.municipality_id != municipality.pk:
            raise CentreError(
                f"{person.display_name} — сотрудник МОЦ другого муниципалитета "
                f"({person.municipality}). Укажите другой адрес."
            )
        if person.has_usable_password():
            raise CentreError(f"{person.display_name} уже сотрудник этого центра.")
        # A new unusable password changes what the link is made of: the earlier link stops.
        person.set_unusable_password()
        person.save(update_fields=["password"])
    else:
        person = invited_account(
            email=email,
            role=Role.STAFF,
            last_name=last_name,
            first_name=first_name,
            middle_name=middle_name,
            position=position,
            phone=phone,
            municipality=municipality,
        )
    transaction.on_commit(lambda: staff_invitation_send_task.delay(person.pk))
    return person


def staff_invitation_send(*, user_id: int) -> None:
    person = User.objects.select_related("municipality").get(pk=user_id)
    if person.has_usable_password():
        return  # they set a password in the meantime: nothing to invite them to
    centre = centre_of(person.municipality)
    context = {
        "person": person,
        "municipality": person.municipality,
        "centre": centre,
        "set_password_url": set_password_url(person),
    }
    send_mail(
        subject=f"Приглашение на портал МОЦ: {person.municipality}",
        message=render_to_string("emails/staff_invitation.txt", context),
        from_email=None,
        recipient_list=[person.email],
    )


@shared_task(
    name="programs.tasks.staff_invitation_send",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def staff_invitation_send_task(user_id: int) -> None:
    """The invitation's letter, sent in the background (``staff_invitation_send``)."""
    staff_invitation_send(user_id=user_id)
