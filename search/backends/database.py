"""The database backend: the embedded default, and the fallback whenever Elasticsearch fails.

Entries keep each page's text as space-padded words in two forms, accent-preserving and folded.
Matching goes through a full-text index of the folded words (migration 0004): FTS5 on SQLite, a
GIN-indexed ``tsvector`` on PostgreSQL (where the folded words are written by the ``unaccent``
extension), so that a query reads the entries that match, not every entry of the language.
Ranking, counts and facets are computed by the database: matches are ranked (a word matched
with its accents, in the title most, weighs more than a folded match, the whole query as a phrase
in the title more still); counts and facets stop at ``COUNT_LIMIT`` matches. On PostgreSQL a search
with more matches than that ranks first the pages that score most, found through the indexes of
the title's and the body's words (migration 0005), and every match only when those do not
settle the page of hits: the hits are the same either way.
"""

import functools
import operator

from django.db import DatabaseError, connection, transaction
from django.db.models import BooleanField, Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan

from .. import spelling
from ..highlight import hit_snippet, snippet_source
from ..indexer import FACET_NAMES
from ..models import SearchEntry, SearchFacet
from ..query import COUNT_LIMIT, FacetValue, Hit, SearchQuery, SearchResults
from ..text import exact, fold, padded, words

WEIGHTS = {"title_exact": 8, "body_exact": 3, "title_folded": 4, "body_folded": 1}
PHRASE_WEIGHTS = {"title_exact": 12, "title_folded": 6}
INSERT_BATCH = 500
# Typed empty columns: PostgreSQL types each column of a UNION from its first part.
NO_TEXT, NO_NUMBER = "CAST(NULL AS TEXT)", "CAST(NULL AS BIGINT)"
FTS_TABLE = "search_searchentry_fts"


def _entry(source):
    body_words = words(source.summary + " " + source.body)
    title_words = words(source.title)
    title_exact = padded(words(exact(source.title)))
    body_exact = padded(words(exact(" ".join(body_words))))
    if connection.vendor == "postgresql":
        # PostgreSQL folds with its unaccent extension, in the INSERT itself: an UPDATE after it
        # would leave a dead copy of every row (and write the tsvector twice), doubling the table
        # that every search reads.
        from django.contrib.postgres.lookups import Unaccent

        title_folded, body_folded = Unaccent(Value(title_exact)), Unaccent(Value(body_exact))
    else:
        title_folded = padded(words(fold(" ".join(title_words))))
        body_folded = padded(words(fold(" ".join(body_words))))
    return SearchEntry(
        page_id=source.page_id,
        language=source.language,
        page_type=source.page_type,
        title=source.title[:255],
        url=source.url[:500],
        date=source.date,
        year_only=source.year_only,
        summary=source.summary,
        body=source.body,
        title_exact=title_exact,
        body_exact=body_exact,
        title_folded=title_folded,
        body_folded=body_folded,
    )


def _has(column, text):
    # instr()/strpos() rather than LIKE: case and accents are already settled by the stored
    # forms, and a plain substring search is several times faster than LIKE on SQLite.
    return Q(GreaterThan(StrIndex(column, Value(text)), 0))


def _contains(column, term):
    """The whole word (or words) ``term`` in a space-padded column."""
    return _has(column, f" {term} ")


def _fulltext(query):
    """The entries whose folded words match the query, through the database's full-text index."""
    terms, prefix = query.whole_terms, query.prefix_term
    postgres = connection.vendor == "postgresql"
    # The words are runs of \w, with no quote or operator in them.
    quoted = [f"'{term}'" if postgres else f'"{term}"' for term in terms]
    if prefix:
        quoted.append(f"'{prefix}':*" if postgres else f'"{prefix}"*')
    both, either = (" & ", " | ") if postgres else (" AND ", " OR ")
    if query.mode == "any":
        # All the words but one: any of the ways to leave one out.
        groups = [quoted[:skip] + quoted[skip + 1 :] for skip in range(len(quoted))]
        expression = either.join(f"({both.join(group)})" for group in groups)
    else:
        expression = both.join(quoted)
    if postgres:
        return Q(
            RawSQL("search_vector @@ to_tsquery('simple'::regconfig, %s)", [expression], output_field=BooleanField())
        )
    return Q(pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [expression]))


