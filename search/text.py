"""Vietnamese text normalisation shared by the indexer, both backends and the highlighter.

Three forms of the same text:

- ``normalise()``: NFC with one canonical tone placement ("hòa" and "hoà" become "hoà"), so
  that text typed with the old or the new placement rules compares equal;
- ``exact()``: the normalised text lowercased: matching it keeps the accents ("mà" ≠ "ma");
- ``fold()``: lowercased with every mark removed and đ → d ("Đơn vị" → "don vi").

Elasticsearch's integ-test distribution has no asciifolding or ICU, and SQLite's FTS5 does not
fold two-mark letters nor đ, so folding happens here, in Python, for both backends.
"""

import re
import unicodedata

MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 12

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
# Old placement writes the tone on the second vowel of oa, oe, uy (hoà, khoẻ, thuỷ), the new one
# on the first (hòa, khỏe, thủy). Both are still in use; the old one is canonical here because it
# is also where the mark goes once a final consonant follows (hoàng, khuyến).
_TONE_ON_FIRST = re.compile(rf"([oO])([{TONE_MARKS}])([aAeE])|([uU])([{TONE_MARKS}])([yY])")
_WORD = re.compile(r"\w+")
_D_STROKE = str.maketrans({"đ": "d", "Đ": "d"})


def _move_tone(match):
    first, mark, second = (match.group(1), match.group(2), match.group(3))
    if first is None:
        first, mark, second = match.group(4), match.group(5), match.group(6)
    return first + second + mark


def normalise(text):
    """NFC with canonical tone placement: what the original-accent fields index."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _TONE_ON_FIRST.sub(_move_tone, decomposed))


def exact(text):
    """The accent-preserving form used for matching: normalised and lowercased."""
    return normalise(text).lower()


def _fold_slowly(text):
    text = unicodedata.normalize("NFC", text).translate(_D_STROKE)
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).lower()


class _FoldTable(dict):
    """``str.translate`` table of each character's folded form, filled as characters come: folding
    a page then costs one pass in C instead of a decomposition per character in Python."""

    def __init__(self, aligned):
        super().__init__()
        self.aligned = aligned

    def __missing__(self, code):
        folded = _fold_slowly(chr(code))
        if self.aligned:
            # Exactly one character for one, so that offsets stay the same.
            folded = folded[:1] or chr(code)
        self[code] = folded
        return folded


_FOLD = _FoldTable(aligned=False)
_ALIGNED_FOLD = _FoldTable(aligned=True)


def fold_aligned(text):
    """``fold()`` character for character, so that offsets in the result are offsets in ``text``
    (given in NFC): how a highlight found in folded text is marked in the original spelling."""
    return text.translate(_ALIGNED_FOLD)


def fold(text):
    """Accent-insensitive form: "Đơn vị HỌC tập" → "don vi hoc tap"."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", text).translate(_FOLD)


def words(text):
    """The words of a text, punctuation dropped ("Khuyến học, khuyến tài!" → 4 words)."""
    return _WORD.findall(text or "")


def padded(tokens):
    """Words joined and space-padded, so that ``contains(" ma ")`` matches whole words only."""
    return f" {' '.join(tokens)} " if tokens else ""


def clean_query(raw):
    """What remains of user input once normalised: at most MAX_QUERY_LENGTH characters of words.

    Punctuation and any search-engine syntax (quotes, colons, brackets, wildcards) are dropped:
    the backends only ever receive plain words.
    """
    text = normalise((raw or "")[: MAX_QUERY_LENGTH * 2])
    tokens = words(text)[:MAX_QUERY_TERMS]
    return " ".join(tokens)[:MAX_QUERY_LENGTH].strip()
