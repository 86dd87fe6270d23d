"""The reporting rules: what a version may change, what a report must hold, who may do what, and when.

Views, the admin, the spreadsheet import and the management commands all go through these
functions; figures for the public (roll-ups up the area tree) are in ``figures.py``.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.log_actions import log

from network.models import Organisation, OrganisationKind
from network.services import AreaGraph
from portal import cache as page_cache
from portal.tasks import enqueue_on_commit

from . import notifications, values
from .apps import FIGURES_TAG
from .models import (
    EDITABLE_STATUSES,
    Assignment,
    Evidence,
    IndicatorKind,
    Period,
    ReminderSent,
    ReportingLevel,
    Role,
    Status,
    Submission,
)

REPORT_PERMISSION = "reports.report_figures"
REVIEW_PERMISSION = "reports.review_figures"
MANAGE_PERMISSION = "reports.manage_figures"
# The groups the migration creates (0002_reporting_groups); a user's areas come from assignments.
REPORTER_GROUP = "Cán bộ báo cáo số liệu"
REVIEWER_GROUP = "Cán bộ duyệt số liệu"
MANAGER_GROUP = "Quản trị số liệu"
AREA_LEVELS = (ReportingLevel.PROVINCE, ReportingLevel.DISTRICT, ReportingLevel.COMMUNE)


class ReportError(Exception):
    """A step the rules do not allow, with the message to show."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# ------------------------------------------------------------------ indicator set versions

STRUCTURAL_FIELDS = (
    "kind",
    "numerator",
    "denominator",
    "title",
    "measure",
    "for_communes",
    "for_districts",
    "for_provinces",
    "for_units",
)


def version_structure(version):
    """A version's sections and indicators as plain dicts: what ``structure_errors`` compares."""
    sections = []
    for section in version.sections.all():
        indicators = [
            {"code": i.code, **{name: getattr(i, name) for name in STRUCTURAL_FIELDS}} for i in section.indicators.all()
        ]
        sections.append({"code": section.code, "indicators": indicators})
    return sections


def structure_errors(sections, frozen=None, periods=()):
    """What is wrong with a version's structure; with ``frozen``, what it may no longer change."""
    errors = []
    section_codes, indicators = [], {}
    for section in sections:
        code = section["code"].strip()
        if code in section_codes:
            errors.append(_("The section code %(code)s is used twice.") % {"code": code})
        section_codes.append(code)
        for indicator in section["indicators"]:
            if indicator["code"] in indicators:
                errors.append(_("The indicator code %(code)s is used twice.") % {"code": indicator["code"]})
            indicators[indicator["code"]] = indicator
    recognised, eligible = {}, {}
    for code, indicator in indicators.items():
        errors.extend(_indicator_errors(code, indicator, indicators))
        if indicator["measure"] and indicator["title"]:
            seen = recognised if indicator["measure"] == "recognised" else eligible
            if indicator["title"] in seen:
                errors.append(
                    _("%(first)s and %(second)s both count the same thing for the same title: keep one.")
                    % {"first": seen[indicator["title"]], "second": code}
                )
            seen[indicator["title"]] = code
    if frozen is not None:
        errors.extend(_frozen_errors(sections, frozen, periods))
    return errors


