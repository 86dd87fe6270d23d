from django.core.management.base import BaseCommand

from events.services import send_reminders


class Command(BaseCommand):
    help = "E-mail a reminder to confirmed registrants of events starting soon (each once; safe to run from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, help="Remind for events starting within this many hours.")

    def handle(self, *args, hours=None, **options):
        sent = send_reminders(hours=hours)
        self.stdout.write(f"Reminders queued: {sent}")
