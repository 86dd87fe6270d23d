"""Did you mean: a respelling of a query from the words of the index, in the query's language.

The vocabulary (``SearchTerm``) counts every word, and every two words in a row, of the titles
and summaries of each language, as they are spelled there; the database backend keeps it up to
date with each index write, whichever backend answers the searches.

Candidates for a word the vocabulary does not know are the known words one edit away (a letter
added, dropped or changed, or two neighbouring letters swapped: "hco" → "học"), compared folded
so that a missing accent is no typo; two edits for words of eight letters or more. Words of one
or two letters are never respelled, nor well-formed Vietnamese syllables ("thuy" may be "Thủy"
even when no page has it): one edit turns a syllable into another one ("thu", "huy"), a
different word rather than what the citizen meant. Among the candidates of neighbouring words, the
sequence whose words and word pairs are most frequent wins ("khuyen hok" → "khuyến học", not
"khuyến hồ").
"""

import itertools
import math
import re
from collections import Counter

from django.db.models.functions import Length

from .models import SearchTerm
from .text import exact, fold, words

ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
_RHYMES = """
    a ai ao au ay ac ach am an ang anh ap at e eo ec ech em en eng enh ep et eu i ia iu ich im in inh ip it
    iec iem ien ieng iep iet ieu o oi oc om on ong op ot ooc oong u ui uc um un ung up ut ua uu y yen yet yeu
    yem oa oac oach oai oam oan oang oanh oao oap oat oay oe oen oet oeo uan uang uat uay ue uenh uech uy uych
    uyn uynh uyp uyt uyu uyen uyet uya uo uoc uoi uom uon uong uop uot uou
"""
# A folded Vietnamese syllable: an initial consonant (or none), then a rhyme.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?(?:"
    + "|".join(sorted(_RHYMES.split(), key=len, reverse=True))
    + ")"
)
MIN_LENGTH = 3
TWO_EDITS_LENGTH = 8
MAX_CANDIDATES = 6
MAX_WORD = 40
# Weights of the sequence score: a pair of words seen together counts more than a frequent word,
# and each edit costs about as much as a word a hundred times rarer.
PAIR_WEIGHT = 2.0
EDIT_COST = 4.5


def terms(title, summary):
    """The vocabulary entries of one page: (spelling, count) of its words and word pairs."""
    counts = Counter()
    for text in (title, summary):
        tokens = [token for token in words(exact(text)) if len(token) <= MAX_WORD]
        counts.update(token for token in tokens if not token.isdigit())
        counts.update(f"{first} {second}" for first, second in itertools.pairwise(tokens))
    return counts


def record(changes):
    """Adds (or, with negative counts, removes) vocabulary counts: {(language, spelling): count}."""
    changes = {key: count for key, count in changes.items() if count}
    by_language = {}
    for language, spelling in changes:
        by_language.setdefault(language, []).append(spelling)
    existing = {}
    for language, spellings in by_language.items():
        for start in range(0, len(spellings), 500):
            rows = SearchTerm.objects.filter(language=language, spelling__in=spellings[start : start + 500])
            existing.update({(row.language, row.spelling): row for row in rows})
    updated, created, gone = [], [], []
    for key, count in changes.items():
        row = existing.get(key)
        if row is None:
            if count > 0:
                created.append(SearchTerm(language=key[0], spelling=key[1], folded=fold(key[1]), count=count))
        elif row.count + count > 0:
            row.count += count
            updated.append(row)
        else:
            gone.append(row.pk)
    SearchTerm.objects.bulk_create(created, batch_size=500)
    SearchTerm.objects.bulk_update(updated, ["count"], batch_size=500)
    SearchTerm.objects.filter(pk__in=gone).delete()


def rebuild(sources):
    """The whole vocabulary again, from every indexed page."""
    counts = Counter()
    for source in sources:
        for spelling, count in terms(source.title, source.summary).items():
            counts[(source.language, spelling)] += count
    SearchTerm.objects.all().delete()
    SearchTerm.objects.bulk_create(
        (
            SearchTerm(language=language, spelling=spelling, folded=fold(spelling), count=count)
            for (language, spelling), count in counts.items()
        ),
        batch_size=1000,
    )


