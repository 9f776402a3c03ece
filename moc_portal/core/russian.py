"""Russian that agrees, from a morphological dictionary (pymorphy3 with OpenCorpora's): a
number with the words it counts, a past form by the person's own name, and numbers written
the way a Russian reader reads them (a decimal comma, a thin group space, «₽»).

No word lists are written here: the dictionary knows every form. A word it does not know
(an abbreviation, a name of a place) is left as it is.
"""

import os
import re
import string
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache

import pymorphy3

# The head of a counted phrase: leading adjectives and participles agree with the noun they
# stand before; everything after the noun («… технической направленности», «(МОЦ)») stays.
AGREEING = {"ADJF", "PRTF"}
NBSP = "\u00a0"


@cache
def _morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def _parse(word: str, parts: set[str], gender: str | None = None):
    """The word's reading in the nominative singular as one of ``parts`` (of the ``gender``
    its noun has, for an adjective), or None. A reading the dictionary only guessed from a
    hyphenated word («Fixd») comes after a real one."""
    readings = [
        parse
        for parse in _morph().parse(word)
        if parse.tag.POS in parts and parse.tag.case == "nomn" and parse.tag.number == "sing"
    ]
    if gender:
        readings = [p for p in readings if p.tag.gender == gender] or readings
    readings.sort(key=lambda p: "Fixd" in p.tag)
    return readings[0] if readings else None


def _phrase(phrase: str):
    """The phrase's words as (written, word, reading, is the noun); the words after the noun are
    (written, None, None, False): they stay as they are."""
    words = phrase.split(" ")
    bare = [written.rstrip(string.punctuation) for written in words]
    nouns = [
        (i, None if _abbreviation(word) else _parse(word, {"NOUN"})) for i, word in enumerate(bare)
    ]
    head, noun = next(((i, p) for i, p in nouns if p), (len(words), None))
    gender = noun.tag.gender if noun else None
    for index, written in enumerate(words):
        if _abbreviation(bare[index]):
            yield written, bare[index], None, False
        elif index < head:
            yield written, bare[index], _parse(bare[index], AGREEING, gender), False
        elif index == head:
            yield written, bare[index], noun, True
        else:
            yield written, None, None, False


def _abbreviation(word: str) -> bool:
    """«ДООП», «МБОУ», «ПФДО»: written as they are, whatever the number."""
    return len(word) > 1 and word.isupper()


