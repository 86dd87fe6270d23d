from django.core.management.base import BaseCommand

from evaluation.services import purge


class Command(BaseCommand):
    help = (
        "Anonymise self-assessments older than EVALUATION_PURGE_AFTER_YEARS years (counts and certificates stay) "
        "and delete drafts untouched for EVALUATION_DRAFT_PURGE_DAYS days. Safe to run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, help="Override EVALUATION_PURGE_AFTER_YEARS for this run.")
        parser.add_argument("--draft-days", type=int, help="Override EVALUATION_DRAFT_PURGE_DAYS for this run.")

    def handle(self, *args, years=None, draft_days=None, **options):
        anonymised, deleted = purge(years=years, draft_days=draft_days)
        self.stdout.write(f"Self-assessments anonymised: {anonymised}; abandoned drafts deleted: {deleted}")
