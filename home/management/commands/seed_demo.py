"""Build the demo site from the plans' content; running it twice changes nothing."""

import importlib
import importlib.util

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse

from home import roles
from home.seed import ADMIN_PASSWORD, ADMIN_USERNAME, DEMO_TEAM

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
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_home")
        self.stdout.write(f"Admin: {admin_url}  user: {ADMIN_USERNAME}  password: {ADMIN_PASSWORD}")
        team = ", ".join(f"{username} ({roles.NAMES[role]})" for username, _first, _last, role in DEMO_TEAM)
        self.stdout.write(f"Demo team, same password: {team}")
        self.stdout.write(
            "The admin asks superusers for a second factor: at the first sign-in, scan the QR code it shows "
            "with an authenticator app (Google Authenticator, FreeOTP, 2FAS …), "
            "or type its key into `oathtool --totp -b KEY`."
        )
