from django.conf import settings
from django.db.models import Sum
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.dashboard import DashboardPanel, dashboard_panel
from home.sections import PageSection

from . import import_urls
from .covers import covers_collection
from .import_jobs import can_import
from .models import Audience, ResourceCollection, ResourceDownload, ResourcePage, Topic
from .reports import DownloadsReportView
from .services import collection_covers, collections_for_campaign, collections_for_home, download_totals


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "name_en", "slug", "sort_order"]
    search_fields = ["name", "name_en"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = _("Audiences")
    list_display = ["name", "name_en", "slug", "sort_order"]
    search_fields = ["name", "name_en"]


class ResourceCollectionViewSet(SnippetViewSet):
    model = ResourceCollection
    icon = "folder-open-inverse"
    menu_label = pgettext_lazy("library", "Collections")
    list_display = ["title", "campaign", "show_in_library", "show_on_home_page", "sort_order"]
    list_filter = ["show_in_library", "show_on_home_page"]
    search_fields = ["title", "title_en"]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


class ImportViewSet(ViewSet):
    """The admin's import of resources from a spreadsheet (``import_views``), in the Library menu."""

    name = "resources_import"
    url_prefix = "resources/import"
    icon = "upload"
    menu_label = _("Import resources")
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        return import_urls.urlpatterns


class LibraryViewSetGroup(SnippetViewSetGroup):
    items = (ResourceCollectionViewSet, TopicViewSet, AudienceViewSet, ImportViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Library")
    menu_name = "resource-library"
    menu_order = 310


register_snippet(LibraryViewSetGroup)


@dashboard_panel
class DownloadsPanel(DashboardPanel):
    """The dashboard's downloads of the library since the first of this month, and the most downloaded."""

    name = "library_downloads"
    template_name = "resources/admin/panel_downloads.html"
    order = 70
    size = 5

    def panel_context(self, request):
        month = timezone.localdate().replace(day=1)
        pages = ResourcePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        top = pages.annotate(month_downloads=download_totals(since=month)).filter(month_downloads__gt=0)
        return {
            "month": month,
            "total": ResourceDownload.objects.filter(date__gte=month).aggregate(total=Sum("count"))["total"] or 0,
            "top": list(top.order_by("-month_downloads", "title")[: self.size]),
        }


@hooks.register("construct_image_chooser_queryset")
def hide_generated_covers(images, request):
    """Covers drawn from PDFs are not photos to put in pages: the chooser leaves them out."""
    collection = covers_collection(create=False)
    return images.exclude(collection=collection) if collection is not None else images


@hooks.register("portal_home_sections")
def featured_resources_section():
    def get_context(page, request):
        collections = collections_for_home(page.locale.language_code)
        if not collections:
            return None
        return {
            "collections": collections,
            "heading": _("Featured learning resources"),
            "images": collection_covers(collections),
        }

    return PageSection(
        order=40,
        template="resources/includes/collections_section.html",
        get_context=get_context,
        stylesheets=("css/resources.css",),
        lists=(ResourcePage, ResourceCollection),
    )


@hooks.register("portal_campaign_sections")
def campaign_resources_section():
    def get_context(page, request):
        collections = collections_for_campaign(page)
        if not collections:
            return None
        heading = _("Learning resources")
        return {"collections": collections, "heading": heading, "images": collection_covers(collections)}

    return PageSection(
        order=40,
        template="resources/includes/collections_section.html",
        get_context=get_context,
        stylesheets=("css/resources.css",),
        lists=(ResourcePage, ResourceCollection),
    )


@hooks.register("register_admin_urls")
def downloads_report_urls():
    return [
        path("reports/resource-downloads/", DownloadsReportView.as_view(), name="resources_downloads_report"),
        path(
            "reports/resource-downloads/results/",
            DownloadsReportView.as_view(results_only=True),
            name="resources_downloads_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def downloads_report_menu_item():
    return MenuItem(
        _("Resource downloads"), reverse("resources_downloads_report"), name="resource-downloads", icon_name="download"
    )
