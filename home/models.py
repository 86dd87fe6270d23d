from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from portal.pagecache import current_request, menu_pages, view_restrictions

from .blocks import BodyBlock
from .sections import page_sections, section_stylesheets


class BasePage(Page):
    """What every public page shares: SEO and social sharing fields and their panels."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared on Zalo or Facebook (1200×630 works best)."),
    )

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
                FieldPanel("social_image"),
            ],
            heading=_("Search engines and social networks"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("Menus")),
    ]

    class Meta:
        abstract = True

    def get_url_parts(self, request=None):
        # Full URLs (get_full_url: sitemap, feeds, e-mails, share links) start with the one public
        # address, not with the hostname and port typed into Wagtail's Site record.
        parts = super().get_url_parts(request=request)
        if parts is None or parts[1] is None:
            return parts
        site_id, _site_root_url, page_path = parts
        return site_id, settings.PUBLIC_BASE_URL, page_path

    @property
    def meta_description(self):
        return self.search_description

    def get_social_image(self):
        return self.social_image

    def _get_site_root_paths(self, cache_object=None, **kwargs):
        # ``page.url`` asks without a request: share the one the request being served keeps, rather
        # than reading the shared cache again for every page of a list.
        return super()._get_site_root_paths(cache_object or current_request(), **kwargs)

    def get_view_restrictions(self):
        # Wagtail asks on every page it serves (two queries); most sites have no restriction at all.
        if not view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class HomePage(BasePage):
    # Leads to other pages: kept out of search results (search.indexer).
    search_listing = True
    hero_title = models.CharField(_("hero title"), max_length=200)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_label = models.CharField(_("hero button label"), max_length=60, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_page"),
                FieldPanel("hero_cta_label"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("hero_title"),
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = menu_pages(self, request)
        context["feature_sections"] = page_sections("portal_home_sections", self, request)
        context["section_stylesheets"] = section_stylesheets(context["feature_sections"])
        return context


class StandardPage(BasePage):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """The organisation's contact details shown in every page's footer, in each language."""

    organisation_name = models.CharField(_("organisation name"), max_length=200, blank=True)
    organisation_name_en = models.CharField(
        _("organisation name in English"),
        max_length=200,
        blank=True,
        help_text=_("Shown on English pages; empty: the Vietnamese name."),
    )
    address = models.TextField(_("address"), blank=True)
    address_en = models.TextField(
        _("address in English"), blank=True, help_text=_("Shown on English pages; empty: the Vietnamese address.")
    )
    hotline = models.CharField(_("hotline"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    zalo_url = models.URLField(_("Zalo Official Account"), blank=True)
    youtube_url = models.URLField(_("YouTube channel"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("organisation_name"), FieldPanel("organisation_name_en")]),
                FieldRowPanel([FieldPanel("address"), FieldPanel("address_en")]),
                FieldPanel("hotline"),
                FieldPanel("email"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("zalo_url"), FieldPanel("youtube_url")],
            heading=_("Social networks"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def _in_language(self, vietnamese, english):
        return english if translation.get_language() == "en" and english else vietnamese

    @property
    def organisation_label(self):
        return self._in_language(self.organisation_name, self.organisation_name_en)

    @property
    def address_label(self):
        return self._in_language(self.address, self.address_en)
