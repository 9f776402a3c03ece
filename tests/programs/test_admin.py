"""The Django admin saves through the services: an edit there is recorded, armed for the
Navigator and shown in the catalogue, like the same edit made in the portal."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from navigator_sync.models import SyncOutboxEntry
from programs.choices import ProgramStatus
from tests.conftest import login, move_to
from tests.factories import ProgramFactory, ProgramGroupFactory

pytestmark = pytest.mark.django_db

Entry = SyncOutboxEntry


class FormValues(HTMLParser):
    """What a browser would send for the page's form: every named field as it stands."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._select = None
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values.setdefault(name, []).append(attrs.get("value") or "on")
                return
            self.values.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            # Browsers drop the one newline that follows <textarea>.
            self.values[self._textarea][0] = self.values[self._textarea][0].removeprefix("\n")
            self._textarea = None


def form_values(client, url) -> dict[str, list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    parser = FormValues()
    parser.feed(response.content.decode())
    return {name: values for name, values in parser.values.items() if values}


def admin_save(client, url, capture, **changes):
    """Open the admin's change form, change some fields, press «Сохранить»; what runs after
    the commit (the Navigator's queue, the catalogue's cache) runs too."""
    data = {**form_values(client, url), **{name: [value] for name, value in changes.items()}}
    with capture(execute=True):
        return client.post(url, data)


@pytest.fixture
def published(org_a, staff, coordinator_a, django_capture_on_commit_callbacks):
    program = ProgramFactory(organisation=org_a, name="Робототехника для начинающих")
    ProgramGroupFactory(program=program)
    with django_capture_on_commit_callbacks(execute=True):
        program = move_to(program, ProgramStatus.PUBLISHED, staff=staff, coordinator=coordinator_a)
    Entry.objects.all().delete()
    return program


def test_admin_edit_of_a_published_programme_reaches_the_outbox_and_the_public_page(
    client, administrator, published, django_capture_on_commit_callbacks
):
    catalogue = reverse("programs:catalogue")
    assert "Робототехника для начинающих" in client.get(catalogue).content.decode()

    login(client, administrator)
    url = reverse("admin:programs_program_change", args=[published.pk])
    response = admin_save(
        client, url, django_capture_on_commit_callbacks, name="Робототехника и программирование"
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    published.refresh_from_db()
    assert published.name == "Робототехника и программирование"
    assert published.status == ProgramStatus.PUBLISHED
    assert published.transitions.filter(to_status=ProgramStatus.PUBLISHED).count() == 1
    entry = Entry.objects.get(kind=Entry.Kind.PROGRAM, object_id=published.pk)
    assert entry.state == Entry.State.PENDING

    client.logout()
    page = client.get(catalogue).content.decode()
    assert "Робототехника и программирование" in page
    assert "Робототехника для начинающих" not in page


def test_admin_edit_of_an_organisation_reaches_the_outbox(
    client, administrator, published, org_a, django_capture_on_commit_callbacks
):
    login(client, administrator)
    url = reverse("admin:programs_organisation_change", args=[org_a.pk])
    response = admin_save(
        client, url, django_capture_on_commit_callbacks, phone="+7 (47471) 2-00-00"
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    org_a.refresh_from_db()
    assert org_a.phone == "+7 (47471) 2-00-00"
    entry = Entry.objects.get(kind=Entry.Kind.ORGANISATION, object_id=org_a.pk)
    assert entry.state == Entry.State.PENDING


def test_admin_opens_an_archived_programme_read_only(
    client, administrator, org_a, staff, coordinator_a, django_capture_on_commit_callbacks
):
    program = ProgramFactory(organisation=org_a)
    ProgramGroupFactory(program=program)
    program = move_to(program, ProgramStatus.ARCHIVED, staff=staff, coordinator=coordinator_a)
    login(client, administrator)
    url = reverse("admin:programs_program_change", args=[program.pk])
    assert client.get(url).status_code == 200
    response = admin_save(client, url, django_capture_on_commit_callbacks, name="Другое")
    assert response.status_code == 403
    program.refresh_from_db()
    assert program.name != "Другое"
