"""PostgreSQL: a GIN index over the words of each of the title's two forms and of the body as
written, so that the database backend can find the pages that have a query word *in a given
column* without reading every match (the GIN index of migration 0004 knows which pages have a word,
not in which column). The indexes are over expressions: no column is added, and the entries'
rows stay as they were. Ranking reads them to bound its work (``search.backends.database``):
the pages that score most from their titles are ranked first, and only if they prove enough.
And an index of the entries newest first, for the searches whose matches all score the same.

Other databases: nothing (SQLite ranks every match, as before).
"""

from django.db import migrations

COLUMNS = ("title_exact", "title_folded", "body_exact")

POSTGRES_FORWARD = [
    f"CREATE INDEX search_entry_{column}_words ON search_searchentry "
    f"USING GIN (to_tsvector('simple'::regconfig, {column}))"
    for column in COLUMNS
] + [
    # The newest first, in the order of the results' ties: when every match scores the same, the
    # first page is read from here, stopping at its last hit.
    "CREATE INDEX search_entry_newest ON search_searchentry (date DESC NULLS LAST, id)",
]
POSTGRES_BACKWARD = [f"DROP INDEX IF EXISTS search_entry_{column}_words" for column in COLUMNS] + [
    "DROP INDEX IF EXISTS search_entry_newest"
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_fulltext_index")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD))]
