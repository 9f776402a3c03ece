"""Would the systems a programme is sent to take it as it is now? Each such system's app (the
regional Navigator's, ``navigator_sync``) registers its check here at start-up; the registry's
pages, the import preview, the moderation queue and the dashboards ask here, and know nothing
of those systems. A check is ``check(program, *, groups, partners) -> [problem]``: the
problems in words a coordinator can act on, empty when the programme would be taken.
"""

from .models import Program
from .selectors import with_card_relations

_checks = []


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
