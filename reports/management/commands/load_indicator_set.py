from django.core.management.base import BaseCommand, CommandError

from reports.loader import DATA_DIR, LoadError, load


class Command(BaseCommand):
    help = (
        "Load an indicator set (and one version of it) from a TOML file; a version that exists already is "
        f"left unchanged. The shipped sets are in {DATA_DIR}."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="TOML files, e.g. reports/data/title_statistics.toml")

    def handle(self, *args, paths, **options):
        for path in paths:
            try:
                version, created = load(path)
            except (LoadError, OSError, KeyError) as error:
                raise CommandError(f"{path}: {error}") from error
            state = "created" if created else "already there, unchanged"
            self.stdout.write(f"{version}: {state}")
