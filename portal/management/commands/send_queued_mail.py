from django.core.management.base import BaseCommand

from portal import mail
from portal.models import OutgoingEmail


class Command(BaseCommand):
    help = (
        "Deliver outgoing e-mail that is due (a safety net beside the task worker; run it from cron every "
        "10 minutes) and delete sent messages older than MAIL_KEEP_SENT_DAYS. --failed sends failed messages again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--failed", action="store_true", help="Send the messages that failed once more.")

    def handle(self, *args, failed=False, **options):
        if failed:
            again = mail.send_again(OutgoingEmail.objects.all())
            self.stdout.write(f"Failed messages queued again: {again}")
        self.stdout.write(f"Messages due for delivery: {mail.send_due()}")
        self.stdout.write(f"Sent messages deleted: {mail.purge_sent()}")
