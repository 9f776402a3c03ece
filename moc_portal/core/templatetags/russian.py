"""``{% load russian %}``: «{{ n|count:"программа" }}» → «163 программы»,
«{{ n|agree:"программа" }}» → «программы», «{{ x|decimal }}» → «25,8», «{{ x|rubles }}»."""

from django import template

from moc_portal.core import russian

register = template.Library()


@register.filter
def count(number, phrase: str) -> str:
    return russian.count(number, phrase)


@register.filter
def agree(number, phrase: str) -> str:
    return russian.agree(number, phrase)


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
