"""Compression of the portal's own responses (static files come pre-compressed from WhiteNoise).

BREACH recovers a secret from the size of compressed responses that carry the secret next to
text an attacker chooses. Django's GZipMiddleware pads every response with a random number of
bytes ("Heal the BREACH") and masks the CSRF token anew in each response, and the registration
form's one-time key is new on every page too: public pages, feeds and the API are compressed.
Left uncompressed are the responses that carry a lasting secret beside text others can write:
the staff areas (registrants' personal data listed next to what anyone typed into the form), and
views marked ``@uncompressed`` (a registrant's private page: personal data and the check-in code).
Files (FileResponse: PDFs, audio, video) are already compressed and keep their byte ranges.
"""

from functools import wraps

from django.http import FileResponse
from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware

from .middleware import is_admin

COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/javascript",
    "image/svg+xml",
)


def uncompressed(view):
    """Send this view's responses as they are: they hold a lasting secret (see the module's docstring)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        response = view(*args, **kwargs)
        response.portal_uncompressed = True
        return response

    return wrapped


class GZipMiddleware(DjangoGZipMiddleware):
    def process_response(self, request, response):
        if (
            isinstance(response, FileResponse)
            or getattr(response, "portal_uncompressed", False)
            or not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES)
            or is_admin(request)
        ):
            return response
        return super().process_response(request, response)
