"""The shared cache: Django's database cache made safe for several processes, and the page
cache's tags with the API feature apps call (``invalidate_pages``, ``invalidate``, ``depends_on``,
``expires_at``; see the section below and portal/pagecache.py).

Django's database cache, with an increment that stays correct when several processes share it.

Django's ``DatabaseCache.incr`` reads the value and writes it back: two workers counting the
same rate-limit key at once would both write the same number. Here the row is locked for the
read and the write (``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite the project opens every
transaction with ``BEGIN IMMEDIATE``, which serialises writers), so no increment is lost.
Redis (``REDIS_URL``) needs none of this: its ``INCR`` is atomic.
"""

import base64
import logging
import pickle
import time
from datetime import UTC, datetime

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connections, models, router, transaction
from django.utils.timezone import now

logger = logging.getLogger(__name__)


class DatabaseCache(DjangoDatabaseCache):
    def get_many(self, keys, version=None):
        """One statement that leaves expired rows out in SQL. Django's converts each row's expiry in
        Python and checks each key for memcached; with the dozens of tags a kept page carries, that
        was most of serving it."""
        if not keys:
            return {}
        key_map = {self.make_key(key, version=version): key for key in keys}
        connection = connections[router.db_for_read(self.cache_model_class)]
        quote_name = connection.ops.quote_name
        placeholders = ", ".join(["%s"] * len(key_map))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote_name('cache_key')}, {quote_name('value')} FROM {quote_name(self._table)} "
                f"WHERE {quote_name('cache_key')} IN ({placeholders}) AND {quote_name('expires')} > %s",
                [*key_map, connection.ops.adapt_datetimefield_value(now())],
            )
            rows = cursor.fetchall()
        return {
            key_map[key]: pickle.loads(base64.b64decode(connection.ops.process_clob(value).encode()))
            for key, value in rows
        }

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote_name = connection.ops.quote_name
        table = quote_name(self._table)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote_name('value')}, {quote_name('expires')} FROM {table} "
                f"WHERE {quote_name('cache_key')} = %s{lock}",
                [key],
            )
            row = cursor.fetchone()
            if row is None or self._converted_expiry(connection, row[1]) < now():
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode())) + delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {quote_name('value')} = %s WHERE {quote_name('cache_key')} = %s",
                [encoded, key],
            )
        return value

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """One statement for all keys (Django's loops over ``set``, three queries a key)."""
        self._upsert(data, timeout, version, on_conflict="update")
        return []

    def add_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """Add every key that is not there yet, in one statement."""
        self._upsert(data, timeout, version, on_conflict="nothing")

    def _upsert(self, data, timeout, version, on_conflict):
        if not data:
            return
        timeout = self.get_backend_timeout(timeout)
        expires = datetime.max if timeout is None else datetime.fromtimestamp(timeout, tz=UTC)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote_name = connection.ops.quote_name
        table = quote_name(self._table)
        key, value, expires_column = (quote_name(name) for name in ("cache_key", "value", "expires"))
        expires = connection.ops.adapt_datetimefield_value(expires.replace(microsecond=0))
        rows = [
            (
                self.make_and_validate_key(item, version=version),
                base64.b64encode(pickle.dumps(content, self.pickle_protocol)).decode("latin1"),
                expires,
            )
            for item, content in data.items()
        ]
        action = (
            f"DO UPDATE SET {value} = excluded.{value}, {expires_column} = excluded.{expires_column}"
            if on_conflict == "update"
            else "DO NOTHING"
        )
        placeholders = ", ".join(["(%s, %s, %s)"] * len(rows))
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            count = cursor.fetchone()[0]
            if count > self._max_entries:
                self._cull(db, cursor, now(), count)
            cursor.execute(
                f"INSERT INTO {table} ({key}, {value}, {expires_column}) VALUES {placeholders} "
                f"ON CONFLICT ({key}) {action}",
                [part for row in rows for part in row],
            )

    @staticmethod
    def _converted_expiry(connection, expires):
        expression = models.Expression(output_field=models.DateTimeField())
        for converter in connection.ops.get_db_converters(expression) + expression.get_db_converters(connection):
            expires = converter(expires, expression, connection)
        return expires