def _cased(source: str, word: str) -> str:
    if source[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def agree(number, phrase: str, *, case: str = "nomn", adjectives: str = "") -> str:
    """The phrase, given in the nominative singular, as it stands after the number:
    agree(163, "дополнительная общеразвивающая программа") → «дополнительные общеразвивающие
    программы»; agree(4, "автономное учреждение") → «автономных учреждения».

    ``case`` is the case the number stands in («более 30 дней»: "gent"). ``adjectives="gent"``
    writes the adjectives of a feminine noun after 2–4 in the genitive plural
    («4 дошкольных образовательных организации»), the older of the two forms Russian allows;
    by default they take the nominative plural («3 дополнительные программы»).
    """
    number = abs(int(number))
    out = []
    for written, word, parse, noun in _phrase(phrase):
        if parse is None:
            out.append(written)
            continue
        inflected = _inflect(parse, number, case)
        if not noun and adjectives == "gent" and _few(number):
            inflected = parse.inflect({"plur", "gent"}) or inflected
        out.append(_cased(word, inflected.word if inflected else word) + written[len(word) :])
    return " ".join(out)


def predicate(number, words: str) -> str:
    """The predicate of a counted subject, given as it goes with one: predicate(163, "не
    готова") → «не готовы», predicate(21, "занято") → «занято». Short adjectives, participles
    and past verbs take the plural unless the number ends in a lone one."""
    if _one(abs(int(number))):
        return words
    out = []
    for word in words.split(" "):
        parse = next(
            (p for p in _morph().parse(word) if p.tag.POS in {"ADJS", "PRTS", "VERB"}), None
        )
        plural = parse.inflect({"plur"}) if parse else None
        out.append(_cased(word, plural.word) if plural else word)
    return " ".join(out)


def _one(number: int) -> bool:
    return number % 10 == 1 and number % 100 != 11


def _few(number: int) -> bool:
    return 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14


def _inflect(parse, number: int, case: str):
    if case != "nomn":
        parse = parse.inflect({case}) or parse
    agreed = parse.make_agree_with_number(number)
    if agreed is not None and agreed.tag.POS == "NOUN" and {"plur", "gent"} <= agreed.tag.grammemes:
        return _counting_form(agreed) or agreed
    return agreed


_UNUSUAL = {"Infr", "Abbr", "Arch", "Erro", "Dist"}


def _counting_form(parse):
    """The genitive plural a number takes where the dictionary holds two: its «Coun» form
    («5 грамм»), else the last of its plain forms, the dictionary's suppletive or counting one
    («5 лет», not «годов»; «5 человек», not «людей»; «5 помидоров»)."""
    forms = [
        form
        for form in parse.lexeme
        if {"plur", "gent"} <= form.tag.grammemes and not form.tag.grammemes & _UNUSUAL
    ]
    counting = [form for form in forms if "Coun" in form.tag.grammemes]
    return (counting or forms[-1:] or [None])[0]


def inflect(phrase: str, case: str, *, plural: bool = False) -> str:
    """The phrase, given in the nominative singular, in another case: inflect("техническая
    направленность", "gent") → «технической направленности». Leading adjectives and the noun
    change; what follows the noun stays."""
    out = []
    for written, word, parse, _ in _phrase(phrase):
        inflected = parse.inflect({case, "plur"} if plural else {case}) if parse else None
        out.append(_cased(word, inflected.word) + written[len(word) :] if inflected else written)
    return " ".join(out)


def count(number, phrase: str, **options) -> str:
    """«163 дополнительные общеразвивающие программы», «1 автономное учреждение»: the number,
    grouped as a Russian reader reads it, with its phrase agreeing."""
    return f"{integer(number)} {agree(number, phrase, **options)}"


def plural(phrase: str, *, case: str = "nomn") -> str:
    """The phrase, given in the nominative singular, in the plural: a heading or a column of
    a table that counts it («автономное учреждение» → «автономные учреждения»,
    «организация дополнительного образования» → «организации дополнительного образования»)."""
    return inflect(phrase, case, plural=True)


# --- a person's own form ------------------------------------------------------------------------


def gender(*names: str) -> str | None:
    """ "femn" or "masc" as the dictionary reads a person's patronymic or first name, or None
    when it cannot tell («Саша», a name it does not know)."""
    for name, kind in zip(names, ("Patr", "Name"), strict=False):
        for parse in _morph().parse(name.strip()) if name else ():
            tag = parse.tag
            if kind in tag and tag.case == "nomn" and tag.gender in ("masc", "femn"):
                return tag.gender
    return None


def person_gender(person) -> str | None:
    """The gender a user's patronymic, else first name, gives."""
    return gender(getattr(person, "middle_name", ""), getattr(person, "first_name", ""))


def past(person, word: str) -> str:
    """«приглашён» or «приглашена» as the person's name says; «приглашён(а)» only when the name
    does not tell. ``word`` is the masculine short form."""
    sex = person_gender(person)
    parse = _morph().parse(word)[0]
    if sex == "femn":
        feminine = parse.inflect({"femn"})
        return feminine.word if feminine else word
    if sex == "masc":
        return word
    feminine = parse.inflect({"femn"})
    if not feminine:
        return word
    stem = os.path.commonprefix([word.replace("ё", "е"), feminine.word])
    return f"{word}({feminine.word[len(stem) :]})"


# --- numbers as a Russian reader reads them -----------------------------------------------------


def integer(value) -> str:
    """«1 106», «163»: groups of thousands split by a non-breaking space."""
    return decimal(int(value), 0)


def decimal(value, places: int = 1) -> str:
    """«25,8», «0,0», «12 500,5»: a decimal comma, never a point, whatever language is active
    (a task writing a document has none)."""
    amount = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    written = f"{amount + 0:,.{places}f}"  # «+ 0» turns −0 into 0
    return written.replace(",", NBSP).replace(".", ",")


def percent(value, places: int = 1) -> str:
    """«25,8 %»: the figure with a decimal comma and a non-breaking space before the sign."""
    return f"{decimal(value, places)}{NBSP}%"


def rubles(value) -> str:
    """«1 500 ₽», «1 500,50 ₽»: kopecks only when there are any."""
    amount = Decimal(str(value))
    places = 0 if amount == amount.to_integral_value() else 2
    return f"{decimal(amount, places)}{NBSP}₽"


# --- where a Russian line must not break ------------------------------------------------------

_SPACES = "[ \u00a0]+"
_GAP = "[ \u00a0]*"
_INITIALS = f"[А-ЯЁ]\\.(?:{_GAP}[А-ЯЁ]\\.)?"
_SURNAME = "[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_UNBREAKABLE = [
    # «Яркина Я.О.», «Яркина Я. О.»: the surname with the initials after it; or else
    # «Я.О. Яркина», «Я. О. Яркина»: the initials with the surname after them. One pattern, read
    # from the left, so that in a list («Судакова Е.В. Яркина Я.О.») initials belong to the
    # surname before them and the line can still break between the two people.
    re.compile(
        rf"(?<!\w){_SURNAME}{_SPACES}{_INITIALS}(?!\w)|(?<!\w){_INITIALS}{_SPACES}(?={_SURNAME})"
    ),
    # «2020 г.», «2019–2021 гг.»; «г. Задонск»; «№ 461-ПП», «№№ 3».
    re.compile(rf"\d{_SPACES}гг?\.(?!\w)"),
    re.compile(rf"(?<!\w)г\.{_SPACES}(?=[А-ЯЁ])"),
    re.compile(rf"№+{_SPACES}(?=\d)"),
]