def _indicator_errors(code, indicator, indicators):
    errors = []
    kind = indicator["kind"]
    if kind == IndicatorKind.RATE:
        for part in ("numerator", "denominator"):
            other = indicators.get(indicator[part])
            if not indicator[part]:
                errors.append(_("The rate %(code)s needs the code of its %(part)s.") % {"code": code, "part": _(part)})
            elif other is None:
                errors.append(
                    _("The rate %(code)s refers to %(other)s, which is not in this version.")
                    % {"code": code, "other": indicator[part]}
                )
            elif other["kind"] not in (IndicatorKind.COUNT, IndicatorKind.MONEY):
                errors.append(
                    _("The rate %(code)s can only divide counts or amounts: %(other)s is not one.")
                    % {"code": code, "other": indicator[part]}
                )
    elif indicator["numerator"] or indicator["denominator"]:
        errors.append(_("Only a rate has a numerator and a denominator (%(code)s).") % {"code": code})
    if indicator["measure"] and (not indicator["title"] or kind != IndicatorKind.COUNT):
        errors.append(_("%(code)s: a recognised or eligible number is a count and names its title.") % {"code": code})
    levels = [indicator[f] for f in ("for_communes", "for_districts", "for_provinces")]
    if not any(levels) and not indicator["for_units"]:
        errors.append(_("Say who reports %(code)s.") % {"code": code})
    if indicator["for_units"] and any(levels):
        errors.append(
            _("%(code)s is reported either by areas or by education units, not both: their figures would add up twice.")
            % {"code": code}
        )
    return errors


def _frozen_errors(sections, frozen, periods):
    def flat(structure):
        return {i["code"]: i for s in structure for i in s["indicators"]}, [s["code"] for s in structure]

    new, new_sections = flat(sections)
    old, old_sections = flat(frozen)
    changed = sorted(set(new) ^ set(old))
    changed += sorted(code for code in set(new) & set(old) if new[code] != old[code])
    if sorted(new_sections) != sorted(old_sections):
        changed.append(_("sections"))
    if not changed:
        return []
    return [
        _(
            "This version is used by %(periods)s: its codes, types and formulas can no longer change "
            "(%(changed)s). Texts can. Create a new version for the next period instead."
        )
        % {"periods": ", ".join(str(p) for p in periods), "changed": ", ".join(changed)}
    ]


@transaction.atomic
def copy_version(version, user=None):
    """A new version of the same set with the same sections and indicators, ready to be revised."""
    from .models import Indicator, IndicatorSetVersion

    last = version.indicator_set.versions.order_by("-number").first()
    new = IndicatorSetVersion.objects.create(
        indicator_set=version.indicator_set,
        number=last.number + 1,
        label="",
        source=version.source,
        notes=_("Copied from version %(number)s.") % {"number": version.number},
    )
    for section in version.sections.all():
        indicators = list(section.indicators.all())
        section.pk = None
        section.version = new
        section.save()
        for indicator in indicators:
            indicator.pk = None
            indicator.section = section
        Indicator.objects.bulk_create(indicators)
    log(new, "wagtail.create", user=user, data={"copied_from": version.pk})
    return new


def indicators_of(version):
    """The version's indicators in reading order (section by section)."""
    from .models import Indicator

    return list(
        Indicator.objects.filter(section__version=version).order_by("section__sort_order", "section__pk", "sort_order")
    )


def indicators_for(period, level):
    return [i for i in indicators_of(period.version) if i.reported_by(level)]


# -------------------------------------------------------------------------- checking values


@dataclass
class Check:
    """Parsed values and what is wrong (errors: not saved) or surprising (warnings: saved) about them."""

    values: dict = field(default_factory=dict)
    errors: dict = field(default_factory=lambda: defaultdict(list))
    warnings: dict = field(default_factory=lambda: defaultdict(list))
    changed: dict = field(default_factory=dict)

    def error(self, code, message):
        self.errors[code].append(message)

    def warn(self, code, message):
        self.warnings[code].append(message)

    @property
    def ok(self):
        return not self.errors

    def messages(self, indicators):
        """Every error as “name: message”, in reading order."""
        names = {i.code: i.label for i in indicators}
        return [f"{names.get(code, code)}: {m}" for code, ms in self.errors.items() for m in ms]


def parse_values(indicators, raw):
    """Typed values (by indicator code) parsed; unparseable ones are errors and are left out."""
    check = Check()
    for indicator in indicators:
        if indicator.code not in raw or indicator.kind in (IndicatorKind.RATE, IndicatorKind.EVIDENCE):
            continue
        try:
            check.values[indicator.code] = values.parse(indicator.kind, raw[indicator.code])
        except values.InvalidValue as error:
            check.error(indicator.code, error.message)
    return check


