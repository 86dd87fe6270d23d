from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded files with those of a backup archive, then migrate. "
        "Stop the web server and the task worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="A portal-backup-….tar.gz written by `manage.py backup`.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, archive, yes=False, **options):
        if not yes and input("Everything in the database will be replaced. Type 'yes' to go on: ") != "yes":
            raise CommandError("Nothing was restored.")
        try:
            manifest = restore(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        # A backup made before the latest code's migrations is brought up to date.
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"Restored the backup of {manifest['created_at']}.")
