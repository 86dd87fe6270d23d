from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write the database and every uploaded file (MEDIA_ROOT) into one archive in BACKUP_DIR "
        "(or --output). It holds personal data: keep it encrypted and as short a time as the README says."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Folder for the archive (default: BACKUP_DIR).")
        parser.add_argument("--keep", type=int, help="Then delete all but this many newest archives in that folder.")

    def handle(self, *args, output=None, keep=None, **options):
        try:
            archive = backup(output, keep=keep)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(archive))
