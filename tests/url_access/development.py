"""Who may open the pages of teachers' growth (plans.development): the teacher's record,
courses and certificates go to the organisation's coordinators, the municipality's staff and
administrators; coordinator B never sees organisation A's teachers."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from plans.development.models import Course, Registration
from plans.models import Event
from programs.staffing.models import Teacher

REGISTRY = {"coordinator_a", "coordinator_b", "staff", "staff_other", "administrator"}
OWNERS_OF_A = {"coordinator_a", "staff", "administrator"}
STAFF_OF_A = {"staff", "administrator"}
COORDINATORS_OF_A = {"coordinator_a", "coordinator_b"}  # both organisations are in A


def _teacher(w):
    return {"pk": w.extra["development_teacher"].pk}


def _course(w):
    return {"pk": w.extra["development_course"].pk}


def _event(w):
    return {"pk": w.extra["development_event"].pk}


ACCESS = {
    "development:due": (REGISTRY, None),
    "development:organisation_due": (OWNERS_OF_A, lambda w: {"pk": w.organisation.pk}),
    "development:teacher": (OWNERS_OF_A, _teacher),
    "development:course_add": (OWNERS_OF_A, _teacher),
    "development:course_edit": (OWNERS_OF_A, _course),
    "development:course_delete": (OWNERS_OF_A, _course),
    "development:certificate": (OWNERS_OF_A, _course),
    "development:import": (REGISTRY, None),
    "development:import_template": (REGISTRY, None),
    "development:events": (REGISTRY, None),
    "development:event_register": (COORDINATORS_OF_A, _event),
    "development:event_registrations": (STAFF_OF_A, _event),
}

TABLES = [Teacher, Course, Registration]


def build(world) -> dict:
    today = timezone.localdate()
    teacher = Teacher.objects.create(
        organisation=world.organisation, surname="Корнева", name="Наталья", post="педагог"
    )
    course = Course(
        teacher=teacher,
        title="Робототехника",
        hours=72,
        starts_on=today - timedelta(days=60),
        ends_on=today - timedelta(days=30),
    )
    course.certificate.save("udostoverenie.pdf", ContentFile(b"%PDF-1.4"), save=True)
    event = Event.objects.create(
        municipality=world.organisation.municipality,
        item=world.plan_item,
        kind="seminar",
        title="Методическая неделя",
        starts_on=today + timedelta(days=40),
        takes_registrations=True,
        registration_until=today + timedelta(days=30),
    )
    Registration.objects.create(event=event, teacher=teacher)
    return {
        "development_teacher": teacher,
        "development_course": course,
        "development_event": event,
    }
