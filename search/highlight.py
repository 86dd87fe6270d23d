"""Snippets with the matched words marked, computed the same way for both backends.

Matching is done on the folded text, character by character aligned with the original, so that
"khuyen hoc" marks "Khuyến học" in the page's own spelling (only composed to NFC: "Hòa Bình" stays
"Hòa Bình", whichever tone placement the query used).
"""

import bisect
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import fold_aligned

SNIPPET_LENGTH = 220
SOURCE_CHARS = 20_000


def _spans(folded, terms, prefix=""):
    """Where the words are in the folded text; ``prefix`` also marks the words that start with it."""
    alternatives = [re.escape(term) + r"(?!\w)" for term in sorted(terms, key=len, reverse=True)]
    if prefix:
        alternatives.append(re.escape(prefix) + r"\w*")
    if not alternatives:
        return []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")")
    return [match.span() for match in pattern.finditer(folded)]


def _window(text, spans, length):
    if len(text) <= length:
        return 0, len(text)
    if not spans:
        return 0, length
    # The window that holds the most matches, starting a little before the first of them.
    ends = [end for _start, end in spans]
    best_start, best_count = spans[0][0], 0
    for index, (start, _end) in enumerate(spans[:200]):
        count = bisect.bisect_right(ends, start + length, lo=index) - index
        if count > best_count:
            best_start, best_count = start, count
    start = max(0, best_start - length // 4)
    space = text.rfind(" ", 0, start)
    start = space + 1 if start and space != -1 and start - space < 30 else start
    return start, min(len(text), start + length)


def snippet_source(summary, body):
    """The text a page's snippet is cut from: its summary first, unless the body already says it,
    and no more than its first SOURCE_CHARS characters (a long PDF's text need not travel)."""
    summary = (summary or "").strip()
    body = body or ""
    # Both are plain text with single spaces (``extract.plain``).
    text = body if not summary or summary in body else f"{summary} {body}"
    return text[:SOURCE_CHARS]


def hit_snippet(text, query):
    """The snippet of a hit, from its ``snippet_source`` text, for a SearchQuery."""
    return snippet(text, query.whole_terms, query.prefix_term)


def snippet(text, folded_terms, prefix="", length=SNIPPET_LENGTH):
    """An escaped excerpt of ``text`` around the matches, each match wrapped in <mark>."""
    text = unicodedata.normalize("NFC", text or "")
    spans = _spans(fold_aligned(text), folded_terms, prefix)
    start, end = _window(text, spans, length)
    parts, position = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        parts.append(escape(text[position:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    parts.append(escape(text[position:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts).strip() + suffix)
