"""``{% load russian %}``: «{{ n|count:"программа" }}» → «163 программы» (``count_gent``,
``count_accs`` for a number in that case),
«{{ n|agree:"программа" }}» → «программы», «{{ x|decimal }}» → «25,8», «{{ x|rubles }}»."""

from django import template

from moc_portal.core import russian

register = template.Library()


@register.filter
def count(number, phrase: str) -> str:
    return russian.count(number, phrase)


@register.filter
def count_gent(number, phrase: str) -> str:
    """«не более {{ n|count_gent:"день" }}» → «не более 30 дней»."""
    return russian.count(number, phrase, case="gent")


@register.filter
def count_accs(number, phrase: str) -> str:
    """«через {{ n|count_accs:"день" }}», «на {{ n|count_accs:"ребёнок" }}»."""
    return russian.count(number, phrase, case="accs")


@register.filter
def agree(number, phrase: str) -> str:
    return russian.agree(number, phrase)


@register.filter
def predicate(number, words: str) -> str:
    """«{{ n|count:"программа" }} {{ n|predicate:"не готова" }}» → «163 программы не готовы»."""
    return russian.predicate(number, words)


@register.filter
def decimal(value, places=1) -> str:
    return "" if value is None or value == "" else russian.decimal(value, int(places))


@register.filter
def percent(value, places=1) -> str:
    return "" if value is None or value == "" else russian.percent(value, int(places))


@register.filter
def rubles(value) -> str:
    return "" if value is None or value == "" else russian.rubles(value)


@register.filter
def past(person, word: str) -> str:
    return russian.past(person, word)
