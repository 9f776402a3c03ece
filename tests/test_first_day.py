"""The first day of a new installation, as the README leads to it: the first account made
by ``createsuperuser`` is an administrator on the portal too, the home page changes the
moment a second municipality is created, and `make run` gives the installation no real
centre's name (a municipality whose card is empty speaks as the neutral installation)."""

import importlib
import io
import os
import subprocess

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from moc_portal.demo.people import demo_centres_load
from moc_portal.users.models import Role, User
from programs.models import Centre, Municipality
from programs.territory import services as territory_services
from programs.territory.centres import centre_of, installation_centre
from tests.factories import AdministratorFactory

pytestmark = pytest.mark.django_db


def test_createsuperuser_makes_an_administrator_with_the_administrators_cabinet(client):
    call_command(
        "createsuperuser",
        "--noinput",
        username="first",
        email="first@example.org",
        stdout=io.StringIO(),
    )
    first = User.objects.get(username="first")
    assert first.role == Role.ADMINISTRATOR and first.is_administrator
    first.set_password("first-pass-123")
    first.save()
    client.force_login(first)

    cabinet = client.get(reverse("users:cabinet")).content.decode()
    assert "Кабинет администратора" in cabinet
    assert "Кабинет сотрудника МОЦ" not in cabinet
    assert "Координатор организации" not in cabinet
    assert f"{first.display_name} · Администратор" in cabinet
    assert reverse("reports:region_overview") in cabinet


def test_superusers_left_coordinators_become_administrators():
    """The data migration: an account ``createsuperuser`` made before it set the role."""
    early = User.objects.create_user("early", "early@example.org", is_superuser=True)
    assert early.role == Role.COORDINATOR  # the field's default, as it used to be
    coordinator = User.objects.create_user("coordinator", "c@example.org")
    staff = User.objects.create_user("boss", "b@example.org", is_superuser=True, role=Role.STAFF)

    migration = importlib.import_module(
        "moc_portal.users.migrations.0003_superusers_are_administrators"
    )
    migration.superusers_administrators(apps, None)

    early.refresh_from_db(), coordinator.refresh_from_db(), staff.refresh_from_db()
    assert early.role == Role.ADMINISTRATOR
    assert coordinator.role == Role.COORDINATOR  # not a superuser: a coordinator still
    assert staff.role == Role.STAFF and staff.role_label == "Администратор"


def home(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_home_page_shows_the_chooser_the_moment_a_second_municipality_is_created(
    client, municipality, settings, django_capture_on_commit_callbacks
):
    settings.CATALOGUE_CACHE_SECONDS = 300
    Centre.objects.update_or_create(
        municipality=municipality,
        defaults={"full_name": "МОЦ Задонского района", "phone": "+7 (47471) 2-11-44"},
    )
    first = home(client)  # kept in the cache for anonymous visitors
    assert "Выберите муниципалитет" not in first
    assert "МОЦ Задонского района" in first and "2-11-44" in first

    with django_capture_on_commit_callbacks(execute=True):  # as the request's commit
        territory_services.municipality_create(
            user=AdministratorFactory(),
            data={"name": "Город Елец", "region": "Липецкая область", "oktmo": "42715000"},
        )

    page = home(client)
    assert "Выберите муниципалитет" in page
    assert "Город Елец" in page and municipality.name in page
    # The region's page speaks for the installation, not for the first municipality's centre.
    assert "2-11-44" not in page and "МОЦ Задонского района" not in page


def test_a_centres_new_contacts_show_at_once_however_they_are_saved(
    client, municipality, django_capture_on_commit_callbacks
):
    centre, _ = Centre.objects.update_or_create(
        municipality=municipality,
        defaults={"full_name": "МОЦ Задонского района", "phone": "+7 (47471) 2-11-44"},
    )
    assert "2-11-44" in home(client)

    with django_capture_on_commit_callbacks(execute=True):
        territory_services.centre_update(
            user=AdministratorFactory(),
            municipality=municipality,
            data={"phone": "+7 (47471) 3-33-33"},
        )
    assert "3-33-33" in home(client)

    # As the admin saves it, without the service.
    centre.refresh_from_db()
    centre.phone = "+7 (47471) 4-44-44"
    with django_capture_on_commit_callbacks(execute=True):
        centre.save()
    assert "4-44-44" in home(client)

    with django_capture_on_commit_callbacks(execute=True):
        Municipality.objects.filter(pk=municipality.pk).delete()
    assert "МОЦ Задонского района" not in home(client)


def test_make_run_gives_the_installation_no_real_centres_identity():
    """`make run` leaves the installation its own (neutral) identity and builds the open data
    set after the demo; the demo's centres speak from their own cards."""
    dry = subprocess.run(
        ["make", "-n", "run"],
        cwd=settings.BASE_DIR,
        env={k: v for k, v in os.environ.items() if not k.startswith("MOC_CENTRE_")},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "MOC_CENTRE_" not in dry and "Задонск" not in dry
    commands = [line for line in dry.splitlines() if "manage.py" in line]
    assert [c.split("manage.py ")[1].split()[0] for c in commands] == [
        "migrate",
        "load_demo",
        "open_data_build",
        "runserver",
    ]


def test_a_municipality_with_an_empty_card_speaks_as_the_neutral_installation(
    client, django_capture_on_commit_callbacks
):
    zadonsk = demo_centres_load()[0]
    assert centre_of(zadonsk).phone == "+7 (47471) 2-11-44"  # its own card, in the demo data
    with django_capture_on_commit_callbacks(execute=True):
        new = territory_services.municipality_create(
            user=AdministratorFactory(),
            data={"name": "Город Елец", "region": "Липецкая область", "oktmo": "42715000"},
        )
    assert centre_of(new) == installation_centre()
    assert "Задонск" not in settings.MOC_CENTRE_NAME and not settings.MOC_CENTRE_PHONE

    page = client.get(reverse("portal:municipality", args=[new.slug])).content.decode()
    assert "Город Елец" in page
    assert "2-11-44" not in page and "Задонск" not in page
