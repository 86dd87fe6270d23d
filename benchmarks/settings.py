"""Production settings plus one trivial view, for the benchmarks only (never deployed)."""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
# Served over plain HTTP on 127.0.0.1: a Secure cookie would never come back, and every form post
# (registration.py) would fail its CSRF check.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
