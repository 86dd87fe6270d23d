"""What the public dashboard, its downloads and the figures API show, from the request's parameters.

Query count stays flat in the number of areas: the area graph (two queries), the periods and
indicators (two), the stored figures of the areas shown (one or two), their names (one) and the
targets (one or two).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Paginator
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from network.models import Area, AreaLevel
from network.services import AreaGraph

from . import charts
from .figures import Lookup, columns, ensure_built, read, shown_indicators
from .models import Indicator, IndicatorKind, Period
from .targets import source_line, targets_for

ROWS_PER_PAGE = 100
BASES = ("time", "today")


@dataclass
class Card:
    reading: object
    source: str
    target: dict | None = None

    @property
    def progress(self):
        if not self.target or self.reading.value is None or not self.target.get("value"):
            return None
        share = Decimal(str(self.reading.value)) * 100 / Decimal(str(self.target["value"]))
        return int(min(max(share, Decimal(0)), Decimal(100)))


@dataclass
class Row:
    area: Area
    readings: list
    figures: object

    @property
    def sources(self):
        return self.figures.sources

    @property
    def has_figures(self):
        return bool(self.figures.sources or self.figures.reported)

    def reading(self, code):
        return next(r for r in self.readings if r.indicator.code == code)


@dataclass
class TrendPoint:
    year: int
    readings: dict
    recomputed: bool


@dataclass
class Dashboard:
    indicator_set: object
    periods: list
    period: object = None
    area: Area = None
    area_path: list = field(default_factory=list)
    basis: str = "time"
    ref_day: datetime.date = None
    cards: list = field(default_factory=list)
    columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    page: object = None
    sort: str = "name"
    order: str = "asc"
    trend: list = field(default_factory=list)
    trend_indicators: list = field(default_factory=list)
    charts: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    source: str = ""
    children_level: str = ""
    children_with_figures: int = 0
    provinces: list = field(default_factory=list)
    framework_years: list = field(default_factory=list)
    figures: object = None
    indicators: list = field(default_factory=list)

    @property
    def years(self):
        return [p.year for p in self.periods]

    @property
    def has_recomputed_years(self):
        return any(point.recomputed for point in self.trend)

    @property
    def is_recomputed(self):
        return self.figures is not None and self.figures.recomputed


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def build(indicator_set_id, params, default_area_id=None, paginate=True, framework_set_id=None):
    """The dashboard for ``params`` (year, area code, basis, sort, order, page), or one without periods.

    ``framework_set_id``: the set of the report to UNESCO, whose years the page links to."""
    found = list(
        Period.objects.filter(
            indicator_set_id__in=[indicator_set_id, framework_set_id], year__lte=timezone.localdate().year + 1
        )
        .select_related("version__indicator_set")
        .prefetch_related("areas")
        .order_by("year")
    )
    periods = [p for p in found if p.indicator_set_id == indicator_set_id]
    board = Dashboard(indicator_set=None, periods=periods)
    board.framework_years = [p.year for p in found if p.indicator_set_id == framework_set_id]
    if not periods:
        return board
    board.indicator_set = periods[0].version.indicator_set
    graph = AreaGraph()
    indicators_by_version = _indicators(periods)
    lookup = Lookup(graph, indicators_by_version)
    ensure_built(periods, graph)
    board.period = _choose_period(periods, _int(params.get("year")))
    board.indicators = indicators_by_version[board.period.version_id]
    codes = {graph.nodes[a].code: a for a in graph.nodes}
    covered = {a.pk for p in periods for a in p.areas.all()}
    area_id = codes.get(params.get("area", "")) or default_area_id
    if area_id not in graph.nodes:
        area_id = min(covered, key=lambda a: graph.nodes[a].code) if covered else None
    if area_id is None:
        return board
    board.basis = params.get("basis") if params.get("basis") in BASES else "time"
    day = board.period.reference_day
    if board.basis == "today" or not graph.valid_on(area_id, day):
        board.ref_day = graph.reference_day_of(area_id)
    else:
        board.ref_day = day
    children = sorted(
        (c for c in graph.children[area_id] if graph.valid_on(c, board.ref_day)), key=lambda c: graph.nodes[c].code
    )
    path = list(reversed(graph.ancestors(area_id)))
    related = _related_areas(graph, area_id)
    areas = Area.objects.in_bulk({*path, *children, *related, *covered})
    board.area = areas[area_id]
    board.area_path = [areas[a] for a in path]
    board.provinces = sorted((areas[a] for a in covered), key=lambda a: a.name)

    lookup.load(periods, [area_id], [board.period] if board.ref_day == day else [], children)
    board.figures = lookup.get(board.period, area_id, board.ref_day)
    recognised = lookup.recognised_titles(board.period)
    board.source = source_line(board.period, board.figures, recognised)
    targets = targets_for(indicator_set_id, [area_id], board.years)
    shown = shown_indicators(board.indicators)
    parts = {code for i in shown if i.kind == IndicatorKind.RATE for code in (i.numerator, i.denominator)}
    board.cards = [
        Card(
            read(indicator, board.figures),
            source_line(board.period, board.figures, recognised, indicator),
            _first(targets.get((indicator.code, area_id, board.period.year))),
        )
        for indicator in shown
        if indicator.code not in parts
        and (indicator.kind != IndicatorKind.YES_NO or board.figures.values.get(f"{indicator.code}|n"))
    ]
    board.columns = columns(board.indicators)
    _rows(board, lookup, children, areas, params, paginate)
    _trend(board, lookup, graph, area_id, indicators_by_version, targets)
    board.notes = _notes(graph, areas, board, area_id)
    return board


def _indicators(periods):
    versions = {p.version_id for p in periods}
    found = {v: [] for v in versions}
    for indicator in Indicator.objects.filter(section__version_id__in=versions).order_by(
        "section__sort_order", "section__pk", "sort_order"
    ):
        found[indicator.section.version_id].append(indicator)
    return found


def _choose_period(periods, year):
    by_year = {p.year: p for p in periods}
    if year in by_year:
        return by_year[year]
    with_figures = [p for p in periods if p.figures_as_of]
    return (with_figures or periods)[-1]


def _first(targets):
    return targets[0] if targets else None


def _related_areas(graph, area_id):
    node = graph.nodes[area_id]
    related = set(node.successors) | set(node.predecessors)
    for predecessor in node.predecessors:
        related.update(graph.nodes[predecessor].predecessors)
    return related


def _rows(board, lookup, children, areas, params, paginate):
    if not children:
        return
    levels = {lookup.graph.nodes[c].level for c in children}
    board.children_level = AreaLevel(levels.pop()).label if len(levels) == 1 else ""
    rows = []
    for child in children:
        figures = lookup.get(board.period, child, board.ref_day)
        readings = [read(indicator, figures) for indicator in board.columns]
        rows.append(Row(areas[child], readings, figures))
    board.children_with_figures = sum(1 for r in rows if r.has_figures)
    codes = {c.code for c in board.columns}
    board.sort = params.get("sort") if params.get("sort") in codes else "name"
    board.order = "desc" if params.get("order") == "desc" else "asc"
    if board.sort == "name":
        rows.sort(key=lambda r: r.area.name, reverse=board.order == "desc")
    else:
        present = [r for r in rows if r.reading(board.sort).sort_key is not None]
        missing = [r for r in rows if r.reading(board.sort).sort_key is None]
        present.sort(key=lambda r: (r.reading(board.sort).sort_key, r.area.name), reverse=board.order == "desc")
        rows = present + sorted(missing, key=lambda r: r.area.name)
    board.rows = rows
    if paginate:
        board.page = Paginator(rows, ROWS_PER_PAGE).get_page(params.get("page"))


def _trend(board, lookup, graph, area_id, indicators_by_version, targets):
    trend_codes = [i.code for i in board.columns]
    board.trend_indicators = board.columns
    for period in board.periods:
        ref_day = board.ref_day if board.basis == "today" else None
        figures = lookup.get(period, area_id, ref_day)
        by_code = {i.code: i for i in indicators_by_version[period.version_id]}
        readings = {code: read(by_code[code], figures) for code in trend_codes if code in by_code}
        board.trend.append(TrendPoint(period.year, readings, figures.recomputed))
    for indicator in board.columns:
        points = [
            (
                str(point.year),
                point.readings[indicator.code].value if indicator.code in point.readings else None,
                point.readings[indicator.code].text if indicator.code in point.readings else "",
            )
            for point in board.trend
        ]
        goal = _first(targets.get((indicator.code, area_id, board.period.year)))
        board.charts.append(
            {
                "indicator": indicator,
                "chart": charts.bars(
                    points,
                    percent=indicator.kind in (IndicatorKind.RATE, IndicatorKind.PERCENTAGE),
                    target=goal["value"] if goal else None,
                ),
            }
        )


def _notes(graph, areas, board, area_id):
    """What a reader needs to know about the area's boundaries over time."""
    notes = []
    node = graph.nodes[area_id]
    area = areas[area_id]
    merged = [areas[p] for p in node.predecessors if p in areas and graph.nodes[p].level == node.level]
    if merged:
        notes.append(
            _("Since %(date)s %(area)s also covers the former %(areas)s.")
            % {
                "date": _date(min(graph.nodes[p].valid_until for p in node.predecessors) + datetime.timedelta(days=1)),
                "area": area.label,
                "areas": ", ".join(a.label for a in merged),
            }
        )
    elif node.valid_from and node.predecessors:
        notes.append(
            _("%(area)s was formed on %(date)s from %(areas)s. Earlier years are recomputed for its boundaries.")
            % {
                "area": area.label,
                "date": _date(node.valid_from),
                "areas": ", ".join(areas[p].label for p in node.predecessors if p in areas),
            }
        )
    if node.valid_until:
        notes.append(
            _("%(area)s existed until %(date)s; its territory now belongs to %(areas)s.")
            % {
                "area": area.label,
                "date": _date(node.valid_until),
                "areas": ", ".join(areas[s].label for s in node.successors if s in areas),
            }
        )
    if board.is_recomputed:
        day = board.period.reference_day
        partial = (
            graph.partial_predecessors(area_id, day, board.ref_day) if graph.valid_on(area_id, board.ref_day) else []
        )
        if partial:
            names = ", ".join(sorted(graph.nodes[p].name for p in partial))
            notes.append(
                _(
                    "Not included: %(names)s, only part of which lies in %(area)s; "
                    "their figures count towards the areas above."
                )
                % {"names": names, "area": area.label}
            )
    return notes


def _date(day):
    return formats.date_format(day, "DATE_FORMAT")


def flat_rows(board):
    """The area itself, then the areas below it, with every public figure: for the CSV, JSON and API."""
    shown = shown_indicators(board.indicators)
    rows = [Row(board.area, [read(i, board.figures) for i in shown], board.figures)]
    rows.extend(Row(row.area, [read(i, row.figures) for i in shown], row.figures) for row in board.rows)
    return rows
