"""One shape for every lifecycle: a table of transitions — from which states, to which, who
may, with what button — that a service checks before it does the work and a page draws its
buttons from (``{% lifecycle_buttons %}``).

What a step does (dates, letters, snapshots) stays in the app's service:

    lifecycle.check(user, obj, "approve", comment=comment)  # refuses, or returns the step
    ... the work, under ``select_for_update`` ...
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied

from .errors import DomainError

# A refusal: one text, or a text per state («сдан» and «собирается» refuse differently).
# ``{state}`` is replaced by the state's display name.
Refusal = str | Mapping[str, str]


def anyone(user, obj) -> bool:
    return True


@dataclass(frozen=True)
class Transition:
    """One step. ``target`` None: the object keeps its state (a rebuild, a new version, an
    assignment taken off). ``may(user, obj)``: who. ``guard(obj)``: a refusal text while
    something beside the state does not fit (the campaign of an assignment is closed), else "".
    ``button`` False: the step rides on a form of its own (a save), not a button."""

    name: str
    sources: frozenset
    target: str | None
    label: str
    may: Callable = anyone
    guard: Callable | None = None
    comment_required: bool = False
    comment_label: str = "Комментарий"
    comment_help: str = ""
    comment_submit: str = ""
    comment_refusal: str = "Напишите комментарий."
    refusal: Refusal = ""
    denied: str = ""  # the 403's text when this step's ``may`` differs from the lifecycle's
    style: str = "btn-primary"
    aria_label: str = ""  # ``{obj}`` is the object: «Снять назначение: {obj.expert}»
    fields: tuple = ()  # hidden (name, value) pairs the view reads
    button: bool = True


@dataclass(frozen=True)
class Button:
    transition: Transition
    url: str
    aria_label: str
    form_id: str


@dataclass(frozen=True)
class Lifecycle:
    """``url(obj, transition)``: where the button posts. ``error``: the app's DomainError.
    ``denied``: the text of the 403 when ``may`` says no."""

    state_field: str
    transitions: tuple
    error: type[DomainError] = DomainError
    denied: str = "Недостаточно прав для этого действия."
    refusal: Refusal = "Действие недоступно в состоянии «{state}»."
    url: Callable | None = None
    _by_name: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        by_name = {t.name: t for t in self.transitions}
        if len(by_name) != len(self.transitions):
            raise ValueError("Two transitions share a name.")
        object.__setattr__(self, "_by_name", by_name)

    def __contains__(self, name: str) -> bool:
        return name in self._by_name

    def __getitem__(self, name: str) -> Transition:
        return self._by_name[name]

    @property
    def names(self) -> list[str]:
        return list(self._by_name)

    def state(self, obj) -> str:
        return getattr(obj, self.state_field)

    def refusal_for(self, obj, transition: Transition) -> str:
        """Why ``transition`` does not apply in the object's state, or "" when it does."""
        state = self.state(obj)
        if state in transition.sources:
            return ""
        texts = (
            refusal.get(state, "") if isinstance(refusal, Mapping) else refusal
            for refusal in (transition.refusal, self.refusal)
        )
        text = next((t for t in texts if t), "Действие недоступно в состоянии «{state}».")
        display = getattr(obj, f"get_{self.state_field}_display", lambda: state)()
        return text.format(state=display)

    def permits(self, user, obj, name: str) -> bool:
        transition = self[name]
        return (
            not self.refusal_for(obj, transition)
            and not (transition.guard and transition.guard(obj))
            and bool(transition.may(user, obj))
        )

    def allowed(self, user, obj) -> list[Transition]:
        """The steps this person may take now, in the table's order."""
        return [t for t in self.transitions if self.permits(user, obj, t.name)]

    def buttons(self, user, obj) -> list[Button]:
        return [
            Button(
                transition=t,
                url=self.url(obj, t) if self.url else "",
                aria_label=t.aria_label.format(obj=obj),
                form_id=f"{t.name.replace('_', '-')}-form",
            )
            for t in self.allowed(user, obj)
            if t.button
        ]

    def check(self, user, obj, name: str, *, comment: str = "") -> Transition:
        """Refuse unless this person may take the step now: ``PermissionDenied`` for the
        person, the lifecycle's error (in Russian) for the state or a missing comment."""
        transition = self[name]
        if not transition.may(user, obj):
            raise PermissionDenied(transition.denied or self.denied)
        refusal = (transition.guard and transition.guard(obj)) or self.refusal_for(obj, transition)
        if refusal:
            raise self.error(refusal)
        if transition.comment_required and not comment.strip():
            raise self.error(transition.comment_refusal)
        return transition