def check_rules(indicators, check, previous=None, year=None, complete=False, evidence_codes=()):
    """Adds to ``check`` what breaks the rules across values (errors) and large jumps (warnings)."""
    found = check.values
    by_code = {i.code: i for i in indicators}
    for indicator in indicators:
        if indicator.kind == IndicatorKind.RATE:
            numerator, denominator = found.get(indicator.numerator), found.get(indicator.denominator)
            if numerator is not None and denominator is not None and numerator > denominator:
                check.error(
                    indicator.numerator,
                    _("%(part)s (%(value)s) cannot be more than %(whole)s (%(total)s).")
                    % {
                        "part": by_code[indicator.numerator].label,
                        "value": values.number(numerator),
                        "whole": by_code[indicator.denominator].label.lower(),
                        "total": values.number(denominator),
                    },
                )
        elif complete and indicator.required and indicator.code not in check.errors:
            missing = (
                indicator.code not in evidence_codes
                if indicator.kind == IndicatorKind.EVIDENCE
                else found.get(indicator.code) is None
            )
            if missing:
                check.error(
                    indicator.code,
                    _("Attach at least one document before sending.")
                    if indicator.kind == IndicatorKind.EVIDENCE
                    else _("Required before the report is sent."),
                )
    if previous:
        _jump_warnings(indicators, check, previous, year)
    return check


def _jump_warnings(indicators, check, previous, year):
    found = check.values
    points = settings.REPORTS_JUMP_RATE_POINTS
    ratio = settings.REPORTS_JUMP_RATIO
    last_year = (year - 1) if year else ""
    for indicator in indicators:
        if indicator.kind == IndicatorKind.RATE:
            now = values.rate(found.get(indicator.numerator), found.get(indicator.denominator))
            before = values.rate(previous.get(indicator.numerator), previous.get(indicator.denominator))
            if now is not None and before is not None and abs(now - before) > points:
                check.warn(
                    indicator.numerator,
                    _(
                        "%(name)s moves from %(before)s in %(year)s to %(now)s: a change of more than "
                        "%(points)s points. Check the figures; send them if they are right."
                    )
                    % {
                        "name": indicator.label,
                        "before": values.percent(before),
                        "now": values.percent(now),
                        "year": last_year,
                        "points": points,
                    },
                )
    for indicator in indicators:
        # A rate's warning already speaks for its numerator.
        if indicator.kind in (IndicatorKind.COUNT, IndicatorKind.MONEY) and indicator.code not in check.warnings:
            now, before = found.get(indicator.code), previous.get(indicator.code)
            if now is None or not isinstance(before, int) or before <= 0:
                continue
            if abs(now - before) >= settings.REPORTS_JUMP_MIN and abs(now - before) / before > ratio:
                check.warn(
                    indicator.code,
                    _(
                        "%(before)s in %(year)s, %(now)s now: a change of more than %(share)s%%. "
                        "Check the figure; send it if it is right."
                    )
                    % {
                        "before": values.number(before),
                        "now": values.number(now),
                        "year": last_year,
                        "share": int(ratio * 100),
                    },
                )


def previous_values(submission):
    """Last year's approved values of the same area or unit, in the same set, if any."""
    last = (
        Submission.objects.approved()
        .filter(
            period__indicator_set_id=submission.period.indicator_set_id,
            period__year=submission.period.year - 1,
            area_id=submission.area_id,
            organisation_id=submission.organisation_id,
        )
        .only("values")
        .first()
    )
    return last.values if last else {}


