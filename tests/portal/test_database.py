"""A worker's database connection lasts from one request to the next, on SQLite as on PostgreSQL.

Opening a connection is not free: SQLite parses the whole schema again and prepares every
statement anew, about a quarter of a page's render in the benchmarks (benchmarks/README.md).
"""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# What Django's request handler does around each request: ``close_old_connections`` on the
# signals (Django's test client disconnects it, so only a separate process shows this).
TWO_REQUESTS = """
import django
django.setup()
from django.core.signals import request_finished, request_started
from django.db import connection
seen = []
for _ in range(2):
    request_started.send(sender=None)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    seen.append(connection.connection)
    request_finished.send(sender=None)
print("kept" if seen[0] is seen[1] else "new")
"""


def _between_requests(tmp_path, **environment):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_CONN_MAX_AGE")}
    env.update(
        environment,
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="x" * 50,
        PUBLIC_BASE_URL="https://hoctap.example.vn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "-c", TWO_REQUESTS], cwd=REPO, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_a_worker_keeps_its_sqlite_connection_between_requests(tmp_path):
    assert _between_requests(tmp_path) == "kept"


def test_a_new_connection_per_request_when_the_setting_says_so(tmp_path):
    assert _between_requests(tmp_path, DATABASE_CONN_MAX_AGE="0") == "new"
