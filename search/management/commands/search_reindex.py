from django.core.management.base import BaseCommand

from search import indexer

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Rebuild the search index of every live public page: the database entries in one transaction and, "
        "when ELASTICSEARCH_URL is set, a new Elasticsearch index that replaces the old one behind the alias."
    )

    def progress(self, done, total):
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        self.stdout.write(f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} pages", ending="")
        self.stdout.flush()

    def handle(self, *args, **options):
        count = indexer.rebuild(progress=self.progress, stdout=self.stderr)
        self.stdout.write("")
        backends = ", ".join(backend.name for backend in indexer.backends())
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} pages ({backends})."))
