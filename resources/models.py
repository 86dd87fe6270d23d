from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.models import Orderable
from wagtail.search import index

from home.models import BasePage

# The resource page's cover, and the smaller one its PDF preview shows.
COVER_SIZES = ("fill-360x480", "fill-180x240")


class ResourceKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    VIDEO = "video", _("Video")
    AUDIO = "audio", _("Audio")
    COURSE = "course", _("Course or link")
    IMAGES = "images", _("Image set")


class Licence(models.TextChoices):
    CC_BY = "cc-by", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa", "CC BY-SA 4.0"
    CC_BY_NC = "cc-by-nc", "CC BY-NC 4.0"
    CC0 = "cc0", "CC0 1.0"
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


class Level(models.TextChoices):
    BASIC = "basic", _("Basic")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class ResourceLanguage(models.TextChoices):
    VIETNAMESE = "vi", _("Vietnamese")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    CHINESE = "zh", _("Chinese")
    KHMER = "km", _("Khmer")
    OTHER = "other", _("Other language")


class Vocabulary(models.Model):
    """A term of an editable list, named in both site languages; its slug is what URLs carry."""

    name = models.CharField(_("name (Vietnamese)"), max_length=100, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=_("Used in filter addresses."))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.label()

    def label(self, language=None):
        language = language or get_language() or "vi"
        if language.startswith("en") and self.name_en:
            return self.name_en
        return self.name


