"""Fixed-window rate limits kept in the shared cache, so that they hold across every worker process."""

from django.core.cache import cache

from .http import client_ip


def hit(scope, identity, *, limit, window):
    """Count one request of ``identity`` in ``scope``; False once it has used up ``limit`` in the window.

    ``add`` and ``incr`` are each atomic in Redis and in the project's database cache, so
    parallel requests from several processes are all counted.
    """
    if limit <= 0:
        return True
    key = f"ratelimit:{scope}:{identity}"
    for _attempt in range(2):
        cache.add(key, 0, timeout=window)
        try:
            return cache.incr(key) <= limit
        except ValueError:
            # The window ended between add() and incr(): the next round starts a new one.
            continue
    return True


def allow(request, scope, *, limit, window):
    """Count this request against its visitor's address (see ``portal.http.client_ip``)."""
    return hit(scope, client_ip(request), limit=limit, window=window)
