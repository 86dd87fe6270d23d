from wagtail import hooks

from campaigns import services as campaign_services
from home.sections import PageSection
from portal import cache as page_cache
from portal.pagecache import index_page, public_pages

from .models import NewsIndexPage, NewsPage

HOME_NEWS = 3
CAMPAIGN_NEWS = 6


def _news(queryset):
    return public_pages(queryset.live()).select_related("image").order_by("-date", "-pk")


def home_news_context(page, request):
    index = index_page(NewsIndexPage, page.locale_id, request)
    if index is None:
        return None
    items = list(_news(NewsPage.objects.child_of(index))[:HOME_NEWS])
    return {"index": index, "items": items, "images": [item.image for item in items]} if items else None


def campaign_news_context(page, request):
    page_cache.depends_on(campaign_services.content_tag(page.translation_key))
    items = list(_news(page.news_items.all())[:CAMPAIGN_NEWS])
    if not items:
        return None
    return {
        "campaign": page,
        "items": items,
        "images": [item.image for item in items],
        "index": index_page(NewsIndexPage, page.locale_id, request),
        "rss": page.get_url(request) + page.reverse_subpage("rss"),
        "atom": page.get_url(request) + page.reverse_subpage("atom"),
    }


@hooks.register("portal_home_sections")
def home_news_section():
    return PageSection(
        order=30, template="news/includes/home_news_section.html", get_context=home_news_context, lists=(NewsPage,)
    )


@hooks.register("portal_campaign_sections")
def campaign_news_section():
    return PageSection(order=30, template="news/includes/campaign_news_section.html", get_context=campaign_news_context)


@hooks.register("portal_page_cache_tags")
def news_cache_tags(page):
    """A news item changed: the campaign page that lists it."""
    if isinstance(page, NewsPage) and page.campaign_id:
        return campaign_services.content_tags_of(page.campaign_id)
    return ()