def check_submission(submission, raw=None, complete=False):
    """The report's values (merged with ``raw`` typed values, if given) checked against every rule."""
    indicators = indicators_for(submission.period, submission.level)
    typed = parse_values(indicators, raw or {})
    merged = Check(values={**submission.values, **typed.values}, errors=typed.errors)
    evidence = set(submission.evidence.exclude(indicator_code="").values_list("indicator_code", flat=True))
    check_rules(
        indicators,
        merged,
        previous=previous_values(submission),
        year=submission.period.year,
        complete=complete,
        evidence_codes=evidence,
    )
    return indicators, typed, merged


# -------------------------------------------------------------------------------- who may


@dataclass
class Scope:
    """What a user may see and do in the reports, from their assignments and groups."""

    user: object
    is_manager: bool = False
    report_areas: set = field(default_factory=set)
    report_units: set = field(default_factory=set)
    review_roots: set = field(default_factory=set)
    review_below: set = field(default_factory=set)

    @property
    def is_reporter(self):
        return bool(self.report_areas or self.report_units)

    @property
    def is_reviewer(self):
        return bool(self.review_roots)

    @property
    def has_access(self):
        return self.is_manager or self.is_reporter or self.is_reviewer

    def reports_for(self, area_id=None, organisation_id=None):
        if self.is_manager:
            return True
        if organisation_id:
            return organisation_id in self.report_units
        return area_id in self.report_areas

    def reviews(self, submission):
        """Reviewers look after the areas below theirs, and the education units in or below theirs."""
        if submission.organisation_id:
            return submission.area_id in self.review_below or submission.area_id in self.review_roots
        return submission.area_id in self.review_below

    def can_view(self, submission):
        return (
            self.is_manager
            or self.reports_for(submission.area_id, submission.organisation_id)
            or self.reviews(submission)
        )

    def can_edit(self, submission):
        return submission.status in EDITABLE_STATUSES and (
            self.is_manager or self.reports_for(submission.area_id, submission.organisation_id)
        )

    def can_review(self, submission):
        if self.is_manager:
            return True
        # Four eyes: a reviewer does not approve a report they sent themselves.
        return self.reviews(submission) and submission.submitted_by_id != self.user.pk

    def submissions(self, queryset=None):
        queryset = Submission.objects.all() if queryset is None else queryset
        if self.is_manager:
            return queryset
        condition = Q(pk__in=[])
        if self.report_areas:
            condition |= Q(organisation__isnull=True, area_id__in=self.report_areas)
        if self.report_units:
            condition |= Q(organisation_id__in=self.report_units)
        if self.review_roots:
            condition |= Q(organisation__isnull=True, area_id__in=self.review_below)
            condition |= Q(organisation__isnull=False, area_id__in=self.review_below | self.review_roots)
        return queryset.filter(condition)


def scope_for(user, graph=None):
    scope = Scope(user=user)
    if not user.is_authenticated or not user.is_active:
        return scope
    scope.is_manager = user.is_superuser or user.has_perm(MANAGE_PERMISSION)
    may_report, may_review = user.has_perm(REPORT_PERMISSION), user.has_perm(REVIEW_PERMISSION)
    for role, area_id, organisation_id in Assignment.objects.filter(user=user).values_list(
        "role", "area_id", "organisation_id"
    ):
        if role == Role.REPORTER and may_report:
            if organisation_id:
                scope.report_units.add(organisation_id)
            else:
                scope.report_areas.add(area_id)
        elif role == Role.REVIEWER and may_review and area_id:
            scope.review_roots.add(area_id)
    if scope.review_roots:
        graph = graph or AreaGraph()
        for root in scope.review_roots:
            if root in graph.nodes:
                scope.review_below.update(a for a in graph.descendants(root) if a != root)
    return scope


# ------------------------------------------------------------------------ what is expected


@dataclass(frozen=True)
class Expected:
    """A report the period expects: from an area of a level, or from an education unit."""

    level: str
    area_id: int
    organisation_id: int | None
    due: datetime.date

    @property
    def key(self):
        return f"o{self.organisation_id}" if self.organisation_id else f"a{self.area_id}"


