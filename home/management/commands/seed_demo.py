"""Build the demo site from the plans' content; running it twice changes nothing."""

import importlib
import importlib.util

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from home.seed import ADMIN_PASSWORD, ADMIN_USERNAME

# The site shell first, then each feature app that ships demo content in its seed.py.
SEED_APPS = ["home", "network", "campaigns", "news", "events", "resources", "evaluation", "reports", "search"]


class Command(BaseCommand):
    help = "Create or update the demo content (pages, images, organisations, events, resources)."

    def add_arguments(self, parser):
        parser.add_argument("--no-index", action="store_true", help="Skip rebuilding the search index.")

    def handle(self, *args, no_index=False, **options):
        for app in SEED_APPS:
            if importlib.util.find_spec(f"{app}.seed") is None:
                continue
            with transaction.atomic():
                importlib.import_module(f"{app}.seed").seed(self.stdout)
        if not no_index:
            call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(f"Admin: http://127.0.0.1:8000/admin/  user: {ADMIN_USERNAME}  password: {ADMIN_PASSWORD}")
        self.stdout.write(
            "The admin asks superusers for a second factor: at the first sign-in, scan the QR code it shows "
            "with an authenticator app (Google Authenticator, FreeOTP, 2FAS …), "
            "or type its key into `oathtool --totp -b KEY`."
        )
