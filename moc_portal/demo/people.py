"""The demo's accounts, one per role (all with ``DEMO_PASSWORD``), and the demo region's
municipalities with their support centres filled in from the seeds' headers."""

from moc_portal.users.models import Role, User
from programs.models import Centre, Municipality

from .registry_data import CENTRES, DEMO_PASSWORD


def demo_users(municipality) -> dict:
    specs = {
        "administrator": ("admin", Role.ADMINISTRATOR, "Администратов", "Алексей", None),
        "staff": ("moc", Role.STAFF, "Мещерякова", "Ольга", municipality),
        "coordinator": ("koordinator", Role.COORDINATOR, "Лапина", "Елена", None),
        "expert": ("ekspert", Role.EXPERT, "Бочаров", "Андрей", None),
        # The regional model centre's administrator: every municipality, no Django admin.
        "regional": ("regional", Role.ADMINISTRATOR, "Региональная", "Марина", None),
    }
    users = {}
    for key, (username, role, last, first, muni) in specs.items():
        user = User(
            username=username,
            email=f"{username}@zadonsk-edu.example",
            last_name=last,
            first_name=first,
            role=role,
            municipality=muni,
            is_staff=username == "admin",
            is_superuser=username == "admin",
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        users[key] = user
    return users


def demo_centres_load() -> list[Municipality]:
    """The demo region's municipalities with their centres filled in, as their staff would."""
    municipalities = []
    for spec in CENTRES:
        name, region, oktmo = spec["municipality"]
        municipality, _ = Municipality.objects.get_or_create(
            oktmo=oktmo, defaults={"name": name, "region": region}
        )
        Centre.objects.update_or_create(
            municipality=municipality,
            defaults={k: v for k, v in spec.items() if k != "municipality"},
        )
        municipalities.append(municipality)
    return municipalities
