"""The monthly letter to coordinators about their teachers' courses."""

from datetime import date

import pytest
from django.conf import settings
from django.core import mail

from plans.development import emails
from plans.development.models import Course
from plans.development.tasks import teacher_courses_remind
from programs.territory.centres import centre_of

pytestmark = pytest.mark.django_db


def test_each_coordinator_gets_their_own_teachers(
    coordinator_a, coordinator_b, teacher_a, teacher_b
):
    Course.objects.create(
        teacher=teacher_b,
        title="КПК",
        hours=36,
        starts_on=date(2025, 3, 1),
        ends_on=date(2025, 3, 20),
    )
    sent = emails.courses_due_letters_send(on=date(2026, 2, 1))
    assert sent == 1  # coordinator B's teacher is fine until 2028: no letter
    (letter,) = mail.outbox
    assert letter.to == [coordinator_a.email]
    assert "просрочено — 1" in letter.subject
    assert "Шацких Наталья Александровна" in letter.body and "Ретюнских" not in letter.body
    assert "1 педагог" in letter.body and "раз в 3 года" in letter.body
    assert "http://portal.test/development/due/" in letter.body
    assert letter.body.rstrip().endswith(centre_of(teacher_a.organisation.municipality).full_name)


def test_the_beat_sends_it_on_the_first_of_each_month(coordinator_a, teacher_a):
    entry = settings.CELERY_BEAT_SCHEDULE["teacher-courses-monthly"]
    assert entry["task"] == "plans.development.tasks.teacher_courses_remind"
    assert entry["schedule"].day_of_month == {1}
    assert teacher_courses_remind.name == entry["task"]
    assert teacher_courses_remind() == 1 and len(mail.outbox) == 1
