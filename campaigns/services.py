"""Campaign rules: status from one "today", the featured campaign, target progress, listing filters."""

import datetime
import json
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from home import roles
from portal.prepared import PreparedQuery

UPCOMING = "upcoming"
ONGOING = "ongoing"
ENDED = "ended"


def local_today(now=None):
    """Today's date where the movement happens (Asia/Ho_Chi_Minh), whatever zone is active."""
    return timezone.localdate(now or timezone.now(), timezone=zoneinfo.ZoneInfo(settings.TIME_ZONE))


def request_today(request):
    """One "today" per request, so that every section of a page agrees on each campaign's status."""
    if request is None:
        return local_today()
    if not hasattr(request, "_portal_today"):
        request._portal_today = local_today()
    return request._portal_today


@dataclass(frozen=True)
class CampaignStatus:
    state: str
    # Days until the start for an upcoming campaign, days after today until the end for an ongoing one
    # (0 on the last day), None once it has ended.
    days: int | None

    @property
    def is_ongoing(self):
        return self.state == ONGOING

    @property
    def is_upcoming(self):
        return self.state == UPCOMING

    @property
    def is_ended(self):
        return self.state == ENDED


def campaign_status(campaign, today):
    """Upcoming before the start day, ongoing from the start day to the end day inclusive, ended after."""
    if today < campaign.start_date:
        return CampaignStatus(UPCOMING, (campaign.start_date - today).days)
    if today <= campaign.end_date:
        return CampaignStatus(ONGOING, (campaign.end_date - today).days)
    return CampaignStatus(ENDED, None)


def featured_campaign(campaigns, today):
    """The ongoing campaign ending soonest, else the next one to start, else None."""
    ongoing = campaigns.filter(start_date__lte=today, end_date__gte=today).order_by("end_date", "start_date")
    campaign = ongoing.first()
    if campaign is None:
        campaign = campaigns.filter(start_date__gt=today).order_by("start_date").first()
    return campaign


def split_by_status(campaigns, today):
    """Ongoing (ending soonest first), upcoming (starting soonest first) and past (latest first)."""
    groups = {ONGOING: [], UPCOMING: [], ENDED: []}
    for campaign in campaigns:
        campaign.status = campaign_status(campaign, today)
        groups[campaign.status.state].append(campaign)
    groups[ONGOING].sort(key=lambda c: (c.end_date, c.start_date))
    groups[UPCOMING].sort(key=lambda c: c.start_date)
    groups[ENDED].sort(key=lambda c: (c.end_date, c.start_date), reverse=True)
    return groups


def target_progress(target_value, achieved_value):
    """The share of a target reached, as a whole percentage capped at 100, or None when nothing is reported."""
    if achieved_value is None or not target_value:
        return None
    share = Decimal(achieved_value) * 100 / Decimal(target_value)
    return int(min(max(share, Decimal(0)), Decimal(100)).to_integral_value())


def with_achieved(targets):
    """The targets, each with ``data``: what the reported figures say it has reached, or None.

    Targets naming an indicator, an area and a year are handed to every ``portal_target_achieved``
    hook (the network's reports register one); a hook returns {target id: {"value", "as_of",
    "source"}} for the targets it can answer. Campaigns never import the app that answers.
    """
    targets = list(targets)
    linked = [t for t in targets if t.indicator_id and t.area_id and t.year]
    found = {}
    if linked:
        for hook in hooks.get_hooks("portal_target_achieved"):
            found.update(hook(linked) or {})
    for target in targets:
        target.data = found.get(target.pk)
    return targets


def validate_period(start, end, errors, start_field="start_date", end_field="end_date"):
    """Adds a clear error when an end date comes before its start date."""
    if start and end and end < start:
        errors[end_field] = _("The end date (%(end)s) must be on or after the start date (%(start)s).") % {
            "end": end.strftime("%d/%m/%Y"),
            "start": start.strftime("%d/%m/%Y"),
        }
    return errors


