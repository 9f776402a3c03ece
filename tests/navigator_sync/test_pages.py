"""The staff page, its actions, the admin, the commands and the manual Excel fallback."""

import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from navigator_sync import exports, outbox
from navigator_sync.mapping import program_payload
from navigator_sync.models import SyncOutboxEntry, SyncState
from navigator_sync.outbox import sending
from programs.choices import ProgramStatus
from tests.helpers import login, move_to
from tests.programs.factories import OrganisationFactory, ProgramFactory, ProgramGroupFactory

from .standin import TOKEN, standin_thread

Entry = SyncOutboxEntry


@pytest.fixture
def published_a(org_a, staff, coordinator_a):
    program = ProgramFactory(organisation=org_a, name="Робототехника")
    ProgramGroupFactory(program=program)
    program = move_to(program, ProgramStatus.PUBLISHED, staff=staff, coordinator=coordinator_a)
    outbox.programs_enqueue([program.pk])
    return program


@pytest.fixture
def published_other(other_municipality, staff_other, coordinator_b):
    organisation = OrganisationFactory(
        municipality=other_municipality, coordinators=[coordinator_b]
    )
    program = ProgramFactory(organisation=organisation, name="Чужая программа")
    ProgramGroupFactory(program=program)
    program = move_to(
        program, ProgramStatus.PUBLISHED, staff=staff_other, coordinator=coordinator_b
    )
    outbox.programs_enqueue([program.pk])
    return program


def _fail(program, **fields):
    Entry.objects.filter(kind="program", object_id=program.pk).update(**fields)
    return Entry.objects.get(kind="program", object_id=program.pk)


def test_staff_see_their_municipality_with_reasons_in_russian(
    client, staff, published_a, published_other
):
    _fail(
        published_a,
        state=Entry.State.FAILED,
        error_kind=Entry.ErrorKind.PERMANENT,
        last_error="Данные не прошли проверку.",
        field_errors=[{"field": "groups[0].ageTo", "message": "меньше ageFrom"}],
    )
    page = login(client, staff).get(reverse("navigator_sync:sync")).content.decode()
    assert "Робототехника" in page
    assert "Чужая программа" not in page
    assert "Данные не прошли проверку." in page
    assert "<code>groups[0].ageTo</code>: меньше ageFrom" in page
    assert "Навигатор не настроен" in page  # NAVIGATOR_URL is empty in tests
    assert "ошибки: 1" in page


def test_coordinator_cannot_open_the_sync_page(client, coordinator_a):
    response = login(client, coordinator_a).get(reverse("navigator_sync:sync"))
    assert response.status_code == 403


def test_paused_push_says_why_and_an_administrator_resumes_it(
    settings, client, staff, administrator, published_a
):
    settings.NAVIGATOR_URL = "http://127.0.0.1:9"
    sending._pause("Навигатор отклонил токен (401: Токен отозван.).", "old")
    page = login(client, staff).get(reverse("navigator_sync:sync")).content.decode()
    assert 'id="sync-paused"' in page and "Токен отозван." in page
    assert "возобновляет её администратор" in page
    # The push is one for the whole region: a municipality's staff cannot resume it.
    assert client.post(reverse("navigator_sync:resume")).status_code == 403
    assert SyncState.load().paused_reason != ""
    login(client, administrator).post(reverse("navigator_sync:resume"))
    assert SyncState.load().paused_reason == ""


