"""The database backend: the embedded default, and the fallback whenever Elasticsearch fails.

Entries keep each page's text as space-padded words in two forms, accent-preserving and folded,
so that whole-word matching is a plain LIKE on SQLite and PostgreSQL alike. On PostgreSQL the
folded words are written by the ``unaccent`` extension from the accent-preserving ones.
Ranking: a word matched with its accents (in the title most) weighs more than a folded match.
"""

import difflib
import functools
import operator
from collections import Counter, defaultdict

from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import Case, Count, F, IntegerField, Max, Q, Value, When
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan

from ..highlight import hit_snippet
from ..indexer import FACET_NAMES
from ..models import SearchEntry
from ..query import FacetValue, Hit, SearchResults
from ..text import exact, fold, padded, words

WEIGHTS = {"title_exact": 8, "body_exact": 3, "title_folded": 4, "body_folded": 1}
PHRASE_WEIGHTS = {"title_exact": 12, "title_folded": 6}
INSERT_BATCH = 500
VOCABULARY_TIMEOUT = 600


def _entry(source):
    body_words = words(source.summary + " " + source.body)
    title_words = words(source.title)
    return SearchEntry(
        page_id=source.page_id,
        language=source.language,
        page_type=source.page_type,
        title=source.title[:255],
        url=source.url[:500],
        date=source.date,
        summary=source.summary,
        body=source.body,
        title_exact=padded(words(exact(source.title))),
        body_exact=padded(words(exact(" ".join(body_words)))),
        title_folded=padded(words(fold(" ".join(title_words)))),
        body_folded=padded(words(fold(" ".join(body_words)))),
        facet_lines="\n".join(f"{name}\t{value}" for name, value in sorted(source.facet_pairs)),
    )


def _facet_pairs(lines):
    return {tuple(line.split("\t", 1)) for line in lines.splitlines()}


def _has(column, text):
    # instr()/strpos() rather than LIKE: case and accents are already settled by the stored
    # forms, and a plain substring search is several times faster than LIKE on SQLite.
    return Q(GreaterThan(StrIndex(column, Value(text)), 0))


def _contains(column, term):
    """The whole word (or words) ``term`` in a space-padded column."""
    return _has(column, f" {term} ")