def deadlines_of(period):
    return {deadline.level: deadline.due for deadline in period.deadlines.all()}


def expected_reports(period, graph=None):
    """Every area (of a level with a deadline, in force on the period's reference day, inside the
    provinces covered) and every active education unit there: who must report, and by when."""
    graph = graph or AreaGraph()
    day = period.reference_day
    deadlines = deadlines_of(period)
    covered = set(period.areas.values_list("pk", flat=True))

    def inside(area_id):
        return any(a in covered for a in graph.ancestors(area_id))

    expected = []
    for area_id in sorted(graph.areas_on(day), key=lambda a: graph.nodes[a].code):
        level = graph.nodes[area_id].level
        if level in deadlines and inside(area_id):
            expected.append(Expected(level, area_id, None, deadlines[level]))
    if ReportingLevel.UNIT in deadlines:
        units = Organisation.objects.filter(
            kind=OrganisationKind.SCHOOL, is_active=True, area__isnull=False
        ).values_list("pk", "area_id")
        for organisation_id, area_id in units.order_by("name"):
            cover = graph.cover(area_id, day)
            if cover is not None and inside(cover):
                expected.append(Expected(ReportingLevel.UNIT, area_id, organisation_id, deadlines[ReportingLevel.UNIT]))
    return expected


def is_expected(period, area_id=None, organisation_id=None, graph=None):
    return any(
        (e.organisation_id == organisation_id if organisation_id else (e.area_id == area_id and not e.organisation_id))
        for e in expected_reports(period, graph)
    )


@dataclass
class StatusRow:
    expected: Expected
    submission: Submission | None
    reporters: list

    @property
    def status(self):
        return self.submission.status if self.submission else None

    @property
    def is_in(self):
        return self.status in (Status.SUBMITTED, Status.APPROVED)

    def days_left(self, today):
        return (self.expected.due - today).days


def period_status(period, scope=None, graph=None):
    """Every expected report of the period with its submission (if any) and its reporters."""
    graph = graph or AreaGraph()
    expected = expected_reports(period, graph)
    submissions = Submission.objects.filter(period=period).select_related("area", "organisation")
    if scope is not None:
        submissions = scope.submissions(submissions)
    by_key = {(s.organisation_id and f"o{s.organisation_id}") or f"a{s.area_id}": s for s in submissions}
    reporters = defaultdict(list)
    for assignment in Assignment.objects.filter(role=Role.REPORTER).select_related("user"):
        key = f"o{assignment.organisation_id}" if assignment.organisation_id else f"a{assignment.area_id}"
        reporters[key].append(assignment.user)
    rows = []
    for item in expected:
        if scope is not None and not (
            scope.is_manager
            or scope.reports_for(item.area_id, item.organisation_id)
            or (item.organisation_id and item.area_id in scope.review_roots)
            or item.area_id in scope.review_below
        ):
            continue
        rows.append(StatusRow(item, by_key.get(item.key), reporters.get(item.key, [])))
    return rows


def overdue(period, today=None, scope=None, graph=None):
    """Expected reports past their deadline that have not been sent (or were returned and not sent again)."""
    today = today or timezone.localdate()
    return [row for row in period_status(period, scope, graph) if row.expected.due < today and not row.is_in]


# ---------------------------------------------------------------------------------- workflow


def _log(submission, action, user, **data):
    log(submission, action, user=user, data=data)


def _bump_figures(period_id):
    """The period's public figures change: a task rebuilds them once the approval is saved, so
    that the first visitor does not wait for it."""
    from . import tasks

    Period.objects.filter(pk=period_id).update(figures_stamp=F("figures_stamp") + 1)
    enqueue_on_commit(tasks.rebuild_figures, period_id)
    page_cache.invalidate(FIGURES_TAG)


