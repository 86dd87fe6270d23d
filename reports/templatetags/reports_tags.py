from django import template

from .. import values

register = template.Library()


@register.filter
def figure(value):
    """A count or amount as the reader's language groups it: 1.234 in Vietnamese, 1,234 in English."""
    return values.number(value)


@register.filter
def percent(value):
    return values.percent(value)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def days_left(row, today):
    return row.days_left(today)


@register.filter
def absolute(number):
    return abs(number)


@register.filter
def stored(value):
    """A stored value as the history shows it: numbers grouped, yes/no in words."""
    if isinstance(value, bool):
        return values.display("yes_no", value)
    if isinstance(value, int | float):
        return values.number(value)
    return value
