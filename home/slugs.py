"""Web addresses made from Vietnamese titles: every mark dropped and đ → d, on the server and in the admin.

"Tuần lễ hưởng ứng học tập suốt đời 2026" → ``tuan-le-huong-ung-hoc-tap-suot-doi-2026``.

Wagtail slugifies in two places, and neither knows Vietnamese (``WAGTAIL_ALLOW_UNICODE_SLUGS`` is
off, so that addresses stay plain ASCII when shared on Zalo or printed on posters):

- the admin's slug field (the ``w-slug`` Stimulus controller) transliterates with a map of
  single-mark Latin letters: letters with two marks or a dot below (ầ, ễ, ở, ọ, ư …) vanish and
  đ becomes "dj" (the Serbian entry). Its widget, ``SlugInput``, takes ``formatters``: regular
  expressions applied before that map. ``slug_formatters()`` folds every Vietnamese letter there;
  ``home/wagtail_hooks.py`` puts the widget on every slug field of the admin.
- the server (``Page.full_clean`` for pages saved without a slug, e.g. by imports) uses Django's
  ``slugify``, which drops đ. ``BasePage`` fills the slug with ``vietnamese_slug`` first.

``legacy_slugs()`` reproduces the two old garbled forms, so that ``manage.py fix_slugs`` can
recognise the addresses they made and replace them (with redirects from the old addresses).
"""

import re
import unicodedata

from django.utils.text import slugify

from search.text import fold

LOWER = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
VIETNAMESE_LETTERS = LOWER + LOWER.upper()
# The Vietnamese letters that Wagtail's JavaScript map (before this fix) transliterated; it
# dropped all the others. Read from wagtailadmin/js/core.js of Wagtail 8.0.1.
_OLD_ADMIN_MAP = set("àáãăâèéêìíòóõôùúý")
_DEDUPE_SUFFIX = re.compile(r"-\d+$")


def vietnamese_slug(text, max_length=255):
    """The ASCII address of a Vietnamese (or English) title."""
    return slugify(fold(text))[:max_length].strip("-")


def slug_formatters():
    """``SlugInput`` formatters: each Vietnamese letter to its bare letter, combining marks removed."""
    groups = {}
    for letter in VIETNAMESE_LETTERS:
        groups.setdefault(fold(letter), []).append(letter)
    formatters = [(f"[{''.join(letters)}]", base) for base, letters in sorted(groups.items())]
    # Text pasted in decomposed form (NFD) carries its marks as separate characters.
    formatters.append(("[\u0300-\u036f]", ""))
    return formatters


def _old_admin_slug(title):
    letters = []
    for char in unicodedata.normalize("NFC", title).lower():
        if char == "đ":
            letters.append("dj")
        elif char in _OLD_ADMIN_MAP:
            letters.append(fold(char))
        elif char.isascii():
            letters.append(char)
    text = re.sub(r"[^-\w\s]", "", "".join(letters), flags=re.ASCII)
    return re.sub(r"[-\s]+", "-", text).strip("-")[:255].rstrip("-")


def legacy_slugs(title):
    """The addresses Wagtail made of this title before Vietnamese was transliterated."""
    forms = {_old_admin_slug(title), slugify(title)} - {vietnamese_slug(title), ""}
    return forms


def is_legacy_slug(slug, title):
    """Whether the slug (possibly with Wagtail's "-2" de-duplication suffix) is a garbled form of the title."""
    candidates = legacy_slugs(title)
    return slug in candidates or _DEDUPE_SUFFIX.sub("", slug) in candidates