# Where each column's words sit in the PostgreSQL tsvector (migration 0004).
VECTOR_WEIGHTS = {"title_folded": "A", "title_exact": "B", "body_exact": "C", "body_folded": "D"}


def _vector_score(checks):
    """The score from the tsvector alone, whose positions carry a weight per column: the page's
    long text is never read for ranking. Words are \\w runs, with nothing to escape."""
    sql, params = [], []
    for column, text, whole, points in checks:
        weight = VECTOR_WEIGHTS[column]
        lexemes = [
            f"'{word}':{'' if whole or index < len(text.split()) - 1 else '*'}{weight}"
            for index, word in enumerate(text.split())
        ]
        sql.append(f"CASE WHEN search_vector @@ %s::tsquery THEN {int(points)} ELSE 0 END")
        params.append(" <-> ".join(lexemes))
    return RawSQL(" + ".join(sql) or "0", params, output_field=IntegerField())


# The GIN indexes of migration 0005 (PostgreSQL): the words of one column, whatever else the page
# holds. The columns without one (the folded body) are never looked up on their own.
COLUMN_WORDS = {
    column: f"to_tsvector('simple'::regconfig, {column})" for column in ("title_exact", "title_folded", "body_exact")
}

GIN_INDEXES = ["search_searchentry_vector", *(f"search_entry_{column}_words" for column in COLUMN_WORDS)]


def _column_query(text, whole, joiner):
    """A check's words as a tsquery over one column's words: \\w runs, nothing to escape."""
    terms = text.split()
    return joiner.join(f"'{term}'{'' if whole or index < len(terms) - 1 else ':*'}" for index, term in enumerate(terms))


def _unindex(entries):
    """Forget what the full-text index and the vocabulary hold of entries about to go (or gone)."""
    changes = {}
    for entry in entries:
        for term, count in spelling.terms(entry.title, entry.summary).items():
            changes[(entry.language, term)] = changes.get((entry.language, term), 0) - count
    spelling.record(changes)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # An external-content FTS5 table forgets a row when given the words it indexed.
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title_folded, body_folded) VALUES ('delete', %s, %s, %s)",
                [(entry.pk, entry.title_folded, entry.body_folded) for entry in entries],
            )


def forget_deleted_entry(sender, instance, **kwargs):
    """post_delete of an entry (its page was deleted, or the backend replaces it)."""
    _unindex([instance])


