"""A teacher's courses with certificates: entered by the organisation's coordinators and the
municipality's staff, never seen by another organisation."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.development import services
from plans.development.models import Course

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 certificate"


def posted(**fields):
    return {
        "kind": "qualification",
        "title": "Робототехника в дополнительном образовании",
        "provider": "ГАУДПО ЛО ИРО",
        "hours": "72",
        "starts_on": "2025-10-01",
        "ends_on": "2025-10-25",
        "certificate_number": "482412345678",
        **fields,
    }


@pytest.fixture
def course_a(teacher_a):
    course = Course(
        teacher=teacher_a,
        title="Робототехника",
        hours=36,
        starts_on=date(2024, 3, 1),
        ends_on=date(2024, 3, 20),
    )
    course.certificate.save("udostoverenie.pdf", ContentFile(PDF), save=True)
    return course


def test_coordinator_enters_a_course_with_its_certificate(client, coordinator_a, teacher_a):
    client.force_login(coordinator_a)
    upload = SimpleUploadedFile("kpk.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("development:course_add", args=[teacher_a.pk]), posted(certificate=upload)
    )
    assert response.status_code == 302
    course = teacher_a.courses.get()
    assert course.hours == 72 and course.certificate.name.startswith("development/certificates/")
    download = client.get(reverse("development:certificate", args=[course.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    record = client.get(reverse("development:teacher", args=[teacher_a.pk])).content.decode()
    assert "Робототехника в дополнительном образовании" in record


def test_a_course_cannot_end_before_it_starts(client, staff, teacher_a):
    client.force_login(staff)
    response = client.post(
        reverse("development:course_add", args=[teacher_a.pk]),
        posted(starts_on="2025-10-25", ends_on="2025-10-01"),
    )
    assert response.status_code == 200
    assert "Курс не может закончиться раньше, чем начался" in response.content.decode()
    assert not Course.objects.exists()
    course = Course(
        teacher=teacher_a,
        title="КПК",
        hours=16,
        starts_on=date(2025, 5, 2),
        ends_on=date(2025, 5, 1),
    )
    with pytest.raises(ValidationError):
        services.course_save(user=staff, course=course)


def test_a_certificate_must_be_pdf_or_picture(client, coordinator_a, teacher_a):
    client.force_login(coordinator_a)
    for name, content in [("kpk.exe", b"MZ"), ("kpk.pdf", b"MZ not a pdf")]:
        upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
        response = client.post(
            reverse("development:course_add", args=[teacher_a.pk]), posted(certificate=upload)
        )
        assert response.status_code == 200 and not Course.objects.exists()
    assert "Это не PDF, JPEG или PNG" in response.content.decode()


def test_another_organisation_never_sees_the_teacher(client, coordinator_b, staff_other, course_a):
    for person in (coordinator_b, staff_other):
        client.force_login(person)
        for name, pk in [
            ("development:teacher", course_a.teacher_id),
            ("development:course_add", course_a.teacher_id),
            ("development:course_edit", course_a.pk),
            ("development:certificate", course_a.pk),
        ]:
            assert client.get(reverse(name, args=[pk])).status_code == 404, (person, name)
        assert (
            client.post(reverse("development:course_delete", args=[course_a.pk])).status_code == 404
        )
    with pytest.raises(PermissionDenied):
        services.course_save(user=coordinator_b, course=course_a)
    with pytest.raises(PermissionDenied):
        services.course_delete(user=staff_other, course=course_a)
    assert Course.objects.filter(pk=course_a.pk).exists()


def test_staff_edit_and_delete_a_course(
    client, staff, course_a, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    edit = reverse("development:course_edit", args=[course_a.pk])
    assert client.post(edit, posted(hours="108")).status_code == 302
    course_a.refresh_from_db()
    assert course_a.hours == 108 and course_a.certificate  # the file stays when none is sent
    storage, name = course_a.certificate.storage, course_a.certificate.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("development:course_delete", args=[course_a.pk]))
    assert not Course.objects.exists() and not storage.exists(name)


def test_record_lists_contests_and_events(client, coordinator_a, teacher_a):
    client.force_login(coordinator_a)
    page = client.get(reverse("development:teacher", args=[teacher_a.pk])).content.decode()
    assert "Шацких Наталья Александровна" in page
    assert "Курсов не внесено" in page and "Участия в конкурсах нет" in page


def test_record_shows_the_teachers_contests(client, staff, teacher_a):
    from plans.contests.models import Contest, Entry, Nomination, Participant

    contest = Contest.objects.create(
        municipality=teacher_a.organisation.municipality,
        level="municipal",
        audience="teachers",
        title="Сердце отдаю детям",
        applications_from=date(2025, 1, 10),
        applications_to=date(2025, 2, 10),
        judging_from=date(2025, 2, 11),
        judging_to=date(2025, 2, 20),
        results_on=date(2025, 2, 25),
    )
    nomination = Nomination.objects.create(contest=contest, title="Техническое творчество")
    entry = Entry.objects.create(
        contest=contest,
        organisation=teacher_a.organisation,
        nomination=nomination,
        code="001",
        placement="winner",
    )
    Participant.objects.create(
        entry=entry, kind="teacher", surname="Шацких", name="Наталья", teacher=teacher_a
    )
    client.force_login(staff)
    page = client.get(reverse("development:teacher", args=[teacher_a.pk])).content.decode()
    assert "Сердце отдаю детям, номинация «Техническое творчество» — Победитель" in page
