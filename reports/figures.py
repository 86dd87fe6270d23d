"""Approved figures summed up the area tree, for the dashboard, the open data, the reports and targets.

Counts and amounts are summed; a rate is recomputed from its summed numerator and denominator
(never an average of percentages), over the areas that gave both. Yes/no answers become “yes in
k of n areas”; a reported percentage belongs to the area that reported it and is not summed.

Each area's figures for a period's own year are stored (``AreaFigure``) and rebuilt when an
approval changes (the period's stamp moves), so a page reads a handful of rows whatever the number
of communes. Figures seen through another year's map (a ward created in 2025 looking back at
2024, or today's city including the provinces merged into it) are computed on demand with
``AreaGraph.rollup`` and cached for a while.

Education units report separately from areas (what they count is not what their commune counts):
their figures are added to their area and the areas above it, never in place of the area's own.

Recognitions recorded elsewhere on the portal (the evaluation of learning titles) can be handed in
through the ``portal_title_recognitions`` hook: a function of the year returning
``{(title_code, area_id): number recognised}``. In a period marked ``recognitions_from_portal``,
where it returns data for a title, that title's recognised count comes from it; the eligible count
stays what reporters sent.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Max, Q
from wagtail import hooks

from network.services import AreaGraph
from portal import cache as page_cache

from . import values as vals
from .apps import FIGURES_TAG
from .models import AreaFigure, IndicatorKind, Period, Submission, TitleMeasure
from .services import indicators_of

REPORTS_KEY = "#"  # summed in every leaf: how many reports a figure comes from


@dataclass
class AreaValues:
    values: dict = field(default_factory=dict)
    sources: int = 0
    reported: bool = False
    recomputed: bool = False  # seen through another year's map of areas

    def get(self, key):
        return self.values.get(key)


def leaf_values(indicators, submitted):
    """What one report adds to the sums: counts and amounts, a rate's parts where both are given,
    yes/no answers as (yes, answered)."""
    leaf = {REPORTS_KEY: 1}
    for indicator in indicators:
        code, kind = indicator.code, indicator.kind
        if kind in (IndicatorKind.COUNT, IndicatorKind.MONEY):
            value = submitted.get(code)
            if isinstance(value, int | float) and not isinstance(value, bool):
                leaf[code] = value
        elif kind == IndicatorKind.RATE:
            numerator, denominator = submitted.get(indicator.numerator), submitted.get(indicator.denominator)
            if numerator is not None and denominator is not None:
                leaf[f"{code}|n"] = numerator
                leaf[f"{code}|d"] = denominator
        elif kind == IndicatorKind.YES_NO:
            value = submitted.get(code)
            if isinstance(value, bool):
                leaf[f"{code}|yes"] = int(value)
                leaf[f"{code}|n"] = 1
    return leaf


def own_values(indicators, submitted):
    """What only the reporting area itself shows: its percentages and its own yes/no answers."""
    return {
        i.code: submitted[i.code]
        for i in indicators
        if i.kind in (IndicatorKind.PERCENTAGE, IndicatorKind.YES_NO) and submitted.get(i.code) is not None
    }


def _add(target, extra):
    for key, value in extra.items():
        target[key] = target.get(key, 0) + value


def rollup_period(period, graph, ref_day=None, indicators=None):
    """Every area's approved figures for the period, in the map of areas in force on ``ref_day``."""
    day = period.reference_day
    ref_day = ref_day or day
    indicators = indicators if indicators is not None else indicators_of(period.version)
    areas, units, own = {}, defaultdict(dict), {}
    rows = Submission.objects.approved().filter(period=period).values_list("area_id", "organisation_id", "values")
    for area_id, organisation_id, submitted in rows:
        if area_id not in graph.nodes:
            continue
        leaf = leaf_values(indicators, submitted)
        if organisation_id:
            # A unit is a place of its own: it counts wherever its area lies on the map that is read.
            place = graph.cover(area_id, ref_day)
            if place is not None:
                _add(units[place], leaf)
        else:
            areas[area_id] = leaf
            own[area_id] = own_values(indicators, submitted)
    result = defaultdict(AreaValues)
    for area_id, total in graph.rollup(areas, day, ref_day).items():
        _add(result[area_id].values, total.values)
    for place, leaf in units.items():
        for area_id in graph.ancestors(place):
            _add(result[area_id].values, leaf)
    for figures in result.values():
        figures.sources = figures.values.pop(REPORTS_KEY, 0)
        figures.recomputed = ref_day != day
    for area_id, answers in own.items():
        if graph.valid_on(area_id, ref_day):
            result[area_id].values.update(answers)
            result[area_id].reported = True
    return dict(result)


