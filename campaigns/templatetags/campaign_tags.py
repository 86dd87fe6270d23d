"""Template tags of the campaign pages."""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html

register = template.Library()


def _date(value, format_name):
    return date_format(value, format_name) if value else ""


@register.simple_tag
def period(start, end):
    """A campaign's or an activity's dates as two ``<time>`` elements, in the language's date format.
    Written out here rather than included: it is on every campaign card and three times on a page."""
    return format_html(
        '<time datetime="{}">{}</time> – <time datetime="{}">{}</time>',
        _date(start, "Y-m-d"),
        _date(start, "DATE_FORMAT"),
        _date(end, "Y-m-d"),
        _date(end, "DATE_FORMAT"),
    )
