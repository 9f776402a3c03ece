"""Two people open the same form and both save: the second save is refused and shows what the
first one changed, instead of silently undoing it.

A form carries, in a hidden field, what its person saw when it was opened: a signed snapshot of
the values the form can change, as text. The service compares it with what is stored now,
with the row locked; a difference is an ``EditConflict`` naming each change. The form comes back
with the person's input kept and the new snapshot as seen, so saving again is a choice made
after seeing the other change. It is the one check for every form (plan items' in-place edit
included), without a version column on any table.
"""

import datetime
import decimal
from dataclasses import dataclass

from django.core import signing
from django.db.models.fields.files import FieldFile
from django.utils.html import format_html

from .errors import DomainError

SALT = "moc_portal.concurrency.seen"


def field_text(instance, name: str) -> str:
    """A model field's value as the person reads it on the page."""
    field = instance._meta.get_field(name)
    if field.many_to_many:
        if instance.pk is None:
            return ""
        return "; ".join(sorted(str(related) for related in getattr(instance, name).all()))
    if field.choices:
        return str(getattr(instance, f"get_{name}_display")())
    value = getattr(instance, name)
    return value_text(value)


def value_text(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, datetime.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, float | decimal.Decimal):
        return f"{value:g}".replace(".", ",")
    return str(value)


def snapshot(instance, names, extra: dict[str, str] | None = None) -> dict[str, str]:
    """What a form shows of ``instance``: {label: text} for the fields ``names`` and ``extra``
    (rows kept beside the instance, such as a group's schedule, already as text)."""
    state = {}
    for name in names:
        label = str(instance._meta.get_field(name).verbose_name)
        state[label[:1].upper() + label[1:]] = field_text(instance, name)
    state.update(extra or {})
    return state


def seen_token(state: dict[str, str]) -> str:
    return signing.dumps(state, salt=SALT, compress=True)


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


class EditConflict(DomainError):
    """Someone saved after this person opened the form; ``changes`` are what they changed and
    ``seen`` the snapshot as it is now, for the form to carry on."""

    def __init__(self, changes: list[Change], seen: str):
        self.changes = changes
        self.seen = seen
        super().__init__(
            "Пока вы редактировали, эти сведения сохранил другой пользователь. Его изменения "
            "показаны ниже, ваши остались в форме: сравните и сохраните ещё раз."
        )


def check_seen(seen: str | None, state: dict[str, str]) -> None:
    """Refuse a save made from a form opened before someone else's save.

    ``seen`` is the token the form carried; ``None`` for callers without a form (imports, the
    API, tasks), which change what they are given on purpose."""
    if seen is None:
        return
    try:
        before = signing.loads(seen, salt=SALT)
    except signing.BadSignature:
        before = {}
    if before == state:
        return
    changes = [
        Change(label, before.get(label, ""), after)
        for label, after in state.items()
        if before.get(label, "") != after
    ]
    if not changes:  # a snapshot that could not be read: say so rather than list nothing
        changes = [Change("Форма", "открыта в старой версии портала", "обновите страницу")]
    raise EditConflict(changes, seen_token(state))


def seen_readable(seen: str | None) -> bool:
    """A token this portal signed (not forged, not cut, not from before the key changed)."""
    try:
        signing.loads(seen or "", salt=SALT)
    except signing.BadSignature:
        return False
    return True


SEEN_BROKEN = (
    "Форма устарела или повреждена: откройте её заново и внесите изменения ещё раз. Ничего не "
    "сохранено."
)


class SeenFormMixin:
    """A form that knows what its person saw: pass ``seen`` (a snapshot) when the edited thing
    exists, render ``{{ form.seen_input }}`` inside the form, give ``form.seen`` to the service.

    The token is not a form field, so it never reaches ``cleaned_data`` and the services' data.
    It is required where a snapshot was given: a save sent without it, or with one this portal
    did not sign, is a form error (``SEEN_BROKEN``), since nobody knows what its person saw.
    """

    seen_name = "seen"

    def __init__(self, *args, seen=None, **kwargs):
        """``seen``: the snapshot, or a function of the form giving it (for forms whose fields
        depend on who opens them)."""
        super().__init__(*args, **kwargs)
        self._seen_state = seen
        self.conflict: EditConflict | None = None

    @property
    def seen_initial(self) -> str:
        """Taken when the form is drawn, after every ``__init__`` has settled its fields."""
        state = self._seen_state(self) if callable(self._seen_state) else self._seen_state
        return seen_token(state) if state is not None else ""

    @property
    def seen(self) -> str | None:
        """The token the person's browser sent back; ``None`` on a new thing's form."""
        if not self.is_bound:
            return None
        return self.data.get(self.add_prefix(self.seen_name)) or None

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self._seen_state is not None and not seen_readable(self.seen):
            self.add_error(None, SEEN_BROKEN)

    def show_conflict(self, conflict: EditConflict) -> None:
        self.conflict = conflict

    @property
    def seen_input(self) -> str:
        if self.conflict:
            value = self.conflict.seen
        elif self.is_bound and self._seen_state is not None:
            # What was sent back; a missing or unreadable one is not replaced by today's
            # snapshot, which would let the next save overwrite what the person never saw.
            value = self.seen if seen_readable(self.seen) else ""
        else:
            value = self.seen_initial
        if not value:
            return ""
        return format_html(
            '<input type="hidden" name="{}" value="{}">', self.add_prefix(self.seen_name), value
        )
