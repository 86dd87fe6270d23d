"""Vietnamese phone numbers as people type them ("+84 903.123.456", "(028) 3829-1875"), checked and
written one way: mobile "0903 123 456", landline "028 3829 1875" or "0225 385 0007".

Since 2018 every number has a 0 and 9 digits (mobile: 03, 05, 07, 08, 09) or a 0 and 10 digits
(landline: area codes 02…); +84 replaces the 0 from abroad.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MOBILE_PREFIXES = ("03", "05", "07", "08", "09")
# Hà Nội and Hồ Chí Minh City have two-digit area codes after the 0; every other province three.
SHORT_AREA_CODES = ("024", "028")
INVALID = _("Enter a Vietnamese phone number, for example 0903 123 456 or 028 3829 1875 (+84 is fine too).")


def normalise_phone(text):
    """The number written the Vietnamese way, or ValidationError; an empty text stays empty."""
    text = (text or "").strip()
    if not text:
        return ""
    if re.search(r"[^\d\s.\-()+]", text) or "+" in text[1:]:
        raise ValidationError(INVALID, code="invalid")
    digits = re.sub(r"\D", "", text)
    international = text.startswith("+") or digits.startswith("0084")
    if international or (digits.startswith("84") and len(digits) in (11, 12)):
        digits = digits.removeprefix("00")
        if not digits.startswith("84"):
            raise ValidationError(INVALID, code="invalid")
        digits = "0" + digits.removeprefix("84").removeprefix("0")
    if len(digits) == 10 and digits.startswith(MOBILE_PREFIXES):
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    if len(digits) == 11 and digits.startswith("02"):
        if digits.startswith(SHORT_AREA_CODES):
            return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    raise ValidationError(INVALID, code="invalid")
