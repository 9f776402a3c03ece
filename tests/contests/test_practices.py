"""The bank of best practices: the public list and its files, the staff's desk, and the
entries of a contest of works published with copies of their files."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from moc_portal.core.errors import DomainError
from plans.contests import practices
from plans.contests.models import ContestAudience, EntryFile, Placement, Practice
from programs.choices import Focus
from tests.contests.public_helpers import add_entry, make_contest


def _practice(municipality, **fields):
    values = {
        "municipality": municipality,
        "title": "Практика",
        "description": "Описание",
        "year": 2024,
    }
    values.update(fields)
    return Practice.objects.create(**values)


def test_the_list_searches_words_and_filters(client, municipality, org_a, org_b):
    _practice(
        municipality,
        title="Робототехника в сельской школе",
        organisation=org_a,
        focus=Focus.TECHNICAL,
        year=2023,
    )
    _practice(municipality, title="Школьный театр", organisation=org_b, year=2024)
    _practice(municipality, title="Робот-черновик", is_published=False)
    url = reverse("contests_public:practices")

    assert "Школьный театр" not in client.get(url, {"q": "робот сельской"}).content.decode()
    found = client.get(url, {"q": "робот"}).content.decode()
    assert "Робототехника" in found and "черновик" not in found
    assert "Школьный театр" in client.get(url, {"year": "2024"}).content.decode()
    assert "Школьный театр" not in client.get(url, {"focus": Focus.TECHNICAL}).content.decode()
    assert "Робототехника" not in client.get(url, {"organisation": org_b.pk}).content.decode()


def test_files_of_an_unpublished_practice_are_not_given_to_the_public(client, municipality, staff):
    practice = _practice(municipality, is_published=False)
    practice.files.create(title="Презентация", file=ContentFile(b"pptx", name="p.pptx"))
    attached = practice.files.get()
    url = reverse("contests_public:practice_file", args=[attached.pk])

    assert client.get(url).status_code == 404
    assert client.get(reverse("contests_public:practice", args=[practice.pk])).status_code == 404
    client.force_login(staff)
    assert client.get(url).status_code == 200


def test_staff_add_a_practice_found_elsewhere_with_its_source(client, staff):
    client.force_login(staff)
    form = {"title": "Наставничество", "description": "Как", "year": 2024, "is_published": "on"}

    refused = client.post(reverse("contests_public:practice_create"), form)
    saved = client.post(
        reverse("contests_public:practice_create"), {**form, "source": "https://example.org/p"}
    )

    assert "где найдена практика" in refused.content.decode()
    practice = Practice.objects.get()
    assert saved.status_code == 302
    assert (
        practice.municipality == staff.municipality and practice.source == "https://example.org/p"
    )


def test_staff_of_another_municipality_cannot_change_a_practice(client, municipality, staff_other):
    practice = _practice(municipality)
    client.force_login(staff_other)

    response = client.post(reverse("contests_public:practice_delete", args=[practice.pk]))

    assert response.status_code == 404
    assert Practice.objects.filter(pk=practice.pk).exists()


def test_staff_attach_a_file(client, municipality, staff):
    practice = _practice(municipality)
    client.force_login(staff)

    client.post(
        reverse("contests_public:practice_manage", args=[practice.pk]),
        {"title": "План занятия", "file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4")},
    )

    assert practice.files.get().title == "План занятия"


def _works_contest(municipality, org_a):
    contest = make_contest(municipality, audience=ContestAudience.WORKS, focus=Focus.SOCIAL)
    entry = add_entry(
        contest, org_a, placement=Placement.WINNER, work_title="Школа вожатых", description="Опыт"
    )
    EntryFile.objects.create(
        entry=entry, title="Описание практики", file=ContentFile(b"%PDF-work", name="work.pdf")
    )
    return contest, entry


def test_chosen_entries_of_a_fixed_works_contest_become_practices_with_copied_files(
    client, municipality, org_a, staff
):
    contest, entry = _works_contest(municipality, org_a)
    client.force_login(staff)

    client.post(
        reverse("contests_public:contest_practices", args=[contest.pk]), {"entry": [entry.pk]}
    )
    client.post(
        reverse("contests_public:contest_practices", args=[contest.pk]), {"entry": [entry.pk]}
    )

    practice = Practice.objects.get()  # choosing again changes nothing
    assert (practice.title, practice.organisation, practice.focus) == (
        "Школа вожатых",
        org_a,
        Focus.SOCIAL,
    )
    copy = practice.files.get()
    assert copy.file.name != entry.files.get().file.name
    assert copy.file.read() == b"%PDF-work"


def test_entries_are_published_only_after_the_results(municipality, org_a, staff):
    contest, entry = _works_contest(municipality, org_a)
    contest.results_fixed_at = None
    contest.save()

    with pytest.raises(DomainError, match="итоги"):
        practices.practices_from_contest(user=staff, contest=contest, entry_ids=[entry.pk])

    assert not Practice.objects.exists()