class RenditionCache(LocMemCache):
    """Wagtail's image renditions, per process. Wagtail writes a rendition back every time it hands
    one out (a template's ``{% image %}``), pickling it anew; what a key holds never changes (the
    key names the image, its focal point and the filter), so a kept rendition is left as it is
    until it expires or Wagtail deletes it with its rendition."""

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if not self.has_key(key, version=version):
            super().set(key, value, timeout=timeout, version=version)


# --- The page cache's tags ---------------------------------------------------------------
#
# Every page the page cache keeps (portal/pagecache.py) carries the tags of what it shows: the pages
# it loaded (``page:<id>``), the snippets and settings it read (``model:<app.model>``), the images
# and documents (``image:<id>``, ``document:<id>``), its own descendants (``subtree:<id>``), and
# whatever its views declared with ``depends_on``. Invalidating a tag stamps it with a new
# generation; a kept page whose tags no longer carry the stamps it was stored with is stale.
# Nothing is ever searched for or deleted: a stale entry is simply not served, and expires.

PAGE_CACHE_ALIAS = "pages"
GENERATION_KEY = "pc:generation"
SITE_TAG = "site"


def page_cache():
    return caches[PAGE_CACHE_ALIAS]


def tag_key(tag):
    return f"pc:tag:{tag}"


def page_tag(page_id):
    return f"page:{page_id}"


def current_generation():
    """The stamp of the latest invalidation: a page rendered after reading it, and stored while it is
    still current, cannot have missed a change."""
    return page_cache().get(GENERATION_KEY) or 0


def add_many(cache, data):
    """Add the keys not there yet: one statement on the database cache, one call a key elsewhere."""
    if hasattr(cache, "add_many"):
        cache.add_many(data, timeout=None)
    else:
        for key, value in data.items():
            cache.add(key, value, timeout=None)


def tag_versions(tags):
    found = page_cache().get_many([tag_key(tag) for tag in tags])
    return {tag: found.get(tag_key(tag)) for tag in tags}


def _next_generation(cache):
    try:
        return cache.incr(GENERATION_KEY)
    except ValueError:
        # Lost (evicted, flushed): start from the clock in microseconds. Each stamp takes far longer
        # than a microsecond, so the counter never catches up with the clock, and a restart is
        # above every stamp handed out before.
        cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
        return cache.incr(GENERATION_KEY)


def _stamp(tags):
    cache = page_cache()
    try:
        generation = _next_generation(cache)
        cache.set_many({tag_key(tag): generation for tag in tags}, timeout=None)
    except Exception:
        if _table_not_made(cache):
            return  # a first ``migrate``, before ``createcachetable``: nothing can be kept yet
        # Publishing must not fail because the cache does.
        logger.exception("Page cache: could not invalidate %s", sorted(tags))


def _table_not_made(cache):
    table = getattr(cache, "_table", None)
    if table is None:
        return False
    connection = connections[router.db_for_read(cache.cache_model_class)]
    return table not in connection.introspection.table_names()


def invalidate(*tags):
    """Make every kept page and fragment that carries one of ``tags`` stale.

    Inside a transaction it happens twice: now, so that this process (and a database cache that
    shares the transaction) stops serving them at once, and again after the commit, because a
    request that rendered the old content meanwhile may have stored it under the first stamp.
    """
    tags = {tag for tag in tags if tag}
    if not tags:
        return
    _stamp(tags)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _stamp(tags), robust=True)


def invalidate_pages(pages, *, descendants=False):
    """Make stale every kept page that shows one of ``pages`` (Page instances or ids): the pages
    themselves, their ancestors' listings, and every page that listed or linked them.

    The call for feature apps whose data a page shows without the page being saved (approved
    figures, counts): ``portal.cache.invalidate_pages([dashboard])``. ``descendants=True`` also
    covers the pages below (their addresses or visibility changed).
    """
    from .invalidation import page_change_tags

    tags = set()
    for page in pages:
        tags |= page_change_tags(page, descendants=descendants)
    invalidate(*tags)


def depends_on(*tags):
    """Declare, while a page renders, that it shows something those tags stand for: the page is
    invalidated with them. Outside a cacheable render it does nothing."""
    from .pagecache import current_render

    render = current_render()
    if render is not None:
        render.tags.update(tag for tag in tags if tag)


def expires_at(moment):
    """Declare, while a page renders, that what it shows changes by itself at ``moment`` (an event
    starts, registration closes): the kept copy is not served after it."""
    from .pagecache import current_render

    render = current_render()
    if render is not None and moment is not None:
        render.expire_at(moment)