# -------------------------------------------------------------------------- stored figures


def ensure_built(periods, graph=None):
    """Rebuilds the stored figures of the periods whose approvals changed since they were built.

    ``graph``: an ``AreaGraph``, or a function that makes one (only called when something is stale)."""
    # Every page that shows figures reads them through here: the page cache drops it when they change.
    page_cache.depends_on(FIGURES_TAG)
    stale = [p for p in periods if p.figures_built != p.figures_stamp]
    if stale:
        graph = graph() if callable(graph) else graph or AreaGraph()
    for period in stale:
        _build(period, graph)


@transaction.atomic
def _build(period, graph):
    locked = Period.objects.select_for_update().get(pk=period.pk)
    if locked.figures_built != locked.figures_stamp:
        rolled = rollup_period(locked, graph)
        # Plain statements: Django's delete() would first read every row back (other apps listen to
        # deletions), and bulk_create makes a model instance per row, whose init signals alone took a
        # third of a 3,000-commune rebuild.
        values = AreaFigure._meta.get_field("values")
        quote = connection.ops.quote_name
        columns = ", ".join(quote(c) for c in ("period_id", "area_id", "values", "sources", "reported"))
        with connection.cursor() as cursor:
            table = quote(AreaFigure._meta.db_table)
            cursor.execute(f"DELETE FROM {table} WHERE period_id = %s", [locked.pk])
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s)",
                [
                    (locked.pk, a, values.get_db_prep_save(f.values, connection), f.sources, f.reported)
                    for a, f in rolled.items()
                ],
            )
        as_of = Submission.objects.approved().filter(period=locked).aggregate(last=Max("reviewed_at"))["last"]
        Period.objects.filter(pk=locked.pk).update(figures_built=locked.figures_stamp, figures_as_of=as_of)
        locked.figures_built, locked.figures_as_of = locked.figures_stamp, as_of
    period.figures_built, period.figures_as_of = locked.figures_built, locked.figures_as_of


def stored(groups):
    """{(period id, area id): AreaValues} read from the stored figures, in one query for every
    group of (periods, area ids)."""
    condition = Q(pk__in=[])
    for periods, area_ids in groups:
        condition |= Q(period__in=[p.pk for p in periods], area_id__in=list(area_ids))
    rows = AreaFigure.objects.filter(condition).values_list("period_id", "area_id", "values", "sources", "reported")
    return {(p, a): AreaValues(v, s, r) for p, a, v, s, r in rows}


def recomputed(period, graph, ref_day, indicators=None):
    """A period's figures in another year's map of areas, cached until an approval changes."""
    key = f"reports:figures:{period.pk}:{period.figures_stamp}:{ref_day.isoformat()}"
    found = cache.get(key)
    if found is None:
        found = rollup_period(period, graph, ref_day, indicators)
        cache.set(key, found, settings.REPORTS_FIGURES_CACHE_SECONDS)
    return found


