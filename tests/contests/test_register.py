"""A contest's fixed results go into the events register and its plan item, once."""

from plans.contests.models import ContestAudience, ContestLevel, ParticipantKind, Placement
from plans.contests.signals import results_fixed
from plans.models import Event, EventKind
from tests.contests.public_helpers import add_entry, make_contest
from tests.plans.factories import PlanFactory, PlanItemFactory


def _children_contest(municipality, org_a, org_b, **fields):
    contest = make_contest(municipality, **fields)
    add_entry(contest, org_a, placement=Placement.WINNER, people=[("Иванова", "Мария", "", True)])
    add_entry(contest, org_b, placement=Placement.SECOND, people=[("Петров", "Иван", "", True)])
    add_entry(
        contest,
        org_b,
        placement=Placement.THIRD,
        people=[("Орлов", "Лев", "", True), ("Ким", "Ян", "", True)],
    )
    add_entry(contest, org_a, state="returned", people=[("Лишний", "Не", "", True)])
    return contest


def test_fixing_results_creates_the_event_with_real_counts(municipality, org_a, org_b):
    item = PlanItemFactory(plan=PlanFactory(municipality=municipality), title="Конкурс «Мой край»")
    contest = _children_contest(municipality, org_a, org_b, item=item)

    results_fixed.send(sender=type(contest), contest=contest)

    event = Event.objects.get()
    assert event.kind == EventKind.CONTEST
    assert event.municipality == municipality
    assert event.participants == 4  # the returned entry does not count
    assert event.result == "4 участника: 1 победитель, 2 призёра"
    assert event.item == item
    contest.refresh_from_db()
    assert contest.event == event
    item.refresh_from_db()
    assert item.result_quantitative == "«Конкурс «Мой край»»: 4 участника: 1 победитель, 2 призёра"


def test_fixing_again_updates_and_never_duplicates(municipality, org_a, org_b):
    item = PlanItemFactory(
        plan=PlanFactory(municipality=municipality), result_quantitative="Проведено"
    )
    contest = _children_contest(municipality, org_a, org_b, item=item)
    results_fixed.send(sender=type(contest), contest=contest)
    contest.entries.filter(placement=Placement.THIRD).update(placement=Placement.PARTICIPANT)

    results_fixed.send(sender=type(contest), contest=contest)

    assert Event.objects.count() == 1
    assert Event.objects.get().result == "4 участника: 1 победитель, 1 призёр"
    item.refresh_from_db()
    assert item.result_quantitative.splitlines() == [
        "Проведено",
        "«Конкурс «Мой край»»: 4 участника: 1 победитель, 1 призёр",
    ]


def test_a_teachers_stage_names_its_finalist(municipality, org_a):
    contest = make_contest(
        municipality,
        audience=ContestAudience.TEACHERS,
        level=ContestLevel.MUNICIPAL_STAGE,
        title="Сердце отдаю детям – 2023",
    )
    teacher = {
        "kind": ParticipantKind.TEACHER,
        "surname": "Шацких",
        "name": "Наталья",
        "patronymic": "Алексеевна",
    }
    add_entry(contest, org_a, placement=Placement.WINNER, nominated=True, people=[teacher])

    results_fixed.send(sender=type(contest), contest=contest)

    assert Event.objects.get().result == (
        "1 участник: 1 победитель, 0 призёров. Педагог Шацких Н.А. – финалист"
    )


def test_a_regional_contest_has_no_event_of_its_own(org_a):
    contest = make_contest(None, level=ContestLevel.REGIONAL)
    add_entry(contest, org_a, placement=Placement.WINNER, people=[("Иванова", "Мария", "", True)])

    results_fixed.send(sender=type(contest), contest=contest)

    assert not Event.objects.exists()


def test_an_item_of_another_municipality_is_not_linked(
    municipality, other_municipality, org_a, org_b
):
    item = PlanItemFactory(plan=PlanFactory(municipality=other_municipality))
    contest = _children_contest(municipality, org_a, org_b, item=item)

    results_fixed.send(sender=type(contest), contest=contest)

    assert Event.objects.get().item is None
    item.refresh_from_db()
    assert item.result_quantitative == ""
