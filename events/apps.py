from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from wagtail.signals import page_published

        from . import views  # noqa: F401 (registers the event page's holes for the page cache)
        from .models import EventPage

        page_published.connect(_give_new_seats_to_waiting_list, sender=EventPage)


def _give_new_seats_to_waiting_list(sender, instance, **kwargs):
    """An editor who raises the capacity frees seats: the waiting list gets them at once."""
    from .services import promote_waiting

    if instance.registration_event().pk == instance.pk and instance.waiting_list:
        promote_waiting(instance)
