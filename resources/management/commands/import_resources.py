import argparse

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resources.importer import COLUMNS, REQUIRED, ImportFileError, import_resources, summary


class Command(BaseCommand):
    help = format_lazy(
        gettext_lazy(
            "Import learning resources from a spreadsheet (.csv or .xlsx) whose first row names the columns.\n\n"
            "Required columns: {required}.\nOther columns: {optional}.\n\n"
            "A CSV may use commas or semicolons (as Excel saves it), in UTF-8 or the Windows Vietnamese code page.\n"
            "Each row is matched on its identifier: importing the same file again changes nothing.\n"
            "Topics and audiences are separated by “;”; publishers must already be organisations.\n"
            "File paths are relative to the spreadsheet. Example: resources/samples/resources.csv\n\n"
            "Check first with --dry-run, then import without it. Editors can do the same in the admin: "
            "Library › Import resources."
        ),
        required=", ".join(REQUIRED),
        optional=", ".join(c for c in COLUMNS if c not in REQUIRED),
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        return super().create_parser(prog_name, subcommand, formatter_class=argparse.RawDescriptionHelpFormatter)

    def add_arguments(self, parser):
        parser.add_argument("path", help=gettext_lazy("The .csv or .xlsx file."))
        parser.add_argument(
            "--dry-run", action="store_true", help=gettext_lazy("Check every row and report, saving nothing.")
        )
        parser.add_argument(
            "--create-publishers",
            action="store_true",
            help=gettext_lazy("Create the publishers that are not organisations yet (listed in the dry run)."),
        )

    def handle(self, path, dry_run=False, create_publishers=False, **options):
        try:
            results = import_resources(path, dry_run=dry_run, create_publishers=create_publishers)
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
            for column, message in result.warnings:
                self.stdout.write(self.style.WARNING(f"{prefix}: {column}: {message}"))
        text, failed = summary(results, dry_run)
        if failed:
            raise CommandError(text)
        self.stdout.write(self.style.SUCCESS(text))
