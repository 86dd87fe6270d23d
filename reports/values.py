"""Numbers as Vietnamese officers type and read them: “1.234” is a thousand and more, “58,5” a decimal.

``parse`` turns what was typed (in a form or a spreadsheet cell) into the stored value or a clear
error; ``display`` writes a stored or computed value back in the reader's language.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import get_format, number_format
from django.utils.translation import gettext as _

from .models import IndicatorKind

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_GROUPED = re.compile(r"^\d{1,3}([.,]\d{3})+$")
YES_WORDS = {"có", "co", "yes", "true", "1", "x", "đạt", "dat"}
NO_WORDS = {"không", "khong", "no", "false", "0", "chưa", "chua"}
ONE_PLACE = Decimal("0.1")


class InvalidValue(Exception):
    """A typed value that cannot be stored, with the message to show next to it."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _whole(text):
    compact = _SPACES.sub("", text)
    if compact.startswith("-") and compact[1:].replace(".", "").replace(",", "").isdigit():
        raise InvalidValue(_("The number cannot be negative."))
    if compact.isdigit():
        return int(compact)
    if _GROUPED.match(compact):
        return int(re.sub(r"[.,]", "", compact))
    try:
        Decimal(compact.replace(",", "."))
    except InvalidOperation:
        raise InvalidValue(_("“%(value)s” is not a number.") % {"value": text}) from None
    raise InvalidValue(_("Enter a whole number, without decimals."))


def _decimal(text):
    compact = _SPACES.sub("", text).rstrip("%")
    if compact.count(",") == 1 and "." not in compact:
        compact = compact.replace(",", ".")
    try:
        number = Decimal(compact)
    except InvalidOperation:
        raise InvalidValue(_("“%(value)s” is not a number.") % {"value": text}) from None
    if not number.is_finite():
        raise InvalidValue(_("“%(value)s” is not a number.") % {"value": text})
    return number


def parse(kind, raw):
    """The stored form of a typed value: int, float (percentages), bool or str; None when left empty."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        if kind == IndicatorKind.YES_NO:
            return raw
        raw = str(raw)
    if isinstance(raw, int | float | Decimal) and kind != IndicatorKind.TEXT:
        raw = format(Decimal(str(raw)).normalize(), "f")
    text = str(raw).strip()
    if not text:
        return None
    if kind in (IndicatorKind.COUNT, IndicatorKind.MONEY):
        return _whole(text)
    if kind == IndicatorKind.PERCENTAGE:
        number = _decimal(text)
        if number < 0 or number > 100:
            raise InvalidValue(_("A percentage lies between 0 and 100."))
        return float(number.quantize(Decimal("0.01")))
    if kind == IndicatorKind.YES_NO:
        word = text.lower()
        if word in YES_WORDS:
            return True
        if word in NO_WORDS:
            return False
        raise InvalidValue(_("Answer “Có” (yes) or “Không” (no)."))
    return text


def rate(numerator, denominator):
    """numerator / denominator as a percentage with one decimal, or None when it cannot be computed."""
    if numerator is None or not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def as_input(kind, value):
    """A stored value as it goes back into a form field."""
    if value is None:
        return ""
    if kind == IndicatorKind.YES_NO:
        return "yes" if value else "no"
    if kind == IndicatorKind.PERCENTAGE:
        return number_format(Decimal(str(value)).normalize(), use_l10n=True)
    return str(value)


def number(value, places=None):
    """1234567 → “1.234.567” in Vietnamese, “1,234,567” in English; 58.5 → “58,5” / “58.5”.

    Python groups the digits and the language's separators are swapped in: a dashboard shows
    hundreds of numbers, and Django's number_format is several times slower."""
    if value is None:
        return ""
    if not isinstance(value, int):
        value = Decimal(str(value))
        if places is None:
            if value == value.to_integral_value():
                value = int(value)
            else:
                places = max(0, -value.normalize().as_tuple().exponent)
    text = f"{value:,}" if places is None else f"{value:,.{places}f}"
    return text.translate({ord(","): get_format("THOUSAND_SEPARATOR"), ord("."): get_format("DECIMAL_SEPARATOR")})


def percent(value):
    if value is None:
        return ""
    return f"{number(Decimal(str(value)).quantize(ONE_PLACE), 1)}%"


def display(kind, value):
    """A value for reading: numbers grouped, percentages with one decimal, yes/no in words."""
    if value is None or value == "":
        return ""
    if kind in (IndicatorKind.RATE, IndicatorKind.PERCENTAGE):
        return percent(value)
    if kind == IndicatorKind.YES_NO:
        return _("Yes") if value else _("No")
    if kind == IndicatorKind.MONEY:
        return _("%(amount)s VND") % {"amount": number(value)}
    if kind == IndicatorKind.COUNT:
        return number(value)
    return str(value)
