from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from reports.models import Period
from reports.services import scope_for
from reports.spreadsheets import ImportFileError, import_workbook


class Command(BaseCommand):
    help = (
        "Import a period's filled-in XLSX template (from the admin: Figures reports › Download the template). "
        "Every line is checked; if any is wrong nothing is saved. The user must be assigned to the lines' areas."
    )

    def add_arguments(self, parser):
        parser.add_argument("period", type=int, help="The period's id (in the admin address of the period).")
        parser.add_argument("path", help="The .xlsx file.")
        parser.add_argument("--user", required=True, help="The username recorded in each report's history.")
        parser.add_argument("--dry-run", action="store_true", help="Check every line and report, saving nothing.")

    def handle(self, *args, period, path, user, dry_run=False, **options):
        period = Period.objects.filter(pk=period).select_related("indicator_set").first()
        if period is None:
            raise CommandError("No such period.")
        account = get_user_model().objects.filter(username=user).first()
        if account is None:
            raise CommandError(f"No user {user!r}.")
        try:
            with open(path, "rb") as handle:
                lines = import_workbook(period, handle, account, scope_for(account), dry_run=dry_run)
        except (ImportFileError, OSError) as error:
            raise CommandError(getattr(error, "message", str(error))) from error
        for line in lines:
            prefix = f"{line.sheet}, line {line.line} ({line.code or '–'})"
            for column, message in line.errors:
                self.stdout.write(self.style.ERROR(f"{prefix}: {column}: {message}"))
            if not line.errors:
                self.stdout.write(f"{prefix}: {line.action}" + (f", {line.changes} changes" if line.changes else ""))
            for column, message in line.warnings:
                self.stdout.write(self.style.WARNING(f"{prefix}: {column}: {message}"))
        failed = sum(1 for line in lines if line.errors)
        updated = sum(1 for line in lines if line.action == "updated")
        summary = f"{updated} to update, {len(lines) - updated - failed} unchanged, {failed} with errors."
        if failed:
            raise CommandError(f"Nothing saved: {summary}")
        self.stdout.write(self.style.SUCCESS(("Dry run, nothing saved: " if dry_run else "Saved: ") + summary))