class DatabaseBackend:
    name = "database"
    errors = (DatabaseError,)

    # Writes

    def _insert(self, sources, incremental=True):
        for start in range(0, len(sources), INSERT_BATCH):
            batch = sources[start : start + INSERT_BATCH]
            entries = SearchEntry.objects.bulk_create([_entry(source) for source in batch])
            ids = [entry.pk for entry in entries]
            SearchFacet.objects.bulk_create(
                [
                    SearchFacet(entry=entry, name=name, value=value[:255])
                    for entry, source in zip(entries, batch, strict=True)
                    for name, value in sorted(source.facet_pairs)
                ],
                batch_size=INSERT_BATCH * 4,
            )
            if connection.vendor == "sqlite" and incremental:
                with connection.cursor() as cursor:
                    placeholders = ", ".join(["%s"] * len(ids))
                    cursor.execute(
                        f"INSERT INTO {FTS_TABLE}(rowid, title_folded, body_folded) "
                        f"SELECT id, title_folded, body_folded FROM search_searchentry WHERE id IN ({placeholders})",
                        ids,
                    )
        if incremental:
            changes = {}
            for source in sources:
                for term, count in spelling.terms(source.title, source.summary).items():
                    changes[(source.language, term)] = changes.get((source.language, term), 0) + count
            spelling.record(changes)

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
        sources = list(sources)
        with transaction.atomic():
            with connection.cursor() as cursor:
                # Everything goes: no need to forget entries one by one (post_delete).
                cursor.execute(f"DELETE FROM {SearchFacet._meta.db_table}")
                cursor.execute(f"DELETE FROM {SearchEntry._meta.db_table}")
            self._insert(sources, incremental=False)
            spelling.rebuild(sources)
            with connection.cursor() as cursor:
                if connection.vendor == "sqlite":
                    cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
                else:
                    # A GIN index takes new rows into a pending list (fast writes); moved into
                    # the index at once here rather than at the next vacuum, every search would
                    # otherwise read the whole list (each of the indexes of migrations 0004, 0005).
                    for index in GIN_INDEXES:
                        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
                    # Statistics of the new rows now, not at autovacuum's next pass: at 100,000
                    # pages, searches planned with those of the emptied table ran for minutes.
                    cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}, {SearchFacet._meta.db_table}")

    # Reads

    def _checks(self, query):
        """What scores: (column, word or words, whole word?, points) for each word where it is
        found, accents as typed and the title weighing most, and the whole query as a phrase."""
        folded = query.whole_terms
        accented = query.exact_terms[: len(folded)]
        checks = [("title_exact", term, True, WEIGHTS["title_exact"]) for term in accented]
        checks += [("body_exact", term, True, WEIGHTS["body_exact"]) for term in accented]
        checks += [("title_folded", term, True, WEIGHTS["title_folded"]) for term in folded]
        checks += [("body_folded", term, True, WEIGHTS["body_folded"]) for term in folded]
        if query.prefix_term:
            checks.append(("title_folded", query.prefix_term, False, WEIGHTS["title_folded"]))
            checks.append(("body_folded", query.prefix_term, False, WEIGHTS["body_folded"]))
        if len(folded) > 1:
            checks.append(("title_exact", " ".join(accented), True, PHRASE_WEIGHTS["title_exact"]))
            checks.append(("title_folded", " ".join(folded), True, PHRASE_WEIGHTS["title_folded"]))
        return checks

    def _score(self, query, checks=None):
        """Points for each word where it is found: accents as typed and the title weigh most."""
        checks = self._checks(query) if checks is None else checks
        if connection.vendor == "postgresql":
            return _vector_score(checks)
        parts = [
            Case(
                When(_contains(column, text) if whole else _has(column, f" {text}"), then=Value(points)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for column, text, whole, points in checks
        ]
        return functools.reduce(operator.add, parts)

    def _relevant_checks(self, query):
        """The checks that can order the matches (PostgreSQL): those whose words no page holds in
        their column are left out (worth 0 to every page), and so is a folded word's check in the
        body when no title has it (every match then has it in its body: worth the same to all)."""
        checks = self._checks(query)
        # Whole words only: the planner cannot tell how common an unfinished word is, and read
        # every title to look for one.
        indexed = [check for check in checks if check[0] in COLUMN_WORDS and check[2]]
        if not indexed:
            return checks
        sql = ", ".join(
            f"EXISTS(SELECT 1 FROM {SearchEntry._meta.db_table} WHERE {COLUMN_WORDS[column]} @@ %s::tsquery)"
            for column, _text, _whole, _points in indexed
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {sql}", [_column_query(text, whole, " & ") for _column, text, whole, _points in indexed]
            )
            found = dict(zip(indexed, cursor.fetchone(), strict=True))
        implied = set()
        if query.mode != "any":
            # Every match has each whole word in its folded title or its folded body.
            implied = {
                ("body_folded", text, True, WEIGHTS["body_folded"])
                for column, text, whole, _points in indexed
                if column == "title_folded" and whole and " " not in text and not found[(column, text, whole, _points)]
            }
        return [check for check in checks if found.get(check, True) and check not in implied]

    def _bounded(self, query, checks, passes):
        """The ids of the first ``offset + per_page`` matches by relevance, found among the pages
        that score most, or None when those cannot be shown to hold them (PostgreSQL, a search
        with more than COUNT_LIMIT matches: ranking every one of them is what made it slow).

        The candidates are the matches that pass the checks of a tier, found through the indexes
        of migration 0005 (the words of the title, of the body as written); any other match
        scores at most a bound. When the candidates' K-th best score (K = the last hit of the
        page) is above that bound, no other match can be among the first K, and the candidates'
        order is that of every match (same score, same ties). The tiers, in turn:

        - the checks worth at least so many points (a phrase in the title as written, the words
          of the title as written, the phrase folded), as long as none is a single word of the
          folded title or of the body (too common to narrow anything): a page passes one of
          them; any other scores at most the points of the checks left;
        - every word in the folded title: any other page misses one at least, and scores at most
          everything but the least of the words' points there;
        - a single check left (every other word is worth the same to every match): the pages
          that pass it, newest first; with none left, every match, newest first.
        """
        wanted = query.offset + query.per_page
        by_date = (F("date").desc(nulls_last=True), "id")
        matches = self._matches(query).filter(*passes.values())

        def column_words(tier, joiner):
            return RawSQL(
                " OR ".join(f"{COLUMN_WORDS[column]} @@ %s::tsquery" for column, *_rest in tier),
                [_column_query(text, whole, joiner) for _column, text, whole, _points in tier],
                output_field=BooleanField(),
            )

        if len(checks) <= 1:
            if checks and checks[0][0] not in COLUMN_WORDS:
                return None
            candidates = matches.filter(Q(column_words(checks, " & "))) if checks else matches
            # Passing the check (whole words, in order for a phrase) is what scores: "&" finds
            # the pages with the words, the check keeps those that pass it.
            if checks:
                candidates = candidates.annotate(score=_vector_score(checks)).filter(score__gt=0)
            ids = list(candidates.order_by(*by_date).values_list("id", flat=True)[:wanted])
            return ids if len(ids) == wanted else None
        score = _vector_score(checks)
        total = sum(points for *_rest, points in checks)
        tiers = []
        for level in sorted({points for *_rest, points in checks}, reverse=True):
            tier = [check for check in checks if check[3] >= level]
            # A word of the folded title alone, or of the body, is in too many pages to narrow.
            if any(column != "title_exact" and " " not in text for column, text, *_rest in tier):
                break
            tiers.append((column_words(tier, " & "), total - sum(points for *_rest, points in tier)))
        folded = [check for check in checks if check[0] == "title_folded" and " " not in check[1]]
        if folded:
            every = RawSQL(
                f"{COLUMN_WORDS['title_folded']} @@ %s::tsquery",
                [" & ".join(_column_query(text, whole, "") for _column, text, whole, _points in folded)],
                output_field=BooleanField(),
            )
            tiers.append((every, total - min(points for *_rest, points in folded)))
        for condition, bound in tiers:
            rows = list(
                matches.filter(Q(condition))
                .annotate(score=score)
                .order_by("-score", *by_date)
                .values_list("id", "score")[:wanted]
            )
            if len(rows) == wanted and rows[-1][1] > bound:
                return [pk for pk, _score in rows]
        return None

    def _ranked(self, query, checks, passes):
        """The page of hits among every match (PostgreSQL, when no tier held them)."""
        order = ("-score", F("date").desc(nulls_last=True), "id")
        return list(
            self._matches(query)
            .filter(*passes.values())
            .annotate(score=_vector_score(checks))
            .order_by(*(order if checks else order[1:]))
            .values_list("id", flat=True)[query.offset : query.offset + query.per_page]
        )

    def _matches(self, query):
        return SearchEntry.objects.filter(_fulltext(query), language=query.language)

    def search(self, query):
        if query.mode == "fuzzy":
            # No typo tolerance here: "did you mean" stands in for it.
            return SearchResults(query, [], 0, {name: [] for name in FACET_NAMES}, backend=self.name)
        filters = {name: values for name, values in query.filters.items() if name in FACET_NAMES and values}
        total, facets_counted, page_pks, counts = self._one_pass(query, filters)
        rows = SearchEntry.objects.in_bulk(page_pks)
        hits = [
            Hit(
                page_id=row.page_id,
                page_type=row.page_type,
                title=row.title,
                url=row.url,
                date=row.date,
                year_only=row.year_only,
                snippet=hit_snippet(snippet_source(row.summary, row.body), query),
            )
            for row in (rows[pk] for pk in page_pks)
        ]
        facets = {name: [] for name in FACET_NAMES}
        for name, value, count in counts:
            facets[name].append(FacetValue(value, count, value in filters.get(name, ())))
        for values in facets.values():
            values.sort(key=lambda value: (-value.count, value.value))
        return SearchResults(
            query,
            hits,
            min(total, COUNT_LIMIT),
            facets,
            backend=self.name,
            total_exact=total <= COUNT_LIMIT,
            facets_exact=facets_counted <= COUNT_LIMIT,
        )

    def _one_pass(self, query, filters):
        """The total (up to COUNT_LIMIT + 1), the most matches a facet was counted over, the page of
        hits and the facet counts, from one reading of the matches.

        The matches are read once into a materialised table: their score, date, and for each
        filtered facet whether they pass it. Every match is ranked there, except on PostgreSQL
        when more than COUNT_LIMIT match: then the reading stops at COUNT_LIMIT + 1, and the page
        of hits comes from ``_bounded`` (or ``_ranked``). Counting stops at COUNT_LIMIT + 1. Each
        facet is counted over the matches the *other* filters keep, the first COUNT_LIMIT + 1 of
        them (those the scan met first, in no particular order); the hits and the total over the
        matches every filter keeps.
        """
        passes = {
            f"passes_{name}": Exists(SearchFacet.objects.filter(entry=OuterRef("pk"), name=name, value__in=values))
            for name, values in filters.items()
        }
        # PostgreSQL ranks here only the matches of a search that has no more than COUNT_LIMIT of
        # them (all read anyway to count them); beyond, the reading stops at COUNT_LIMIT + 1, and
        # the page is found by _bounded among the pages that score most.
        bounded = connection.vendor == "postgresql" and query.sort == "relevance"
        inner = self._matches(query).annotate(score=self._score(query), **passes)
        inner_sql, inner_params = inner.values("id", "date", "score", *passes).query.sql_with_params()
        seen = f"(SELECT COUNT(*) FROM (SELECT 1 FROM m LIMIT {COUNT_LIMIT + 1}) AS s)"
        few = f" AND {seen} <= {COUNT_LIMIT}" if bounded else ""

        def kept(leave_out=None):
            conditions = [f"m.{flag}" for flag in passes if flag != f"passes_{leave_out}"]
            return " AND ".join(conditions) or "1 = 1"

        def counted(leave_out=None):
            return f"(SELECT m.id FROM m WHERE {kept(leave_out)} LIMIT {COUNT_LIMIT + 1})"

        facet = SearchFacet._meta.db_table
        if query.sort == "date":
            order = "m.date IS NULL, m.date DESC, m.score DESC, m.id"
        else:
            order = "m.score DESC, m.date IS NULL, m.date DESC, m.id"
        # Rows of (part, facet name, facet value, number, position): one shape for every part.
        parts = [
            f"SELECT 'total', {NO_TEXT}, {NO_TEXT}, COUNT(*), {NO_NUMBER} FROM {counted()} AS c",
            f"SELECT 'hit', {NO_TEXT}, {NO_TEXT}, m.id, ROW_NUMBER() OVER (ORDER BY {order}) FROM m WHERE m.id IN "
            f"(SELECT m.id FROM m WHERE {kept()}{few} ORDER BY {order} LIMIT {int(query.per_page)} "
            f"OFFSET {int(query.offset)}){few}",
        ]
        if bounded:
            parts.append(f"SELECT 'seen', {NO_TEXT}, {NO_TEXT}, {seen}, {NO_NUMBER}")
        params = []
        unfiltered = [name for name in FACET_NAMES if name not in filters]
        groups = [([name], name) for name in filters] + ([(unfiltered, None)] if unfiltered else [])
        for names, leave_out in groups:
            placeholders = ", ".join(["%s"] * len(names))
            if connection.vendor == "postgresql":
                # The counted matches' facet lines through the index on entry_id, as one array of
                # ids: planned as a join, PostgreSQL read the whole facet table (five lines a page),
                # or, as a nested loop, estimated a cost that had every search JIT-compiled
                # (20–30 ms of compiling for nothing).
                parts.append(
                    f"SELECT 'facet', f.name, f.value, COUNT(*), {NO_NUMBER} FROM {facet} f "
                    f"WHERE f.entry_id = ANY(ARRAY{counted(leave_out)}) AND f.name IN ({placeholders}) "
                    f"GROUP BY f.name, f.value"
                )
            else:
                parts.append(
                    f"SELECT 'facet', f.name, f.value, COUNT(*), {NO_NUMBER} FROM {counted(leave_out)} AS c "
                    f"JOIN {facet} f ON f.entry_id = c.id WHERE f.name IN ({placeholders}) GROUP BY f.name, f.value"
                )
            params.extend(names)
            if leave_out is not None:
                # A filtered facet is counted over more matches than the total: whether they
                # were all counted is its own question.
                parts.append(
                    f"SELECT 'counted', {NO_TEXT}, {NO_TEXT}, COUNT(*), {NO_NUMBER} FROM {counted(leave_out)} AS c"
                )
        sql = f"WITH m AS MATERIALIZED ({inner_sql}) " + " UNION ALL ".join(
            f"SELECT * FROM ({part}) AS p{number}" for number, part in enumerate(parts)
        )
        total, hits, counts, most_counted, matched = 0, [], [], 0, 0
        with connection.cursor() as cursor:
            cursor.execute(sql, [*inner_params, *params])
            for part, name, value, number, position in cursor.fetchall():
                if part == "total":
                    total = number
                elif part == "seen":
                    matched = number
                elif part == "counted":
                    most_counted = max(most_counted, number)
                elif part == "hit":
                    hits.append((position, number))
                else:
                    counts.append((name, value, number))
        if bounded and matched > COUNT_LIMIT:
            checks = self._relevant_checks(query)
            ranked = self._bounded(query, checks, passes)
            pks = self._ranked(query, checks, passes) if ranked is None else ranked[query.offset :]
            hits = list(enumerate(pks))
        return total, max(total, most_counted), [pk for _position, pk in sorted(hits)], counts

    def finds(self, query):
        """Whether anything matches (a "did you mean" is offered only if it does)."""
        return self._matches(query).exists()

    def suggest(self, text, language, limit=8):
        """Titles that start with the typed words, the last one possibly unfinished."""
        query = SearchQuery(text=text, language=language, mode="prefix")
        terms = query.folded_terms
        if not terms:
            return []
        title = "title_folded"
        # The full-text index finds the pages that have the words anywhere; the title must have them.
        condition = functools.reduce(
            operator.and_, [_contains(title, term) for term in query.whole_terms] + [_has(title, f" {terms[-1]}")]
        )
        starts = Q(**{f"{title}__startswith": f" {' '.join(terms)}"})
        rows = (
            self._matches(query)
            .filter(condition)
            .annotate(starts=Case(When(starts, then=Value(1)), default=Value(0), output_field=IntegerField()))
            .order_by("-starts", F("date").desc(nulls_last=True), "pk")
            .values("page_id", "title", "url", "page_type")[:limit]
        )
        return list(rows)
