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


SOCIAL_IMAGE_SPEC = "fill-1200x630"


def social_image_url(page, request=None):
    """The absolute address of the picture that social networks and search engines show for a page:
    its social image, else the one its type offers (``get_social_image``: a campaign's hero image, a
    story's photo), at 1200×630; "" without one. Worked out once per request, for the Open Graph tags
    and the JSON-LD alike."""
    from wagtail.images.shortcuts import get_rendition_or_not_found

    get_image = getattr(page, "get_social_image", None)
    if get_image is None:
        return ""
    memo = request.__dict__.setdefault("_portal_social_image_urls", {}) if request is not None else {}
    key = page.pk or id(page)
    if key not in memo:
        image = get_image()
        memo[key] = public_url(get_rendition_or_not_found(image, SOCIAL_IMAGE_SPEC).url) if image else ""
    return memo[key]
