import pytest
from django.core.exceptions import PermissionDenied

from programs import services
from programs.choices import ProgramStatus as S
from programs.models import ProgramTransition, PublishedProgram
from tests.helpers import move_to
from tests.programs.factories import ProgramFactory, ProgramGroupFactory

PERSONAS = ["coordinator_a", "coordinator_b", "staff", "staff_other", "expert", "administrator"]

# Written out by hand from the issue, not derived from services.PROGRAM_LIFECYCLE.
EXPECTED = {
    "submit": (
        {S.DRAFT, S.NEEDS_REVISION},
        S.ON_MODERATION,
        {"coordinator_a", "staff", "administrator"},
    ),
    "approve": ({S.ON_MODERATION}, S.PUBLISHED, {"staff", "administrator"}),
    "return": ({S.ON_MODERATION}, S.NEEDS_REVISION, {"staff", "administrator"}),
    "archive": ({S.PUBLISHED}, S.ARCHIVED, {"coordinator_a", "staff", "administrator"}),
    "withdraw": ({S.ON_MODERATION}, S.DRAFT, {"coordinator_a"}),
}


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(EXPECTED))
@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("persona", PERSONAS)
def test_transition_rules_per_role_and_state(request, action, status, persona, program_a, org_b):
    staff = request.getfixturevalue("staff")
    coordinator = request.getfixturevalue("coordinator_a")
    program = move_to(program_a, status, staff=staff, coordinator=coordinator)
    user = request.getfixturevalue(persona)
    sources, target, who = EXPECTED[action]
    before = ProgramTransition.objects.count()

    if persona not in who:
        with pytest.raises(PermissionDenied):
            services.program_transition(program=program, user=user, action=action, comment="x")
        program.refresh_from_db()
        assert program.status == status
        assert ProgramTransition.objects.count() == before
    elif status not in sources:
        with pytest.raises(services.RegistryError, match="Действие недоступно"):
            services.program_transition(program=program, user=user, action=action, comment="x")
        program.refresh_from_db()
        assert program.status == status
        assert ProgramTransition.objects.count() == before
    else:
        services.program_transition(program=program, user=user, action=action, comment="x")
        program.refresh_from_db()
        assert program.status == target
        step = program.transitions.first()
        assert (step.actor, step.from_status, step.to_status, step.comment) == (
            user,
            status,
            target,
            "x",
        )


def test_return_requires_a_comment(program_a, staff, coordinator_a):
    program = move_to(program_a, S.ON_MODERATION, staff=staff, coordinator=coordinator_a)
    with pytest.raises(services.RegistryError, match="Напишите комментарий"):
        services.program_return(program=program, user=staff, comment="   ")
    program.refresh_from_db()
    assert program.status == S.ON_MODERATION


def test_submit_without_group_is_refused(org_a, coordinator_a):
    program = ProgramFactory(organisation=org_a)
    with pytest.raises(services.RegistryError, match="хотя бы одну группу"):
        services.program_submit(program=program, user=coordinator_a)


def test_submit_with_group_without_schedule_is_refused(org_a, coordinator_a):
    program = ProgramFactory(organisation=org_a)
    ProgramGroupFactory(program=program, slot=None)
    with pytest.raises(services.RegistryError, match="расписание"):
        services.program_submit(program=program, user=coordinator_a)


def test_approve_publishes_the_approved_version(program_a, staff, coordinator_a):
    program = move_to(program_a, S.PUBLISHED, staff=staff, coordinator=coordinator_a)
    published = PublishedProgram.objects.get(program=program)
    assert published.name == program.name
    assert published.municipality == program.organisation.municipality
    assert published.card["groups"][0]["teacher"] == "Петрова Анна Сергеевна"
    assert published.approved_by == staff


def test_archive_withdraws_from_catalogue(program_a, staff, coordinator_a):
    program = move_to(program_a, S.ARCHIVED, staff=staff, coordinator=coordinator_a)
    assert not PublishedProgram.objects.filter(program=program).exists()


def test_coordinator_edit_of_published_goes_to_moderation_and_catalogue_keeps_approved(
    program_a, staff, coordinator_a
):
    program = move_to(program_a, S.PUBLISHED, staff=staff, coordinator=coordinator_a)
    approved_name = program.name

    services.program_update(
        user=coordinator_a, program=program, data={"name": "Робототехника и ИИ"}
    )

    program.refresh_from_db()
    assert program.status == S.ON_MODERATION
    assert program.name == "Робототехника и ИИ"
    assert PublishedProgram.objects.get(program=program).name == approved_name
    step = program.transitions.first()
    assert (step.from_status, step.to_status, step.actor) == (
        S.PUBLISHED,
        S.ON_MODERATION,
        coordinator_a,
    )

    services.program_approve(program=program, user=staff)
    assert PublishedProgram.objects.get(program=program).name == "Робототехника и ИИ"


