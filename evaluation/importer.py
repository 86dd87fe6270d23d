"""Criteria sets to and from XLSX: how editors load the official text, and how they get a template.

A workbook has two sheets. "Thông tin" holds one setting per row (label in column A, value in
column B): title, version, name, legal basis, points needed, criteria to meet, sample (có/không),
introduction. "Tiêu chí" has a header row, then one criterion per row: group, code, criterion,
guidance, kind (điểm / có-không / số), points, target, unit, mandatory (x), evidence required (x).

An import always creates a new version; it never changes a set that exists, so no past
assessment can change (``--dry-run`` and the admin's preview check everything and save nothing).
"""

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from network.models import LearningTitle
from search.text import fold

from .models import CriteriaSet, Criterion, CriterionKind
from .scoring import number

INFO_SHEET, CRITERIA_SHEET = "Thông tin", "Tiêu chí"
INFO_ROWS = [
    ("title", "Danh hiệu"),
    ("version", "Phiên bản"),
    ("name", "Tên bộ tiêu chí"),
    ("legal_basis", "Văn bản"),
    ("pass_points", "Điểm cần đạt"),
    ("min_criteria_met", "Số tiêu chí tối thiểu phải đạt"),
    ("is_sample", "Bộ tiêu chí mẫu"),
    ("introduction", "Giới thiệu"),
]
COLUMNS = [
    ("group", "Nhóm"),
    ("code", "Mã"),
    ("text", "Tiêu chí"),
    ("guidance", "Hướng dẫn"),
    ("kind", "Loại"),
    ("max_points", "Điểm"),
    ("target", "Mức đạt"),
    ("unit", "Đơn vị"),
    ("mandatory", "Bắt buộc"),
    ("requires_evidence", "Cần minh chứng"),
]
KIND_WORDS = {
    CriterionKind.POINTS: ["diem", "points", "point"],
    CriterionKind.YES_NO: ["co/khong", "co-khong", "co khong", "yes/no", "yes_no", "yes-no"],
    CriterionKind.NUMBER: ["so", "number", "con so"],
}
TRUE_WORDS = {"x", "co", "yes", "true", "1", "bat buoc"}
MAX_CRITERIA = 500


@dataclass
class ImportResult:
    values: dict = field(default_factory=dict)
    criteria: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    criteria_set: CriteriaSet | None = None

    @property
    def ok(self):
        return not self.errors


def _key(text):
    return " ".join(fold(str(text or "")).split())


def _title(value):
    wanted = _key(value)
    for choice in LearningTitle:
        with translation.override("vi"):
            vietnamese = _key(choice.label)
        with translation.override("en"):
            english = _key(choice.label)
        if wanted in (choice.value.replace("_", " "), _key(choice.value), vietnamese, english):
            return choice.value
    return None


def _kind(value):
    wanted = _key(value)
    for kind, words in KIND_WORDS.items():
        if wanted in words:
            return kind
    return None


def _flag(value):
    return _key(value) in TRUE_WORDS


def _read_info(sheet, result):
    labels = {_key(label): name for name, label in INFO_ROWS}
    labels.update({name: name for name, _label in INFO_ROWS})
    values = {}
    for row in sheet.iter_rows(min_row=1, max_col=2, values_only=True):
        if row and row[0] is not None and _key(row[0]) in labels:
            values[labels[_key(row[0])]] = row[1]
    title = _title(values.get("title"))
    if title is None:
        result.errors.append(_("Sheet “%(sheet)s”: the title is missing or unknown.") % {"sheet": INFO_SHEET})
    for name in ("version", "name"):
        if not str(values.get(name) or "").strip():
            label = dict(INFO_ROWS)[name]
            result.errors.append(
                _("Sheet “%(sheet)s”: “%(label)s” is missing.") % {"sheet": INFO_SHEET, "label": label}
            )
    pass_points = number(values.get("pass_points") or 0)
    if pass_points is None or pass_points < 0:
        result.errors.append(_("Sheet “%(sheet)s”: the points needed must be a number.") % {"sheet": INFO_SHEET})
    min_met = number(values.get("min_criteria_met") or 0)
    if min_met is None or min_met < 0 or min_met != int(min_met):
        result.errors.append(
            _("Sheet “%(sheet)s”: the criteria to meet must be a whole number.") % {"sheet": INFO_SHEET}
        )
    result.values = {
        "title": title,
        "version": str(values.get("version") or "").strip()[:40],
        "name": str(values.get("name") or "").strip()[:255],
        "legal_basis": str(values.get("legal_basis") or "").strip()[:255],
        "pass_points": pass_points or Decimal(0),
        "min_criteria_met": int(min_met or 0),
        "is_sample": _flag(values.get("is_sample")),
        "introduction": str(values.get("introduction") or "").strip(),
    }


