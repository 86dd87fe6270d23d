"""What the public dashboard, its downloads and the figures API show, from the request's parameters.

Query count stays flat in the number of areas: the periods with their provinces and indicators
(three), the area and its parents (one), the areas below it (two: their counts, then the page of
them in the chosen order), its succession links (one), the stored figures shown (one) and the
campaign targets (one or two).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, Count, Exists, F, FloatField, Max, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce, Collate, NullIf
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from network.models import Area, AreaLevel, valid_on_q
from network.services import AreaGraph

from . import charts
from .figures import Lookup, columns, ensure_built, read, shown_indicators
from .models import AreaFigure, Indicator, IndicatorKind, Period
from .targets import source_line, targets_for

ROWS_PER_PAGE = 50
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
    children: list = field(default_factory=list)
    paginate: bool = True
    per_page: int = ROWS_PER_PAGE
    page_number: object = None
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


def build(indicator_set_id, params, default_area_id=None, paginate=True, framework_set_id=None, per_page=ROWS_PER_PAGE):
    """The dashboard for ``params`` (year, area code, basis, sort, order, page), or one without periods.

    ``framework_set_id``: the set of the report to UNESCO, whose years the page links to. An area read
    in its own year needs no area graph: its figures and its children's are stored; the graph is only
    built for figures seen through another year's map."""
    found = list(
        Period.objects.filter(
            indicator_set_id__in=[indicator_set_id, framework_set_id], year__lte=timezone.localdate().year + 1
        )
        .select_related("version__indicator_set")
        .prefetch_related("areas")
        .order_by("year")
    )
    periods = [p for p in found if p.indicator_set_id == indicator_set_id]
    board = Dashboard(
        indicator_set=None, periods=periods, paginate=paginate, page_number=params.get("page"), per_page=per_page
    )
    board.framework_years = [p.year for p in found if p.indicator_set_id == framework_set_id]
    if not periods:
        return board
    board.indicator_set = periods[0].version.indicator_set
    indicators_by_version = _indicators(periods)
    lookup = Lookup(AreaGraph, indicators_by_version)
    ensure_built(periods, lambda: lookup.graph)
    board.period = _choose_period(periods, _int(params.get("year")))
    board.indicators = indicators_by_version[board.period.version_id]
    provinces = {a.pk: a for p in periods for a in p.areas.all()}
    board.provinces = sorted(provinces.values(), key=lambda a: a.name)
    area = _area(params.get("area", ""), default_area_id, board.provinces)
    if area is None:
        return board
    board.area = area
    board.area_path = _path(area)
    board.basis = params.get("basis") if params.get("basis") in BASES else "time"
    day = board.period.reference_day
    board.ref_day = day if board.basis == "time" and area.is_valid_on(day) else _reference_day_of(area)
    board.columns = columns(board.indicators)
    shown_ids = _order(board, lookup, params, paginate)
    lookup.load(periods, [area.pk], [board.period] if board.ref_day == day else [], shown_ids)
    board.figures = lookup.get(board.period, area.pk, board.ref_day)
    recognised = lookup.recognised_titles(board.period)
    board.source = source_line(board.period, board.figures, recognised)
    targets = targets_for(indicator_set_id, [area.pk], board.years)
    shown = shown_indicators(board.indicators)
    parts = {code for i in shown if i.kind == IndicatorKind.RATE for code in (i.numerator, i.denominator)}
    board.cards = [
        Card(
            read(indicator, board.figures),
            source_line(board.period, board.figures, recognised, indicator),
            _first(targets.get((indicator.code, area.pk, board.period.year))),
        )
        for indicator in shown
        if indicator.code not in parts
        and (indicator.kind != IndicatorKind.YES_NO or board.figures.values.get(f"{indicator.code}|n"))
    ]
    _rows(board, lookup)
    _trend(board, lookup, area, indicators_by_version, targets)
    board.notes = _notes(lookup, board, area)
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


