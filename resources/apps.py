from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Open learning-resource library")

    def ready(self):
        from . import signals

        signals.connect()
