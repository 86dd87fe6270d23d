import datetime

from django.core.management.base import BaseCommand, CommandError

from reports.services import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail reporters whose report is not sent yet as a deadline nears (REPORTS_REMINDER_DAYS before it). "
        "Each reminder goes once: safe to run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Pretend today is this day (YYYY-MM-DD).")
        parser.add_argument("--dry-run", action="store_true", help="List the reminders without sending them.")

    def handle(self, *args, today=None, dry_run=False, **options):
        if today:
            try:
                today = datetime.date.fromisoformat(today)
            except ValueError as error:
                raise CommandError("--today must look like 2025-11-08.") from error
        reminders = send_reminders(today=today, dry_run=dry_run)
        without = 0
        for reminder in reminders:
            names = ", ".join(u.email for u in reminder.recipients)
            if not names:
                without += 1
            self.stdout.write(
                f"{reminder.period} · {reminder.expected.key} · {reminder.expected.due:%d/%m/%Y} "
                f"({reminder.days_left} d): {names or 'no reporter with an e-mail address'}"
            )
        verb = "would be sent" if dry_run else "sent"
        self.stdout.write(f"Reminders {verb}: {len(reminders) - without}; without a recipient: {without}.")
