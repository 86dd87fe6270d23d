from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language
from two_factor.urls import core as two_factor_core
from two_factor.urls import profile as two_factor_profile
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import LoginView, SetupView

from . import views
from .sitemaps import AllLocalesSitemap

# The admin's sign-in asks for a second factor (accounts/); every other way in leads to it.
two_factor_urls = [
    path("account/login/", RedirectView.as_view(pattern_name="wagtailadmin_login", query_string=True), name="login"),
    path("account/two_factor/setup/", SetupView.as_view(), name="setup"),
    *(pattern for pattern in two_factor_core if pattern.name not in {"login", "setup"}),
    *two_factor_profile,
]

urlpatterns = [
    path("django-admin/login/", RedirectView.as_view(pattern_name="wagtailadmin_login", query_string=True)),
    path("django-admin/", admin.site.urls),
    path("admin/login/", LoginView.as_view(), name="wagtailadmin_login"),
    path("admin/", include((two_factor_urls, "two_factor"))),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/resources/", include("resources.urls")),
    path("api/figures/", include("reports.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLocalesSitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("i18n/setlang/", set_language, name="set_language"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Vietnamese lives at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("dang-ky/", include("events.urls")),
    path("", include("evaluation.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
