from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The page-cache tag of every page that shows approved figures or reports (portal/cache.py).
FIGURES_TAG = "reports:figures"


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("Figures of the learning-city network")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Evidence, Period, Submission

        # The dashboard, the open data and the UNESCO report show approved reports and their public
        # evidence: any change of those (an approval, a report reopened, a period edited) drops the
        # kept copies, whichever code path made it.
        for model in (Submission, Period, Evidence):
            post_save.connect(_figures_changed, sender=model, dispatch_uid=f"reports-figures-{model.__name__}")
            post_delete.connect(_figures_changed, sender=model, dispatch_uid=f"reports-figures-del-{model.__name__}")


def _figures_changed(**kwargs):
    from portal import cache as page_cache

    page_cache.invalidate(FIGURES_TAG)
