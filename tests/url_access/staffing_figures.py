"""The staffing and resources page (reports/staffing_views.py): the centre's staff of their
municipality, the administrator of any or the region; nobody else. The pages only read."""

from programs.choices import Focus
from programs.staffing.models import Equipment, Room, Teacher

STAFF_ANY = {"staff", "staff_other", "administrator"}

ACCESS = {
    "reports:staffing": (STAFF_ANY, None),
    "reports:staffing_overdue": (STAFF_ANY, None),
    "reports:staffing_export": (STAFF_ANY, None),
}
TABLES = [Teacher, Room, Equipment]


def build(world) -> dict:
    """A teacher, a room and a piece of equipment of organisation A, so the pages have rows."""
    teacher = Teacher.objects.create(
        organisation=world.organisation,
        surname="Ушакова",
        name="Наталья",
        patronymic="Алексеевна",
        post="педагог дополнительного образования",
        focuses=[Focus.TECHNICAL],
    )
    room = Room.objects.create(
        organisation=world.organisation, name="Точка роста", kind="laboratory"
    )
    Equipment.objects.create(organisation=world.organisation, room=room, kind="3D-принтер")
    return {"staffing_teacher": teacher}
