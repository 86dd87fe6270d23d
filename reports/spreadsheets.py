"""The period's XLSX template, and its import with a line-by-line dry run.

The template has a sheet per level that reports (communes and wards, districts, education units):
one row per area or unit the user reports for, one column per figure, filled with what is saved
already. Importing checks every line as the form does; if any line is wrong nothing is saved, so a
bad file changes nothing. An empty cell keeps the saved value.
"""

import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from network.models import Area, Organisation
from network.services import AreaGraph

from . import services
from .models import IndicatorKind, ReportingLevel, Submission

NAMES_MARKER = "—"
UNIT_PREFIX = "DV"
CODE_HEADER = "ma"
LEVEL_SHEETS = [
    (ReportingLevel.PROVINCE, "Tinh-Thanh pho"),
    (ReportingLevel.DISTRICT, "Quan-Huyen"),
    (ReportingLevel.COMMUNE, "Xa-Phuong"),
    (ReportingLevel.UNIT, "Don vi giao duc"),
]


class ImportFileError(Exception):
    """The file as a whole cannot be used (not a template, another period's template, unreadable)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class ImportLine:
    sheet: str
    line: int
    code: str
    place: str = ""
    action: str = ""  # "updated", "unchanged", or "" when the line has errors
    changes: int = 0
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    raw: dict = field(default_factory=dict, repr=False)
    item: object = field(default=None, repr=False)

    def error(self, column, message):
        self.errors.append((column, message))


def _marker(period):
    return f"portal-reports:{period.pk}:{period.indicator_set.code}:{period.year}"


def _editable(indicators):
    return [i for i in indicators if i.kind not in (IndicatorKind.RATE, IndicatorKind.EVIDENCE)]


def unit_code(organisation_id):
    return f"{UNIT_PREFIX}{organisation_id}"


def template(period, scope, graph=None):
    """The period's template for the user's areas and units, as XLSX bytes."""
    rows = [
        row
        for row in services.period_status(period, scope, graph)
        if scope.reports_for(row.expected.area_id, row.expected.organisation_id)
    ]
    areas = Area.objects.in_bulk({r.expected.area_id for r in rows})
    units = Organisation.objects.in_bulk({r.expected.organisation_id for r in rows if r.expected.organisation_id})
    workbook = Workbook()
    workbook.properties.title = _marker(period)
    guide = workbook.active
    guide.title = "Huong dan"
    for line in (
        _("Template for %(period)s") % {"period": period},
        _("One row per area or education unit; one column per figure (its code first, then its name)."),
        _("Counts and amounts are whole numbers (1.234 or 1234); percentages lie between 0 and 100 (58,5)."),
        _("Answer yes/no figures with Có or Không."),
        _("An empty cell keeps the value already saved. Rates are computed: they have no column."),
        _("Upload the file under Figures reports › Import: every line is checked first."),
        _("Nothing is saved if any line is wrong."),
    ):
        guide.append([line])
    guide.column_dimensions["A"].width = 110
    guide["A1"].font = Font(bold=True, size=13)
    for level, sheet_name in LEVEL_SHEETS:
        level_rows = [r for r in rows if r.expected.level == level]
        indicators = _editable(services.indicators_for(period, level))
        if not level_rows or not indicators:
            continue
        sheet = workbook.create_sheet(sheet_name)
        sheet.append([CODE_HEADER, _("Area or unit"), *[i.code for i in indicators]])
        sheet.append([NAMES_MARKER, _("Status"), *[i.label + (f" ({i.unit})" if i.unit else "") for i in indicators]])
        for row in level_rows:
            submission = row.submission
            saved = submission.values if submission else {}
            if row.expected.organisation_id:
                code, name = unit_code(row.expected.organisation_id), units[row.expected.organisation_id].name
            else:
                area = areas[row.expected.area_id]
                code, name = area.code, area.name
            status = submission.get_status_display() if submission else pgettext("report", "Not started")
            sheet.append([code, f"{name} · {status}", *[_cell(i, saved.get(i.code)) for i in indicators]])
        _style(sheet, len(indicators))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(indicator, value):
    if value is None:
        return None
    if indicator.kind == IndicatorKind.YES_NO:
        return "Có" if value else "Không"
    return value


def _style(sheet, count):
    header, names = sheet[1], sheet[2]
    for cell in header:
        cell.font = Font(bold=True)
    for cell in names:
        cell.font = Font(italic=True, color="4B5563")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.fill = PatternFill("solid", fgColor="F3F6F9")
    sheet.freeze_panes = "C3"
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 42
    for index in range(3, count + 3):
        sheet.column_dimensions[get_column_letter(index)].width = 22
    sheet.row_dimensions[2].height = 60


def _read(upload):
    try:
        return load_workbook(upload, read_only=True, data_only=True)
    except Exception as error:
        raise ImportFileError(
            _("The file cannot be read as an XLSX workbook (%(error)s).") % {"error": error}
        ) from None


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def import_workbook(period, upload, user, scope, dry_run=True, graph=None):
    """Checks every line of the file (and saves them all, unless ``dry_run``, if none is wrong)."""
    workbook = _read(upload)
    try:
        marker = workbook.properties.title or ""
        if marker != _marker(period):
            raise ImportFileError(
                _("This file is not the template of %(period)s: download the period's template and fill that in.")
                % {"period": period}
            )
        sheets = {name: level for level, name in LEVEL_SHEETS}
        found = [s for s in workbook.worksheets if s.title in sheets]
        if not found:
            raise ImportFileError(_("The file has no sheet of figures."))
        graph = graph or AreaGraph()
        expected = {
            (unit_code(e.organisation_id) if e.organisation_id else graph.nodes[e.area_id].code): e
            for e in services.expected_reports(period, graph)
        }
        lines = []
        for sheet in found:
            lines.extend(_check_sheet(period, sheet, sheets[sheet.title], expected, scope))
    finally:
        workbook.close()
    if dry_run or any(line.errors for line in lines):
        return lines
    with transaction.atomic():
        for line in lines:
            if line.action == "updated":
                _save(period, line, user)
    return lines


def _check_sheet(period, sheet, level, expected, scope):
    rows = sheet.iter_rows(values_only=True)
    header = [_text(v) for v in next(rows, [])]
    every = services.indicators_for(period, level)
    indicators = {i.code: i for i in _editable(every)}
    lines = []
    if not header or header[0].lower() != CODE_HEADER:
        line = ImportLine(sheet.title, 1, "")
        line.error(
            "A1", _("The first column must be “%(name)s”, the codes of the areas or units.") % {"name": CODE_HEADER}
        )
        return [line]
    unknown = [code for code in header[2:] if code and code not in indicators]
    if unknown:
        line = ImportLine(sheet.title, 1, "")
        line.error("", _("Unknown figures for this level: %(codes)s.") % {"codes": ", ".join(unknown)})
        lines.append(line)
    seen = {}
    for number, row in enumerate(rows, start=2):
        cells = [_text(v) for v in row]
        if not any(cells) or (cells and cells[0] == NAMES_MARKER):
            continue
        code = cells[0]
        line = ImportLine(sheet.title, number, code)
        lines.append(line)
        if code in seen:
            line.error(CODE_HEADER, _("Repeats line %(line)s.") % {"line": seen[code]})
            continue
        seen[code] = number
        item = expected.get(code)
        if item is None or item.level != level:
            line.error(
                CODE_HEADER,
                _("%(code)s does not report at this level in %(period)s.") % {"code": code, "period": period},
            )
            continue
        if not scope.reports_for(item.area_id, item.organisation_id):
            line.error(CODE_HEADER, _("You are not assigned to report for %(code)s.") % {"code": code})
            continue
        raw = {
            header[i]: cells[i]
            for i in range(2, min(len(header), len(cells)))
            if header[i] in indicators and cells[i] != ""
        }
        _check_line(period, item, raw, every, line)
    return lines


def _check_line(period, item, raw, indicators, line):
    submission = (
        Submission.objects.filter(period=period, organisation_id=item.organisation_id)
        if item.organisation_id
        else Submission.objects.filter(period=period, area_id=item.area_id, organisation__isnull=True)
    ).first()
    if submission is not None and not submission.is_editable:
        line.error(
            CODE_HEADER,
            _("The report is %(status)s: it can no longer be changed.")
            % {"status": submission.get_status_display().lower()},
        )
        return
    if submission is None:
        submission = Submission(period=period, area_id=item.area_id, organisation_id=item.organisation_id)
    line.place = submission.place_label
    typed = services.parse_values(indicators, raw)
    merged = services.Check(values={**submission.values, **typed.values}, errors=typed.errors)
    previous = services.previous_values(submission)
    services.check_rules(indicators, merged, previous=previous, year=period.year)
    for code, messages in merged.errors.items():
        for message in messages:
            line.error(code, message)
    for code, messages in merged.warnings.items():
        line.warnings.extend((code, m) for m in messages)
    if not line.errors:
        changes = sum(1 for code, value in typed.values.items() if submission.values.get(code) != value)
        line.changes = changes
        line.action = "updated" if changes else "unchanged"
        line.raw = raw
        line.item = item


def _save(period, line, user):
    item = line.item
    if item.organisation_id:
        submission = services.open_submission(
            period, user, organisation=Organisation.objects.get(pk=item.organisation_id)
        )
    else:
        submission = services.open_submission(period, user, area=Area.objects.get(pk=item.area_id))
    check = services.save_values(submission, line.raw, user, source="import")
    if not check.ok:
        raise ImportFileError(_("Line %(line)s changed while importing: nothing was saved.") % {"line": line.line})