def test_coordinator_group_change_of_published_goes_to_moderation(program_a, staff, coordinator_a):
    program = move_to(program_a, S.PUBLISHED, staff=staff, coordinator=coordinator_a)
    group = program.groups.get()
    group.teacher_name = "Новый Педагог Иванович"
    services.group_save(
        user=coordinator_a,
        program=program,
        group=group,
        schedule=[{"weekday": 1, "time_start": "10:00", "time_end": "11:00"}],
    )
    program.refresh_from_db()
    assert program.status == S.ON_MODERATION
    card = PublishedProgram.objects.get(program=program).card
    assert card["groups"][0]["teacher"] == "Петрова Анна Сергеевна"


def test_staff_edit_of_published_is_approved_at_once(program_a, staff, coordinator_a):
    program = move_to(program_a, S.PUBLISHED, staff=staff, coordinator=coordinator_a)
    services.program_update(user=staff, program=program, data={"name": "Исправленное название"})
    program.refresh_from_db()
    assert program.status == S.PUBLISHED
    assert PublishedProgram.objects.get(program=program).name == "Исправленное название"


def test_coordinator_cannot_edit_program_under_moderation(program_a, staff, coordinator_a):
    program = move_to(program_a, S.ON_MODERATION, staff=staff, coordinator=coordinator_a)
    with pytest.raises(services.RegistryError, match="на модерации"):
        services.program_update(user=coordinator_a, program=program, data={"name": "Другое"})


@pytest.mark.parametrize("user", ["coordinator_a", "staff"])
def test_nobody_edits_archived_program(request, program_a, staff, coordinator_a, user):
    program = move_to(program_a, S.ARCHIVED, staff=staff, coordinator=coordinator_a)
    with pytest.raises(services.RegistryError, match="архиве"):
        services.program_update(
            user=request.getfixturevalue(user), program=program, data={"name": "Другое"}
        )


def _allowed(user, program) -> list[str]:
    return [step.name for step in services.PROGRAM_LIFECYCLE.allowed(user, program)]


def test_allowed_actions_match_rules(program_a, staff, coordinator_a, expert):
    assert _allowed(coordinator_a, program_a) == ["submit"]
    assert _allowed(expert, program_a) == []
    program = move_to(program_a, S.ON_MODERATION, staff=staff, coordinator=coordinator_a)
    assert _allowed(coordinator_a, program) == ["withdraw"]
    assert _allowed(staff, program) == ["approve", "return"]


def test_copy_makes_a_draft_with_groups_and_schedule(program_a, staff, coordinator_a):
    program = move_to(program_a, S.PUBLISHED, staff=staff, coordinator=coordinator_a)
    copy = services.program_copy(user=coordinator_a, program=program)
    assert copy.pk != program.pk
    assert copy.status == S.DRAFT
    assert copy.name.endswith("(копия)")
    assert copy.groups.get().schedule.count() == 1
    assert program.groups.get().schedule.count() == 1
    assert not PublishedProgram.objects.filter(program=copy).exists()


def test_program_changes_since_approval_lists_fields_and_groups(program_a, staff, coordinator_a):
    from programs.selectors import program_changes_since_approval

    program = move_to(program_a, S.PUBLISHED, staff=staff, coordinator=coordinator_a)
    services.program_update(user=coordinator_a, program=program, data={"age_to": 14})
    services.program_transition(program=program, user=coordinator_a, action="withdraw")
    group = program.groups.get()
    group.places = 20
    services.group_save(
        user=coordinator_a,
        program=program,
        group=group,
        schedule=[{"weekday": 2, "time_start": "15:00", "time_end": "16:30"}],
    )
    changes = {c["label"]: (c["old"], c["new"]) for c in program_changes_since_approval(program)}
    assert changes["Возраст до, лет"] == ("12", "14")
    assert "мест 12" in changes["Группы и расписание"][0]
    assert "мест 20" in changes["Группы и расписание"][1]
    assert "Полное наименование" not in changes


def test_withdrawn_edit_keeps_catalogue_version(program_a, staff, coordinator_a):
    program = move_to(program_a, S.PUBLISHED, staff=staff, coordinator=coordinator_a)
    services.program_update(user=coordinator_a, program=program, data={"name": "Черновое имя"})
    services.program_transition(program=program, user=coordinator_a, action="withdraw")
    program.refresh_from_db()
    assert program.status == S.DRAFT
    assert PublishedProgram.objects.get(program=program).name != "Черновое имя"


def test_review_after_return_shows_what_changed_since_with_the_comment(
    client, program_a, staff, coordinator_a
):
    from django.urls import reverse

    program = move_to(program_a, S.ON_MODERATION, staff=staff, coordinator=coordinator_a)
    services.program_return(program=program, user=staff, comment="Уточните возраст детей.")
    services.program_update(user=coordinator_a, program=program, data={"age_to": 15})
    services.program_submit(program=program, user=coordinator_a)
    client.force_login(staff)
    page = client.get(reverse("programs:review", args=[program.pk])).content.decode()
    section = page[page.index('id="since-return"') : page.index('id="changes-title"')]
    assert "Уточните возраст детей." in section
    assert "Возраст до, лет" in section
    assert '<td class="diff-old">12</td><td class="diff-new">15</td>' in section
    assert "Полное наименование" not in section
    # Never approved: the whole card is still to check, and the page says so.
    assert "Программа подаётся впервые" not in page
    assert "кроме изменений после возврата, проверьте карточку целиком" in page