class Topic(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class Audience(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")


class LibraryPage(RoutablePageMixin, BasePage):
    """The open learning-resource library's home: browse, filter and the editors' collections."""

    # Leads to other pages: kept out of search results (search.indexer).
    search_listing = True

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    per_page = models.PositiveSmallIntegerField(
        _("resources per page"), default=12, validators=[MinValueValidator(6), MaxValueValidator(60)]
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.ResourcePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("resource library")
        verbose_name_plural = _("resource libraries")

    def serve(self, request, *args, **kwargs):
        from .services import tidy_querystring

        tidy = tidy_querystring(request.GET)
        if tidy is not None:
            return redirect(request.path + tidy)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .services import parse_browse_params, with_card_data

        context = super().get_context(request, *args, **kwargs)
        params = parse_browse_params(request.GET)
        browse = context["browse"] = params.run(
            language=self.locale.language_code, per_page=self.per_page, within=self, list_data=with_card_data
        )
        context.update(self._kept_parts(request, browse))
        return context

    def _kept_parts(self, request, browse):
        """The collections and the filter panel's HTML. Unfiltered, they are the same for every
        visitor: kept for anonymous ones (``portal.pagecache.KeptFragments``) under what they show,
        any resource, collection, topic or audience, so that any change to one drops them. The
        collections head the unfiltered first page only: a filtered page or a later one never reads them."""
        from portal.cache import depends_on, page_tag
        from portal.pagecache import KeptFragments, model_tag

        from .services import collections_for_library

        unfiltered = not browse.filters and not browse.query
        owner = ("resources.library", self.pk)
        names = {}
        if unfiltered:
            names["filters_html"] = (*owner, "filters", browse.sort)
            if browse.page.number == 1:
                names["collections_html"] = (*owner, "collections")
        kept = KeptFragments(request, list(names.values()))
        parts = {"collections_html": ""}
        for part, name in names.items():
            if name in kept.html:
                continue
            with kept.recording(name):
                depends_on(page_tag(self.pk), model_tag(ResourcePage), model_tag(Topic), model_tag(Audience))
                if part == "collections_html":
                    depends_on(model_tag(ResourceCollection))
                    html = render_to_string(
                        "resources/includes/library_collections.html",
                        {"collections": collections_for_library(self.locale.language_code), "request": request},
                    )
                else:
                    html = self._filters_html(request, browse)
            kept.keep(name, html)
        parts.update({part: kept.html[name] for part, name in names.items()})
        if not unfiltered:
            parts["filters_html"] = self._filters_html(request, browse)
        return parts

    def _filters_html(self, request, browse):
        return render_to_string(
            "resources/includes/library_filters.html", {"page": self, "browse": browse, "request": request}
        )

    @path("tuyen-tap/<slug:slug>/", name="collection")
    def collection(self, request, slug):
        from .services import collection_by_slug

        entry = collection_by_slug(slug, self.locale.language_code)
        if entry is None:
            raise Http404
        # The page's own context would browse the whole library: only the collection is needed here.
        context = {**BasePage.get_context(self, request), "entry": entry}
        return TemplateResponse(request, "resources/resource_collection.html", context)


class ResourcePage(RoutablePageMixin, BasePage):
    summary = models.TextField(_("summary"), help_text=_("Two or three sentences shown in lists and search results."))
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "link", "ul", "ol", "h2"])
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices, default=ResourceKind.DOCUMENT)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The document, slides, e-book, audio or video file that visitors download."),
    )
    external_url = models.URLField(
        _("web address"),
        blank=True,
        help_text=_("A YouTube or Vimeo video to embed, or the address of an external course or site."),
    )
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="resources")
    audiences = ParentalManyToManyField(Audience, verbose_name=_("audiences"), blank=True, related_name="resources")
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.BASIC)
    language = models.CharField(
        _("language of the resource"),
        max_length=10,
        choices=ResourceLanguage.choices,
        default=ResourceLanguage.VIETNAMESE,
    )
    licence = models.CharField(_("licence"), max_length=30, choices=Licence.choices, default=Licence.CC_BY)
    authors = models.CharField(_("authors"), max_length=255, blank=True, help_text=_("People, separated by commas."))
    author_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("author organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authored_resources",
    )
    publisher = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("publisher"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="published_resources",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    page_count = models.PositiveIntegerField(_("number of pages"), null=True, blank=True)
    duration_minutes = models.PositiveIntegerField(_("length in minutes"), null=True, blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Left empty for a PDF, the cover is made from its first page."),
    )
    generated_cover = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    accessibility_notes = models.TextField(
        _("accessibility notes"),
        blank=True,
        help_text=_("E.g. “Subtitles in Vietnamese”, “Large print”, “Text is selectable for screen readers”."),
    )
    identifier = models.CharField(
        _("identifier"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("A stable code (e.g. an ISBN or a catalogue number) that bulk imports use to find the resource."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("kind"),
        MultiFieldPanel([FieldPanel("document"), FieldPanel("external_url")], heading=_("Content")),
        InlinePanel("gallery_images", heading=_("Image set"), label=_("image")),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("level"), FieldPanel("language"), FieldPanel("licence")]),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("authors"),
                FieldRowPanel([FieldPanel("author_organisation"), FieldPanel("publisher")]),
                FieldRowPanel([FieldPanel("year"), FieldPanel("page_count"), FieldPanel("duration_minutes")]),
                FieldPanel("identifier"),
            ],
            heading=_("Authors and publication"),
        ),
        FieldPanel("cover_image"),
        FieldPanel("accessibility_notes"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("authors"),
        index.AutocompleteField("title"),
        index.FilterField("kind"),
        index.FilterField("language"),
        index.FilterField("licence"),
        index.RelatedFields("topics", [index.SearchField("name"), index.SearchField("name_en")]),
        index.RelatedFields("audiences", [index.SearchField("name"), index.SearchField("name_en")]),
        index.RelatedFields("publisher", [index.SearchField("name")]),
    ]

    parent_page_types = ["resources.LibraryPage"]
    subpage_types = []
    route_related = (
        *BasePage.route_related,
        "document",
        "cover_image",
        "generated_cover",
        "publisher",
        "author_organisation",
    )
    # What translations share with the Vietnamese page (home/translations.py).
    synchronised_fields = [
        "kind",
        "document",
        "external_url",
        "topics",
        "audiences",
        "level",
        "language",
        "licence",
        "author_organisation",
        "publisher",
        "year",
        "page_count",
        "duration_minutes",
        "cover_image",
        "identifier",
    ]
    synchronised_children = {"gallery_images": ["image"]}

    class Meta:
        verbose_name = _("learning resource")
        verbose_name_plural = _("learning resources")

    def clean(self):
        from .services import validate_resource

        super().clean()
        validate_resource(self)

    @property
    def cover(self):
        return self.cover_image or self.generated_cover

    @property
    def licence_url(self):
        return LICENCE_URLS.get(self.licence, "")

    @property
    def is_open_licence(self):
        return self.licence != Licence.ALL_RIGHTS_RESERVED

    def get_context(self, request, *args, **kwargs):
        from .metadata import dublin_core, json_ld, learning_resource
        from .services import classification, download_count, embed_url

        context = super().get_context(request, *args, **kwargs)
        # The page, its metadata and its JSON-LD each show the topics and audiences: read once.
        preview = getattr(request, "is_preview", False)
        topics, audiences = context["topics"], context["audiences"] = classification(self, preview=preview)
        context["embed_url"] = (
            embed_url(self.external_url) if self.kind in (ResourceKind.VIDEO, ResourceKind.AUDIO) else ""
        )
        context["downloads"] = download_count(self) if self.document else 0
        context["library"] = library = self.get_parent()
        # Each address once: the topics' and audiences' links, the file's, the metadata's.
        context["library_url"] = library.get_url(request)
        page_url = self.get_url(request).rstrip("/") + "/"
        context["download_url"] = page_url + self.reverse_subpage("download")
        context["preview_url"] = page_url + self.reverse_subpage("preview")
        full_url = self.get_full_url(request)
        # The cover's two sizes in one look-up (the large one is also the JSON-LD's image).
        cover = self.cover
        covers = get_renditions_or_not_found(cover, COVER_SIZES) if cover else {}
        context["cover"] = covers.get(COVER_SIZES[0])
        context["small_cover"] = covers.get(COVER_SIZES[1])
        terms = {"topics": topics, "audiences": audiences}
        context["json_ld"] = json_ld(learning_resource(self, request, url=full_url, cover=context["cover"], **terms))
        context["dublin_core"] = dublin_core(self, request, url=full_url, topics=topics)
        return context

    def get_search_extras(self):
        from .services import search_extras

        return search_extras(self)

    @path("tai-ve/", name="download")
    def download(self, request):
        from .views import serve_document

        return serve_document(request, self, as_attachment=True)

    @path("xem-truoc/", name="preview")
    def preview(self, request):
        from .views import serve_document

        return serve_document(request, self, as_attachment=False)


