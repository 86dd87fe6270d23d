from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Evaluation and recognition of learning titles")

    def ready(self):
        from .access import ensure_groups

        post_migrate.connect(ensure_groups, sender=self)
