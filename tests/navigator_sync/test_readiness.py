"""«Не готово к передаче в Навигатор»: the push's own checks, run before publishing and shown
on the form, the programme's page, the moderation queue, the import's preview and the staff
dashboard."""

from django.urls import reverse

from navigator_sync import schema
from navigator_sync.standin import store as standin_store
from programs import readiness
from programs import services as registry
from programs.choices import ProgramStatus
from programs.models import Program, ProgramGroup
from tests.helpers import login
from tests.programs.factories import ProgramFactory, ProgramGroupFactory
from tests.programs.test_group_import import group_row, workbook
from tests.programs.test_imports import program_row, xlsx

NO_GROUPS = "не готово к передаче в Навигатор: нет ни одной группы"


def test_the_stand_in_refuses_with_the_same_checks_the_portal_runs_first(org_a):
    assert standin_store.field_errors is schema.field_errors
    program = ProgramFactory(organisation=org_a)
    payload_errors = schema.field_errors("program", {})
    assert payload_errors  # an empty payload is refused field by field
    assert readiness.not_ready(Program.objects.filter(pk=program.pk)) == {
        program.pk: ["нет ни одной группы"]
    }
    ProgramGroupFactory(program=program, teacher_name="")
    (problem,) = readiness.not_ready(Program.objects.filter(pk=program.pk))[program.pk]
    assert problem.endswith("педагог — пустое значение")
    ProgramGroup.objects.filter(program=program).update(teacher_name="Иванова")
    assert readiness.not_ready(Program.objects.filter(pk=program.pk)) == {}


def test_the_list_is_on_the_page_the_form_the_queue_and_the_dashboard(
    client, staff, coordinator_a, org_a
):
    program = ProgramFactory(organisation=org_a, status=ProgramStatus.ON_MODERATION)
    ready = ProgramFactory(organisation=org_a, status=ProgramStatus.ON_MODERATION)
    ProgramGroupFactory(program=ready)
    login(client, coordinator_a)
    for url in (
        reverse("programs:detail", args=[program.pk]),
        reverse("programs:edit", args=[program.pk]),
    ):
        assert "Не готово к передаче в Навигатор:</strong> нет ни одной группы" in (
            client.get(url).content.decode()
        )
    client.force_login(staff)
    queue = client.get(reverse("programs:moderation")).content.decode()
    assert queue.count(NO_GROUPS) == 1
    review = client.get(reverse("programs:review", args=[program.pk])).content.decode()
    assert "Опубликовать в каталоге можно" in review
    cabinet = client.get(reverse("users:cabinet")).content.decode()
    assert "1 программа не готова к передаче в Навигатор" in cabinet
    # Staff may still publish it, knowingly.
    registry.program_transition(program=program, user=staff, action="approve")
    assert Program.objects.get(pk=program.pk).status == ProgramStatus.PUBLISHED


def test_the_import_preview_says_which_rows_the_navigator_would_refuse(
    upload, coordinator_a, org_a
):
    alone = upload(coordinator_a, xlsx([program_row(org_a.inn, "Без групп")]))
    assert alone.summary["not_ready"] == 1
    assert alone.preview[0]["not_ready"] == "нет ни одной группы"
    with_groups = upload(
        coordinator_a,
        workbook([program_row(org_a.inn, "С группой")], [group_row(org_a, "С группой")]),
    )
    assert "not_ready" not in with_groups.summary
    assert "not_ready" not in with_groups.preview[0]
