"""A real full-text index over the folded text, so that the database backend does not scan.

PostgreSQL: a stored ``tsvector`` column computed from the title and body, folded and as written
(the 'simple' configuration: the words as they are, no stemming, no stop words), with a GIN index. SQLite: an
FTS5 table over the same columns, its content read from the entries table (the backend keeps it
up to date with every write). Other databases keep no such index (the backend then scans).
"""

from django.db import migrations

FTS_TABLE = "search_searchentry_fts"

POSTGRES_FORWARD = [
    # Each column's words under a weight of their own, so that ranking reads this vector alone:
    # A folded title, B title as written, C body as written, D folded body. A query's folded words
    # match the whole vector (a word without marks is the same in both forms).
    """
    ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_folded), 'A')
        || setweight(to_tsvector('simple'::regconfig, title_exact), 'B')
        || setweight(to_tsvector('simple'::regconfig, body_exact), 'C')
        || setweight(to_tsvector('simple'::regconfig, body_folded), 'D')
    ) STORED
    """,
    # Kept in the row (compressed) while the long texts go out of line: a search reads the rows of
    # its matches, not their text.
    "ALTER TABLE search_searchentry ALTER COLUMN search_vector SET STORAGE MAIN",
    "CREATE INDEX search_searchentry_vector ON search_searchentry USING GIN (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_searchentry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
]
SQLITE_FORWARD = [
    # Full detail: a "word" of the query that the tokenizer splits in two ("match_all") becomes a
    # phrase, which the smaller detail levels refuse. Prefix indexes serve unfinished words.
    f"""
    CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
        title_folded, body_folded, content='search_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0', prefix='2 3'
    )
    """,
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [f"DROP TABLE IF EXISTS {FTS_TABLE}"]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in statements.get(vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_entry_facets_terms")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
