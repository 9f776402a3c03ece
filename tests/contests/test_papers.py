"""The papers of a contest: names declined, diplomas (PDF), the protocol (Word), the nominees
(Excel) and their transfer to the regional stage."""

import io

import pypdfium2
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from moc_portal.core import pdf
from moc_portal.core.names import decline
from plans.contests import diplomas, nominees, results, retention, tasks
from plans.contests.models import ContestState, Entry, EntryState, Participant, Placement
from tests.contests import judging_world as world
from tests.factories import ExpertFactory


def pdf_pages(content: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(content)
    return [page.get_textpage().get_text_range() for page in document]


@pytest.fixture
def fixed(municipality, org_a, org_b, expert, staff):
    """A stage with results: A-1 winner (Иванова), B-1 second (a team), A-2 third (Петров),
    B-2 participant (Смирнова)."""
    contest = world.stage(municipality)
    second = ExpertFactory(username="second", last_name="Сидоров", first_name="Олег")
    world.juror(contest, expert, chair=True)
    world.juror(contest, second)
    made = [
        world.entry(contest, org_a, "A-1", people=[("Иванова", "Мария", "Петровна")]),
        world.entry(
            contest,
            org_b,
            "B-1",
            team="Искра",
            people=[("Кузнецов", "Илья", "Сергеевич"), ("Орлова", "Анна", "Игоревна")],
        ),
        world.entry(contest, org_a, "A-2", people=[("Петров", "Илья", "Сергеевич")]),
        world.entry(contest, org_b, "B-2", people=[("Смирнова", "Ольга", "Викторовна")]),
    ]
    for entry, value in zip(made, [5, 4, 3, 1], strict=True):
        world.score(contest, entry, expert, [value, 1])
        world.score(contest, entry, second, [value, 1])
    return results.results_fix(user=staff, contest=contest)


def test_names_are_declined_by_pytrovich():
    assert decline("Иванова", "Мария", "Петровна") == "Иванова Мария Петровна"
    assert decline("Иванова", "Мария", "Петровна", "dative") == "Ивановой Марии Петровне"
    assert decline("Петров", "Илья", "Сергеевич", "dative") == "Петрову Илье Сергеевичу"
    assert decline("Петров", "Илья", "Сергеевич", "genitive") == "Петрова Ильи Сергеевича"
    assert decline("Шацких", "Наталья", "Александровна", "instrumental") == (
        "Шацких Натальей Александровной"
    )


def test_diplomas_award_in_the_nominative_and_certificates_hand_in_the_dative(fixed):
    pages = diplomas.paper_pages(fixed, diplomas.placed_entries(fixed))
    lines = [(p["title"], p["verb"], p["whom"]) for p in pages]
    assert lines == [
        ("Диплом победителя", "награждается", "Иванова Мария Петровна"),
        ("Диплом призёра (II место)", "награждается", "команда «Искра»"),
        ("Диплом призёра (III место)", "награждается", "Петров Илья Сергеевич"),
        ("Сертификат участника", "вручается", "Смирновой Ольге Викторовне"),
    ]
    assert pages[1]["members"] == "Кузнецов И.С., Орлова А.И."
    assert pages[0]["teacher"] == "Петрова Анна Ивановна"


def test_one_pdf_with_a_page_each(fixed):
    content = diplomas.diplomas_pdf(fixed, diplomas.placed_entries(fixed))
    texts = pdf_pages(content)
    assert len(texts) == 4
    assert "Диплом победителя" in texts[0] and "Иванова Мария Петровна" in texts[0]
    assert "Педагог: Петрова Анна Ивановна" in texts[0]
    assert "Номинация «Рисунок», 7–10 лет" in texts[0]
    assert "Сертификат участника" in texts[3] and "Смирновой Ольге Викторовне" in texts[3]


def test_a_pdf_fetches_nothing_from_the_network():
    with pytest.raises(pdf.NetworkRefused):
        pdf.local_only_fetcher()("https://cdn.example.org/font.woff2")
    content = pdf.html_to_pdf('<p>Текст</p><img src="http://example.org/a.png">')
    assert content.startswith(b"%PDF")


def test_the_worker_builds_the_set_once_into_the_storage_and_anew_after_new_results(
    client, fixed, staff, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("contests:diplomas_start", args=[fixed.pk]))
    name = diplomas.stored_name(fixed)
    assert default_storage.exists(name)
    assert diplomas.diplomas_state(fixed) == "ready"
    response = client.get(reverse("contests:diplomas_file", args=[fixed.pk]))
    assert len(pdf_pages(b"".join(response.streaming_content))) == 4
    assert tasks.diplomas_start(user=staff, contest=fixed) is False  # ready already
    fixed.results_fixed_at = timezone.now() + timezone.timedelta(seconds=5)
    fixed.save()
    assert diplomas.diplomas_state(fixed) == ""  # stale: the results changed
    diplomas.diplomas_build(fixed.pk)
    assert default_storage.exists(diplomas.stored_name(fixed))
    assert not default_storage.exists(name)


def test_a_coordinator_downloads_only_their_own_participants_diplomas(
    client, fixed, coordinator_a, org_a
):
    client.force_login(coordinator_a)
    page = client.get(reverse("contests:diplomas", args=[fixed.pk]))
    assert "Участников вашей организации с итогами: 2" in page.content.decode()
    response = client.get(reverse("contests:diplomas_own", args=[fixed.pk]))
    texts = " ".join(pdf_pages(response.content))
    assert "Иванова Мария Петровна" in texts and "Петров Илья Сергеевич" in texts
    assert "Искра" not in texts and "Смирнов" not in texts
    assert client.get(reverse("contests:diplomas_file", args=[fixed.pk])).status_code == 403


def test_the_protocol_names_the_jury_chair_first_and_children_by_initials(client, fixed, staff):
    client.force_login(staff)
    response = client.get(reverse("contests:protocol", args=[fixed.pk]))
    document = Document(io.BytesIO(response.content))
    # The document is set with non-breaking spaces (``word.typeset``).
    text = "\n".join(p.text for p in document.paragraphs).replace("\xa0", " ")
    cells = [
        cell.text.replace("\xa0", " ")
        for table in document.tables
        for row in table.rows
        for cell in row.cells
    ]
    assert "Протокол заседания жюри" in text
    assert text.index("председатель жюри") < text.index("член жюри")
    assert "Иванова М.П." in cells and "Иванова Мария" not in " ".join(cells)
    assert "Победитель" in cells and "Призёр (II место)" in cells
    assert "7,00" in cells  # 5 + 2×1 from both jurors
    assert "Председатель жюри" in text and "Член жюри" in text


def test_the_nominees_list_has_a_title_row_and_a_head_row(client, fixed, staff):
    client.force_login(staff)
    response = client.get(reverse("contests:nominees_export", args=[fixed.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "Выдвинуты на региональный этап" in sheet["A1"].value
    assert sheet["A2"].value == "Номинация"
    assert sheet["G3"].value == "Иванова Мария Петровна"


def test_nominees_go_to_the_regional_contest_once(fixed, staff, staff_other):
    regional = fixed.parent
    created = nominees.nominees_transfer(user=staff, contest=fixed)
    assert len(created) == 1
    copy = Entry.objects.get(contest=regional)
    source = Entry.objects.get(contest=fixed, code="A-1")
    assert copy.source == source and copy.state == EntryState.SUBMITTED
    assert copy.nomination == source.nomination.source
    assert copy.age_category == source.age_category.source
    assert copy.code != source.code and copy.placement == ""
    person = Participant.objects.get(entry=copy)
    assert (person.full_name, person.consent) == ("Иванова Мария Петровна", "paper")
    assert nominees.nominees_transfer(user=staff, contest=fixed) == []
    assert Entry.objects.filter(contest=regional).count() == 1
    with pytest.raises(PermissionDenied):
        nominees.nominees_transfer(user=staff_other, contest=fixed)


def test_nominees_are_refused_when_the_regional_contest_takes_no_entries(fixed, staff):
    regional = fixed.parent
    regional.state = ContestState.RESULTS
    regional.save()
    with pytest.raises(nominees.NomineesError, match="не принимает участников"):
        nominees.nominees_transfer(user=staff, contest=fixed)
    assert not Entry.objects.filter(contest=regional).exists()


def test_placements_of_the_fixture(fixed):
    assert dict(Entry.objects.values_list("code", "placement")) == {
        "A-1": Placement.WINNER,
        "B-1": Placement.SECOND,
        "A-2": Placement.THIRD,
        "B-2": Placement.PARTICIPANT,
    }


def test_a_late_stage_joins_a_regional_contest_judged_before_any_score(fixed, staff):
    regional = fixed.parent
    regional.state = ContestState.JUDGING
    regional.save()
    assert len(nominees.nominees_transfer(user=staff, contest=fixed)) == 1


def test_nominees_are_refused_once_the_regional_jury_has_scored(fixed, staff, expert):
    regional = fixed.parent
    regional.state = ContestState.JUDGING
    regional.criteria_set = fixed.criteria_set
    regional.save()
    scored = world.entry(regional, fixed.entries.first().organisation, "R-1")
    world.score(regional, scored, expert, [1, 1])
    with pytest.raises(nominees.NomineesError, match="жюри уже начало оценивание"):
        nominees.nominees_transfer(user=staff, contest=fixed)
    assert Entry.objects.filter(contest=regional).count() == 1  # the scored one alone


def test_nominees_of_an_unfixed_stage_are_refused(municipality, staff):
    contest = world.stage(municipality)
    with pytest.raises(nominees.NomineesError, match="зафиксируйте итоги"):
        nominees.nominees_transfer(user=staff, contest=contest)


def test_a_nominee_s_scan_is_a_file_of_its_own(fixed, staff):
    """The stage's retention removes the stage's scan; the regional entry keeps its own."""
    person = Participant.objects.get(entry__contest=fixed, entry__code="A-1")
    person.consent_file.save("consent.pdf", ContentFile(b"%PDF-1.4 scan"), save=True)
    nominees.nominees_transfer(user=staff, contest=fixed)
    copy = Participant.objects.get(entry__contest=fixed.parent)
    assert copy.consent_file.name != person.consent_file.name
    assert default_storage.exists(copy.consent_file.name)


def test_retention_takes_the_built_diplomas_too(fixed, django_capture_on_commit_callbacks):
    diplomas.diplomas_build(fixed.pk)
    assert default_storage.exists(diplomas.stored_name(fixed))
    with django_capture_on_commit_callbacks(execute=True):
        retention.erase_contest(fixed)
    assert not default_storage.exists(diplomas.stored_name(fixed))


def test_diplomas_built_at_once_say_they_are_ready(transactional_db, client, fixed, staff):
    """Where tasks run eagerly (no worker: a fresh machine) the set is built in the request."""
    client.force_login(staff)
    response = client.post(reverse("contests:diplomas_start", args=[fixed.pk]), follow=True)
    assert "Дипломы готовы" in response.content.decode()
