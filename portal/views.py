from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.defaults import page_not_found as django_page_not_found


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /search/",
        "Disallow: /en/search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception):
    return django_page_not_found(request, exception, template_name="404.html")


@csp_update({"style-src": UNSAFE_INLINE})
def server_error(request):
    # Rendered without a request context: whatever broke may be what a context processor needs.
    # So it carries its few styles inline, the one page whose policy allows that.
    return HttpResponseServerError(loader.get_template("500.html").render())