def _read_criteria(sheet, result):
    rows = sheet.iter_rows(values_only=True)
    header = [_key(cell) for cell in next(rows, [])]
    positions = {}
    for name, label in COLUMNS:
        for candidate in (_key(label), name):
            if candidate in header:
                positions[name] = header.index(candidate)
                break
    for name in ("code", "text", "kind"):
        if name not in positions:
            result.errors.append(
                _("Sheet “%(sheet)s”: the column “%(column)s” is missing.")
                % {"sheet": CRITERIA_SHEET, "column": dict(COLUMNS)[name]}
            )
    if result.errors:
        return
    group, codes = "", set()
    for line, row in enumerate(rows, start=2):

        def cell(name, row=row):
            index = positions.get(name)
            value = row[index] if index is not None and index < len(row) else None
            return "" if value is None else str(value).strip()

        if not any(cell(name) for name, _label in COLUMNS):
            continue
        group = cell("group") or group
        code = cell("code")
        where = _("Sheet “%(sheet)s”, row %(row)s") % {"sheet": CRITERIA_SHEET, "row": line}
        errors = []
        kind = _kind(cell("kind"))
        max_points = number(cell("max_points") or 0)
        target = number(cell("target")) if cell("target") else None
        if not code:
            errors.append(_("the code is missing"))
        elif code in codes:
            errors.append(_("the code %(code)s is used twice") % {"code": code})
        if not cell("text"):
            errors.append(_("the criterion's text is missing"))
        if not group:
            errors.append(_("the group is missing"))
        if kind is None:
            errors.append(_("the kind must be “điểm”, “có/không” or “số”"))
        if max_points is None or max_points < 0:
            errors.append(_("the points must be a number"))
        if cell("target") and (target is None or target < 0):
            errors.append(_("the target must be a number"))
        if kind == CriterionKind.NUMBER and target is None:
            errors.append(_("a number criterion needs its target"))
        if kind == CriterionKind.POINTS and not max_points:
            errors.append(_("a points criterion needs its points"))
        if errors:
            result.errors.append(f"{where}: {'; '.join(errors)}.")
            continue
        codes.add(code)
        result.criteria.append(
            {
                "group": group[:255],
                "code": code[:20],
                "text": cell("text"),
                "guidance": cell("guidance"),
                "kind": kind,
                "max_points": max_points,
                "target": target,
                "unit": cell("unit")[:40],
                "mandatory": _flag(cell("mandatory")),
                "requires_evidence": _flag(cell("requires_evidence")),
            }
        )
    if not result.criteria and not result.errors:
        result.errors.append(_("Sheet “%(sheet)s” has no criteria.") % {"sheet": CRITERIA_SHEET})
    if len(result.criteria) > MAX_CRITERIA:
        result.errors.append(_("A set holds at most %(count)s criteria.") % {"count": MAX_CRITERIA})


def read(source):
    """Check a workbook (a path or a file object) and return what it would import, with every error."""
    result = ImportResult()
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception:
        result.errors.append(_("The file is not an Excel workbook (.xlsx)."))
        return result
    for name in (INFO_SHEET, CRITERIA_SHEET):
        if name not in workbook.sheetnames:
            result.errors.append(_("The workbook has no sheet “%(sheet)s”.") % {"sheet": name})
    if result.errors:
        return result
    _read_info(workbook[INFO_SHEET], result)
    _read_criteria(workbook[CRITERIA_SHEET], result)
    values = result.values
    if values.get("title") and CriteriaSet.objects.filter(title=values["title"], version=values["version"]).exists():
        result.errors.append(
            _("Version “%(version)s” of this title exists already: give the new text another version.")
            % {"version": values["version"]}
        )
    return result


def import_criteria(source, *, dry_run=False):
    """Read and, unless ``dry_run`` or anything is wrong, create the new criteria set."""
    result = read(source)
    if not result.ok or dry_run:
        return result
    with transaction.atomic():
        criteria_set = CriteriaSet(**result.values)
        criteria_set.save()
        Criterion.objects.bulk_create(
            Criterion(criteria_set=criteria_set, sort_order=position, **spec)
            for position, spec in enumerate(result.criteria)
        )
    result.criteria_set = criteria_set
    return result


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral() else int(value)
    return value


def export_criteria(criteria_set):
    """The set as a workbook in the import's format: the template editors start from."""
    workbook = Workbook()
    info = workbook.active
    info.title = INFO_SHEET
    with translation.override("vi"):
        title = criteria_set.get_title_display()
    values = {
        "title": title,
        "version": criteria_set.version,
        "name": criteria_set.name,
        "legal_basis": criteria_set.legal_basis,
        "pass_points": _plain(criteria_set.pass_points),
        "min_criteria_met": criteria_set.min_criteria_met,
        "is_sample": "có" if criteria_set.is_sample else "không",
        "introduction": criteria_set.introduction,
    }
    for name, label in INFO_ROWS:
        info.append([label, values[name]])
    for cell in info["A"]:
        cell.font = Font(bold=True)
    info.column_dimensions["A"].width = 32
    info.column_dimensions["B"].width = 70
    sheet = workbook.create_sheet(CRITERIA_SHEET)
    sheet.append([label for _name, label in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    kinds = {CriterionKind.POINTS: "điểm", CriterionKind.YES_NO: "có/không", CriterionKind.NUMBER: "số"}
    for criterion in criteria_set.criteria.all():
        sheet.append(
            [
                criterion.group,
                criterion.code,
                criterion.text,
                criterion.guidance,
                kinds[criterion.kind],
                _plain(criterion.max_points),
                _plain(criterion.target),
                criterion.unit,
                "x" if criterion.mandatory else "",
                "x" if criterion.requires_evidence else "",
            ]
        )
    for letter, width in zip("ABCDEFGHIJ", (28, 8, 60, 40, 10, 8, 10, 12, 10, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
