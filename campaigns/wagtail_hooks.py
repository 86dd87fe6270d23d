from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.sections import PageSection

from . import services
from .models import CampaignKind, CampaignPage, CampaignTarget, StoryIndexPage, StoryPage

HOME_STORIES = 3
CAMPAIGN_STORIES = 6


class CampaignKindViewSet(SnippetViewSet):
    model = CampaignKind
    icon = "tag"
    menu_label = _("Campaign kinds")
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]


register_snippet(CampaignKindViewSet)


def _stories(queryset):
    return queryset.live().public().select_related("photo").prefetch_related("photo__renditions")


def featured_campaign_context(page, request):
    today = services.request_today(request)
    campaigns = CampaignPage.objects.live().public().filter(locale=page.locale).select_related("kind")
    campaign = services.featured_campaign(campaigns, today)
    if campaign is None:
        return None
    index = campaign.get_parent()
    return {
        "campaign": campaign,
        "status": campaign.status(today),
        "targets": services.with_achieved(campaign.targets.all()),
        "index": index,
    }


def home_stories_context(page, request):
    index = StoryIndexPage.objects.live().filter(locale=page.locale).first()
    if index is None:
        return None
    stories = list(_stories(StoryPage.objects.child_of(index)).order_by("-first_published_at")[:HOME_STORIES])
    return {"index": index, "stories": stories} if stories else None


def campaign_stories_context(page, request):
    stories = list(_stories(page.stories.all()).order_by("-first_published_at")[:CAMPAIGN_STORIES])
    if not stories:
        return None
    index = StoryIndexPage.objects.live().filter(locale=page.locale).first()
    return {"campaign": page, "stories": stories, "index": index}


@hooks.register("portal_home_sections")
def featured_campaign_section():
    return PageSection(
        order=10, template="campaigns/includes/home_campaign_section.html", get_context=featured_campaign_context
    )


@hooks.register("portal_home_sections")
def home_stories_section():
    return PageSection(
        order=30, template="campaigns/includes/home_stories_section.html", get_context=home_stories_context
    )


@hooks.register("portal_campaign_sections")
def campaign_stories_section():
    return PageSection(
        order=20, template="campaigns/includes/campaign_stories_section.html", get_context=campaign_stories_context
    )


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
