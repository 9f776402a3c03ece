"""``{% load plurals %}``: «{{ n }} {{ n|ru_plural:"программа,программы,программ" }}»."""

from django import template

from moc_portal.core.text import ru_plural

register = template.Library()
register.filter("ru_plural", ru_plural)