class Place:
    """An area as a row of the table shows it (lighter than the model, whose rows can number thousands)."""

    __slots__ = ("code", "level", "name", "name_en", "pk")

    def __init__(self, pk, code, name, name_en, level):
        self.pk, self.code, self.name, self.name_en, self.level = pk, code, name, name_en, level

    @property
    def label(self):
        return self.name_en if translation.get_language() == "en" and self.name_en else self.name


def _area(code, default_area_id, provinces):
    """The area asked for by its code, else the page's city, else the first province with figures."""
    wanted = Q(code=code) if code else Q(pk__in=[])
    if default_area_id:
        wanted |= Q(pk=default_area_id)
    found = list(Area.objects.select_related("parent__parent").filter(wanted))
    chosen = next((a for a in found if a.code == code), None) or next(iter(found), None)
    return chosen or (provinces[0] if provinces else None)


def _path(area):
    path = []
    while area is not None:
        path.append(area)
        area = area.parent
    return list(reversed(path))


def _reference_day_of(area):
    """A day on which the area is in force: today, or its last day, or its first."""
    today = timezone.localdate()
    if area.is_valid_on(today):
        return today
    if area.valid_until is not None and area.valid_until < today:
        return area.valid_until
    return area.valid_from


def _children(area, day):
    places = Area.objects.filter(valid_on_q(day), parent=area)
    return [Place(**row) for row in places.order_by("code").values("pk", "code", "name", "name_en", "level")]


def _order(board, lookup, params, paginate):
    """Sorts the areas below by the chosen column; returns those whose figures the page shows.

    In the period's own map the database sorts them, reading only the chosen figure of each area
    from the stored figures, and returns one page: a province of 3,000 communes shows its first 50
    in two queries (the counts, the page), whichever the column and however many areas."""
    codes = {c.code: c for c in board.columns}
    board.sort = params.get("sort") if params.get("sort") in codes else "name"
    board.order = "desc" if params.get("order") == "desc" else "asc"
    stored_map = board.ref_day == board.period.reference_day and not lookup.recognised_titles(board.period)
    if not (paginate and stored_map):
        board.children = _children(board.area, board.ref_day)
        _level(board, board.children)
        return [c.pk for c in board.children]
    children = Area.objects.filter(valid_on_q(board.ref_day), parent=board.area)
    stored = AreaFigure.objects.filter(period=board.period, area=OuterRef("pk"))
    summary = children.aggregate(
        total=Count("pk"),
        levels=Count("level", distinct=True),
        level=Max("level"),
        with_figures=Sum(Case(When(Exists(stored.filter(Q(sources__gt=0) | Q(reported=True))), then=1), default=0)),
    )
    board.children_level = AreaLevel(summary["level"]).label if summary["levels"] == 1 else ""
    board.children_with_figures = summary["with_figures"] or 0
    annotations, order = _sql_order(board, codes.get(board.sort), stored)
    ordered = children.annotate(label=_label(), **annotations).order_by(*order)
    paginator = Paginator(ordered.values("pk", "code", "name", "name_en", "level"), board.per_page)
    paginator.count = summary["total"]  # counted above with the rest: no second COUNT
    board.page = paginator.get_page(params.get("page"))
    board.page.object_list = [Place(**row) for row in board.page.object_list]
    return [place.pk for place in board.page.object_list]


def _label():
    """An area's name as the table shows it, compared code point by code point as Python does."""
    label = F("name")
    if translation.get_language() == "en":
        label = Coalesce(NullIf("name_en", Value("")), "name")
    return Collate(label, "C") if connection.vendor == "postgresql" else label


