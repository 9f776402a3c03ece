"""Who opens the pages of contests' set-up and applications (issue 32): staff of the
contest's municipality and the administrator run a contest; the municipality's coordinators
apply; an entry and its children are seen by its organisation's coordinators, the staff and
the administrator only."""

from django.core.files.base import ContentFile

from plans.contests.models import (
    AgeCategory,
    ConsentState,
    Contest,
    ContestLevel,
    ContestState,
    Entry,
    EntryFile,
    Nomination,
    Participant,
    ParticipantKind,
)
from tests.contests.apply_helpers import born, dates, make_contest

REGISTRY = {"coordinator_a", "coordinator_b", "staff", "staff_other", "administrator"}
CREATORS = {"staff", "staff_other", "administrator"}
CENTRE_STAFF = {"staff", "staff_other"}
STAFF_OF_A = {"staff", "administrator"}
OWNERS_OF_A = {"coordinator_a", "staff", "administrator"}
IN_MUNICIPALITY_A = {"coordinator_a", "coordinator_b", "staff", "administrator"}
COORDINATORS_OF_A = {"coordinator_a", "coordinator_b"}
SIGNED_IN = REGISTRY | {"expert", "expert_other"}


def _contest(w):
    return {"pk": w.extra["apply_contest"].pk}


def _entry(w):
    return {"pk": w.extra["apply_entry"].pk}


def _child(w):
    return {"pk": w.extra["apply_child"].pk}


ACCESS = {
    "contests:list": (REGISTRY, None),
    "contests:create": (CREATORS, None),
    "contests:detail": (IN_MUNICIPALITY_A, _contest),
    "contests:edit": (STAFF_OF_A, _contest),
    "contests:stage_open": (CENTRE_STAFF, lambda w: {"pk": w.extra["apply_regional"].pk}),
    "contests:regulation": (SIGNED_IN, _contest),
    "contests:entries": (STAFF_OF_A, _contest),
    "contests:entry_create": (COORDINATORS_OF_A, _contest),
    "contests:import": (COORDINATORS_OF_A, _contest),
    "contests:import_template": (IN_MUNICIPALITY_A, _contest),
    "contests:organisation_consents": (
        {"coordinator_a"},
        lambda w: {"pk": w.extra["apply_contest"].pk, "organisation": w.organisation.pk},
    ),
    "contests:action": (
        STAFF_OF_A,
        lambda w: {"pk": w.extra["apply_contest"].pk, "action": "start_judging"},
    ),
    "contests:entry": (OWNERS_OF_A, _entry),
    "contests:entry_action": (
        OWNERS_OF_A,
        lambda w: {"pk": w.extra["apply_entry"].pk, "action": "withdraw"},
    ),
    "contests:participant_add": ({"coordinator_a"}, _entry),
    "contests:file_add": ({"coordinator_a"}, _entry),
    "contests:entry_consents": (OWNERS_OF_A, _entry),
    "contests:entry_file": (OWNERS_OF_A, lambda w: {"pk": w.extra["apply_file"].pk}),
    "contests:participant_delete": ({"coordinator_a"}, _child),
    "contests:participant_edit": ({"coordinator_a"}, _child),
    "contests:consent": ({"coordinator_a"}, _child),
    "contests:consent_form": (OWNERS_OF_A, _child),
    "contests:consent_scan": (OWNERS_OF_A, _child),
}

TABLES = [Contest, Nomination, AgeCategory, Entry, Participant, EntryFile]


def build(world) -> dict:
    municipality = world.organisation.municipality
    contest = make_contest(municipality, title="Юные таланты (обход адресов)")
    contest.regulation.save("polozhenie.pdf", ContentFile(b"%PDF-1.4 regulation"))
    regional = Contest.objects.create(
        level=ContestLevel.REGIONAL,
        audience=contest.audience,
        title="Региональный конкурс (обход адресов)",
        state=ContestState.APPLICATIONS,
        is_public=True,
        **dates(),
    )
    Nomination.objects.create(contest=regional, title="Вокал")
    entry = Entry.objects.create(
        contest=contest,
        organisation=world.organisation,
        nomination=contest.nominations.first(),
        age_category=contest.age_categories.first(),
        code="Н1-001",
    )
    child = Participant(
        entry=entry,
        kind=ParticipantKind.CHILD,
        surname="Обходова",
        name="Анна",
        birth_date=born(9, contest),
        consent=ConsentState.UPLOADED,
    )
    child.consent_file.save("scan.pdf", ContentFile(b"%PDF-1.4 scan"), save=False)
    child.save()
    item = EntryFile(entry=entry, title="Работа")
    item.file.save("rabota.pdf", ContentFile(b"%PDF-1.4 work"), save=False)
    item.save()
    return {
        "apply_contest": contest,
        "apply_regional": regional,
        "apply_entry": entry,
        "apply_child": child,
        "apply_file": item,
    }
