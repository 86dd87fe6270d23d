"""The catalogues the admin loads, which the project's own Vietnamese admin catalogue completes.

Wagtail ships Vietnamese for about a fifth of its admin, and Django, django-filter and taggit
leave gaps of their own. ``portal/admin_locale`` (LOCALE_PATHS) holds a complete translation of
all of them: Django merges LOCALE_PATHS last, over every installed app's catalogue, for the
JavaScript catalogue views too. ``manage.py admin_messages`` (run by ``make messages``) adds
the msgids that a new Wagtail or Django brings, and tests/test_admin_i18n.py fails until they
are translated.
"""

from pathlib import Path

import django
from django.apps import apps
from django.conf import settings

LANGUAGE = "vi"
# The packages whose JavaScript catalogue the admins load: Wagtail's (wagtail/admin/views/i18n.py)
# and Django's, for the /django-admin/ screens (django/contrib/admin/sites.py).
JAVASCRIPT_PACKAGES = ("wagtail.admin", "django.contrib.admin")


def project_app_catalogues():
    """The project's own apps' catalogues: their wording of a shared msgid ("Collections", "label")
    wins, so the admin catalogue leaves such msgids out rather than override it site-wide."""
    found = (_catalogue(Path(app.path) / "locale", "django") for app in apps.get_app_configs() if _is_project_app(app))
    return [path for path in found if path.exists()]


def project_catalogue(domain):
    return _catalogue(Path(settings.LOCALE_PATHS[0]), domain)


def _catalogue(locale_dir, domain, language=LANGUAGE):
    return locale_dir / language / "LC_MESSAGES" / f"{domain}.po"


def _is_project_app(app_config):
    return Path(app_config.path).resolve().parent == Path(settings.BASE_DIR).resolve()


def _locale_dirs(domain):
    if domain == "djangojs":
        by_name = {app.name: app for app in apps.get_app_configs()}
        return [Path(by_name[name].path) / "locale" for name in JAVASCRIPT_PACKAGES]
    installed = [Path(app.path) / "locale" for app in apps.get_app_configs() if not _is_project_app(app)]
    return [Path(django.__file__).parent / "conf" / "locale", *(path for path in installed if path.is_dir())]


def source_catalogues(domain):
    """The installed catalogues of ``domain`` whose strings the admin may show.

    Each package's English catalogue lists its msgids; a package that ships none (django-filter)
    is read from all of its catalogues, which share one set of msgids.
    """
    sources = []
    for locale_dir in _locale_dirs(domain):
        english = _catalogue(locale_dir, domain, "en")
        sources.extend([english] if english.exists() else sorted(locale_dir.glob(f"*/LC_MESSAGES/{domain}.po")))
    return sources
