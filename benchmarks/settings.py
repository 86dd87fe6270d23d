"""Production settings plus one trivial view, for benchmarks/pages.py only (never deployed)."""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
