"""The portal's public address: the one source of every absolute link.

Share links, e-mails, calendar files, feeds, the sitemap, canonical and Open Graph tags, JSON-LD
and the API all name the portal by ``settings.PUBLIC_BASE_URL``, never by the host a request
happened to arrive on (a proxy's, ``127.0.0.1``) nor by Wagtail's Site record.
"""

from urllib.parse import urlsplit

from django.conf import settings


def public_url(url):
    """``/chien-dich/`` → ``https://hoctap.example.vn/chien-dich/``; an absolute URL is returned unchanged."""
    if not url:
        return ""
    if urlsplit(url).scheme:
        return url
    return settings.PUBLIC_BASE_URL + "/" + url.lstrip("/")
