"""Russian that agrees, read from the morphological dictionary."""

import pytest

from moc_portal.core import russian


@pytest.mark.parametrize(
    ("number", "phrase", "expected"),
    [
        (163, "дополнительная общеобразовательная общеразвивающая программа",
         "163 дополнительные общеобразовательные общеразвивающие программы"),
        (1, "автономное учреждение", "1 автономное учреждение"),
        (1, "государственное учреждение", "1 государственное учреждение"),
        (7, "общеобразовательная организация", "7 общеобразовательных организаций"),
        (4, "организация дополнительного образования", "4 организации дополнительного образования"),
        (41, "программа художественной направленности",
         "41 программа художественной направленности"),
        (2, "программа туристско-краеведческой направленности",
         "2 программы туристско-краеведческой направленности"),
        (37, "программа", "37 программ"),
        (12, "программа", "12 программ"),
        (22, "автономное учреждение", "22 автономных учреждения"),
    ],
)  # fmt: skip
def test_a_number_agrees_with_the_words_it_counts(number, phrase, expected):
    assert russian.count(number, phrase) == expected


@pytest.mark.parametrize(
    "number, word",
    [
        (0, "программ"),
        (1, "программа"),
        (2, "программы"),
        (4, "программы"),
        (5, "программ"),
        (11, "программ"),
        (12, "программ"),
        (14, "программ"),
        (21, "программа"),
        (22, "программы"),
        (111, "программ"),
        (163, "программы"),
        (164, "программы"),
        (165, "программ"),
    ],
)
def test_a_noun_after_every_kind_of_number(number, word):
    assert russian.agree(number, "программа") == word
    assert russian.count(number, "программа") == f"{number} {word}"


def test_the_older_genitive_of_adjectives_before_a_feminine_noun_on_request():
    phrase = "дошкольная образовательная организация"
    assert russian.count(4, phrase, adjectives="gent") == "4 дошкольных образовательных организации"
    assert russian.count(4, phrase) == "4 дошкольные образовательные организации"
    assert russian.count(5, phrase, adjectives="gent") == "5 дошкольных образовательных организаций"


def test_a_case_the_number_stands_in():
    assert russian.count(30, "день", case="gent") == "30 дней"
    assert russian.count(21, "день", case="gent") == "21 дня"
    assert russian.count(2, "ребёнок", case="accs") == "2 ребёнка"
    assert russian.count(5, "ребёнок", case="accs") == "5 детей"


def test_punctuation_and_capitals_are_kept():
    assert russian.count(17, "организация,") == "17 организаций,"
    assert russian.agree(17, "реализующая") == "реализующих"
    assert russian.agree(2, "Программа") == "Программы"


def test_numbers_read_with_a_decimal_comma_and_grouped_thousands():
    nbsp = "\u00a0"
    assert russian.decimal(25.8) == "25,8"
    assert russian.percent(0) == f"0,0{nbsp}%"
    assert russian.integer(1106) == f"1{nbsp}106"
    assert russian.count(1106, "место") == f"1{nbsp}106 мест"
    assert russian.rubles(1500) == f"1{nbsp}500{nbsp}₽"
    assert russian.rubles("1500.5") == f"1{nbsp}500,50{nbsp}₽"


class Person:
    def __init__(self, first_name="", middle_name=""):
        self.first_name, self.middle_name = first_name, middle_name


@pytest.mark.parametrize(
    ("first", "middle", "expected"),
    [
        ("Яна", "Олеговна", "приглашена"),
        ("Ирина", "", "приглашена"),
        ("Сергей", "Петрович", "приглашён"),
        ("Никита", "", "приглашён"),
        ("Саша", "", "приглашён(а)"),
        ("", "", "приглашён(а)"),
    ],
)
def test_a_past_form_by_the_persons_own_name(first, middle, expected):
    assert russian.past(Person(first, middle), "приглашён") == expected


def test_a_phrase_in_another_case_keeps_its_genders_agreement():
    assert russian.inflect("туристско-краеведческая направленность", "gent") == (
        "туристско-краеведческой направленности"
    )
    assert russian.inflect("Дошкольная образовательная организация", "datv") == (
        "Дошкольной образовательной организации"
    )


@pytest.mark.parametrize(
    ("number", "ready", "taken"),
    [
        (0, "не готовы", "заняты"),
        (1, "не готова", "занято"),
        (2, "не готовы", "заняты"),
        (11, "не готовы", "заняты"),
        (14, "не готовы", "заняты"),
        (21, "не готова", "занято"),
        (111, "не готовы", "заняты"),
        (112, "не готовы", "заняты"),
        (163, "не готовы", "заняты"),
    ],
)
def test_a_predicate_agrees_with_its_counted_subject(number, ready, taken):
    assert russian.predicate(number, "не готова") == ready
    assert russian.predicate(number, "занято") == taken


def test_abbreviations_stay_as_written():
    assert russian.count(163, "ДООП") == "163 ДООП"
    assert russian.count(5, "программа ДООП") == "5 программ ДООП"


def test_decimals_round_half_up_and_never_show_minus_zero():
    assert russian.decimal(0.25) == "0,3"
    assert russian.decimal(-0.01) == "0,0"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Автономное учреждение", "Автономные учреждения"),
        ("организация дополнительного образования", "организации дополнительного образования"),
        ("дошкольная образовательная организация", "дошкольные образовательные организации"),
        ("Иная организация", "Иные организации"),
    ],
)
def test_a_phrase_in_the_plural(phrase, expected):
    assert russian.plural(phrase) == expected


def test_a_phrase_in_the_plural_of_another_case():
    assert russian.plural("государственное учреждение", case="gent") == (
        "государственных учреждений"
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("платное", "платно"),
        ("Платно", "платно"),
        ("платная", "платно"),
        ("бесплатное", "бесплатно"),
        ("Техническое", "техническая"),
        ("стартовое", "стартовый"),
        ("продвинутая", "продвинутый"),
        ("физкультурно-спортивное", "Физкультурно-спортивная"),
        ("общеразвивающие", "общеразвивающая"),  # not in the dictionary: read by its ending
        ("Ёлочка", "елочка"),
        ("ПФДО", "пфдо"),  # an abbreviation is itself
    ],
)
def test_forms_of_one_word_are_the_same_word(a, b):
    assert russian.same_word(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("базовы", "базовый"),  # a typo, though the dictionary lists «базовы» as a short form
        ("платно", "бесплатно"),
        ("очная", "заочная"),
        ("бюджет", "бюджетное"),  # a noun and its adjective are two words
    ],
)
def test_different_words_are_not_the_same_word(a, b):
    assert not russian.same_word(a, b)


def test_a_words_lemmas():
    assert russian.lemmas("платное") == {"платный"}
    assert russian.lemmas("Платно") == {"платно", "платный"}
    assert russian.lemmas("ПФДО") == {"пфдо"}


@pytest.mark.parametrize(
    ("number", "phrase", "expected"),
    [
        (12, "год", "12 лет"),
        (5, "полный год", "5 полных лет"),
        (21, "год", "21 год"),
        (5, "человек", "5 человек"),
        (7, "грамм", "7 грамм"),
        (5, "помидор", "5 помидоров"),
    ],
)
def test_a_number_takes_the_counting_form_where_the_dictionary_has_two(number, phrase, expected):
    assert russian.count(number, phrase) == expected
