import ipaddress

from django.conf import settings


def client_ip(request):
    """The visitor's address, for rate limits, download counts and login throttling.

    Without a reverse proxy (``TRUSTED_PROXY_COUNT = 0``) it is the address of the connection.
    Behind N trusted proxies, each one appends the address it received the request from to
    X-Forwarded-For (the header named by ``CLIENT_IP_HEADER``), so the entry N places from the
    right is the one the outermost trusted proxy saw. Everything left of it came from the
    client and may be forged; a header shorter than N, or an entry that is no address, means the
    request did not come through the proxies as configured, and the connection's address is used.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    entries = [entry.strip() for entry in request.META.get(settings.CLIENT_IP_HEADER, "").split(",")]
    entries = [entry for entry in entries if entry]
    if len(entries) < count:
        return remote
    candidate = entries[-count]
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return remote
    return candidate
