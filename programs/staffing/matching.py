"""A group's «Педагог» as people write it, matched to the organisation's list of teachers.

«Шацких Н.А.», «Шацких Н. А.», «Шацких Надежда Александровна», «шацких н.а.» and «Шацкий»
for «Шацкий» name the same person; several names are separated by commas. A name is matched
by surname and by the name and patronymic given, each either in full or as its initial, with
ё read as е and letters in any case. An unknown name or one that fits several teachers is
refused: the person adds the teacher on the «Педагоги» page or writes the name in full.

While an organisation has no teachers in its list the text is kept as written, so the
programmes entered before the list existed (and their imports) still save; once the list has
anyone, every name must be found in it.
"""

import re
from collections import Counter
from dataclasses import dataclass

from .models import Teacher

UNKNOWN = (
    "Педагог «{name}» не найден в списке педагогов организации: добавьте его на странице «Педагоги»"
)
AMBIGUOUS = (
    "Педагог «{name}» подходит нескольким педагогам: {candidates}; укажите имя и отчество полностью"
)
EMPTY = "Укажите педагога группы: «Фамилия И.О.», нескольких — через запятую"
FREE_TEXT_HELP = (
    "«Фамилия И.О.» педагога из списка «Педагоги» организации, нескольких — через запятую. "
    "Пока список педагогов организации пуст, имя сохраняется как написано; когда список "
    "заполнен, каждое имя должно в нём найтись."
)

NAME_SEPARATORS = re.compile(r"[,;]")


class TeacherNameError(ValueError):
    """A name of the text that names no teacher or several; ``str()`` is the Russian reason."""


@dataclass(frozen=True)
class GroupTeachers:
    """What a group's «Педагог» resolved to: the teachers (empty while the organisation's list
    is empty) and the text the group shows."""

    teachers: tuple[Teacher, ...]
    text: str


def plain(word: str) -> str:
    return word.casefold().replace("ё", "е")


def name_parts(written: str) -> list[str]:
    """«Шацких Н.А.» -> ["шацких", "н.", "а."]; a full word stays whole, an initial keeps its
    dot (a single letter is an initial with or without it)."""
    words = re.sub(r"\.", ". ", written).split()
    parts = []
    for word in words:
        word = plain(word)
        if len(word.rstrip(".")) == 1:
            word = word.rstrip(".") + "."
        parts.append(word)
    return parts


def _fits(teacher: Teacher, parts: list[str]) -> bool:
    surname, given = parts[0], parts[1:]
    if plain(teacher.surname) != surname:
        return False
    own = [plain(teacher.name), plain(teacher.patronymic)]
    if len(given) > len(own):
        return False
    for part, actual in zip(given, own, strict=False):
        if part.endswith("."):
            if not actual.startswith(part[:-1]):
                return False
        elif part != actual:
            return False
    return True


def written_names(text: str) -> list[str]:
    return [" ".join(n.split()) for n in NAME_SEPARATORS.split(text or "") if n.strip()]


def match_names(text: str, teachers: list[Teacher]) -> tuple[Teacher, ...]:
    """The teachers ``text`` names, in its order, without repeats; ``TeacherNameError`` for
    the first name that fits none or several of ``teachers``."""
    chosen = []
    for written in written_names(text):
        found = [t for t in teachers if _fits(t, name_parts(written))]
        if not found:
            raise TeacherNameError(UNKNOWN.format(name=written))
        if len(found) > 1:
            candidates = ", ".join(t.full_name for t in found)
            raise TeacherNameError(AMBIGUOUS.format(name=written, candidates=candidates))
        if found[0] not in chosen:
            chosen.append(found[0])
    if not chosen:
        raise TeacherNameError(EMPTY)
    return tuple(chosen)


def display_text(teachers, among=()) -> str:
    """«Шацких Н.А., Петров С.С.»: how the group names its teachers; a teacher whose
    «Фамилия И.О.» is shared by another of ``among`` (the organisation's list) is named in
    full, so that the text saved again matches the same person."""
    shared = Counter(t.short_name for t in among)
    return ", ".join(t.full_name if shared[t.short_name] > 1 else t.short_name for t in teachers)


def current_teachers(organisation_id: int) -> list[Teacher]:
    return list(Teacher.objects.filter(organisation_id=organisation_id).working())


def group_teachers_resolve(text: str, teachers: list[Teacher]) -> GroupTeachers:
    """``text`` against an organisation's current ``teachers`` (``current_teachers``)."""
    if not teachers:
        return GroupTeachers((), " ".join((text or "").split()))
    chosen = match_names(text, teachers)
    return GroupTeachers(chosen, display_text(chosen, among=teachers))
