from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from home.services import fix_garbled_slugs


class Command(BaseCommand):
    help = _(
        "Replace page addresses that Wagtail garbled from Vietnamese titles (“tun-l-hng…” for “Tuần lễ "
        "hưởng ứng…”, “dj” for “đ”) with transliterated ones; the old addresses redirect to the pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("List the changes without saving them."))

    def handle(self, *args, dry_run=False, **options):
        fixes = fix_garbled_slugs(dry_run=dry_run)
        for fix in fixes:
            self.stdout.write(f"{fix.page.title}: {fix.old} → {fix.new}")
        if dry_run:
            self.stdout.write(_("Dry run, nothing saved: %(count)s addresses to replace.") % {"count": len(fixes)})
        else:
            self.stdout.write(self.style.SUCCESS(_("%(count)s addresses replaced.") % {"count": len(fixes)}))