class ResourceImage(Orderable):
    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class ResourceDownload(models.Model):
    """Downloads of a resource per day, shared by its translations (they serve the same file)."""

    translation_key = models.UUIDField(db_index=True)
    date = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("download count")
        verbose_name_plural = _("download counts")
        constraints = [models.UniqueConstraint(fields=["translation_key", "date"], name="unique_download_day")]

    def __str__(self):
        return f"{self.date}: {self.count}"


class ResourceCollection(ClusterableModel):
    """A reading list curated by editors (e.g. “Tủ sách khuyến học”)."""

    title = models.CharField(_("title (Vietnamese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    intro = models.TextField(_("introduction (Vietnamese)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resource_collections",
        help_text=_("The collection is also shown on this campaign's page."),
    )
    show_in_library = models.BooleanField(_("show on the library home"), default=True)
    show_on_home_page = models.BooleanField(_("show on the site's home page"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("title_en")]),
        FieldRowPanel([FieldPanel("intro"), FieldPanel("intro_en")]),
        FieldPanel("slug"),
        FieldPanel("campaign"),
        FieldRowPanel([FieldPanel("show_in_library"), FieldPanel("show_on_home_page"), FieldPanel("sort_order")]),
        InlinePanel("items", heading=_("Resources"), label=_("resource"), min_num=1),
    ]

    class Meta:
        verbose_name = _("resource collection")
        verbose_name_plural = _("resource collections")
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title

    def label(self, language=None):
        language = language or get_language() or "vi"
        return self.title_en if language.startswith("en") and self.title_en else self.title

    def intro_label(self, language=None):
        language = language or get_language() or "vi"
        return self.intro_en if language.startswith("en") and self.intro_en else self.intro


class ResourceCollectionItem(Orderable):
    collection = ParentalKey(ResourceCollection, on_delete=models.CASCADE, related_name="items")
    resource = models.ForeignKey(
        ResourcePage, verbose_name=_("resource"), on_delete=models.CASCADE, related_name="collection_items"
    )

    panels = [FieldPanel("resource")]


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportJob(models.Model):
    """A spreadsheet uploaded in the admin: checked once (dry run), then imported once confirmed.

    The file is kept outside the public media (``RESOURCES_IMPORT_ROOT``); both runs go through
    the task queue and record their progress here, for the page that shows it.
    """

    file_name = models.CharField(_("file"), max_length=255)
    sheet = models.CharField(max_length=255, editable=False)  # the spreadsheet, relative to the job's folder
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    dry_run = models.BooleanField(_("dry run"), default=True)
    create_publishers = models.BooleanField(_("create new publishers"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    processed = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    results = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("resource import")
        verbose_name_plural = _("resource imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.file_name

    @property
    def is_finished(self):
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def percent(self):
        return round(100 * self.processed / self.total) if self.total else 0