def _sql_order(board, indicator, stored):
    """``_sort`` in SQL: by name, or by the figure with the areas that have none last, then by code
    (the order ``_children`` reads them in, which Python's stable sort keeps for equal names)."""
    descending = board.order == "desc"
    label = F("label").desc() if descending else F("label").asc()
    if board.sort == "name" or indicator is None:
        return {}, [label, "code"]
    code = indicator.code
    if indicator.kind == IndicatorKind.RATE:
        part = lambda suffix: Cast(KT(f"values__{code}|{suffix}"), FloatField())  # noqa: E731
        figure = part("n") / NullIf(part("d"), Value(0.0))
    else:
        figure = Cast(KT(f"values__{code}"), FloatField())
    missing = Case(When(Q(sort_value__isnull=True), then=Value(1)), default=Value(0))
    missing_label = Case(When(Q(sort_value__isnull=True), then=F("label")))
    return {"sort_value": Subquery(stored.annotate(key=figure).values("key")[:1])}, [
        missing.asc(),
        F("sort_value").desc() if descending else F("sort_value").asc(),
        missing_label.asc(),
        label,
        "code",
    ]


def _level(board, children):
    levels = {c.level for c in children}
    board.children_level = AreaLevel(levels.pop()).label if len(levels) == 1 else ""


def _sort(board, items, key, label):
    """By name, or by the chosen figure with the areas that have none last, whichever the order."""
    descending = board.order == "desc"
    if board.sort == "name":
        return sorted(items, key=label, reverse=descending)
    present = [item for item in items if key(item) is not None]
    missing = [item for item in items if key(item) is None]
    present.sort(key=lambda item: (key(item), label(item)), reverse=descending)
    return present + sorted(missing, key=label)


def _rows(board, lookup):
    """The rows the page shows (or, for a download, every row), with their figures."""
    places = board.page.object_list if board.page is not None else board.children
    rows = []
    for place in places:
        figures = lookup.get(board.period, place.pk, board.ref_day)
        rows.append(Row(place, [read(indicator, figures) for indicator in board.columns], figures))
    if board.page is not None:
        board.page.object_list = rows
        board.rows = rows
        return
    board.children_with_figures = sum(1 for r in rows if r.has_figures)
    board.rows = _sort(board, rows, lambda r: r.reading(board.sort).sort_key, lambda r: r.area.label)
    if board.paginate:
        board.page = Paginator(board.rows, board.per_page).get_page(board.page_number)


def _trend(board, lookup, area, indicators_by_version, targets):
    trend_codes = [i.code for i in board.columns]
    board.trend_indicators = board.columns
    for period in board.periods:
        day = period.reference_day
        ref_day = day if board.basis == "time" and area.is_valid_on(day) else _reference_day_of(area)
        figures = lookup.get(period, area.pk, ref_day)
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
        goal = _first(targets.get((indicator.code, area.pk, board.period.year)))
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


def _notes(lookup, board, area):
    """What a reader needs to know about the area's boundaries over time."""
    links = Area.successors.through.objects.filter(Q(from_area=area) | Q(to_area=area)).select_related(
        "from_area", "to_area"
    )
    predecessors = [link.from_area for link in links if link.to_area_id == area.pk]
    successors = [link.to_area for link in links if link.from_area_id == area.pk]
    notes = []
    merged = [p for p in predecessors if p.level == area.level and p.valid_until]
    if merged:
        notes.append(
            _("Since %(date)s %(area)s also covers the former %(areas)s.")
            % {
                "date": _date(min(p.valid_until for p in merged) + datetime.timedelta(days=1)),
                "area": area.label,
                "areas": ", ".join(p.label for p in merged),
            }
        )
    elif area.valid_from and predecessors:
        notes.append(
            _("%(area)s was formed on %(date)s from %(areas)s. Earlier years are recomputed for its boundaries.")
            % {"area": area.label, "date": _date(area.valid_from), "areas": ", ".join(p.label for p in predecessors)}
        )
    if area.valid_until:
        notes.append(
            _("%(area)s existed until %(date)s; its territory now belongs to %(areas)s.")
            % {"area": area.label, "date": _date(area.valid_until), "areas": ", ".join(s.label for s in successors)}
        )
    if board.is_recomputed and area.is_valid_on(board.ref_day):
        graph = lookup.graph
        partial = graph.partial_predecessors(area.pk, board.period.reference_day, board.ref_day)
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
