"""RSS 2.0 and Atom feeds of news, for the whole portal and for each campaign (Django's syndication)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from campaigns.services import as_datetime
from portal.links import public_url
from portal.pagecache import public_pages

FEED_TYPES = {"rss": Rss201rev2Feed, "atom": Atom1Feed}
FEED_LENGTH = 20


class NewsFeed(Feed):
    """A feed of news pages; the page that serves it supplies the title, the link and the items."""

    def __init__(self, request, *, title, link, description, items, kind):
        super().__init__()
        self.request = request
        self.title = title
        # Absolute already: Django would otherwise prefix the host the request came in by.
        self.link = link
        self.feed_url = public_url(request.path)
        self.description = description
        self.subtitle = description
        self.feed_type = FEED_TYPES[kind]
        self._items = items

    def items(self):
        return self._items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return as_datetime(item.date)

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.get_category_display(), *(tag.name for tag in item.tags.all())]


def _news(queryset):
    return public_pages(queryset.live()).order_by("-date", "-pk").prefetch_related("tags")[:FEED_LENGTH]


def index_feed(index, request, kind):
    from .models import NewsPage

    feed = NewsFeed(
        request,
        title=index.seo_title or index.title,
        link=index.get_full_url(request),
        description=index.search_description or _("News of the learning society movement"),
        items=_news(NewsPage.objects.child_of(index)),
        kind=kind,
    )
    return feed(request)


def campaign_feed(campaign, request, kind):
    feed = NewsFeed(
        request,
        title=_("News: %(campaign)s") % {"campaign": campaign.title},
        link=campaign.get_full_url(request),
        description=campaign.theme or campaign.search_description or campaign.title,
        items=_news(campaign.news_items.all()),
        kind=kind,
    )
    return feed(request)
