"""What the news pages show: thin views over the models and the campaigns' services."""

from django.template.response import TemplateResponse

from campaigns import services
from campaigns.models import CampaignPage
from campaigns.views import share_links
from portal.links import social_image_url
from portal.pagecache import public_pages

from . import feeds, forms, models

NEWS_PER_PAGE = 10


def news_index(page, request):
    request.is_preview = getattr(request, "is_preview", False)
    context = page.get_context(request)
    items = public_pages(models.NewsPage.objects.child_of(page).live())
    campaigns = CampaignPage.objects.filter(pk__in=items.values("campaign")).order_by("-start_date")
    form = forms.NewsFilterForm(request.GET or None, campaigns=campaigns)
    listing = form.filter(items).select_related("image").prefetch_related("image__renditions").order_by("-date", "-pk")
    context.update(
        filter_form=form,
        is_filtered=form.is_bound,
        tag=form.cleaned_data.get("tag") if form.is_bound else "",
        news_items=services.paginate(request, listing, NEWS_PER_PAGE),
    )
    return TemplateResponse(request, page.get_template(request), context)


def news_feed(page, request, kind):
    return feeds.index_feed(page, request, kind)


def news_context(page, request):
    tags = list(page.tags.all())
    json_ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.summary,
        "datePublished": page.date,
        "url": page.get_full_url(request),
        "inLanguage": page.locale.language_code,
        "articleSection": page.get_category_display(),
        "keywords": [tag.name for tag in tags],
    }
    if page.last_published_at:
        json_ld["dateModified"] = page.last_published_at
    image_url = social_image_url(page, request)
    if image_url:
        json_ld["image"] = image_url
    campaign = page.campaign
    return {
        "campaign": campaign if campaign and campaign.live else None,
        "documents": page.documents.select_related("document"),
        "share": share_links(request, page),
        "json_ld": services.json_ld_script(json_ld),
        "news_index": page.get_parent(),
        "tags": tags,
    }
