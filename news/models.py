from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from campaigns.models import tabbed
from home.blocks import BodyBlock
from home.models import BasePage

from . import views


class NewsCategory(models.TextChoices):
    ANNOUNCEMENT = "announcement", _("Announcement")
    PLAN = "plan", _("Plan")
    ACTIVITY_REPORT = "activity_report", _("Activity report")


class NewsIndexPage(RoutablePageMixin, BasePage):
    # Leads to other pages: kept out of search results (search.indexer).
    search_listing = True
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    @path("")
    def index_route(self, request):
        return views.news_index(self, request)

    @path("rss/", name="rss")
    def rss_route(self, request):
        return views.news_feed(self, request, "rss")

    @path("atom/", name="atom")
    def atom_route(self, request):
        return views.news_feed(self, request, "atom")


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsPage(BasePage):
    date = models.DateField(_("date"), help_text=_("The date the news is about or was announced."))
    category = models.CharField(
        _("category"), max_length=20, choices=NewsCategory.choices, default=NewsCategory.ANNOUNCEMENT
    )
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name=_("related campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_items",
    )
    summary = models.TextField(
        _("summary"), max_length=500, help_text=_("Two or three sentences shown in listings and feeds.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        FieldPanel("campaign"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    edit_handler = tabbed(
        content_panels,
        ObjectList([InlinePanel("documents", label=_("Attached document"))], heading=_("Attached documents")),
    )
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("category"),
        index.FilterField("campaign"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    route_related = (*BasePage.route_related, "image", "campaign")
    # What translations share with the Vietnamese page (home/translations.py).
    synchronised_fields = ["date", "category", "campaign", "image"]

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def get_social_image(self):
        return self.social_image or self.image

    def get_search_extras(self):
        with translation.override(self.locale.language_code):
            category = str(self.get_category_display())
        return {
            "date": self.date,
            "facets": {"news_category": [category], "tag": [t.name for t in self.tags.all()]},
            "documents": [d.document for d in self.documents.select_related("document")],
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(views.news_context(self, request))
        return context


class NewsDocument(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        _("link text"), max_length=255, blank=True, help_text=_("Defaults to the document's title.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attached document")
        verbose_name_plural = _("attached documents")

    @property
    def label(self):
        return self.title or self.document.title