class DatabaseBackend:
    name = "database"
    errors = (DatabaseError,)

    # Writes

    def _insert(self, sources):
        for start in range(0, len(sources), INSERT_BATCH):
            batch = sources[start : start + INSERT_BATCH]
            entries = SearchEntry.objects.bulk_create([_entry(source) for source in batch])
            if connection.vendor == "postgresql":
                # PostgreSQL folds with its unaccent extension, stored so that queries stay a plain scan.
                from django.contrib.postgres.lookups import Unaccent

                SearchEntry.objects.filter(pk__in=[entry.pk for entry in entries]).update(
                    title_folded=Unaccent(F("title_exact")), body_folded=Unaccent(F("body_exact"))
                )

    def index(self, sources):
        if not sources:
            return
        with transaction.atomic():
            SearchEntry.objects.filter(page_id__in=[source.page_id for source in sources]).delete()
            self._insert(sources)

    def remove(self, page_ids):
        if page_ids:
            SearchEntry.objects.filter(page_id__in=page_ids).delete()

    def rebuild(self, sources):
        # One transaction: readers keep seeing the previous index until the new one is complete.
        with transaction.atomic():
            SearchEntry.objects.all().delete()
            self._insert(list(sources))

    # Reads

    def _entries(self, language):
        return SearchEntry.objects.filter(language=language)

    def _match(self, terms, require_all=True):
        title, body = "title_folded", "body_folded"
        conditions = [_contains(title, term) | _contains(body, term) for term in terms]
        return functools.reduce(operator.and_ if require_all else operator.or_, conditions)

    def _score(self, query):
        def weight(condition, points):
            return Case(When(condition, then=Value(points)), default=Value(0), output_field=IntegerField())

        parts = []
        for term in query.exact_terms:
            parts.append(weight(_contains("title_exact", term), WEIGHTS["title_exact"]))
            parts.append(weight(_contains("body_exact", term), WEIGHTS["body_exact"]))
        for term in query.folded_terms:
            parts.append(weight(_contains("title_folded", term), WEIGHTS["title_folded"]))
            parts.append(weight(_contains("body_folded", term), WEIGHTS["body_folded"]))
        if len(query.folded_terms) > 1:
            parts.append(weight(_contains("title_exact", " ".join(query.exact_terms)), PHRASE_WEIGHTS["title_exact"]))
            parts.append(
                weight(
                    _contains("title_folded", " ".join(query.folded_terms)),
                    PHRASE_WEIGHTS["title_folded"],
                )
            )
        return functools.reduce(operator.add, parts)

    @staticmethod
    def _facets(entry_facets, filters):
        """Counts per facet value; each facet counted over the pages the *other* filters keep."""
        filters = {name: set(values) for name, values in filters.items() if name in FACET_NAMES}
        passing = {
            name: {
                pk
                for pk, pairs in entry_facets.items()
                if any(facet == name and value in values for facet, value in pairs)
            }
            for name, values in filters.items()
        }
        kept = set(entry_facets)
        for pks in passing.values():
            kept &= pks
        counts = {name: Counter() for name in FACET_NAMES}
        for pk, pairs in entry_facets.items():
            # A page the other filters keep counts for this facet even when its own filter drops it.
            failing = [name for name, pks in passing.items() if pk not in pks]
            for facet, value in pairs:
                if not failing or failing == [facet]:
                    counts[facet][value] += 1
        facets = {
            name: [
                FacetValue(value, count, value in filters.get(name, ()))
                for value, count in sorted(counts[name].items(), key=lambda item: (-item[1], item[0]))
            ]
            for name in FACET_NAMES
        }
        return facets, kept

    def _scored(self, entries, query, require_all=True):
        """(pk, score, date, facet pairs) of every match: the one scan of the text columns."""
        rows = (
            entries.filter(self._match(query.folded_terms, require_all))
            .annotate(score=self._score(query))
            .values_list("pk", "score", "date", "facet_lines")
        )
        return [
            (pk, score, day, {tuple(line.split("\t", 1)) for line in lines.splitlines()})
            for pk, score, day, lines in rows
        ]

    def search(self, query):
        entries = self._entries(query.language)
        scored = self._scored(entries, query)
        partial = len(query.folded_terms) > 1 and not scored and not query.every_word
        if partial:
            # No page has every word: show the pages that have some, best first.
            scored = self._scored(entries, query, require_all=False)
        entry_facets = {pk: pairs for pk, _score, _date, pairs in scored}
        facets, kept = self._facets(entry_facets, query.filters)

        def order(row):
            pk, score, day, _pairs = row
            ordinal = day.toordinal() if day else 0
            return (-ordinal, -score, pk) if query.sort == "date" else (-score, -ordinal, pk)

        ranked = sorted((row for row in scored if row[0] in kept), key=order)
        page_pks = [pk for pk, _score, _date, _pairs in ranked[query.offset : query.offset + query.per_page]]
        rows = SearchEntry.objects.in_bulk(page_pks)
        hits = [
            Hit(
                page_id=row.page_id,
                page_type=row.page_type,
                title=row.title,
                url=row.url,
                date=row.date,
                snippet=hit_snippet(row, query.folded_terms),
            )
            for row in (rows[pk] for pk in page_pks)
        ]
        suggestion = self.correct(query) if partial or not ranked else ""
        return SearchResults(query, hits, len(ranked), facets, suggestion, self.name)

    def suggest(self, text, language, limit=8):
        """Titles that start with the typed words, the last one possibly unfinished."""
        terms = words(fold(text))
        if not terms:
            return []
        title = "title_folded"
        condition = functools.reduce(
            operator.and_,
            [_contains(title, term) for term in terms[:-1]] + [_has(title, f" {terms[-1]}")],
        )
        starts = Q(**{f"{title}__startswith": f" {' '.join(terms)}"})
        rows = (
            self._entries(language)
            .filter(condition)
            .annotate(starts=Case(When(starts, then=Value(1)), default=Value(0), output_field=IntegerField()))
            .order_by("-starts", F("date").desc(nulls_last=True), "pk")
            .values("page_id", "title", "url", "page_type")[:limit]
        )
        return list(rows)

    def _vocabulary(self, language):
        """Folded word → its most frequent spelling, from titles and summaries; cached per index state."""
        state = SearchEntry.objects.filter(language=language).aggregate(n=Count("pk"), last=Max("indexed_at"))
        last = state["last"].timestamp() if state["last"] else 0
        key = f"search:vocabulary:{language}:{state['n']}:{last}"
        vocabulary = cache.get(key)
        if vocabulary is None:
            spellings = defaultdict(Counter)
            for title, summary in SearchEntry.objects.filter(language=language).values_list("title", "summary"):
                for word in words(exact(f"{title} {summary}")):
                    if len(word) > 1 and not word.isdigit():
                        spellings[fold(word)][word] += 1
            vocabulary = {folded: counter.most_common(1)[0][0] for folded, counter in spellings.items()}
            cache.set(key, vocabulary, VOCABULARY_TIMEOUT)
        return vocabulary

    def correct(self, query):
        """A respelling of the query from words the index knows, or '' when none is better."""
        vocabulary = self._vocabulary(query.language)
        if not vocabulary:
            return ""
        corrected, changed = [], False
        for term in query.folded_terms:
            if term in vocabulary:
                corrected.append(vocabulary[term])
                continue
            close = difflib.get_close_matches(term, vocabulary.keys(), n=1, cutoff=0.65)
            corrected.append(vocabulary[close[0]] if close else term)
            changed = changed or bool(close)
        return " ".join(corrected) if changed else ""
