"""A person's name in the case a Russian phrase needs, by pytrovich (the petrovich rules):
«награждается Иванова Мария Петровна», «вручается Ивановой Марии Петровне».

The gender is read from the patronymic, else the first name (``russian.gender``, the
dictionary), else by pytrovich's own detector; a name neither tells is declined as
pytrovich declines an androgynous one."""

from functools import lru_cache

from pytrovich.detector import PetrovichGenderDetector
from pytrovich.enums import Case, Gender, NamePart
from pytrovich.maker import PetrovichDeclinationMaker

from .russian import gender as dictionary_gender

CASES = {
    "nominative": Case.NOMINATIVE,
    "genitive": Case.GENITIVE,
    "dative": Case.DATIVE,
    "instrumental": Case.INSTRUMENTAL,
}


@lru_cache(maxsize=1)
def _maker() -> PetrovichDeclinationMaker:
    return PetrovichDeclinationMaker()


@lru_cache(maxsize=1)
def _detector() -> PetrovichGenderDetector:
    return PetrovichGenderDetector()


@lru_cache(maxsize=4096)
def person_gender(name: str = "", patronymic: str = "", surname: str = "") -> Gender:
    """MALE or FEMALE as the patronymic or first name says; ANDROGYNOUS when nothing tells."""
    found = dictionary_gender(patronymic, name)
    if found == "femn":
        return Gender.FEMALE
    if found == "masc":
        return Gender.MALE
    parts = {"firstname": name, "lastname": surname, "middlename": patronymic}
    given = {key: value for key, value in parts.items() if value}
    return _detector().detect(**given) if given else Gender.ANDROGYNOUS


def _part(part: NamePart, gender: Gender, case: Case, value: str) -> str:
    if not value or case == Case.NOMINATIVE:
        return value
    # Each piece of a double surname declines on its own («Петрова-Водкина»).
    return "-".join(_maker().make(part, gender, case, piece) for piece in value.split("-"))


@lru_cache(maxsize=8192)
def decline(surname: str, name: str = "", patronymic: str = "", case: str = "nominative") -> str:
    """«Ивановой Марии Петровне» for ("Иванова", "Мария", "Петровна", "dative")."""
    if case not in CASES:
        raise ValueError(f"Unknown case {case!r}: one of {', '.join(CASES)}")
    gender = person_gender(name, patronymic, surname)
    pytrovich_case = CASES[case]
    parts = [
        _part(NamePart.LASTNAME, gender, pytrovich_case, surname.strip()),
        _part(NamePart.FIRSTNAME, gender, pytrovich_case, name.strip()),
        _part(NamePart.MIDDLENAME, gender, pytrovich_case, patronymic.strip()),
    ]
    return " ".join(part for part in parts if part)


def decline_person(person, case: str) -> str:
    """A record with ``surname``, ``name``, ``patronymic`` (a contest participant)."""
    return decline(person.surname, person.name, person.patronymic, case)