def _edits(word):
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {left + right[1:] for left, right in splits if right}
    swaps = {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    changes = {left + letter + right[1:] for left, right in splits if right for letter in ALPHABET}
    inserts = {left + letter + right for left, right in splits for letter in ALPHABET}
    return (deletes | swaps | changes | inserts) - {word}


def _distance(first, second):
    """Edit distance counting a swap of neighbouring letters as one edit."""
    previous2, previous = None, list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i]
        for j, b in enumerate(second, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if previous2 is not None and i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


class _Vocabulary:
    """The counts of the few words and pairs a correction needs, read in a few queries."""

    def __init__(self, language):
        self.language = language
        self.rows = {}
        self.counts = Counter()
        self.spellings = {}

    def load(self, queryset):
        rows = queryset.filter(language=self.language).values_list("spelling", "folded", "count")
        self.rows.update((spelling, (folded, count)) for spelling, folded, count in rows)
        self.counts, self.spellings = Counter(), {}
        for spelling, (folded, count) in sorted(self.rows.items(), key=lambda item: -item[1][1]):
            self.counts[folded] += count
            self.spellings.setdefault(folded, spelling)

    def candidates(self, word):
        """Known words near ``word``, closest then most frequent first, with their distance."""
        if word in self.counts:
            return [(word, 0)]
        limit = 2 if len(word) >= TWO_EDITS_LENGTH else 1
        found = [
            (_distance(word, candidate), -count, candidate)
            for candidate, count in self.counts.items()
            if " " not in candidate and abs(len(candidate) - len(word)) <= limit
        ]
        return [(candidate, distance) for distance, _count, candidate in sorted(found) if distance <= limit][
            :MAX_CANDIDATES
        ]


def correct(folded_terms, exact_terms, language):
    """The most likely intended query, spelled as the pages spell it, or '' when nothing changes."""
    correctable = [
        len(term) >= MIN_LENGTH and not term.isdigit() and not _SYLLABLE.fullmatch(term) for term in folded_terms
    ]
    if not any(correctable):
        return ""
    vocabulary = _Vocabulary(language)
    lookups = set(folded_terms)
    for term, ok in zip(folded_terms, correctable, strict=True):
        if ok and len(term) < TWO_EDITS_LENGTH:
            lookups |= _edits(term)
    vocabulary.load(SearchTerm.objects.filter(folded__in=lookups))
    for term, ok in zip(folded_terms, correctable, strict=True):
        if ok and len(term) >= TWO_EDITS_LENGTH and term not in vocabulary.counts:
            # Two edits make too many strings to look up: read the words of about that length.
            vocabulary.load(
                SearchTerm.objects.annotate(length=Length("folded")).filter(
                    folded__startswith=term[0], length__range=(len(term) - 2, len(term) + 2)
                )
            )
    options = [
        (vocabulary.candidates(term) or [(term, 0)]) if ok else [(term, 0)]
        for term, ok in zip(folded_terms, correctable, strict=True)
    ]
    if all(option == [(term, 0)] for option, term in zip(options, folded_terms, strict=True)):
        return ""
    pairs = {
        f"{first} {second}"
        for left, right in itertools.pairwise(options)
        for first, _distance in left
        for second, _other in right
    }
    if pairs:
        vocabulary.load(SearchTerm.objects.filter(folded__in=pairs))
    best = _best_sequence(options, vocabulary.counts)
    return " ".join(_spell(best, folded_terms, exact_terms, vocabulary.spellings))


def _best_sequence(options, counts):
    """Viterbi over the candidates of each word: frequent words, frequent pairs, few edits."""
    paths = {word: (math.log1p(counts[word]) - EDIT_COST * distance, [word]) for word, distance in options[0]}
    for choices in options[1:]:
        step = {}
        for word, distance in choices:
            own = math.log1p(counts[word]) - EDIT_COST * distance
            step[word] = max(
                (score + own + PAIR_WEIGHT * math.log1p(counts[f"{previous} {word}"]), [*path, word])
                for previous, (score, path) in paths.items()
            )
        paths = step
    return max(paths.values())[1]


def _spell(best, folded_terms, exact_terms, spellings):
    """Accents from the pages: a pair's spelling where the pair is known ("khuyến học"), else the
    word's most frequent one; words the citizen typed with accents and did not misspell stay."""
    spelled = []
    for index, word in enumerate(best):
        typed = exact_terms[index] if index < len(exact_terms) else word
        if word == folded_terms[index] and typed != word:
            spelled.append(typed)
            continue
        pair = None
        if index + 1 < len(best):
            pair = spellings.get(f"{word} {best[index + 1]}")
            pair = pair.split(" ")[0] if pair else None
        if pair is None and index:
            pair = spellings.get(f"{best[index - 1]} {word}")
            pair = pair.split(" ")[1] if pair else None
        spelled.append(pair or spellings.get(word, word))
    return spelled
