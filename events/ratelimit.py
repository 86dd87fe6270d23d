"""A fixed-window rate limit per client IP, kept in Django's cache."""

from django.conf import settings
from django.core.cache import cache

from portal.http import client_ip


def allow(request, scope="registration"):
    """Count this request; False once the IP has used up its allowance for the current window."""
    limit = settings.EVENTS_RATE_LIMIT
    if limit <= 0:
        return True
    key = f"events-rate:{scope}:{client_ip(request)}"
    if cache.add(key, 1, timeout=settings.EVENTS_RATE_LIMIT_WINDOW):
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        # The window expired between add() and incr().
        cache.add(key, 1, timeout=settings.EVENTS_RATE_LIMIT_WINDOW)
        return True
    return count <= limit
