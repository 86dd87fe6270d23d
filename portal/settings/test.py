from .base import *

SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_TRANSPORT_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
EVALUATION_EVIDENCE_ROOT = BASE_DIR / "var" / "test-evidence"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "portal-test")
PUBLIC_BASE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "portal-test")
for _cache in CACHES.values():
    _cache["KEY_PREFIX"] = CACHE_KEY_PREFIX
# Other features' tests sign in with force_login, which skips the sign-in and its second factor;
# tests/accounts turn the requirement on to test it.
TWO_FACTOR_REQUIRED = False
# Tasks run at once, inside the test; tests of deferred work choose another backend themselves.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: --reuse-db then skips the migrations, and the live server's
    # threads see the same database as the test.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test-db.sqlite3")}

# WhiteNoise warns on every start when the folder collectstatic fills does not exist yet.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
REPORTS_PRIVATE_ROOT = BASE_DIR / "var" / "test-private"
