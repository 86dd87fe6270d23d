"""The report to UNESCO for a year: the framework's areas, areas of focus and key features, with the
city's approved values, its narrative per area of focus and links to the evidence."""

import io
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from network.services import AreaGraph

from .figures import Lookup, read
from .models import Evidence, IndicatorKind, Period, Submission
from .services import indicators_of


@dataclass
class Item:
    indicator: object
    text: str = ""
    evidence: list = field(default_factory=list)

    @property
    def is_narrative(self):
        return self.indicator.kind == IndicatorKind.TEXT


@dataclass
class ReportSection:
    section: object
    items: list = field(default_factory=list)

    @property
    def depth(self):
        return self.section.depth

    @property
    def narratives(self):
        return [i for i in self.items if i.is_narrative]

    @property
    def figures(self):
        return [i for i in self.items if not i.is_narrative]


@dataclass
class UnescoReport:
    period: object
    area: object
    sections: list
    submission: object = None
    general_evidence: list = field(default_factory=list)

    @property
    def has_samples(self):
        return any(s.section.is_sample or any(i.indicator.is_sample for i in s.items) for s in self.sections)


def build(framework_set, year, area, evidence_url):
    """The report, or None when the framework has no period for that year.

    ``evidence_url(evidence)`` gives the public address of an evidence document."""
    period = (
        Period.objects.filter(indicator_set=framework_set, year=year).select_related("version__indicator_set").first()
    )
    if period is None:
        return None
    indicators = indicators_of(period.version)
    graph = AreaGraph()
    lookup = Lookup(graph, {period.version_id: indicators})
    lookup.load([period], [area.pk])
    figures = lookup.get(period, area.pk)
    submission = Submission.objects.approved().filter(period=period, area=area, organisation__isnull=True).first()
    answers = submission.values if submission else {}
    evidence = list(Evidence.objects.filter(submission=submission, is_public=True).order_by("pk")) if submission else []
    by_code = {}
    for document in evidence:
        by_code.setdefault(document.indicator_code, []).append((document, evidence_url(document)))
    sections = []
    by_section = {}
    for section in period.version.sections.all():
        entry = ReportSection(section)
        sections.append(entry)
        by_section[section.pk] = entry
    for indicator in indicators:
        if not indicator.is_public:
            continue
        if indicator.kind == IndicatorKind.TEXT:
            text = answers.get(indicator.code, "")
        elif indicator.kind == IndicatorKind.EVIDENCE:
            text = ""
        else:
            text = read(indicator, figures).text
        by_section[indicator.section_id].items.append(Item(indicator, text, by_code.get(indicator.code, [])))
    sections.sort(key=lambda s: [int(p) if p.isdigit() else p for p in s.section.code.split(".")])
    return UnescoReport(period, area, sections, submission, by_code.get("", []))


def workbook(report, language):
    """The report as XLSX: one row per heading and per indicator, with values and evidence links."""
    with translation.override(language):
        book = Workbook()
        sheet = book.active
        sheet.title = f"UNESCO {report.period.year}"
        sheet.append([_("Report to the UNESCO Global Network of Learning Cities")])
        sheet.append([f"{report.area.label} · {report.period}"])
        if report.has_samples:
            sheet.append([_("Texts marked “sample” are not official: replace them before sending.")])
        sheet.append([])
        header = [
            _("Code"),
            _("Heading or indicator"),
            _("In English"),
            pgettext("indicator", "Type"),
            _("Value"),
            pgettext("measure", "Unit"),
            _("Evidence"),
        ]
        sheet.append(header)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for entry in report.sections:
            section = entry.section
            sample = f" ({_('sample')})" if section.is_sample else ""
            sheet.append([section.code, section.name + sample, section.name_en])
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True, size=13 - min(entry.depth, 3))
            for item in entry.items:
                indicator = item.indicator
                sample = f" ({_('sample')})" if indicator.is_sample else ""
                sheet.append(
                    [
                        indicator.code,
                        indicator.name + sample,
                        indicator.name_en,
                        indicator.get_kind_display(),
                        item.text,
                        indicator.unit,
                        "\n".join(url for _document, url in item.evidence),
                    ]
                )
                sheet.cell(sheet.max_row, 5).alignment = Alignment(wrap_text=True, vertical="top")
        if report.general_evidence:
            sheet.append([])
            sheet.append(["", _("Other evidence"), "", "", "", "", "\n".join(u for _d, u in report.general_evidence)])
        for column, width in zip("ABCDEFG", (10, 60, 40, 16, 60, 14, 50), strict=True):
            sheet.column_dimensions[column].width = width
        buffer = io.BytesIO()
        book.save(buffer)
    return buffer.getvalue()
