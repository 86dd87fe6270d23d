from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from resources.importer import COLUMNS, ImportFileError, import_resources


class Command(BaseCommand):
    help = (
        "Import learning resources from a CSV (UTF-8) or XLSX file with a header row. Columns: "
        + ", ".join(COLUMNS)
        + ". Rows are matched on identifier; topics and audiences are separated by ';'; file paths are "
        "relative to the imported file. See resources/samples/resources.csv."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .csv or .xlsx file.")
        parser.add_argument("--dry-run", action="store_true", help="Check every row and report, saving nothing.")

    def handle(self, path, dry_run=False, **options):
        try:
            results = import_resources(path, dry_run=dry_run)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        labels = {
            "created": _("created") if not dry_run else _("would be created"),
            "updated": _("updated") if not dry_run else _("would be updated"),
            "unchanged": _("unchanged"),
        }
        for result in results:
            prefix = _("Line %(line)s (%(identifier)s)") % {"line": result.line, "identifier": result.identifier or "–"}
            if result.errors:
                for column, message in result.errors:
                    self.stdout.write(self.style.ERROR(f"{prefix}: {column}: {message}"))
            else:
                self.stdout.write(f"{prefix}: {labels[result.action]}")
        counts = {action: sum(1 for r in results if r.action == action) for action in labels}
        failed = sum(1 for r in results if r.errors)
        summary = _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged, %(failed)s with errors.") % {
            **counts,
            "failed": failed,
        }
        if dry_run:
            summary = _("Dry run, nothing saved: %(summary)s") % {"summary": summary}
        if failed:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
