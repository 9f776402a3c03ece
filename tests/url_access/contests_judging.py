"""The jury's pages, results and papers of a contest (``plans.contests.judging_urls``).

Two stages of municipality A: one being judged (the expert is its jury's chair; entries of
organisations A and B, a work's file), one with fixed results (organisation A's winner, the
diplomas' set built)."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from plans.contests import diplomas
from plans.contests.models import (
    Contest,
    ContestState,
    Entry,
    EntryFile,
    JuryMember,
    Participant,
    Placement,
    Score,
)
from tests.contests import judging_world

STAFF_OF_A = {"staff", "administrator"}
EXPERTS = {"expert", "expert_other"}


def _judged(w):
    return {"pk": w.extra["judged"].pk}


def _fixed(w):
    return {"pk": w.extra["fixed"].pk}


ACCESS = {
    "contests:judging": (EXPERTS, None),  # each expert's own list
    "contests:jury": (STAFF_OF_A, _judged),
    "contests:jury_remove": (
        STAFF_OF_A,
        lambda w: {"pk": w.extra["judged"].pk, "member_pk": w.extra["juror"].pk},
    ),
    "contests:judging_entries": ({"expert"}, _judged),
    "contests:judging_score": (
        {"expert"},
        lambda w: {"pk": w.extra["judged"].pk, "entry_pk": w.extra["judged_entry"].pk},
    ),
    "contests:judging_file": (
        {"expert"},
        lambda w: {"pk": w.extra["judged"].pk, "file_pk": w.extra["work_file"].pk},
    ),
    "contests:ranking": (STAFF_OF_A | {"expert"}, _judged),  # staff and the jury's chair
    "contests:tie_settle": ({"expert"}, _judged),  # the chair alone
    "contests:results_fix": (STAFF_OF_A, _judged),
    "contests:protocol": (STAFF_OF_A, _fixed),
    "contests:diplomas": (STAFF_OF_A | {"coordinator_a"}, _fixed),  # B has no participant
    "contests:diplomas_start": (STAFF_OF_A, _fixed),
    "contests:diplomas_file": (STAFF_OF_A, _fixed),
    "contests:diplomas_own": ({"coordinator_a"}, _fixed),
    "contests:nominees_export": (STAFF_OF_A, _fixed),
    "contests:nominees_transfer": (STAFF_OF_A, _fixed),
}

TABLES = [Contest, JuryMember, Entry, Participant, Score, EntryFile]


def build(world) -> dict:
    from moc_portal.users.models import User

    municipality = world.organisation.municipality
    expert = User.objects.get(username="expert")
    judged = judging_world.stage(municipality)
    judged_entry = judging_world.entry(judged, world.organisation, "A-1")
    other_entry = judging_world.entry(judged, world.other_organisation, "B-1")
    work_file = EntryFile(entry=other_entry, title="Работа")
    work_file.file.save("rabota.pdf", ContentFile(b"%PDF-1.4"), save=True)
    juror = judging_world.juror(judged, expert, chair=True)
    fixed = judging_world.stage(municipality, state=ContestState.RESULTS)
    fixed.results_fixed_at = timezone.now()
    fixed.save()
    judging_world.entry(fixed, world.organisation, "A-1", placement=Placement.WINNER, rank=1)
    JuryMember.objects.create(contest=fixed, expert=expert, is_chair=True)
    default_storage.save(diplomas.stored_name(fixed), ContentFile(b"%PDF-1.4"))
    return {
        "judged": judged,
        "judged_entry": judged_entry,
        "work_file": work_file,
        "juror": juror,
        "fixed": fixed,
    }
