"""Targets and figures meet here, without the two apps importing each other.

Campaigns own the targets (a target may name an indicator, an area and a year) and ask, through
the ``portal_target_achieved`` hook, for the value reached: ``achieved(targets)`` answers from
approved figures. The dashboard asks campaigns, through ``portal_indicator_targets``, for the
targets set on its figures.
"""

from collections import defaultdict

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks

from network.services import AreaGraph

from .figures import Lookup, read
from .models import Indicator, IndicatorKind, Period
from .services import indicators_of


def targets_for(indicator_set_id, area_ids, years):
    """{(indicator code, area id, year): [target dicts]} from every ``portal_indicator_targets`` provider."""
    found = []
    for provider in hooks.get_hooks("portal_indicator_targets"):
        found.extend(provider(area_ids=list(area_ids), years=list(years)))
    if not found:
        return {}
    codes = dict(
        Indicator.objects.filter(
            pk__in={t["indicator_id"] for t in found}, section__version__indicator_set_id=indicator_set_id
        ).values_list("pk", "code")
    )
    result = defaultdict(list)
    for target in found:
        code = codes.get(target["indicator_id"])
        if code:
            result[(code, target["area_id"], target["year"])].append(target)
    return dict(result)


def source_line(period, figures, recognised_titles=(), indicator=None):
    """“Approved reports of 25 areas, Title statistics 2025, as of 20/11/2025”, and where the
    recognised count comes from when the evaluation of titles supplies it."""
    if not figures.sources and not figures.reported:
        line = _("No approved report yet (%(period)s).") % {"period": period}
    else:
        line = ngettext(
            "%(count)s approved report, %(period)s",
            "%(count)s approved reports, %(period)s",
            figures.sources,
        ) % {"count": figures.sources, "period": period}
        if period.figures_as_of:
            line += ", " + _("as of %(date)s") % {
                "date": formats.date_format(period.figures_as_of.date(), "SHORT_DATE_FORMAT")
            }
        line += "."
    if indicator is not None and indicator.title and indicator.title in recognised_titles:
        line += " " + _("Numbers recognised: from the evaluation records on the portal.")
    elif indicator is None and recognised_titles:
        line += " " + _("Numbers recognised for some titles: from the evaluation records on the portal.")
    if figures.recomputed:
        line += " " + _("Recomputed for today's boundaries.")
    return line


def achieved(targets):
    """{target id: {"value", "as_of", "source"}} for targets that name an indicator, an area and a year.

    The indicator a target names may belong to an older version of its set: the year's period is
    read with the indicator of the same code in the version that period used.
    """
    wanted = [t for t in targets if t.indicator_id and t.area_id and t.year]
    if not wanted:
        return {}
    indicators = {
        i.pk: i for i in Indicator.objects.filter(pk__in={t.indicator_id for t in wanted}).select_related("section")
    }
    set_ids = {i.section.version.indicator_set_id for i in indicators.values()}
    periods = {
        (p.indicator_set_id, p.year): p
        for p in Period.objects.filter(indicator_set_id__in=set_ids, year__in={t.year for t in wanted}).select_related(
            "version__indicator_set"
        )
    }
    if not periods:
        return {}
    graph = AreaGraph()
    versions = {p.version_id: p.version for p in periods.values()}
    lookup = Lookup(graph, {v: indicators_of(version) for v, version in versions.items()})
    lookup.load(list(periods.values()), {t.area_id for t in wanted if t.area_id in graph.nodes})
    result = {}
    for target in wanted:
        indicator = indicators.get(target.indicator_id)
        period = indicator and periods.get((indicator.section.version.indicator_set_id, target.year))
        if period is None or target.area_id not in graph.nodes:
            continue
        same = next((i for i in lookup.indicators_by_version[period.version_id] if i.code == indicator.code), None)
        if same is None:
            continue
        figures = lookup.get(period, target.area_id)
        reading = read(same, figures)
        value = reading.value
        if same.kind == IndicatorKind.YES_NO:
            value = reading.yes
        if value is None:
            continue
        result[target.pk] = {
            "value": value,
            "as_of": period.figures_as_of.date() if period.figures_as_of else None,
            "source": source_line(period, figures, lookup.recognised_titles(period), same),
        }
    return result