class Lookup:
    """The figures a page needs, each read once: stored for an area in force in the period's year,
    recomputed through the area's own map otherwise."""

    def __init__(self, graph, indicators_by_version):
        """``graph``: an ``AreaGraph``, or a function that makes one: figures read in their own
        year's map come from storage and need no graph, so a page that reads only those builds none."""
        self._graph = graph
        self.indicators_by_version = indicators_by_version
        self._stored = {}
        self._recomputed = {}
        self._recognitions = {}

    @property
    def graph(self):
        if callable(self._graph):
            self._graph = self._graph()
        return self._graph

    def load(self, periods, area_ids, *more):
        """Reads the stored figures of the areas in the periods; ``more``: further (periods, area ids)."""
        pairs = zip(more[::2], more[1::2], strict=True)
        groups = [(list(periods), list(area_ids)), *((list(p), list(a)) for p, a in pairs)]
        ensure_built({p.pk: p for ps, _a in groups for p in ps}.values(), lambda: self.graph)
        found = stored(groups)
        for group_periods, group_areas in groups:
            for period in group_periods:
                for area_id in group_areas:
                    self._stored[(period.pk, area_id)] = found.get((period.pk, area_id))

    def get(self, period, area_id, ref_day=None):
        """The area's figures for the period; ``ref_day``: the map of areas to read them in."""
        day = period.reference_day
        ref_day = ref_day or (day if self.graph.valid_on(area_id, day) else self.graph.reference_day_of(area_id))
        if ref_day == day:
            if (period.pk, area_id) not in self._stored:
                self.load([period], [area_id])
            found = self._stored[(period.pk, area_id)] or AreaValues()
        else:
            cache_key = (period.pk, ref_day)
            if cache_key not in self._recomputed:
                indicators = self.indicators_by_version.get(period.version_id)
                self._recomputed[cache_key] = recomputed(period, self.graph, ref_day, indicators)
            found = self._recomputed[cache_key].get(area_id) or AreaValues(recomputed=True)
        return self._with_recognitions(period, area_id, found, ref_day)

    def recognised_titles(self, period):
        data = self._recognitions_of(period)
        return data["titles"]

    def _recognitions_of(self, period):
        if period.pk not in self._recognitions:
            indicators = self.indicators_by_version.get(period.version_id) or []
            # Only where the period says every recognition goes through the portal: elsewhere the
            # portal's certificates are a part of what reporters count, not the whole.
            data = recognitions(period.year) if period.recognitions_from_portal else {}
            codes = {
                i.title: i.code
                for i in indicators
                if i.measure == TitleMeasure.RECOGNISED and i.title and any(t == i.title for t, _a in data)
            }
            self._recognitions[period.pk] = {"data": data, "codes": codes, "titles": set(codes), "rolled": {}}
        return self._recognitions[period.pk]

    def _with_recognitions(self, period, area_id, found, ref_day):
        entry = self._recognitions_of(period)
        if not entry["codes"]:
            return found
        if ref_day not in entry["rolled"]:
            day = period.reference_day
            leaves = defaultdict(dict)
            for (title, place), number in entry["data"].items():
                code = entry["codes"].get(title)
                if code and place in self.graph.nodes:
                    cover = self.graph.cover(place, day)
                    if cover is not None:
                        _add(leaves[cover], {code: number})
            entry["rolled"][ref_day] = self.graph.rollup(dict(leaves), day, ref_day)
        rolled = entry["rolled"][ref_day].get(area_id)
        indicators = self.indicators_by_version.get(period.version_id) or []
        result = AreaValues(dict(found.values), found.sources, found.reported, found.recomputed)
        for code in entry["codes"].values():
            number = rolled.values.get(code, 0) if rolled else 0
            result.values[code] = number
            for rate in indicators:
                if rate.kind == IndicatorKind.RATE and rate.numerator == code:
                    eligible = result.values.get(rate.denominator)
                    result.values[f"{rate.code}|n"] = number if eligible is not None else None
                    result.values[f"{rate.code}|d"] = eligible
        return result


def recognitions(year):
    """{(title code, area id): number} from every ``portal_title_recognitions`` provider, summed."""
    found = defaultdict(int)
    for provider in hooks.get_hooks("portal_title_recognitions"):
        for (title, area_id), number in (provider(year) or {}).items():
            if number:
                found[(title, area_id)] += int(number)
    return dict(found)


# ------------------------------------------------------------------------------- reading


@dataclass
class Reading:
    """One indicator's figure for an area, ready to show."""

    indicator: object
    value: object = None
    numerator: object = None
    denominator: object = None
    yes: int | None = None
    answered: int | None = None

    @cached_property
    def text(self):
        kind = self.indicator.kind
        if kind == IndicatorKind.YES_NO and self.answered is not None and self.value is None:
            return f"{self.yes}/{self.answered}"
        return vals.display(kind, self.value)

    @property
    def sort_key(self):
        if self.value is not None and not isinstance(self.value, str):
            return float(self.value)
        if self.answered:
            return self.yes / self.answered
        return None


def read(indicator, figures):
    """The indicator's figure in an area's values (computed for rates)."""
    code, kind = indicator.code, indicator.kind
    values = figures.values
    if kind == IndicatorKind.RATE:
        numerator, denominator = values.get(f"{code}|n"), values.get(f"{code}|d")
        return Reading(indicator, vals.rate(numerator, denominator), numerator, denominator)
    if kind == IndicatorKind.YES_NO:
        own = values.get(code)
        return Reading(
            indicator,
            own if isinstance(own, bool) else None,
            yes=values.get(f"{code}|yes"),
            answered=values.get(f"{code}|n"),
        )
    return Reading(indicator, values.get(code))


SHOWN_KINDS = (
    IndicatorKind.RATE,
    IndicatorKind.COUNT,
    IndicatorKind.MONEY,
    IndicatorKind.PERCENTAGE,
    IndicatorKind.YES_NO,
)


def shown_indicators(indicators):
    """The public figures of a version, in reading order."""
    return [i for i in indicators if i.is_public and i.kind in SHOWN_KINDS]


def columns(indicators):
    """The figures a table of areas compares: the rates, or, without rates, the counts."""
    shown = shown_indicators(indicators)
    rates = [i for i in shown if i.kind == IndicatorKind.RATE]
    return rates or [i for i in shown if i.kind in (IndicatorKind.COUNT, IndicatorKind.MONEY)]
