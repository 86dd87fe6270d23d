"""Snippets with the matched words marked, computed the same way for both backends.

Matching is done on the folded text, character by character aligned with the original, so that
"khuyen hoc" marks "Khuyến học" in the original spelling.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import fold_char, normalise

SNIPPET_LENGTH = 220


def _folded_aligned(text):
    return "".join(fold_char(char) for char in text)


def _spans(folded, terms):
    if not terms:
        return []
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)) + r")(?!\w)"
    )
    return [match.span() for match in pattern.finditer(folded)]


def _window(text, spans, length):
    if len(text) <= length:
        return 0, len(text)
    if not spans:
        return 0, length
    # The window that holds the most matches, starting a little before the first of them.
    best_start, best_count = spans[0][0], 0
    for start, _end in spans[:50]:
        count = sum(1 for s, e in spans if s >= start and e <= start + length)
        if count > best_count:
            best_start, best_count = start, count
    start = max(0, best_start - length // 4)
    space = text.rfind(" ", 0, start)
    start = space + 1 if start and space != -1 and start - space < 30 else start
    return start, min(len(text), start + length)


def hit_snippet(source, folded_terms):
    """The snippet of an indexed page (a database entry or an Elasticsearch hit): summary first."""
    return snippet(f"{source.summary} {source.body}" if source.summary else source.body, folded_terms)


def snippet(text, folded_terms, length=SNIPPET_LENGTH):
    """An escaped excerpt of ``text`` around the matches, each match wrapped in <mark>."""
    text = normalise(text or "")
    spans = _spans(_folded_aligned(text), folded_terms)
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
