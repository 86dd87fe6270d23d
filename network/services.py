"""The network's rules: how areas fit together over time, and the directory of learning centres.

Roll-ups follow succession links and never count a place twice. Each area with a figure of the
given day adds it to the area that, on the reference day, covers its whole territory (its
*cover*), and to that area's ancestors. A commune that was split between two new wards is
covered by their common ancestor (the city), so it is counted in the city's total and in
neither ward's. Where a district reported and its wards did too, the district's figure is used
at and above the district's cover, and the wards' figures only below it.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from search.text import fold

from . import models


@dataclass
class _Node:
    id: int
    code: str
    name: str
    level: str
    parent_id: int | None
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    successors: list = field(default_factory=list)
    predecessors: list = field(default_factory=list)

    def valid_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or self.valid_until >= day
        )


@dataclass
class Rollup:
    """Summed figures of an area, and how many reporting areas they come from."""

    values: dict = field(default_factory=dict)
    sources: int = 0

    def add(self, values, sources):
        for key, value in values.items():
            if value is not None:
                self.values[key] = self.values.get(key, 0) + value
        self.sources += sources


def reference_day(year):
    """The day on which a year's figures are attributed to areas: the year's last day."""
    return datetime.date(year, 12, 31)


class AreaGraph:
    """Every area with its parent and succession links, read in two queries."""

    def __init__(self):
        self.nodes = {
            row["id"]: _Node(**row)
            for row in models.Area.objects.values(
                "id", "code", "name", "level", "parent_id", "valid_from", "valid_until"
            )
        }
        for from_id, to_id in models.Area.successors.through.objects.values_list("from_area_id", "to_area_id"):
            self.nodes[from_id].successors.append(to_id)
            self.nodes[to_id].predecessors.append(from_id)
        self.children = defaultdict(list)
        for node in self.nodes.values():
            if node.parent_id:
                self.children[node.parent_id].append(node.id)
        self._covers = {}

    def valid_on(self, area_id, day):
        return self.nodes[area_id].valid_on(day)

    def areas_on(self, day):
        return [node.id for node in self.nodes.values() if node.valid_on(day)]

    def ancestors(self, area_id):
        """The area and the areas above it, nearest first."""
        chain = []
        while area_id is not None and area_id not in chain:
            chain.append(area_id)
            area_id = self.nodes[area_id].parent_id
        return chain

    def descendants(self, area_id, day=None):
        """The area and every area below it (on ``day``, when given)."""
        found, stack = [], [area_id]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(c for c in self.children[current] if day is None or self.nodes[c].valid_on(day))
        return found

    def common_ancestor(self, area_ids):
        area_ids = list(area_ids)
        if not area_ids:
            return None
        common = self.ancestors(area_ids[0])
        for area_id in area_ids[1:]:
            chain = set(self.ancestors(area_id))
            common = [a for a in common if a in chain]
        return common[0] if common else None

    def cover(self, area_id, day):
        """The area in force on ``day`` whose territory includes all of ``area_id``'s, or None."""
        key = (area_id, day)
        if key not in self._covers:
            self._covers[key] = None  # guards against a cycle in badly entered links
            self._covers[key] = self._cover(area_id, day)
        return self._covers[key]

    def _cover(self, area_id, day):
        node = self.nodes[area_id]
        if node.valid_on(day):
            return area_id
        ended = node.valid_until is not None and node.valid_until < day
        links = node.successors if ended else node.predecessors
        covers = [c for c in (self.cover(link, day) for link in links) if c is not None]
        if covers:
            return self.common_ancestor(covers)
        if node.parent_id is not None:
            return self.cover(node.parent_id, day)
        return None

    def reference_day_of(self, area_id, today=None):
        """A day on which the area is in force: today, or its last day, or its first."""
        node, today = self.nodes[area_id], today or datetime.date.today()
        if node.valid_on(today):
            return today
        if node.valid_until is not None and node.valid_until < today:
            return node.valid_until
        return node.valid_from

    def rollup(self, values, day, ref_day):
        """Sum figures of the areas in force on ``day`` into the areas in force on ``ref_day``.

        ``values`` maps an area id to a dict of numbers (e.g. recognised, eligible). Returns a
        dict from area id (in force on ``ref_day``) to a ``Rollup``.
        """
        own = {a: v for a, v in values.items() if a in self.nodes and self.nodes[a].valid_on(day)}
        result = defaultdict(Rollup)
        for area_id, figures in own.items():
            cover = self.cover(area_id, ref_day)
            if cover is None:
                continue
            stop = set()
            above = self._nearest_reporting_ancestor(area_id, own, day)
            if above is not None and (above_cover := self.cover(above, ref_day)) is not None:
                stop = set(self.ancestors(above_cover))
            for target in self.ancestors(cover):
                if target in stop:
                    break
                result[target].add(figures, 1)
        return dict(result)

    def _nearest_reporting_ancestor(self, area_id, own, day):
        parent_id = self.nodes[area_id].parent_id
        while parent_id is not None and self.nodes[parent_id].valid_on(day):
            if parent_id in own:
                return parent_id
            parent_id = self.nodes[parent_id].parent_id
        return None

    def partial_predecessors(self, area_id, day, ref_day):
        """Areas of ``day`` that gave part of their territory to ``area_id`` but are counted above it.

        A ward formed from a whole ward and half of another cannot claim the half's figures;
        the page says so rather than show a figure that looks complete.
        """
        inside = set(self.descendants(area_id, ref_day))
        partial = []
        for candidate in self.areas_on(day):
            cover = self.cover(candidate, ref_day)
            if cover is None or cover in inside:
                continue
            reach, stack, seen = False, [candidate], set()
            while stack and not reach:
                current = stack.pop()
                if current in seen:
                    continue
                seen.add(current)
                node = self.nodes[current]
                if node.valid_on(ref_day):
                    reach = current in inside
                    continue
                stack.extend(
                    node.successors if (node.valid_until and node.valid_until < ref_day) else node.predecessors
                )
            if reach:
                partial.append(candidate)
        return partial


# ---------------------------------------------------------------------------- the directory


def _matches(centre, terms):
    haystack = fold(
        " ".join(filter(None, [centre.name, centre.name_en, centre.address, centre.area and centre.area.name]))
    )
    return all(term in haystack for term in terms)


def directory_areas(day=None):
    """Provinces or cities, and the communes and wards under them, that have a centre."""
    day = day or datetime.date.today()
    area_ids = set(models.Organisation.objects.learning_centres().exclude(area=None).values_list("area_id", flat=True))
    if not area_ids:
        return []
    graph = AreaGraph()
    provinces = {}
    for area_id in area_ids:
        chain = graph.ancestors(area_id)
        top = chain[-1]
        provinces.setdefault(top, set()).update(a for a in chain if a != top)
    areas = {a.pk: a for a in models.Area.objects.filter(pk__in=set(provinces) | set().union(*provinces.values()))}
    return [
        {"province": areas[top], "areas": sorted((areas[a] for a in below), key=lambda a: a.name)}
        for top, below in sorted(provinces.items(), key=lambda item: areas[item[0]].name)
    ]


def find_centres(area=None, text=""):
    """Active community learning centres, in an area (and the areas below it), matching every word."""
    centres = models.Organisation.objects.learning_centres().select_related("area", "area__parent")
    if area is not None:
        below = AreaGraph().descendants(area.pk)
        centres = centres.filter(Q(area_id__in=below))
    terms = fold(text).split()
    centres = list(centres.order_by("name"))
    if terms:
        centres = [c for c in centres if _matches(c, terms)]
    return centres