def recognitions_changed(year):
    """The ``portal_recognitions_changed`` hook: a decision or a revocation elsewhere on the portal
    changed the recognised counts of ``year``; the periods that take them from the portal rebuild."""
    for period_id in Period.objects.filter(year=year, recognitions_from_portal=True).values_list("pk", flat=True):
        _bump_figures(period_id)


@transaction.atomic
def open_submission(period, user, area=None, organisation=None, graph=None):
    """The report of an area or unit for the period, created as an empty draft the first time."""
    if organisation is not None:
        area = organisation.area
    if area is None:
        raise ReportError(_("This education unit has no area yet: ask an editor to set it."))
    if not is_expected(period, area.pk, organisation.pk if organisation else None, graph):
        raise ReportError(
            _("%(place)s does not report in %(period)s.") % {"place": organisation or area, "period": period}
        )
    submission, created = Submission.objects.get_or_create(
        period=period,
        area=area,
        organisation=organisation,
        defaults={"is_demo": period.is_demo},
    )
    if created:
        _log(submission, "reports.submission.create", user)
    return submission


@transaction.atomic
def save_values(submission, raw, user, *, source="form"):
    """Saves the typed values if every one of them is valid; otherwise saves nothing and says why."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not submission.is_editable:
        raise ReportError(_("This report has been sent and can no longer be changed."))
    _indicators, typed, merged = check_submission(submission, raw)
    if not merged.ok:
        return merged
    changes = {
        code: [submission.values.get(code), value]
        for code, value in typed.values.items()
        if submission.values.get(code) != value
    }
    if changes:
        submission.values = {k: v for k, v in merged.values.items() if v is not None}
        submission.save(update_fields=["values", "updated_at"])
        _log(submission, "reports.submission.edit", user, changes=changes, source=source)
    merged.changed = changes
    return merged


@transaction.atomic
def submit(submission, user):
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not submission.is_editable:
        raise ReportError(_("This report has already been sent."))
    _indicators, _typed, check = check_submission(submission, complete=True)
    if not check.ok:
        raise ReportError(
            ngettext(
                "The report cannot be sent yet: %(count)s problem to fix.",
                "The report cannot be sent yet: %(count)s problems to fix.",
                sum(len(m) for m in check.errors.values()),
            )
            % {"count": sum(len(m) for m in check.errors.values())}
        )
    submission.status = Status.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.submitted_by = user
    submission.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    _log(submission, "reports.submission.submit", user, warnings=sum(len(m) for m in check.warnings.values()))
    transaction.on_commit(lambda: notifications.report_submitted(submission.pk))
    return check


@transaction.atomic
def withdraw(submission, user):
    """The reporter takes a sent report back to correct it, as long as nobody has reviewed it."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status != Status.SUBMITTED:
        raise ReportError(_("Only a report waiting for review can be taken back."))
    submission.status = Status.DRAFT
    submission.save(update_fields=["status", "updated_at"])
    _log(submission, "reports.submission.withdraw", user)
    return submission


@transaction.atomic
def approve(submission, user, comment=""):
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status != Status.SUBMITTED:
        raise ReportError(_("Only a report waiting for review can be approved."))
    submission.status = Status.APPROVED
    submission.reviewed_at = timezone.now()
    submission.reviewed_by = user
    submission.review_comment = comment.strip()
    submission.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_comment", "updated_at"])
    _bump_figures(submission.period_id)
    _log(submission, "reports.submission.approve", user, comment=submission.review_comment)
    transaction.on_commit(lambda: notifications.report_reviewed(submission.pk))
    return submission