def test_retry_puts_failed_rows_back_and_only_in_own_municipality(
    client, staff, staff_other, published_a
):
    entry = _fail(
        published_a, state=Entry.State.FAILED, error_kind="permanent", last_error="x", attempts=3
    )
    login(client, staff_other).post(reverse("navigator_sync:retry"), {"entry": entry.pk})
    entry.refresh_from_db()
    assert entry.state == Entry.State.FAILED
    response = login(client, staff).post(
        reverse("navigator_sync:retry"), {"entry": entry.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("navigator_sync:sync")
    entry.refresh_from_db()
    assert (entry.state, entry.attempts, entry.last_error) == (Entry.State.PENDING, 0, "")


def test_send_now_checks_every_published_programme_of_the_municipality(
    client, staff, published_a, published_other
):
    Entry.objects.all().delete()
    response = login(client, staff).post(reverse("navigator_sync:send"), follow=True)
    assert "Проверяется 1 программа" in response.content.decode()
    assert set(Entry.objects.values_list("kind", "title")) == {
        ("program", "Робототехника"),
        ("organisation", published_a.organisation.short_name),
    }
    assert not Entry.objects.filter(object_id=published_other.pk, kind="program").exists()


def test_progress_polls_only_while_something_is_on_its_way(settings, client, staff, published_a):
    settings.NAVIGATOR_URL = "http://127.0.0.1:9"
    url = reverse("navigator_sync:progress")
    assert 'hx-trigger="every 2s"' in login(client, staff).get(url).content.decode()
    Entry.objects.update(state=Entry.State.DONE)
    part = client.get(url).content.decode()
    assert 'hx-trigger="every 2s"' not in part
    assert "Передано: 2 из 2" in part


def test_excel_fallback_has_the_navigator_layout(client, staff, published_a, published_other):
    response = login(client, staff).get(reverse("navigator_sync:export"))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    # The two wide sheets' print copies stand last (a person reading on paper).
    assert book.sheetnames == [
        "Программы",
        "Группы",
        "Справочник",
        "Программы — для печати",
        "Группы — для печати",
    ]
    copy = list(book["Программы — для печати"].values)
    assert copy[1] == tuple(
        f"{f} — {m}" for f, m, _ in exports.PROGRAM_COLUMNS if f in exports.PRINTED["Программы"]
    )
    name = copy[2][copy[1].index("name — краткое наименование")]
    assert name == program_payload(published_a.published)["name"]
    rows = list(book["Программы"].values)
    header, values = rows[1], rows[2:]  # under the title row
    assert header[:2] == (
        "uuid — идентификатор программы",
        "organisationUuid — идентификатор организации",
    )
    assert len(values) == 1  # only the staff member's municipality
    row = dict(zip(header, values[0], strict=True))
    payload = program_payload(published_a.published)
    assert row["uuid — идентификатор программы"] == payload["uuid"]
    assert row["focusCode — направленность"] == payload["focusCode"]
    assert row["minAge — возраст от"] == payload["minAge"]
    groups = list(book["Группы"].values)[1:]  # under the title row
    assert len(groups) == 1 + len(payload["groups"])
    group = dict(zip(groups[0], groups[1], strict=True))
    slot = payload["groups"][0]["schedule"][0]
    assert (
        f"{slot['timeStart']}–{slot['timeEnd']}"
        in group["schedule — расписание (weekDays timeStart–timeEnd)"]
    )
    codes = {(r[0], r[1]) for r in list(book["Справочник"].values)[1:]}
    assert ("focusCode", "technical") in codes


def test_admin_lists_the_queue_and_retries(client, administrator, published_a):
    entry = _fail(published_a, state=Entry.State.FAILED, last_error="x")
    client.force_login(administrator)
    page = client.get(reverse("admin:navigator_sync_syncoutboxentry_changelist"))
    assert page.status_code == 200 and "Робототехника" in page.content.decode()
    client.post(
        reverse("admin:navigator_sync_syncoutboxentry_changelist"),
        {"action": "retry", "_selected_action": [entry.pk]},
    )
    entry.refresh_from_db()
    assert entry.state == Entry.State.PENDING
    assert client.get(reverse("admin:navigator_sync_syncstate_changelist")).status_code == 200


def test_commands_send_and_reconcile(settings, tmp_path, published_a):
    with standin_thread(tmp_path) as url:
        settings.NAVIGATOR_URL, settings.NAVIGATOR_TOKEN = url, TOKEN
        out = io.StringIO()
        call_command("navigator_send", stdout=out)
        assert "Передано: 2" in out.getvalue()
        out = io.StringIO()
        call_command("navigator_reconcile", stdout=out)
        assert "Расхождений нет." in out.getvalue()
    published_a.refresh_from_db()
    assert published_a.navigator_url.startswith(url)


def test_reconcile_from_the_page(settings, tmp_path, client, staff, published_a):
    with standin_thread(tmp_path) as url:
        settings.NAVIGATOR_URL, settings.NAVIGATOR_TOKEN = url, TOKEN
        response = login(client, staff).post(reverse("navigator_sync:reconcile"), follow=True)
    page = response.content.decode()
    assert "Нет в Навигаторе: 1" in page
