"""The cache every worker shares: a database table by default, Redis where REDIS_URL is set.

Rate limits and download counts are only as good as this: with a cache per process, four
workers let four times the limit through.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.test import RequestFactory

from portal import ratelimit
from portal.cache import DatabaseCache
from resources.services import download_count, record_download
from tests.conftest import uses_redis
from tests.factories.resources import LibraryPageFactory, ResourcePageFactory

from .processes import run_in_processes

REPO = Path(__file__).resolve().parents[2]
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


def _cache_backend(**environment):
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(
        environment,
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="x" * 50,
        PUBLIC_BASE_URL="https://hoctap.example.vn",
    )
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_production_shares_a_database_table_by_default_and_redis_when_given():
    assert _cache_backend() == "portal.cache.DatabaseCache"
    assert _cache_backend(REDIS_URL="redis://127.0.0.1:6379/0") == "django.core.cache.backends.redis.RedisCache"


def _count(key, times):
    return [cache.incr(key) for _ in range(times)]


@pytest.mark.django_db
def test_reads_leave_out_what_has_expired_and_keep_what_was_stored():
    """The database cache reads many keys in one statement (a kept page checks dozens of tags)."""
    if not isinstance(caches["default"], DatabaseCache):
        pytest.skip("REDIS_URL is set: the database cache is not in use (the run without it tests it)")
    cache.set_many({"tag:a": 1, "tag:b": {"trang": "Trang chủ"}, "tag:c": [3]}, timeout=60)
    cache.set("tag:soon", "sắp hết", timeout=1)
    assert cache.get_many(["tag:a", "tag:b", "tag:missing", "tag:soon"]) == {
        "tag:a": 1,
        "tag:b": {"trang": "Trang chủ"},
        "tag:soon": "sắp hết",
    }
    time.sleep(2.1)
    assert cache.get_many(["tag:a", "tag:soon"]) == {"tag:a": 1}
    assert cache.get("tag:soon", "default") == "default" and cache.get_many([]) == {}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_increments_from_several_processes_are_all_counted():
    cache.set("counter", 0, timeout=60)
    seen = run_in_processes(f"{__name__}._count", [("counter", 40), ("counter", 40)])
    assert cache.get("counter") == 80
    values = sorted(value for run in seen for value in run)
    assert values == list(range(1, 81)), "two processes were handed the same number"


def _knock(times):
    return sum(ratelimit.hit("test-form", "203.0.113.7", limit=10, window=600) for _ in range(times))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rate_limit_holds_across_worker_processes():
    allowed = run_in_processes(f"{__name__}._knock", [(12,), (12,), (12,)])
    assert sum(allowed) == 10
    assert not ratelimit.hit("test-form", "203.0.113.7", limit=10, window=600)
    assert ratelimit.hit("test-form", "203.0.113.8", limit=10, window=600)


def _download(page_pk):
    from resources.models import ResourcePage

    request = RequestFactory().get("/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.4")
    return record_download(request, ResourcePage.objects.get(pk=page_pk))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_download_is_counted_once_whichever_worker_serves_it(home_page):
    library = LibraryPageFactory(parent=home_page)
    resource = ResourcePageFactory(parent=library, title="Sổ tay học tập suốt đời")
    counted = run_in_processes(f"{__name__}._download", [(resource.pk,)] * 3)
    assert sorted(counted) == [False, False, True]
    assert download_count(resource) == 1


@pytest.mark.redis
def test_with_redis_url_the_counters_live_in_redis_for_every_connection():
    import redis

    assert uses_redis()
    assert ratelimit.hit("test-redis", "192.0.2.1", limit=5, window=60)
    # A second, independent connection (another worker's) sees the same counter.
    client = redis.Redis.from_url(settings.REDIS_URL)
    keys = [key.decode() for key in client.scan_iter(f"{settings.CACHE_KEY_PREFIX}:*test-redis*")]
    assert len(keys) == 1
    assert int(client.get(keys[0])) == 1


@pytest.mark.skipif(uses_redis(), reason="With REDIS_URL the renditions live in Redis")
@pytest.mark.django_db
def test_a_rendition_handed_out_again_is_read_from_the_cache_and_not_written_again(home_page, monkeypatch):
    from wagtail.images.tests.utils import Image, get_test_image_file

    renditions = caches["renditions"]
    image = Image.objects.create(title="Ảnh", file=get_test_image_file())
    first = image.get_rendition("fill-640x360")
    writes = []
    monkeypatch.setattr(renditions, "_set", lambda *args, **kwargs: writes.append(args))
    again = Image.objects.get(pk=image.pk).get_rendition("fill-640x360")
    assert again.file.name == first.file.name and writes == []
    # Deleted with its rendition (a new file or focal point): the next one is kept again.
    first.delete()
    monkeypatch.undo()
    renewed = Image.objects.get(pk=image.pk).get_rendition("fill-640x360")
    assert renditions.get(renewed.get_cache_key()).pk == renewed.pk
