"""Settings shared by every environment; everything that differs comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "network",
    "campaigns",
    "news",
    "events",
    "resources",
    "reports",
    "search",
    "portal",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# SQLite is the embedded default so that a newcomer needs no server;
# DATABASE_URL (e.g. postgres://user:pass@host:5432/name) switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL and a busy timeout let readers and one writer work side by side, which the
    # registration service relies on when several requests arrive at once.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Mail goes through Django's mail API; SMTP is configured from the environment.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Cổng học tập suốt đời <no-reply@localhost>")

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "elastic_transport": {"level": "WARNING"},
        # Every page save and background task logs at INFO: too chatty for a console.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = _("Learning Society Portal")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "odt", "epub", "pptx", "ppt", "odp", "xlsx", "csv", "txt", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# ASCII slugs ("khuyen-hoc") survive being pasted into Zalo and SMS intact.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Behind a reverse proxy every request comes from the proxy: the request.META key that carries
# the visitor's address (e.g. HTTP_X_REAL_IP), for rate limits and download counts.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "REMOTE_ADDR")

# Elasticsearch is optional: ELASTICSEARCH_URL turns it on; the index names carry a
# prefix per environment so that staging and production can share a cluster.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "portal")

# The open learning-resource library (resources/).
# Audio and video files are resources too; previews of PDFs are shown in the page.
WAGTAILDOCS_EXTENSIONS = [*WAGTAILDOCS_EXTENSIONS, "mp3", "m4a", "ogg", "wav", "mp4", "webm"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "resources.forms.DocumentForm"
# A visitor who downloads the same resource again within this many seconds is counted once.
RESOURCES_DOWNLOAD_DEDUPE_SECONDS = int(os.environ.get("RESOURCES_DOWNLOAD_DEDUPE_SECONDS", "1800"))
# "" serves files from Django; "x-accel-redirect" (nginx) or "x-sendfile" (Apache) hands them to the web server.
RESOURCES_SENDFILE = os.environ.get("RESOURCES_SENDFILE", "").strip().lower()
RESOURCES_SENDFILE_PREFIX = os.environ.get("RESOURCES_SENDFILE_PREFIX", "/protected-media/")
# pdftoppm (Debian's poppler-utils) draws PDF covers; without it a cover is drawn from the title.
RESOURCES_PDFTOPPM = os.environ.get("RESOURCES_PDFTOPPM", "pdftoppm")

# Events and registration (events/). Personal data of registrants is anonymised this many
# days after the event (Decree 13/2023/NĐ-CP: keep it no longer than needed).
EVENTS_PURGE_AFTER_DAYS = int(os.environ.get("EVENTS_PURGE_AFTER_DAYS", "180"))
# send_event_reminders mails confirmed registrants of events that start within this many hours.
EVENTS_REMINDER_HOURS = int(os.environ.get("EVENTS_REMINDER_HOURS", "48"))
# Registration form submissions allowed per client IP per window; 0 turns the limit off.
EVENTS_RATE_LIMIT = int(os.environ.get("EVENTS_RATE_LIMIT", "10"))
EVENTS_RATE_LIMIT_WINDOW = int(os.environ.get("EVENTS_RATE_LIMIT_WINDOW", "600"))
# How long a registration waits for an event's capacity lock on PostgreSQL before answering "busy".
EVENTS_LOCK_TIMEOUT_SECONDS = int(os.environ.get("EVENTS_LOCK_TIMEOUT_SECONDS", "10"))

# Search (search/): Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise and
# whenever Elasticsearch fails. A slow cluster must not hold the search page for long.
SEARCH_ELASTICSEARCH_TIMEOUT = float(os.environ.get("SEARCH_ELASTICSEARCH_TIMEOUT", "5"))
# Make live index updates searchable before returning (tests); production lets the cluster refresh.
SEARCH_ELASTICSEARCH_REFRESH = env_bool("SEARCH_ELASTICSEARCH_REFRESH")

# The network's yearly figures (reports/). Evidence documents live outside MEDIA_ROOT: only the
# views, which check who asks, hand them out.
REPORTS_PRIVATE_ROOT = Path(os.environ.get("REPORTS_PRIVATE_ROOT", BASE_DIR / "var" / "private"))
REPORTS_EVIDENCE_EXTENSIONS = ["pdf", "docx", "doc", "odt", "xlsx", "xls", "ods", "jpg", "jpeg", "png"]
REPORTS_EVIDENCE_MAX_SIZE = int(os.environ.get("REPORTS_EVIDENCE_MAX_SIZE", str(20 * 1024 * 1024)))
REPORTS_IMPORT_MAX_SIZE = 5 * 1024 * 1024
# send_report_reminders writes to reporters this many days before a deadline (each threshold once).
REPORTS_REMINDER_DAYS = [int(d) for d in env_list("REPORTS_REMINDER_DAYS", "7,1")]
# A change from last year larger than this is a warning (never an error): rate points, share of a count.
REPORTS_JUMP_RATE_POINTS = int(os.environ.get("REPORTS_JUMP_RATE_POINTS", "20"))
REPORTS_JUMP_RATIO = float(os.environ.get("REPORTS_JUMP_RATIO", "0.5"))
REPORTS_JUMP_MIN = 10
# Figures seen through another year's map of areas are cached this long (approvals refresh them).
REPORTS_FIGURES_CACHE_SECONDS = int(os.environ.get("REPORTS_FIGURES_CACHE_SECONDS", "600"))
