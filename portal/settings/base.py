"""Settings shared by every environment; everything that differs comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
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
    "accounts",
    "home",
    "network",
    "campaigns",
    "news",
    "events",
    "resources",
    "reports",
    "evaluation",
    "search",
    "portal",
    "django_tasks",
    "django_tasks_db",
    "two_factor",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
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
    "portal.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise (its files come pre-compressed), above everything that writes the body.
    "portal.compression.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.AdminAccountMiddleware",
    "portal.pagecache.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
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

# Inputs written out in Python, the same markup as Django's templates (portal/forms.py).
FORM_RENDERER = "portal.forms.FormRenderer"

WSGI_APPLICATION = "portal.wsgi.application"

# SQLite is the embedded default so that a newcomer needs no server;
# DATABASE_URL (e.g. postgres://user:pass@host:5432/name) switches to PostgreSQL.
# Each worker keeps its connection between requests, SQLite's too: a new SQLite connection parses
# the whole schema again and prepares every statement anew, about a quarter of a page's render.
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Admin accounts (accounts/): at least 12 characters, none of the 20,000 passwords most often
# found in breaches (Django's list, checked offline), not the user's name, not only digits.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a sign-in that repeated failures have locked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "wagtailadmin_login"
LOGIN_REDIRECT_URL = "wagtailadmin_home"
# Superusers and every group with the "Must sign in with two-factor authentication" permission
# (Event managers: they see personal data) sign in with a code from an authenticator app.
TWO_FACTOR_REQUIRED = True
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Cổng xã hội học tập")
# After AXES_FAILURE_LIMIT wrong passwords for one user name from one address, signing in is
# locked for AXES_COOLOFF_MINUTES (an administrator can unlock it sooner).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "portal.http.client_ip"
AXES_USERNAME_CALLABLE = "accounts.services.sign_in_username"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_VERBOSE = False
# An admin session ends after ADMIN_SESSION_IDLE_MINUTES without a request, when the browser
# closes, and in any case ADMIN_SESSION_MAX_HOURS after signing in.
SESSION_COOKIE_AGE = int(os.environ.get("ADMIN_SESSION_IDLE_MINUTES", "60")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
ADMIN_SESSION_MAX_HOURS = int(os.environ.get("ADMIN_SESSION_MAX_HOURS", "10"))

# Internationalisation: Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
# Language pickers name each language in itself; the admin names content languages in its own.
WAGTAIL_CONTENT_LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
FORMAT_MODULE_PATH = ["portal.formats"]
# The complete Vietnamese of the admin (portal/admin_catalogue.py): Django merges LOCALE_PATHS over
# every app's catalogue, the JavaScript ones too, so it overrides the partial one Wagtail ships.
LOCALE_PATHS = [PROJECT_DIR / "admin_locale"]
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

# `manage.py backup` writes its archives here (portal/backup.py). pg_dump and pg_restore come from
# the PATH, or from BACKUP_PG_BIN_DIR (e.g. /usr/lib/postgresql/16/bin) to match the server.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "var" / "backups"))
BACKUP_PG_BIN_DIR = os.environ.get("BACKUP_PG_BIN_DIR", "")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Mail goes through Django's mail API into the outbox (portal/mail.py); a task delivers it through
# the transport named by the EMAIL_BACKEND variable (SMTP in production), retrying with backoff.
EMAIL_BACKEND = "portal.mail.OutboxBackend"
EMAIL_TRANSPORT_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "8"))
MAIL_RETRY_BASE_SECONDS = int(os.environ.get("MAIL_RETRY_BASE_SECONDS", "60"))
# Sent messages hold personal data and private links: kept this long for questions, then deleted.
MAIL_KEEP_SENT_DAYS = int(os.environ.get("MAIL_KEEP_SENT_DAYS", "14"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Cổng học tập suốt đời <no-reply@localhost>")

# One cache that every worker process shares (rate limits, download counts, cached pages):
# Redis where REDIS_URL is set, otherwise a database table made by `manage.py createcachetable`.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "portal")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        },
        # Kept pages (portal/pagecache.py) in the same Redis, under their own prefix.
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"{CACHE_KEY_PREFIX}-pages",
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.DatabaseCache",
            "LOCATION": "portal_cache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "20000"))},
        },
        # Kept pages in a table of their own: culling a full page cache never drops a rate-limit counter.
        "pages": {
            "BACKEND": "portal.cache.DatabaseCache",
            "LOCATION": "portal_page_cache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_MAX_ENTRIES", "5000"))},
        },
        # Wagtail looks up image renditions in this cache (with Redis, in Redis itself); a database row
        # would cost as much as the rendition's own row. Per process, so an image replaced elsewhere is
        # seen within TIMEOUT (a new file or focal point changes the key at once).
        "renditions": {"BACKEND": "portal.cache.RenditionCache", "TIMEOUT": 300},
    }
# The page cache (portal/pagecache.py): whole pages for anonymous visitors, invalidated by what
# they show. PAGE_CACHE_TIMEOUT bounds a kept page's life in seconds; browsers revalidate after
# PAGE_CACHE_BROWSER_MAX_AGE (with the ETag), a CDN or reverse proxy keeps pages
# PAGE_CACHE_CDN_MAX_AGE unless purged (see WAGTAILFRONTENDCACHE below).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
# The feature sections of a page (a campaign's events, the home page's news…) are kept the same way,
# each under its own tags: a page dropped because one section changed renders that section only.
PAGE_CACHE_FRAGMENTS = env_bool("PAGE_CACHE_FRAGMENTS", True)
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "600"))
PAGE_CACHE_BROWSER_MAX_AGE = int(os.environ.get("PAGE_CACHE_BROWSER_MAX_AGE", "0"))
PAGE_CACHE_CDN_MAX_AGE = int(os.environ.get("PAGE_CACHE_CDN_MAX_AGE", "300"))
PAGE_CACHE_SKIP_PATHS = ["/admin/", "/django-admin/", "/documents/", "/api/", "/static/", "/media/"]
# Models besides snippets, settings, sites and locales whose edits change what pages show.
PAGE_CACHE_CONTENT_MODELS = env_list("PAGE_CACHE_CONTENT_MODELS")

# A CDN or caching proxy in front: Wagtail purges the changed pages and the listings above them
# (wagtail.contrib.frontend_cache, from a task). FRONTEND_CACHE_BACKEND is "http" (Varnish, nginx:
# FRONTEND_CACHE_LOCATION), "cloudflare" (CLOUDFLARE_BEARER_TOKEN, CLOUDFLARE_ZONE_ID) or
# "cloudfront" (CLOUDFRONT_DISTRIBUTION_ID); empty: no CDN.
FRONTEND_CACHE_BACKEND = os.environ.get("FRONTEND_CACHE_BACKEND", "").strip().lower()
_FRONTEND_CACHE_BACKENDS = {
    "http": ("HTTPBackend", {"LOCATION": os.environ.get("FRONTEND_CACHE_LOCATION", "")}),
    "cloudflare": (
        "CloudflareBackend",
        {
            "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
            "ZONEID": os.environ.get("CLOUDFLARE_ZONE_ID", ""),
        },
    ),
    "cloudfront": ("CloudfrontBackend", {"DISTRIBUTION_ID": os.environ.get("CLOUDFRONT_DISTRIBUTION_ID", "")}),
}
if FRONTEND_CACHE_BACKEND:
    if FRONTEND_CACHE_BACKEND not in _FRONTEND_CACHE_BACKENDS:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"FRONTEND_CACHE_BACKEND must be one of {sorted(_FRONTEND_CACHE_BACKENDS)}.")
    _backend, _options = _FRONTEND_CACHE_BACKENDS[FRONTEND_CACHE_BACKEND]
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": f"wagtail.contrib.frontend_cache.backends.{_backend}", **_options},
    }
    # Each changed page is purged at its own address; its translations are pages of their own.
    WAGTAILFRONTENDCACHE_LANGUAGES = []

# Slow or failure-prone work (outgoing mail, later covers, indexing, reminders) runs as tasks
# of Django's tasks API, stored in the database and run by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Registrations' private links never reach a log (portal/logging.py).
    "filters": {"private_links": {"()": "portal.logging.RedactPrivateLinks"}},
    "formatters": {
        "server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["private_links"]},
        "server": {"class": "logging.StreamHandler", "formatter": "server", "filters": ["private_links"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # The development server's access log.
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
        # django-axes logs every sign-in at INFO; failures and lockouts come as WARNING.
        "axes": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        # Every page save and background task logs at INFO: too chatty for a console.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # fpdf2 subsets fonts for every certificate and fontTools logs each step at INFO.
        "fontTools": {"level": "WARNING"},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = _("Learning Society Portal")
# The one public address of the portal (scheme, host and port, no path): every absolute link is built
# from it (portal/links.py), whatever host a request arrives on. `make run` sets it to what it serves.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", PUBLIC_BASE_URL)
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

# Content-Security-Policy (django-csp, portal/middleware.py). The public site runs no inline script
# and loads nothing from other sites except the video players it embeds; style attributes are
# allowed (Wagtail's responsive embeds size themselves with one), <style> elements are not.
EMBED_FRAME_SOURCES = [
    "https://www.youtube-nocookie.com",
    "https://www.youtube.com",
    "https://player.vimeo.com",
    *env_list("CSP_EXTRA_FRAME_SOURCES"),
]
_csp_report_uri = os.environ.get("CSP_REPORT_URI", "")
_CSP_COMMON = {
    "default-src": [SELF],
    "img-src": [SELF, "data:"],
    "media-src": [SELF],
    "font-src": [SELF],
    "connect-src": [SELF],
    "manifest-src": [SELF],
    "frame-ancestors": [SELF],
    "form-action": [SELF],
    "base-uri": [NONE],
    "object-src": [NONE],
    **({"report-uri": [_csp_report_uri]} if _csp_report_uri else {}),
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_CSP_COMMON,
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "frame-src": [SELF, *EMBED_FRAME_SOURCES],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_CSP_COMMON,
        "base-uri": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "frame-src": [SELF, *EMBED_FRAME_SOURCES],
    }
}
ADMIN_CONTENT_SECURITY_POLICY_REPORT_ONLY = {
    "DIRECTIVES": {**ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"], "script-src": [SELF]}
}
# Browser features no page of the portal uses.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), "
    "usb=(), browsing-topics=()"
)
# Admins' e-mail addresses are not sent (hashed) to Gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Behind reverse proxies every request comes from the last proxy. TRUSTED_PROXY_COUNT says how many
# of ours the request passes; the visitor's address is then read from that many places from the
# right of the header CLIENT_IP_HEADER (X-Forwarded-For), never from the part the client wrote.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "HTTP_X_FORWARDED_FOR")

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
# Spreadsheets uploaded to the admin's import, kept out of the public media until imported.
RESOURCES_IMPORT_ROOT = Path(os.environ.get("RESOURCES_IMPORT_ROOT", BASE_DIR / "var" / "imports"))

# Events and registration (events/). Personal data of registrants is anonymised this many
# days after the event (Decree 13/2023/NĐ-CP: keep it no longer than needed).
EVENTS_PURGE_AFTER_DAYS = int(os.environ.get("EVENTS_PURGE_AFTER_DAYS", "180"))
# send_event_reminders mails confirmed registrants of events that start within this many hours.
EVENTS_REMINDER_HOURS = int(os.environ.get("EVENTS_REMINDER_HOURS", "48"))
# Registrations (submissions that pass the form's checks) allowed per client IP per window, and
# sends of the form whatever their content (a flood), per client IP per window; 0 turns a limit off.
# A person correcting a mistake several times never reaches either.
EVENTS_RATE_LIMIT = int(os.environ.get("EVENTS_RATE_LIMIT", "10"))
EVENTS_FLOOD_LIMIT = int(os.environ.get("EVENTS_FLOOD_LIMIT", "60"))
EVENTS_RATE_LIMIT_WINDOW = int(os.environ.get("EVENTS_RATE_LIMIT_WINDOW", "600"))
# Look-ups of an organisation's remaining quota (the form's live hint) per client IP per window.
EVENTS_QUOTA_RATE_LIMIT = int(os.environ.get("EVENTS_QUOTA_RATE_LIMIT", "30"))
# How long a registration waits for an event's capacity lock on PostgreSQL before answering "busy".
EVENTS_LOCK_TIMEOUT_SECONDS = int(os.environ.get("EVENTS_LOCK_TIMEOUT_SECONDS", "10"))
# Seats left on an event page are counted at most this many seconds ago (and again after each change).
EVENTS_SEATS_CACHE_SECONDS = int(os.environ.get("EVENTS_SEATS_CACHE_SECONDS", "5"))

# Search (search/): Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise and
# whenever Elasticsearch fails. A slow cluster must not hold the search page for long.
SEARCH_ELASTICSEARCH_TIMEOUT = float(os.environ.get("SEARCH_ELASTICSEARCH_TIMEOUT", "5"))
# Make live index updates searchable before returning (tests); production lets the cluster refresh.
SEARCH_ELASTICSEARCH_REFRESH = env_bool("SEARCH_ELASTICSEARCH_REFRESH")
# After this many failures in a row, searches skip Elasticsearch for SEARCH_ELASTICSEARCH_COOLDOWN
# seconds (the database answers), then try it again.
SEARCH_ELASTICSEARCH_FAILURES = int(os.environ.get("SEARCH_ELASTICSEARCH_FAILURES", "1"))
SEARCH_ELASTICSEARCH_COOLDOWN = float(os.environ.get("SEARCH_ELASTICSEARCH_COOLDOWN", "30"))

# Evaluation and recognition of the learning titles (evaluation/). Personal data of
# self-assessments is anonymised this many years after their year (Decree 13/2023/NĐ-CP);
# certificates and counts stay. Drafts nobody touched for this many days are deleted.
EVALUATION_PURGE_AFTER_YEARS = int(os.environ.get("EVALUATION_PURGE_AFTER_YEARS", "5"))
EVALUATION_DRAFT_PURGE_DAYS = int(os.environ.get("EVALUATION_DRAFT_PURGE_DAYS", "365"))
# Evidence files are personal data: kept outside MEDIA_ROOT, handed out only by checked views.
EVALUATION_EVIDENCE_ROOT = Path(os.environ.get("EVALUATION_EVIDENCE_ROOT", BASE_DIR / "var" / "evidence"))
EVALUATION_MAX_UPLOAD_MB = int(os.environ.get("EVALUATION_MAX_UPLOAD_MB", "5"))
EVALUATION_MAX_FILES = int(os.environ.get("EVALUATION_MAX_FILES", "30"))
# Start and "send my links again" submissions per visitor address per window (0 turns it off),
# and link e-mails per address per hour.
EVALUATION_RATE_LIMIT = int(os.environ.get("EVALUATION_RATE_LIMIT", "10"))
EVALUATION_RATE_LIMIT_WINDOW = int(os.environ.get("EVALUATION_RATE_LIMIT_WINDOW", "600"))
# Sends of the start form per visitor address per window whatever they hold (corrections included).
EVALUATION_FLOOD_LIMIT = int(os.environ.get("EVALUATION_FLOOD_LIMIT", "60"))
EVALUATION_MAILS_PER_ADDRESS = int(os.environ.get("EVALUATION_MAILS_PER_ADDRESS", "5"))
# DejaVu (Debian: fonts-dejavu-core) draws every Vietnamese letter on the certificates.
EVALUATION_CERTIFICATE_FONT_DIR = os.environ.get("EVALUATION_CERTIFICATE_FONT_DIR", "/usr/share/fonts/truetype/dejavu")

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
