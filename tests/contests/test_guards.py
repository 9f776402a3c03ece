"""What a contest keeps true when people change things midway: a stage judges as blind as
its region and nominates as many; a nomination keeps its entries when the lines change; a
participant corrected into another child loses the first one's consent; an entry's file is
checked before it is stored; an import's long text is refused, not a server error."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from plans.contests import services
from plans.contests.lifecycle import ContestError
from plans.contests.models import ConsentState, EntryFile
from tests.contests.apply_helpers import born, dates, make_contest

pytestmark = pytest.mark.django_db

LINES = {
    "nominations": ["Вокал", "Рисунок"],
    "categories": services.parse_categories("Младшая: 7–10"),
}


def _regional(administrator, **more):
    regional = services.contest_create(
        user=administrator,
        data={"title": "Сердце отдаю детям", "audience": "children", **dates(), **more},
        **LINES,
    )
    services.contest_transition(user=administrator, contest=regional, action="open_applications")
    return regional


def test_a_stage_judges_as_blind_as_its_region_and_nominates_as_many(administrator, staff):
    regional = _regional(administrator, blind=True, nominees_per_category=3)
    stage = services.stage_open(user=staff, parent=regional, data={**dates(20), "blind": False})
    assert stage.blind is True
    assert stage.nominees_per_category == 3


def test_removing_a_nomination_line_never_moves_its_entries(
    staff, municipality, coordinator_a, org_a
):
    contest = make_contest(municipality)
    vocal = contest.nominations.get(title="Вокал")
    _apply(coordinator_a, contest, org_a, nomination=vocal)
    with pytest.raises(ContestError, match="«Вокал» нельзя убрать"):
        services.contest_update(
            user=staff,
            contest=contest,
            data={},
            nominations=["Рисунок"],
            categories=services.parse_categories("Младшая: 7–10\nСтаршая: 11–17"),
        )
    vocal.refresh_from_db()
    assert vocal.title == "Вокал" and vocal.entries.count() == 1


def test_a_participant_corrected_into_another_child_loses_the_consent(
    municipality, coordinator_a, org_a
):
    contest = make_contest(municipality)
    entry = _apply(coordinator_a, contest, org_a)
    child = entry.participants.get()
    services.consent_record(
        user=coordinator_a, participant=child, state=ConsentState.PAPER, allows_publishing=True
    )
    row = services.ParticipantRow(surname="Петрова", name="Анна", birth_date=born(9, contest))
    services.participant_update(user=coordinator_a, participant=child, row=row)
    child.refresh_from_db()
    assert (child.consent, child.consent_allows_publishing) == (ConsentState.MISSING, False)


def test_an_entry_file_of_a_wrong_kind_is_not_stored(municipality, coordinator_a, org_a):
    contest = make_contest(municipality)
    entry = _apply(coordinator_a, contest, org_a)
    upload = SimpleUploadedFile("work.exe", b"MZ")
    with pytest.raises(Exception):  # noqa: B017 (the model's validation error)
        services.entry_file_add(user=coordinator_a, entry=entry, title="Работа", upload=upload)
    assert not EntryFile.objects.exists()
    assert not default_storage.exists("contests/works")


def test_a_too_long_class_is_refused_with_what_to_fix(municipality, coordinator_a, org_a):
    contest = make_contest(municipality)
    with pytest.raises(ContestError, match="«класс или возраст» длиннее 50 знаков"):
        _apply(coordinator_a, contest, org_a, grade="9" * 51)


def _apply(user, contest, organisation, *, nomination=None, grade=""):
    row = services.ParticipantRow(
        surname="Иванова", name="Мария", birth_date=born(9, contest), grade=grade
    )
    draft = services.EntryDraft(
        nomination=nomination or contest.nominations.first(),
        age_category=contest.age_categories.first(),
        participants=[row],
    )
    return services.entry_create(user=user, contest=contest, organisation=organisation, draft=draft)