@transaction.atomic
def return_for_correction(submission, user, comment):
    """Sends a waiting (or an approved) report back to its reporters, with what to correct."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status not in (Status.SUBMITTED, Status.APPROVED):
        raise ReportError(_("Only a report that has been sent can be returned."))
    if not comment.strip():
        raise ReportError(_("Say what needs to be corrected: the reporter reads this comment."))
    was_approved = submission.status == Status.APPROVED
    submission.status = Status.RETURNED
    submission.reviewed_at = timezone.now()
    submission.reviewed_by = user
    submission.review_comment = comment.strip()
    submission.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_comment", "updated_at"])
    if was_approved:
        _bump_figures(submission.period_id)
    _log(submission, "reports.submission.return", user, comment=submission.review_comment, reopened=was_approved)
    transaction.on_commit(lambda: notifications.report_reviewed(submission.pk))
    return submission


@transaction.atomic
def add_evidence(submission, user, title, uploaded_file, indicator_code="", is_public=True):
    if not submission.is_editable:
        raise ReportError(_("This report has been sent: documents can no longer be added."))
    evidence = Evidence.objects.create(
        submission=submission,
        title=title.strip() or uploaded_file.name,
        file=uploaded_file,
        indicator_code=indicator_code,
        is_public=is_public,
        uploaded_by=user,
    )
    _log(submission, "reports.evidence.add", user, title=evidence.title, indicator=indicator_code)
    return evidence


@transaction.atomic
def delete_evidence(evidence, user):
    submission = evidence.submission
    if not submission.is_editable:
        raise ReportError(_("This report has been sent: its documents can no longer be removed."))
    title = evidence.title
    evidence.file.delete(save=False)
    evidence.delete()
    _log(submission, "reports.evidence.delete", user, title=title)


# ------------------------------------------------------------------------------- reminders


@dataclass
class Reminder:
    period: Period
    expected: Expected
    days_before: int
    days_left: int
    recipients: list


def reminder_thresholds():
    return sorted({int(d) for d in settings.REPORTS_REMINDER_DAYS})


def due_reminders(today=None):
    """The reminders to send today: for each report not yet sent whose deadline is near, the
    nearest threshold reached (e.g. 7 days, then 1 day before), unless it was sent already."""
    today = today or timezone.localdate()
    thresholds = reminder_thresholds()
    if not thresholds:
        return []
    horizon = today + datetime.timedelta(days=thresholds[-1])
    periods = Period.objects.filter(deadlines__due__gte=today, deadlines__due__lte=horizon).distinct()
    sent = set(ReminderSent.objects.filter(period__in=periods).values_list("period_id", "key", "days_before"))
    graph = AreaGraph() if periods else None
    due = []
    for period in periods.prefetch_related("deadlines"):
        for row in period_status(period, graph=graph):
            days_left = row.days_left(today)
            if row.is_in or not 0 <= days_left <= thresholds[-1]:
                continue
            threshold = min(t for t in thresholds if t >= days_left)
            if (period.pk, row.expected.key, threshold) in sent:
                continue
            recipients = [u for u in row.reporters if u.is_active and u.email]
            due.append(Reminder(period, row.expected, threshold, days_left, recipients))
    return due


def send_reminders(today=None, dry_run=False):
    """Sends each due reminder once; returns the reminders (sent, or that would be sent)."""
    reminders = due_reminders(today)
    if dry_run:
        return reminders
    for reminder in reminders:
        if not reminder.recipients:
            continue
        with transaction.atomic():
            _record, created = ReminderSent.objects.get_or_create(
                period=reminder.period,
                key=reminder.expected.key,
                days_before=reminder.days_before,
                defaults={"recipients": ", ".join(u.email for u in reminder.recipients)},
            )
            if created:
                notifications.deadline_reminder(reminder)
    return reminders


def has_reports_access(user):
    """Whether the user has any part in the reports (without working out which areas)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.has_perm(MANAGE_PERMISSION):
        return True
    roles = set(Assignment.objects.filter(user=user).values_list("role", flat=True))
    return (Role.REPORTER in roles and user.has_perm(REPORT_PERMISSION)) or (
        Role.REVIEWER in roles and user.has_perm(REVIEW_PERMISSION)
    )
