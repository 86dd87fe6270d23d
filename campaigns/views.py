"""What the campaign and story pages show: thin views over the models and services."""

from urllib.parse import quote

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from home.sections import section_stylesheets
from portal.links import public_url, social_image_url
from portal.pagecache import public_pages

from . import forms, models, services

STORIES_PER_PAGE = 9


def _page_context(page, request):
    request.is_preview = getattr(request, "is_preview", False)
    return page.get_context(request)


def _render(page, request, context, template=None):
    return TemplateResponse(request, template or page.get_template(request), context)


def share_links(request, page):
    """Plain links to Zalo's and Facebook's share pages: no third-party script runs on ours."""
    # An unsaved page in the admin's preview has no address of its own yet.
    url = page.get_full_url(request) or public_url(request.path)
    encoded = quote(url, safe="")
    return {
        "url": url,
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={encoded}",
        "zalo": f"https://zalo.me/share?url={encoded}",
    }


def organisations_json_ld(organisations):
    return [
        {"@type": "Organization", "name": o.label, **({"url": o.website} if o.website else {})} for o in organisations
    ]


def campaign_index(page, request):
    context = _page_context(page, request)
    campaigns = public_pages(models.CampaignPage.objects.child_of(page).live()).select_related("kind", "hero_image")
    years = sorted(set(campaigns.values_list("year", flat=True)), reverse=True)
    form = forms.CampaignFilterForm(request.GET or None, years=years)
    today = services.request_today(request)
    groups = services.split_by_status(form.filter(campaigns).prefetch_related("hero_image__renditions"), today)
    context.update(
        filter_form=form,
        is_filtered=form.is_bound,
        ongoing=groups[services.ONGOING],
        upcoming=groups[services.UPCOMING],
        past=groups[services.ENDED],
        today=today,
    )
    return _render(page, request, context)


def campaign_detail(page, request):
    context = _page_context(page, request)
    today = services.request_today(request)
    sections = page.get_sections(request) if page.pk else []
    parts = services.campaign_parts(page, preview=request.is_preview)
    full_url = page.get_full_url(request)
    json_ld = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.theme or page.search_description,
        "startDate": page.start_date,
        "endDate": page.end_date,
        "eventStatus": "https://schema.org/EventScheduled",
        "url": full_url,
        "inLanguage": page.locale.language_code,
        "organizer": organisations_json_ld(parts.lead_organisations),
        "subEvent": [
            {"@type": "Event", "name": activity.title, **_activity_dates(activity)}
            for activity in parts.activities
            if activity.start_date
        ],
    }
    image_url = social_image_url(page, request)
    if image_url:
        json_ld["image"] = image_url
    context.update(
        today=today,
        status=page.status(today),
        lead_organisations=parts.lead_organisations,
        coordinating_organisations=parts.coordinating_organisations,
        activities=parts.activities,
        targets=parts.targets,
        sections=sections,
        section_stylesheets=section_stylesheets(sections),
        share=share_links(request, page),
        json_ld=services.json_ld_script(json_ld),
    )
    return _render(page, request, context)


def _activity_dates(activity):
    dates = {"startDate": activity.start_date}
    if activity.end_date:
        dates["endDate"] = activity.end_date
    return dates


def campaign_print(page, request):
    context = _page_context(page, request)
    parts = services.campaign_parts(page, preview=request.is_preview)
    context.update(
        lead_organisations=parts.lead_organisations,
        coordinating_organisations=parts.coordinating_organisations,
        activities=parts.activities,
        targets=parts.targets,
        full_url=page.get_full_url(request),
        printed_on=services.request_today(request),
    )
    return _render(page, request, context, "campaigns/campaign_page_print.html")


def campaign_news_feed(page, request, kind):
    from news.feeds import campaign_feed

    return campaign_feed(page, request, kind)


def story_index(page, request):
    context = _page_context(page, request)
    stories = public_pages(models.StoryPage.objects.child_of(page).live())
    districts = sorted(set(stories.values_list("district", flat=True)))
    campaigns = models.CampaignPage.objects.filter(pk__in=stories.values("campaign")).order_by("-start_date")
    form = forms.StoryFilterForm(request.GET or None, districts=districts, campaigns=campaigns)
    listing = (
        form.filter(stories)
        .select_related("photo")
        .prefetch_related("photo__renditions")
        .order_by("-first_published_at", "-pk")
    )
    context.update(
        filter_form=form,
        is_filtered=form.is_bound,
        stories=services.paginate(request, listing, STORIES_PER_PAGE),
    )
    return _render(page, request, context)


def story_context(page, request):
    json_ld = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "description": page.summary,
        "about": {
            "@type": "Person" if page.subject_kind == models.SubjectKind.PERSON else "Organization",
            "name": page.subject_name,
        },
        "url": page.get_full_url(request),
        "inLanguage": page.locale.language_code,
        "contentLocation": {"@type": "Place", "name": ", ".join(filter(None, [page.ward, page.district]))},
    }
    if page.first_published_at:
        json_ld["datePublished"] = page.first_published_at
        json_ld["dateModified"] = page.last_published_at or page.first_published_at
    image_url = social_image_url(page, request)
    if image_url:
        json_ld["image"] = image_url
    campaign = page.campaign
    return {
        "campaign": campaign if campaign and campaign.live else None,
        "gallery": page.gallery_images.select_related("image"),
        "share": share_links(request, page),
        "json_ld": services.json_ld_script(json_ld),
        "place": ", ".join(filter(None, [page.ward, page.district])),
        "subject_kind_label": _("Collective") if page.subject_kind == models.SubjectKind.COLLECTIVE else _("Person"),
    }