def typographic(text: str) -> str:
    """The text with non-breaking spaces where a line must not break: between initials and the
    surname, between a year and «г.», between «г.» and the town, between «№» and its number.

    Only spaces change (each to one non-breaking space), so the text keeps its length and
    every character its place — a Word paragraph split into runs is set character by
    character (``moc_portal.core.word``)."""
    for pattern in _UNBREAKABLE:
        text = pattern.sub(lambda match: match.group().replace(" ", NBSP), text)
    return text


# --- one word in its other forms ----------------------------------------------------------------


# How sure the dictionary's guess at an unknown word's lemma must be to count (0–1).
GUESS = 0.3


@lru_cache(maxsize=4096)
def lemmas(word: str) -> frozenset[str]:
    """The dictionary forms a word may be a form of: lemmas("платное") → {«платный»},
    lemmas("платно") → {«платно», «платный»} (an adverb and the short adjective it doubles as).

    A word the dictionary lists is read only as it lists it, a word it does not list
    («общеразвивающие») as it guesses by the ending. Of the short adjectives only the neuter
    singular counts («платно», «очно»), the one a person writes for a choice: «базовы» is a
    typo of «базовый», not a form of it. A word with no reading is its own lemma (lower case,
    «ё» as «е»)."""
    word = word.strip().lower().replace("ё", "е")
    parses = _morph().parse(word)
    known = [parse for parse in parses if parse.is_known]
    weights = {}
    for parse in known or parses:
        tag = parse.tag
        if tag.POS == "ADJS" and not (tag.gender == "neut" and tag.number == "sing"):
            continue
        lemma = parse.normal_form.replace("ё", "е")
        weights[lemma] = weights.get(lemma, 0) + parse.score
    # A guess counts when it is a likely one («пфдо» is not a form of «пфдый»).
    found = {lemma for lemma, weight in weights.items() if known or weight >= GUESS}
    return frozenset(found or {word})


def same_word(a: str, b: str) -> bool:
    """Whether two words are forms of one word: «платное» and «платно», «Техническое» and
    «техническая», «бесплатная» and «бесплатно»; «базовы» and «базовый» are not."""
    a, b = a.strip().lower().replace("ё", "е"), b.strip().lower().replace("ё", "е")
    return a == b or bool(lemmas(a) & lemmas(b))


class PersonName:
    """A record's name as people write it, from its ``surname``, ``name`` and ``patronymic``:
    ``full_name`` «Шацких Надежда Александровна», ``short_name`` «Шацких Н.А.»."""

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.surname, self.name, self.patronymic) if part)

    @property
    def short_name(self) -> str:
        initials = "".join(f"{part[0]}." for part in (self.name, self.patronymic) if part)
        return f"{self.surname} {initials}".strip()
