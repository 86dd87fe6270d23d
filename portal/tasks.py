"""Helpers for Django's tasks API (the ``django_tasks`` backport on Django 5.2).

Tasks are stored by the database backend and run by ``manage.py db_worker``; tests run them at
once (``ImmediateBackend``). Work that must survive a crash keeps its own record (for mail, the
outbox row) and passes only its id to the task, so a task's arguments never hold personal data.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task_backends


def enqueue_on_commit(task, *args, **kwargs):
    """Enqueue once the current transaction commits: the task must never look for rows that were
    rolled back, and the immediate backend must not run it before they are saved."""
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs), robust=True)


def retry_delay(attempt, *, base_seconds=60, max_seconds=6 * 3600):
    """Exponential backoff: ``base_seconds`` after the first failure, doubling up to ``max_seconds``."""
    return timedelta(seconds=min(max_seconds, base_seconds * 2 ** max(0, attempt - 1)))


def enqueue_later(task, delay, *args, **kwargs):
    """Enqueue to run after ``delay`` where the backend can wait; None where it cannot (the
    immediate backend), in which case the caller's own record and sweep command take over."""
    if not task_backends[task.backend].supports_defer:
        return None
    return task.using(run_after=timezone.now() + delay).enqueue(*args, **kwargs)