def paginate(request, items, per_page):
    """The requested page of items; a missing, malformed or too large page number falls back gracefully."""
    paginator = Paginator(items, per_page)
    number = request.GET.get("p") or 1
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data):
    """A schema.org block; <, > and & are escaped so that no text can close the script element."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


def as_datetime(date):
    """Midnight of a date in the portal's time zone (feeds and schema.org want datetimes)."""
    return datetime.datetime.combine(date, datetime.time.min, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))


CAMPAIGN_WORKFLOW = "Duyệt chiến dịch"
CAMPAIGN_REVIEW_TASK = "Nhóm kiểm duyệt xem xét chiến dịch"


def ensure_campaign_workflow(pages):
    """The campaign moderation workflow (one moderators' approval task) assigned to the given pages."""
    moderators = roles.group(roles.MODERATORS)
    task, _created = GroupApprovalTask.objects.get_or_create(name=CAMPAIGN_REVIEW_TASK)
    task.groups.set([moderators])
    workflow, _created = Workflow.objects.get_or_create(name=CAMPAIGN_WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def content_tag(campaign_translation_key):
    """The page cache's tag for what a campaign page lists from elsewhere (its events, news and
    stories), in either language: invalidated when one of them changes."""
    return f"campaign:{campaign_translation_key}"


def content_tags_of(campaign_id):
    """For a page linked to a campaign: the tags of the campaign pages that list it."""
    from .models import CampaignPage

    keys = CampaignPage.objects.filter(pk=campaign_id).values_list("translation_key", flat=True)
    return [content_tag(key) for key in keys]


@dataclass(frozen=True)
class CampaignParts:
    lead_organisations: list
    coordinating_organisations: list
    # Each with ``coordinators``: its coordinating organisations, by name.
    activities: list
    # Each with ``data`` (with_achieved).
    targets: list


def campaign_parts(page, preview=False):
    """What a campaign's own page and its printable plan list: its organisations, its activities
    with theirs, and its targets with what the reports say, in four queries composed once per
    process. A preview shows the editor's choices, which only the page object holds."""
    if preview or page.pk is None:
        activities = list(page.activities.all())
        for activity in activities:
            activity.coordinators = list(activity.coordinating_organisations.all())
        return CampaignParts(
            list(page.lead_organisations.all()),
            list(page.coordinating_organisations.all()),
            activities,
            with_achieved(page.targets.all()),
        )
    organisations = _ORGANISATIONS(page.pk)
    activities = _ACTIVITIES(page.pk)
    coordinators = {}
    for organisation in _ACTIVITY_COORDINATORS(page.pk):
        coordinators.setdefault(organisation.activity_id, []).append(organisation)
    for activity in activities:
        activity.page = page
        activity.coordinators = coordinators.get(activity.pk, [])
    targets = _TARGETS(page.pk)
    for target in targets:
        target.page = page
    return CampaignParts(
        [o for o in organisations if o.leads],
        [o for o in organisations if o.coordinates],
        activities,
        with_achieved(targets),
    )


def _organisations(page_id):
    from network.models import Organisation

    from .models import CampaignPage

    def linked(relation):
        through = getattr(CampaignPage, relation).through
        return Exists(through.objects.filter(campaignpage_id=page_id, organisation_id=OuterRef("pk")))

    return Organisation.objects.annotate(
        leads=linked("lead_organisations"), coordinates=linked("coordinating_organisations")
    ).filter(Q(leads=True) | Q(coordinates=True))


def _activities(page_id):
    from .models import CampaignActivity

    return CampaignActivity.objects.filter(page_id=page_id).select_related("lead_organisation")


def _activity_coordinators(page_id):
    """The coordinating organisations of the campaign's activities, once per activity that names
    one, each with ``activity_id``: organisations, not the rows that link them."""
    from network.models import Organisation

    return Organisation.objects.filter(coordinated_activities__page_id=page_id).annotate(
        activity_id=F("coordinated_activities__id")
    )


def _targets(page_id):
    from .models import CampaignTarget

    return CampaignTarget.objects.filter(page_id=page_id)


_ORGANISATIONS = PreparedQuery(_organisations)
_ACTIVITIES = PreparedQuery(_activities)
_ACTIVITY_COORDINATORS = PreparedQuery(_activity_coordinators)
_TARGETS = PreparedQuery(_targets)
