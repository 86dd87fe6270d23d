"""Background work of the reports, through Django's tasks API (the django_tasks backport)."""

from django_tasks import task


@task()
def rebuild_figures(period_id):
    """Rebuilds a period's stored figures after an approval changed them. Any visitor who comes
    first rebuilds them just the same, so a lost or failed task only costs that visitor time."""
    from .figures import ensure_built
    from .models import Period

    period = Period.objects.filter(pk=period_id).first()
    if period is not None:
        ensure_built([period])
