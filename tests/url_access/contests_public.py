"""The public contests page, its feed and calendar, and the bank of best practices with the
staff's desk (``plans/contests/public_urls.py``)."""

from django.core.files.base import ContentFile

from plans.contests.models import (
    Contest,
    ContestAudience,
    Entry,
    EntryFile,
    Participant,
    Placement,
    Practice,
    PracticeFile,
)
from tests.contests.public_helpers import add_entry, make_contest

EVERYONE = {
    "anonymous",
    "coordinator_a",
    "coordinator_b",
    "staff_other",
    "expert",
    "expert_other",
    "staff",
    "administrator",
}
STAFF_ANY = {"staff", "staff_other", "administrator"}
STAFF_OF_A = {"staff", "administrator"}
CENTRE_STAFF = {"staff", "staff_other"}


def _contest(w):
    return {"pk": w.extra["public_contest"].pk}


def _practice(w):
    return {"pk": w.extra["practice"].pk}


ACCESS = {
    "contests_public:list": (EVERYONE, None),
    "contests_public:rss": (EVERYONE, None),
    "contests_public:calendar": (EVERYONE, None),
    "contests_public:detail": (EVERYONE, _contest),
    "contests_public:regulation": (EVERYONE, _contest),
    "contests_public:practices": (EVERYONE, None),
    "contests_public:practice": (EVERYONE, _practice),
    "contests_public:practice_file": (EVERYONE, lambda w: {"pk": w.extra["practice_file"].pk}),
    "contests_public:manage": (STAFF_ANY, None),
    "contests_public:practice_create": (CENTRE_STAFF, None),
    "contests_public:practice_manage": (STAFF_OF_A, _practice),
    "contests_public:practice_edit": (STAFF_OF_A, _practice),
    "contests_public:practice_delete": (STAFF_OF_A, _practice),
    "contests_public:practice_file_delete": (
        STAFF_OF_A,
        lambda w: {"pk": w.extra["practice_file"].pk},
    ),
    # Publishing a contest's works is the centre staff's own municipality's work.
    "contests_public:contest_practices": (
        {"staff"},
        lambda w: {"pk": w.extra["works_contest"].pk},
    ),
}
TABLES = [Contest, Entry, Participant, EntryFile, Practice, PracticeFile]


def build(world) -> dict:
    municipality = world.organisation.municipality
    contest = make_contest(municipality, title="Конкурс рисунков (публичный)")
    contest.regulation.save("polozhenie.pdf", ContentFile(b"%PDF-1.4 regulation"))
    add_entry(
        contest,
        world.organisation,
        placement=Placement.WINNER,
        people=[("Скрытова", "Вера", "Ивановна", False)],
    )
    works = make_contest(municipality, audience=ContestAudience.WORKS, title="Лучшая практика")
    entry = add_entry(works, world.organisation, placement=Placement.WINNER, work_title="Опыт")
    EntryFile.objects.create(entry=entry, title="Работа", file=ContentFile(b"%PDF", name="w.pdf"))
    practice = Practice.objects.create(
        municipality=municipality,
        title="Школьный музей",
        description="Как устроен музей",
        organisation=world.organisation,
        year=2024,
    )
    attached = PracticeFile.objects.create(
        practice=practice, title="Положение о музее", file=ContentFile(b"%PDF", name="m.pdf")
    )
    return {
        "public_contest": contest,
        "works_contest": works,
        "practice": practice,
        "practice_file": attached,
    }
