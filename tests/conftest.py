"""Shared fixtures: the site tree, and the gates for tests that need real services.

Tests that need PostgreSQL, Elasticsearch or Redis skip with a visible reason when their URL is
unset. With CI=true a skip of them fails the run, unless the run declares that it is the
embedded-defaults run (PORTAL_TEST_SERVICES=optional, set by .ci/run for that run only).
"""

import os
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Locale, Page, Site

from home.models import SiteSettings
from portal import pagecache
from search.backends import elastic
from tests.factories.home import HomePageFactory

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
PRODUCTION_STATIC_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
SERVICES_OPTIONAL = os.environ.get("PORTAL_TEST_SERVICES", "required" if IN_CI else "optional") == "optional"


def missing_service(reason, *, optional=None):
    """Skip locally, fail in CI: a missing service must never pass unnoticed there."""
    if optional is None:
        optional = SERVICES_OPTIONAL
    if optional:
        pytest.skip(reason)
    pytest.fail(f"{reason} (CI=true: this test must run)")


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """--reuse-db, except after transactional tests: they end with a flush that empties the
    database of what Wagtail's data migrations put there, so it cannot be reused.

    The database cache's table is made here, as `make setup` and a deployment make it."""
    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)
        cache.clear()
    yield
    if any(_is_transactional(item) for item in request.session.items):
        from django.db import connections

        with django_db_blocker.unblock():
            for alias in connections:
                connections[alias].close()
                connections[alias].creation.destroy_test_db(keepdb=False, verbosity=0)


def uses_redis():
    return settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"


@pytest.fixture(autouse=True)
def _empty_cache(request, django_db_blocker):
    """Each test starts and ends with an empty shared cache. The database cache rolls back with the
    test's transaction; Redis and the committed rows of transactional tests need clearing."""
    if uses_redis():
        cache.clear()
    # Wagtail's per-process rendition cache is keyed by image id, and ids come back after each
    # test's rollback: another test's image with the same id must not lend it its rendition.
    if "renditions" in settings.CACHES:
        caches["renditions"].clear()
    yield
    if uses_redis() or _is_transactional(request.node):
        with django_db_blocker.unblock():
            cache.clear()


@pytest.fixture(autouse=True)
def _mail_through_the_outbox(settings):
    """Django's test set-up points EMAIL_BACKEND at the in-memory backend; the project's mail
    goes through its outbox, whose task hands it to that backend (EMAIL_TRANSPORT_BACKEND)."""
    settings.EMAIL_BACKEND = "portal.mail.OutboxBackend"


@pytest.fixture(autouse=True)
def _require_services(request):
    if request.node.get_closest_marker("postgres") and settings.DATABASES["default"]["ENGINE"] != (
        "django.db.backends.postgresql"
    ):
        missing_service("PostgreSQL test: set DATABASE_URL=postgres://… to run it")
    if request.node.get_closest_marker("elasticsearch") and not settings.ELASTICSEARCH_URL:
        missing_service("Elasticsearch test: set ELASTICSEARCH_URL=http://… to run it")
    if request.node.get_closest_marker("redis") and not uses_redis():
        missing_service("Redis test: set REDIS_URL=redis://… to run it")


@pytest.fixture(autouse=True)
def clean_elasticsearch(settings):
    """Elasticsearch keeps no transaction to roll back: every test starts and ends with no index,
    or a page id reused after a rollback would find another test's document.

    Live updates are made visible at once so that a test can search right after publishing.
    """
    settings.SEARCH_ELASTICSEARCH_REFRESH = True
    # The circuit breaker lives as long as the process: a test that made Elasticsearch fail must
    # not make the next one skip it.
    elastic.breaker.reset()
    if not settings.ELASTICSEARCH_URL:
        yield
        return
    elastic.ElasticsearchBackend().drop()
    url = settings.ELASTICSEARCH_URL
    yield
    # The cluster the test started with, even if the test pointed the settings elsewhere.
    settings.ELASTICSEARCH_URL = url
    elastic.ElasticsearchBackend().drop()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in Vietnamese: a request to an /en/ page leaves English active in the
    thread (LocaleMiddleware activates, nothing deactivates), and reverse() would follow it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REPORTS_PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture
def locales(db):
    return {code: Locale.objects.get(language_code=code) for code in ("vi", "en")}


@pytest.fixture
def home_page(db, locales):
    """The Vietnamese home page as the default site's root, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, title="Trang chủ", slug="trang-chu", hero_title="Học tập suốt đời")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Cổng xã hội học tập"},
    )
    Page.objects.filter(depth=2).exclude(pk=home.pk).filter(locale=locales["vi"]).delete()
    return home


@pytest.fixture
def en_home_page(home_page, locales):
    english = home_page.copy_for_translation(locales["en"])
    english.title = "Home"
    english.hero_title = "Lifelong learning"
    english.save_revision().publish()
    return english.specific


@pytest.fixture
def sections_kept_pages_not(settings, home_page):
    """The page cache off and kept sections on, with the site's settings and version read once, so
    that every visit renders the page and a test sees only what its own change drops."""
    settings.PAGE_CACHE_ENABLED = False
    settings.PAGE_CACHE_FRAGMENTS = True
    SiteSettings.for_site(home_page.get_site())
    pagecache.site_version(None)


@pytest.fixture
def editor_client(db):
    """A browser signed in as an editor, to whom nothing kept is ever served."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.org", "x" * 12))
    return client


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        missing_service(
            "Browser test: Debian's chromium is not installed (apt-get install chromium)", optional=not IN_CI
        )
    return path


@pytest.fixture(scope="session")
def _collected_static(tmp_path_factory):
    """The project's static files collected once as production does: hashed names, gzip and Brotli."""
    from django.core.management import call_command
    from django.test import override_settings

    root = tmp_path_factory.mktemp("static")
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STATIC_STORAGE}}
    # Only the project's own files: the pages under test name no admin assets.
    finders = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    with override_settings(STATIC_ROOT=root, STORAGES=storages, STATICFILES_FINDERS=finders):
        call_command("collectstatic", "--noinput", verbosity=0)
    return root


@pytest.fixture
def production_static(settings, _collected_static):
    """Pages render their static URLs as in production (hashed names from the manifest)."""
    settings.STATIC_ROOT = _collected_static
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STATIC_STORAGE}}
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    return _collected_static
