"""The geometry of the dashboard's small bar charts, drawn as SVG by the template.

One chart shape only (a value per year, with an optional target line): the data table next to
each chart carries the same figures for screen readers and for reading without images.
"""

from dataclasses import dataclass

WIDTH, HEIGHT = 320, 180
TOP, BOTTOM, LEFT, RIGHT = 24, 28, 8, 8


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    text: str
    label_x: float


def bars(points, percent=True, target=None):
    """points: [(label, value or None, text)] → bars scaled to 100 (percentages) or to the largest value."""
    values = [float(v) for _l, v, _t in points if v is not None]
    top = 100.0 if percent else max([*values, float(target or 0)], default=0) or 1.0
    inner_width = WIDTH - LEFT - RIGHT
    inner_height = HEIGHT - TOP - BOTTOM
    slot = inner_width / max(len(points), 1)
    width = slot * 0.6
    drawn = []
    for index, (label, value, text) in enumerate(points):
        height = 0 if value is None else inner_height * min(float(value), top) / top
        x = LEFT + index * slot + (slot - width) / 2
        drawn.append(
            Bar(
                x=round(x, 1),
                y=round(TOP + inner_height - height, 1),
                width=round(width, 1),
                height=round(height, 1),
                label=label,
                text=text or "–",
                label_x=round(x + width / 2, 1),
            )
        )
    target_y = None
    if target is not None:
        target_y = round(TOP + inner_height - inner_height * min(float(target), top) / top, 1)
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "bars": drawn,
        "baseline": TOP + inner_height,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "target_y": target_y,
        "label_y": HEIGHT - 8,
    }
