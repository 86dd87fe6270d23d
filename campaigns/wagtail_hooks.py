from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.dashboard import DashboardPanel, dashboard_panel
from home.sections import PageSection
from home.slugs import vietnamese_slug
from portal import cache as page_cache
from portal.pagecache import index_page, parent_page, public_pages

from . import services
from .listing import CampaignListingViewSet
from .models import CampaignKind, CampaignPage, CampaignTarget, StoryIndexPage, StoryPage

HOME_STORIES = 3
CAMPAIGN_STORIES = 6


class CampaignKindCreationForm(forms.ModelForm):
    """A kind added from the chooser: its names; the address part is made from the Vietnamese name."""

    class Meta:
        model = CampaignKind
        fields = ["name", "name_en"]

    def save(self, commit=True):
        kind = super().save(commit=False)
        base = vietnamese_slug(kind.name, max_length=70) or "loai"
        kind.slug, number = base, 1
        while CampaignKind.objects.filter(slug=kind.slug).exists():
            number += 1
            kind.slug = f"{base}-{number}"
        if commit:
            kind.save()
        return kind


class CampaignKindChooserViewSet(SnippetChooserViewSet):
    creation_form_class = CampaignKindCreationForm
    create_action_label = _("Add a kind")


class CampaignKindViewSet(SnippetViewSet):
    model = CampaignKind
    icon = "tag"
    menu_label = _("Campaign kinds")
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    chooser_viewset_class = CampaignKindChooserViewSet


register_snippet(CampaignKindViewSet)


def _stories(queryset):
    return public_pages(queryset.live()).select_related("photo")


def featured_campaign_context(page, request):
    today = services.request_today(request)
    campaigns = public_pages(CampaignPage.objects.live()).filter(locale_id=page.locale_id).select_related("kind")
    campaign = services.featured_campaign(campaigns, today)
    if campaign is None:
        return None
    index = parent_page(campaign, request)
    return {
        "campaign": campaign,
        "status": campaign.status(today),
        "targets": services.with_achieved(campaign.targets.all()),
        "index": index,
    }


def home_stories_context(page, request):
    index = index_page(StoryIndexPage, page.locale_id, request)
    if index is None:
        return None
    stories = list(_stories(StoryPage.objects.child_of(index)).order_by("-first_published_at")[:HOME_STORIES])
    return {"index": index, "stories": stories, "images": [story.photo for story in stories]} if stories else None


def campaign_stories_context(page, request):
    page_cache.depends_on(services.content_tag(page.translation_key))
    stories = list(_stories(page.stories.all()).order_by("-first_published_at")[:CAMPAIGN_STORIES])
    if not stories:
        return None
    index = index_page(StoryIndexPage, page.locale_id, request)
    return {"campaign": page, "stories": stories, "index": index, "images": [story.photo for story in stories]}


@hooks.register("portal_home_sections")
def featured_campaign_section():
    return PageSection(
        order=10,
        template="campaigns/includes/home_campaign_section.html",
        get_context=featured_campaign_context,
        stylesheets=("css/campaigns.css",),
        lists=(CampaignPage,),
    )


@hooks.register("portal_home_sections")
def home_stories_section():
    return PageSection(
        order=30,
        template="campaigns/includes/home_stories_section.html",
        get_context=home_stories_context,
        lists=(StoryPage,),
    )


@hooks.register("portal_campaign_sections")
def campaign_stories_section():
    return PageSection(
        order=20, template="campaigns/includes/campaign_stories_section.html", get_context=campaign_stories_context
    )


@hooks.register("portal_page_cache_tags")
def story_cache_tags(page):
    """A story changed: the campaign page that lists it."""
    if isinstance(page, StoryPage) and page.campaign_id:
        return services.content_tags_of(page.campaign_id)
    return ()


@dashboard_panel
class CampaignsUnderWayPanel(DashboardPanel):
    """The dashboard's campaigns under way today (Vietnamese pages), and the next one when none is."""

    name = "campaigns_under_way"
    template_name = "campaigns/admin/panel_campaigns.html"
    order = 50

    def panel_context(self, request):
        today = services.local_today()
        campaigns = CampaignPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        ongoing = campaigns.filter(start_date__lte=today, end_date__gte=today).order_by("end_date")
        return {
            "campaigns": [{"page": page, "status": page.status(today)} for page in ongoing],
            "next": campaigns.filter(start_date__gt=today).order_by("start_date").first(),
        }


@hooks.register("register_admin_viewset")
def register_campaign_listing():
    return CampaignListingViewSet()


@hooks.register("portal_indicator_targets")
def indicator_targets(area_ids, years):
    """The targets of live campaigns (in the current language) set on an indicator's figures."""
    pages = CampaignPage.objects.live().public().filter(locale__language_code=translation.get_language())
    targets = CampaignTarget.objects.filter(
        indicator__isnull=False, area_id__in=area_ids, year__in=years, page__in=pages
    ).select_related("page")
    return [
        {
            "indicator_id": target.indicator_id,
            "area_id": target.area_id,
            "year": target.year,
            "value": target.target_value,
            "display": target.display_target,
            "label": target.label,
            "campaign": target.page.title,
            "url": target.page.url,
        }
        for target in targets
    ]
