from django.core.management.base import BaseCommand

from events.services import purge_registrations


class Command(BaseCommand):
    help = "Anonymise registrants' personal data a while after their event (EVENTS_PURGE_AFTER_DAYS)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="Override EVENTS_PURGE_AFTER_DAYS for this run.")

    def handle(self, *args, days=None, **options):
        purged = purge_registrations(days=days)
        self.stdout.write(f"Registrations anonymised: {purged}")
