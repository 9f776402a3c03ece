"""A teacher's erasure after the retention takes their certificates with it; the courses'
dates and hours stay for the years' counts."""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from plans.development.models import Course
from programs.staffing.models import Teacher
from programs.staffing.retention import teachers_personal_data_erase


def test_an_erased_teachers_certificates_go(settings, org_a, django_capture_on_commit_callbacks):
    settings.TEACHER_RETENTION_DAYS = 30
    today = timezone.localdate()
    gone = Teacher.objects.create(
        organisation=org_a,
        surname="Шацких",
        name="Надежда",
        patronymic="Александровна",
        post="педагог",
        left_on=today - timedelta(days=31),
    )
    course = Course(
        teacher=gone,
        title="Современные технологии дополнительного образования",
        hours=72,
        starts_on=date(2022, 11, 1),
        ends_on=date(2022, 11, 20),
        certificate_number="482415678901",
    )
    course.certificate.save("certificate.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    stored = course.certificate.name
    assert default_storage.exists(stored)

    with django_capture_on_commit_callbacks(execute=True):
        assert teachers_personal_data_erase() == 1

    course.refresh_from_db()
    assert (course.certificate.name, course.certificate_number) == ("", "")
    assert (course.hours, course.ends_on) == (72, date(2022, 11, 20))
    assert not default_storage.exists(stored)
