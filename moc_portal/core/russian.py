"""Russian that agrees, from a morphological dictionary (pymorphy3 with OpenCorpora's): a
number with the words it counts, a past form by the person's own name, and numbers written
the way a Russian reader reads them (a decimal comma, a thin group space, «₽»).

No word lists are written here: the dictionary knows every form. A word it does not know
(an abbreviation, a name of a place) is left as it is.
"""

import os
import string
from decimal import Decimal
from functools import cache

import pymorphy3

# The head of a counted phrase: leading adjectives and participles agree with the noun they
# stand before; everything after the noun («… технической направленности», «(МОЦ)») stays.
AGREEING = {"ADJF", "PRTF"}
NBSP = "\u00a0"


@cache
def _morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def _parse(word: str, parts: set[str]):
    """The word's reading in the nominative singular as one of ``parts``, or None."""
    for parse in _morph().parse(word):
        tag = parse.tag
        if tag.POS in parts and tag.case == "nomn" and tag.number == "sing":
            return parse
    return None


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
    words = phrase.split(" ")
    out = []
    for index, written in enumerate(words):
        word = written.rstrip(string.punctuation)
        noun = _parse(word, {"NOUN"})
        parse = noun or _parse(word, AGREEING)
        if parse is None:
            out.append(written)
            continue
        inflected = _inflect(parse, number, case)
        if not noun and adjectives == "gent" and _few(number):
            inflected = parse.inflect({"plur", "gent"}) or inflected
        form = _cased(word, inflected.word if inflected else word)
        out.append(form + written[len(word) :])
        if noun:
            out.extend(words[index + 1 :])
            break
    return " ".join(out)


def _few(number: int) -> bool:
    return 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14


def _inflect(parse, number: int, case: str):
    if case != "nomn":
        parse = parse.inflect({case}) or parse
    return parse.make_agree_with_number(number)


def count(number, phrase: str, **options) -> str:
    """«163 дополнительные общеразвивающие программы», «1 автономное учреждение»: the number,
    grouped as a Russian reader reads it, with its phrase agreeing."""
    return f"{integer(number)} {agree(number, phrase, **options)}"


# --- a person's own form ------------------------------------------------------------------------


def gender(*names: str) -> str | None:
    """"femn" or "masc" as the dictionary reads a person's patronymic or first name, or None
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
    written = f"{Decimal(str(value)):,.{places}f}"
    return written.replace(",", NBSP).replace(".", ",")


def percent(value, places: int = 1) -> str:
    """«25,8 %»: the figure with a decimal comma and a non-breaking space before the sign."""
    return f"{decimal(value, places)}{NBSP}%"


def rubles(value) -> str:
    """«1 500 ₽», «1 500,50 ₽»: kopecks only when there are any."""
    amount = Decimal(str(value))
    places = 0 if amount == amount.to_integral_value() else 2
    return f"{decimal(amount, places)}{NBSP}₽"
