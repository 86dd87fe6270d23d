from django.core.management.base import BaseCommand, CommandError

from evaluation.importer import import_criteria


class Command(BaseCommand):
    help = "Import a criteria set from an XLSX workbook as a new version (see evaluation/importer.py for the format)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .xlsx file.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and save nothing.")

    def handle(self, *args, path, dry_run=False, **options):
        try:
            with open(path, "rb") as handle:
                result = import_criteria(handle, dry_run=dry_run)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        if result.errors:
            for error in result.errors:
                self.stderr.write(f"- {error}")
            raise CommandError("Nothing was imported.")
        values = result.values
        summary = f"{values['title']} “{values['version']}”: {len(result.criteria)} criteria"
        if dry_run:
            self.stdout.write(f"The file is correct ({summary}). Nothing saved (--dry-run).")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {summary} (id {result.criteria_set.pk})."))
