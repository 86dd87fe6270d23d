"""Called at the end of seed_demo: (re)build the search index over the seeded pages."""

from . import indexer


def seed(stdout):
    count = indexer.rebuild(stdout=stdout)
    backends = ", ".join(backend.name for backend in indexer.backends())
    stdout.write(f"Search: indexed {count} pages ({backends}).")
