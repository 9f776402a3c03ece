"""The Django admin saves through the services: an edit there is recorded, armed for the
Navigator and shown in the catalogue, like the same edit made in the portal; the reference
lists kept only there (specialisations, experts' profiles) have their own small services."""

from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from moc_portal.users import services as account_services
from navigator_sync.models import SyncOutboxEntry
from programs import specialisations
from programs.assessment import experts
from programs.assessment.models import ExpertProfile
from programs.choices import Focus, ProgramStatus
from programs.models import Specialisation
from tests.factories import ExpertFactory, StaffFactory
from tests.helpers import login, move_to
from tests.programs.factories import ProgramFactory, ProgramGroupFactory

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


# --- specialisations and experts' profiles ---------------------------------------------------


def test_admin_adds_and_edits_a_specialisation_and_a_stale_save_is_refused(client, administrator):
    login(client, administrator)
    response = client.post(
        reverse("admin:programs_specialisation_add"),
        {"focus": Focus.TECHNICAL, "name": "Беспилотные авиасистемы"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    specialisation = Specialisation.objects.get(name="Беспилотные авиасистемы")
    assert specialisation.focus == Focus.TECHNICAL

    url = reverse("admin:programs_specialisation_change", args=[specialisation.pk])
    data = form_values(client, url)
    assert data["seen"]
    response = client.post(url, {**data, "name": ["Беспилотные авиационные системы"]})
    assert response.status_code == 302, response.content.decode()[:2000]
    specialisation.refresh_from_db()
    assert specialisation.name == "Беспилотные авиационные системы"

    # The form opened before that save is refused with the other change.
    response = client.post(url, {**data, "name": ["Дроны"]}, follow=True)
    page = response.content.decode()
    assert "сохранил другой пользователь" in page
    assert "«Беспилотные авиасистемы» → «Беспилотные авиационные системы»" in page
    specialisation.refresh_from_db()
    assert specialisation.name == "Беспилотные авиационные системы"


def test_a_specialisation_used_by_programmes_keeps_its_focus_and_is_never_deleted(
    client, administrator, org_a
):
    specialisation = Specialisation.objects.create(focus=Focus.TECHNICAL, name="Робототехника")
    ProgramFactory(organisation=org_a, focus=Focus.TECHNICAL, specialisation=specialisation)
    login(client, administrator)
    url = reverse("admin:programs_specialisation_change", args=[specialisation.pk])
    response = client.post(url, {**form_values(client, url), "focus": [Focus.ARTS]}, follow=True)
    assert "его направленность не меняется" in response.content.decode()
    specialisation.refresh_from_db()
    assert specialisation.focus == Focus.TECHNICAL

    delete = reverse("admin:programs_specialisation_delete", args=[specialisation.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Specialisation.objects.filter(pk=specialisation.pk).exists()


def test_a_staff_member_with_admin_access_cannot_change_specialisations_through_the_service(
    municipality,
):
    staff = StaffFactory(municipality=municipality, is_staff=True)
    specialisation = Specialisation.objects.create(focus=Focus.ARTS, name="Хореография")
    with pytest.raises(PermissionDenied):
        specialisations.specialisation_create(
            user=staff, data={"focus": Focus.ARTS, "name": "Вокал"}
        )
    with pytest.raises(PermissionDenied):
        specialisations.specialisation_update(
            user=staff, specialisation=specialisation, data={"name": "Танцы"}
        )
    assert list(Specialisation.objects.values_list("name", flat=True)) == ["Хореография"]


def test_admin_adds_and_edits_an_expert_profile_and_a_stale_save_is_refused(
    client, administrator, org_a, org_b
):
    expert = ExpertFactory(last_name="Бочаров")
    login(client, administrator)
    response = client.post(
        reverse("admin:assessment_expertprofile_add"),
        {"user": expert.pk, "organisation": org_a.pk, "position": "учитель физики"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    profile = ExpertProfile.objects.get(user=expert)
    assert (profile.organisation, profile.position) == (org_a, "учитель физики")

    url = reverse("admin:assessment_expertprofile_change", args=[profile.pk])
    data = form_values(client, url)
    assert data["seen"] and "user" not in data  # the profile stays its expert's
    response = client.post(url, {**data, "organisation": [str(org_b.pk)]})
    assert response.status_code == 302, response.content.decode()[:2000]
    profile.refresh_from_db()
    assert profile.organisation == org_b

    response = client.post(url, {**data, "position": ["методист"]}, follow=True)
    page = response.content.decode()
    assert "сохранил другой пользователь" in page
    assert f"«{org_a.short_name}» → «{org_b.short_name}»" in page
    profile.refresh_from_db()
    assert (profile.organisation, profile.position) == (org_b, "учитель физики")


def test_only_an_expert_gets_a_profile_and_only_an_administrator_keeps_them(
    administrator, staff, coordinator_a, org_a
):
    with pytest.raises(ValidationError, match="не эксперт"):
        experts.expert_profile_create(
            user=administrator, expert=coordinator_a, data={"organisation": org_a}
        )
    expert = ExpertFactory()
    with pytest.raises(PermissionDenied):
        experts.expert_profile_create(user=staff, expert=expert, data={"organisation": org_a})
    assert not ExpertProfile.objects.exists()


def test_the_admins_services_refuse_what_they_do_not_keep(administrator, org_a):
    expert = ExpertFactory(last_name="Бочаров")
    specialisation = Specialisation.objects.create(focus=Focus.ARTS, name="Хореография")
    profile = experts.expert_profile_create(
        user=administrator, expert=expert, data={"organisation": org_a}
    )
    refused = [
        lambda: account_services.account_update(
            user=administrator, account=expert, data={"last_name": "Петров", "password": "x"}
        ),
        lambda: specialisations.specialisation_update(
            user=administrator, specialisation=specialisation, data={"id": 5, "name": "Танцы"}
        ),
        lambda: experts.expert_profile_update(
            user=administrator, profile=profile, data={"user": administrator}
        ),
    ]
    messages = []
    for attempt in refused:
        with pytest.raises(PermissionDenied) as refusal:
            attempt()
        messages.append(str(refusal.value))
    assert messages == [
        "Эти сведения здесь не меняются: password.",
        "Эти сведения здесь не меняются: id.",
        "Эти сведения здесь не меняются: user.",
    ]
    expert.refresh_from_db()
    specialisation.refresh_from_db()
    profile.refresh_from_db()
    assert (expert.last_name, specialisation.name, profile.user) == (
        "Бочаров",
        "Хореография",
        expert,
    )
