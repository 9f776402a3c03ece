"""Applications: a coordinator applies for their organisation until the deadline, children
checked against the category's ages and for a second entry in a nomination, codes per
contest; consents; staff admit or return; only the organisation's coordinators, the
municipality's staff and the administrator see the children."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from plans.contests import services
from plans.contests.lifecycle import ContestError
from plans.contests.models import (
    ConsentState,
    ContestAudience,
    Entry,
    EntryKind,
    EntryState,
    Participant,
)
from programs.staffing.models import Teacher
from tests.contests.apply_helpers import born, make_contest

pytestmark = pytest.mark.django_db


@pytest.fixture
def contest(municipality):
    return make_contest(municipality)


def child(contest, age=9, surname="Иванова", **more):
    return services.ParticipantRow(
        surname=surname, name="Мария", patronymic="Сергеевна", birth_date=born(age, contest), **more
    )


def apply(user, contest, organisation, *people, nomination=None, category=None, **more):
    nomination = nomination or contest.nominations.first()
    category = category or contest.age_categories.first()
    draft = services.EntryDraft(
        nomination=nomination, age_category=category, participants=list(people), **more
    )
    return services.entry_create(user=user, contest=contest, organisation=organisation, draft=draft)


def test_a_coordinator_applies_and_the_entry_is_coded(contest, coordinator_a, org_a):
    first = apply(coordinator_a, contest, org_a, child(contest))
    second = apply(coordinator_a, contest, org_a, child(contest, surname="Петрова"))
    other = apply(
        coordinator_a, contest, org_a, child(contest), nomination=contest.nominations.last()
    )
    assert (first.code, second.code, other.code) == ("Н1-001", "Н1-002", "Н2-001")
    assert first.state == EntryState.SUBMITTED and first.submitted_by == coordinator_a
    assert first.participants.get().full_name == "Иванова Мария Сергеевна"


def test_only_for_their_own_organisation(contest, coordinator_a, org_b):
    with pytest.raises(PermissionDenied):
        apply(coordinator_a, contest, org_b, child(contest))
    assert not Entry.objects.exists()


def test_after_the_deadline_refused_with_its_date(municipality, coordinator_a, org_a):
    late = make_contest(municipality, days_left=-1)
    with pytest.raises(ContestError) as error:
        apply(coordinator_a, late, org_a, child(late))
    assert f"Приём заявок закончился {late.applications_to:%d.%m.%Y}" in str(error.value)
    assert not Entry.objects.exists()


def test_the_deadline_day_itself_is_open(municipality, coordinator_a, org_a):
    today = make_contest(municipality, days_left=0)
    assert apply(coordinator_a, today, org_a, child(today)).pk


def test_a_child_outside_the_category_ages(contest, coordinator_a, org_a):
    with pytest.raises(ContestError) as error:
        apply(coordinator_a, contest, org_a, child(contest, age=12))
    text = str(error.value)
    assert "полных лет: 12" in text and "«Младшая» возраст, лет: 7–10" in text
    assert not Participant.objects.exists()


def test_the_age_is_taken_on_the_last_day_of_applications(contest, coordinator_a, org_a):
    # Ten on the deadline, eleven a day after it: still in «Младшая».
    person = child(contest, age=10)
    person.birth_date = contest.applications_to.replace(year=contest.applications_to.year - 11)
    person.birth_date += timedelta(days=1)
    assert apply(coordinator_a, contest, org_a, person).pk


def test_a_duplicate_in_one_nomination_is_refused(
    contest, coordinator_a, coordinator_b, org_a, org_b
):
    apply(coordinator_a, contest, org_a, child(contest))
    with pytest.raises(ContestError, match="уже участвует в номинации «Вокал»"):
        apply(coordinator_b, contest, org_b, child(contest))
    assert Entry.objects.count() == 1
    # Another nomination is another entry.
    apply(coordinator_b, contest, org_b, child(contest), nomination=contest.nominations.last())


def test_a_team_needs_a_name_and_two_people(contest, coordinator_a, org_a):
    with pytest.raises(ContestError, match="название команды"):
        apply(
            coordinator_a,
            contest,
            org_a,
            child(contest),
            child(contest, surname="Б"),
            kind=EntryKind.TEAM,
        )
    with pytest.raises(ContestError, match="не меньше двух"):
        apply(
            coordinator_a, contest, org_a, child(contest), kind=EntryKind.TEAM, team_name="Звёзды"
        )
    entry = apply(
        coordinator_a,
        contest,
        org_a,
        child(contest),
        child(contest, surname="Белова"),
        kind=EntryKind.TEAM,
        team_name="Звёзды",
    )
    assert entry.participants.count() == 2 and entry.team_name == "Звёзды"


def test_the_teacher_is_linked_when_the_name_matches(contest, coordinator_a, org_a):
    teacher = Teacher.objects.create(
        organisation=org_a, surname="Петрова", name="Анна", patronymic="Ивановна", post="учитель"
    )
    entry = apply(coordinator_a, contest, org_a, child(contest, teacher_name="Петрова А. И."))
    assert entry.participants.get().teacher == teacher
    other = apply(
        coordinator_a,
        contest,
        org_a,
        child(contest, surname="Белова", teacher_name="Сидорова Н.Н."),
    )
    assert other.participants.get().teacher is None


def test_teachers_and_works(municipality, coordinator_a, org_a):
    teachers = make_contest(municipality, audience=ContestAudience.TEACHERS)
    person = services.ParticipantRow(surname="Шацких", name="Наталья")
    with pytest.raises(ContestError, match="должность"):
        apply(coordinator_a, teachers, org_a, person)
    person.post = "учитель начальных классов"
    assert apply(coordinator_a, teachers, org_a, person).participants.get().kind == "teacher"
    works = make_contest(municipality, audience=ContestAudience.WORKS, title="Практики")
    with pytest.raises(ContestError, match="название работы"):
        apply(coordinator_a, works, org_a)
    entry = apply(coordinator_a, works, org_a, work_title="Школьный музей")
    services.entry_file_add(
        user=coordinator_a,
        entry=entry,
        title="Описание",
        upload=SimpleUploadedFile("opisanie.pdf", b"%PDF-1.4 test"),
    )
    assert entry.files.get().file.name.endswith(".pdf")


def test_admission_needs_every_childs_consent(contest, staff, coordinator_a, org_a):
    entry = apply(
        coordinator_a,
        contest,
        org_a,
        child(contest),
        child(contest, surname="Белова"),
        kind=EntryKind.TEAM,
        team_name="Звёзды",
    )
    with pytest.raises(ContestError) as error:
        services.entry_transition(user=staff, entry=entry, action="admit")
    assert "Белова М.С." in str(error.value) and "Иванова М.С." in str(error.value)
    first, second = entry.participants.all()
    services.consent_record(
        user=coordinator_a, participant=first, state=ConsentState.PAPER, allows_publishing=True
    )
    services.consent_record(
        user=coordinator_a,
        participant=second,
        state=ConsentState.UPLOADED,
        allows_publishing=False,
        scan=SimpleUploadedFile("scan.pdf", b"%PDF-1.4 scan"),
    )
    services.entry_transition(user=staff, entry=entry, action="admit")
    entry.refresh_from_db()
    assert entry.state == EntryState.ADMITTED


def test_a_scan_of_another_kind_is_refused(contest, coordinator_a, org_a):
    entry = apply(coordinator_a, contest, org_a, child(contest))
    with pytest.raises(ContestError, match="PDF, JPG или PNG"):
        services.consent_record(
            user=coordinator_a,
            participant=entry.participants.get(),
            state=ConsentState.UPLOADED,
            allows_publishing=False,
            scan=SimpleUploadedFile("scan.exe", b"MZ"),
        )


def test_return_with_a_comment_then_resubmit(client, contest, staff, coordinator_a, org_a):
    entry = apply(coordinator_a, contest, org_a, child(contest))
    with pytest.raises(ContestError, match="Напишите, что исправить"):
        services.entry_transition(user=staff, entry=entry, action="return")
    services.entry_transition(user=staff, entry=entry, action="return", comment="Нет класса")
    entry.refresh_from_db()
    assert entry.state == EntryState.RETURNED and entry.state_comment == "Нет класса"
    client.force_login(coordinator_a)
    page = client.get(reverse("contests:entry", args=[entry.pk])).content.decode()
    assert "Нет класса" in page and "Подать снова" in page
    with pytest.raises(PermissionDenied):
        services.entry_transition(user=staff, entry=entry, action="resubmit")
    person = entry.participants.get()
    fixed = child(contest, age=10, grade="4 класс")
    response = client.post(
        reverse("contests:participant_edit", args=[person.pk]),
        {
            "surname": fixed.surname,
            "name": fixed.name,
            "birth_date": fixed.birth_date,
            "grade": "4 класс",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.grade == "4 класс" and person.patronymic == ""
    too_old = child(contest, age=12)
    with pytest.raises(ContestError, match="полных лет: 12"):
        services.participant_update(user=coordinator_a, participant=person, row=too_old)
    services.entry_transition(user=coordinator_a, entry=entry, action="resubmit")
    entry.refresh_from_db()
    assert entry.state == EntryState.SUBMITTED


def test_no_resubmit_after_the_deadline(contest, staff, coordinator_a, org_a):
    entry = apply(coordinator_a, contest, org_a, child(contest))
    services.entry_transition(user=staff, entry=entry, action="return", comment="Исправьте")
    contest.applications_to = contest.applications_from
    contest.save()
    with pytest.raises(ContestError, match="Приём заявок закончился"):
        services.entry_transition(user=coordinator_a, entry=entry, action="resubmit")


def test_staff_of_another_municipality_admit_nothing(contest, staff_other, coordinator_a, org_a):
    entry = apply(coordinator_a, contest, org_a, child(contest))
    with pytest.raises(PermissionDenied):
        services.entry_transition(user=staff_other, entry=entry, action="admit")


def test_children_seen_only_by_their_people(
    client, contest, coordinator_a, coordinator_b, org_a, staff, staff_other, administrator, expert
):
    entry = apply(coordinator_a, contest, org_a, child(contest, surname="Секретова"))
    person = entry.participants.get()
    pages = [
        reverse("contests:entry", args=[entry.pk]),
        reverse("contests:consent_form", args=[person.pk]),
        reverse("contests:entry_consents", args=[entry.pk]),
    ]
    for user in (coordinator_b, staff_other):
        client.force_login(user)
        for page in pages:
            assert client.get(page).status_code == 404, (user, page)
        listing = client.get(reverse("contests:list")).content.decode()
        assert "Секретова" not in listing
    client.force_login(coordinator_b)
    detail = client.get(reverse("contests:detail", args=[contest.pk])).content.decode()
    assert "Секретова" not in detail and entry.code not in detail
    client.force_login(expert)
    assert client.get(pages[0]).status_code == 403
    for user in (coordinator_a, staff, administrator):
        client.force_login(user)
        assert "Секретова" in client.get(pages[0]).content.decode()
    client.force_login(staff)
    assert (
        "Секретова" in client.get(reverse("contests:entries", args=[contest.pk])).content.decode()
    )


def test_the_consent_form_is_filled_for_the_child(client, contest, coordinator_a, org_a):
    entry = apply(
        coordinator_a,
        contest,
        org_a,
        child(contest),
        child(contest, surname="Белова"),
        kind=EntryKind.TEAM,
        team_name="Звёзды",
    )
    client.force_login(coordinator_a)
    response = client.get(reverse("contests:entry_consents", args=[entry.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Иванова Мария Сергеевна" in text and "Белова Мария Сергеевна" in text
    assert "Юные таланты" in text and "СОГЛАСИЕ" in text
    url = reverse("contests:organisation_consents", args=[contest.pk, org_a.pk])
    assert client.get(url).status_code == 200


def test_the_scan_is_given_only_through_the_checked_view(
    client, contest, coordinator_a, coordinator_b, org_a
):
    entry = apply(coordinator_a, contest, org_a, child(contest))
    person = entry.participants.get()
    services.consent_record(
        user=coordinator_a,
        participant=person,
        state=ConsentState.UPLOADED,
        allows_publishing=False,
        scan=SimpleUploadedFile("scan.pdf", b"%PDF-1.4 scan"),
    )
    url = reverse("contests:consent_scan", args=[person.pk])
    client.force_login(coordinator_a)
    assert b"".join(client.get(url).streaming_content) == b"%PDF-1.4 scan"
    client.force_login(coordinator_b)
    assert client.get(url).status_code == 404


def test_the_apply_page_creates_an_entry(client, contest, coordinator_a, org_a):
    client.force_login(coordinator_a)
    data = {
        "organisation": org_a.pk,
        "nomination": contest.nominations.first().pk,
        "age_category": contest.age_categories.first().pk,
        "kind": "individual",
        "form-TOTAL_FORMS": 3,
        "form-INITIAL_FORMS": 0,
        "form-0-surname": "Иванова",
        "form-0-name": "Мария",
        "form-0-birth_date": born(9, contest).isoformat(),
        "form-0-grade": "3 класс",
    }
    response = client.post(reverse("contests:entry_create", args=[contest.pk]), data)
    entry = Entry.objects.get()
    assert response.status_code == 302 and entry.participants.get().grade == "3 класс"
    data["form-0-birth_date"] = born(14, contest).isoformat()
    data["form-0-surname"] = "Петрова"
    page = client.post(reverse("contests:entry_create", args=[contest.pk]), data)
    assert page.status_code == 200 and "полных лет: 14" in page.content.decode()
    assert Entry.objects.count() == 1


def test_staff_list_filters_and_counts(client, contest, staff, coordinator_a, org_a):
    apply(coordinator_a, contest, org_a, child(contest))
    apply(coordinator_a, contest, org_a, child(contest), nomination=contest.nominations.last())
    client.force_login(staff)
    url = reverse("contests:entries", args=[contest.pk])
    page = client.get(url, {"nomination": contest.nominations.last().pk})
    assert list(page.context["entries"].values_list("code", flat=True)) == ["Н2-001"]
    assert page.context["counts"]["total"] == 1
    page = client.get(url, {"state": "admitted"})
    assert page.context["counts"]["total"] == 0
