"""Would the systems a programme is sent to take it as it is now? Each such system's app (the
regional Navigator's, ``navigator_sync``) registers its check here at start-up; the registry's
pages, the import preview, the moderation queue and the dashboards ask here, and know nothing
of those systems. A check is ``check(program, *, groups, partners) -> [problem]``: the
problems in words a coordinator can act on, empty when the programme would be taken.
"""

from django.utils.text import capfirst

from .choices import ProgramStatus
from .models import Program
from .selectors import with_card_relations

_checks = []

# The texts a programme needs before it goes to moderation or to the catalogue. A draft may
# lack them: a centre loads its list of programmes first and writes the texts after.
PUBLISHING_TEXTS = ("short_description", "content", "goals", "expected_results")


def register(check) -> None:
    if check not in _checks:
        _checks.append(check)


def payload_problems(program: Program, *, groups, partners=None) -> list[str]:
    """The problems of the programme with these groups ([(group, slots)]), as every registered
    check finds them; empty when all would take it."""
    return [
        problem for check in _checks for problem in check(program, groups=groups, partners=partners)
    ]


def program_problems(program: Program) -> list[str]:
    """The saved programme's problems (load it with ``with_card_relations`` for a list)."""
    return payload_problems(
        program,
        groups=[(g, g.schedule.all()) for g in program.groups.all()],
        partners=program.partners.all(),
    )


def not_ready(programs) -> dict[int, list[str]]:
    """{programme id: its problems} for the programmes that are not ready."""
    found = {}
    for program in with_card_relations(programs):
        problems = program_problems(program)
        if problems:
            found[program.pk] = problems
    return found


# --- what the portal itself needs before publishing -----------------------------------------


def missing_texts(program: Program) -> list[str]:
    """The texts the programme still lacks, as its card names them: [«Цели и задачи», …]."""
    return [
        capfirst(Program._meta.get_field(name).verbose_name)
        for name in PUBLISHING_TEXTS
        if not (getattr(program, name) or "").strip()
    ]


def texts_needed(program: Program) -> str:
    """«заполнить «Содержание программы», «Цели и задачи»», or "" when all are written."""
    missing = missing_texts(program)
    return "заполнить " + ", ".join(f"«{name}»" for name in missing) if missing else ""


def publishing_needs(program: Program) -> list[str]:
    """What a draft still needs before it can be sent to moderation and published, each a
    step the person takes: the texts, a group, a schedule for each group. Empty for a
    programme past that step. Load it with ``with_card_relations`` for its groups."""
    if program.status not in (ProgramStatus.DRAFT, ProgramStatus.NEEDS_REVISION):
        return []
    texts = texts_needed(program)
    needs = [texts] if texts else []
    groups = list(program.groups.all())
    if not groups:
        needs.append("добавить хотя бы одну группу с педагогом и расписанием")
    unscheduled = [f"«{g.name}»" for g in groups if not list(g.schedule.all())]
    if unscheduled:
        needs.append(f"добавить расписание: {', '.join(unscheduled)}")
    return needs


def said_elsewhere(problems: list[str], program: Program) -> list[str]:
    """The problems but those about the texts the programme lacks: a draft's readiness list
    (``publishing_needs``, the import's draft line) says those once already."""
    missing = tuple(f"{name.lower()} —" for name in missing_texts(program))
    return [p for p in problems if not p.startswith(missing)] if missing else problems
