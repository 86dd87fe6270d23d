from django.conf import settings


def client_ip(request):
    """The visitor's address: behind a reverse proxy, from the header named by CLIENT_IP_HEADER."""
    value = request.META.get(settings.CLIENT_IP_HEADER) or request.META.get("REMOTE_ADDR", "")
    # X-Forwarded-For style headers list the client first; the other hops are the proxies'.
    return value.split(",")[0].strip()
