"""The portal's URLs plus a trivial view: the ceiling a Django view reaches on this machine when
served the same way (same middleware, same server). For benchmarks/pages.py only."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import handler404, handler500  # noqa: F401
from portal.urls import urlpatterns as portal_urlpatterns


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("__benchmark__/trivial/", trivial), *portal_urlpatterns]
