"""Indicator sets are data that editors revise as versions; a version in use keeps its structure."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from network.services import AreaGraph
from reports import services
from reports.figures import Lookup, read
from reports.models import Indicator, IndicatorSetVersion
from reports.services import structure_errors
from tests.factories.reports import framework_version, period, report, user

from .conftest import titles

pytestmark = pytest.mark.django_db


def spec(code, kind="count", **fields):
    base = dict.fromkeys(("numerator", "denominator", "title", "measure"), "")
    flags = {"for_communes": True, "for_districts": False, "for_provinces": False, "for_units": False}
    return {"code": code, "kind": kind, **base, **flags, **fields}


@pytest.mark.parametrize(
    ("indicators", "message"),
    [
        ([spec("A"), spec("A")], "Mã chỉ số A bị dùng hai lần."),
        (
            [spec("R", "rate", numerator="A", denominator="B")],
            "Tỉ lệ R tham chiếu A, nhưng chỉ số này không có trong phiên bản.",
        ),
        (
            [spec("T", "text"), spec("R", "rate", numerator="T", denominator="T")],
            "Tỉ lệ R chỉ được chia số lượng hoặc kinh phí: T không phải loại đó.",
        ),
        (
            [spec("A", for_units=True)],
            "A do địa bàn hoặc đơn vị giáo dục báo cáo, không phải cả hai: nếu không số liệu sẽ bị cộng hai lần.",
        ),
        (
            [spec("A", measure="recognised")],
            "A: số được công nhận hoặc số thuộc diện đánh giá phải là số lượng và ghi rõ danh hiệu.",
        ),
        ([spec("A", for_communes=False)], "Hãy chọn cấp báo cáo chỉ số A."),
    ],
)
def test_a_versions_structure_is_checked(indicators, message):
    assert message in structure_errors([{"code": "1", "indicators": indicators}])


def test_the_shipped_sets_load_with_their_structure_and_samples_marked(version):
    framework = framework_version()
    sections = {s.code: s for s in framework.sections.all()}
    assert [c for c in sections if c.count(".") == 0] == ["1", "2", "3"]
    assert len([c for c in sections if c.count(".") == 1]) == 12
    assert (
        sections["2.2"].name_en == "Revitalising learning in families and communities" and not sections["2.2"].is_sample
    )
    assert all(s.is_sample for c, s in sections.items() if c.count(".") == 2)
    kinds = set(Indicator.objects.filter(section__version=framework).values_list("kind", flat=True))
    assert kinds == {"count", "percentage", "yes_no", "money", "text", "evidence"}
    assert not structure_errors(services.version_structure(version))


def form_data(version, change=None):
    """What the admin's edit form posts for the version, with ``change(code, fields)`` applied."""
    sections = []
    for s_index, section in enumerate(version.sections.all()):
        indicators = []
        for i_index, indicator in enumerate(section.indicators.all()):
            fields = {
                name: getattr(indicator, name)
                for name in (
                    "code",
                    "name",
                    "name_en",
                    "description",
                    "kind",
                    "unit",
                    "numerator",
                    "denominator",
                    "title",
                    "measure",
                    "required",
                    "for_communes",
                    "for_districts",
                    "for_provinces",
                    "for_units",
                    "is_public",
                    "is_sample",
                )
            }
            if change:
                change(indicator.code, fields)
            fields = {k: ("on" if v is True else v) for k, v in fields.items() if v is not False}
            indicators.append({"id": indicator.pk, "ORDER": i_index + 1, "DELETE": "", **fields})
        sections.append(
            {
                "id": section.pk,
                "code": section.code,
                "name": section.name,
                "name_en": section.name_en,
                "description": section.description,
                "ORDER": s_index + 1,
                "DELETE": "",
                "indicators": inline_formset(indicators, initial=len(indicators)),
            }
        )
    return nested_form_data(
        {
            "indicator_set": version.indicator_set_id,
            "number": version.number,
            "label": version.label,
            "source": version.source,
            "notes": version.notes,
            "sections": inline_formset(sections, initial=len(sections)),
        }
    )


def test_a_version_in_use_keeps_its_formulas_but_its_texts_can_be_corrected(client, version, reform):
    used = period(version, 2026, [reform["city"]], commune=datetime.date(2026, 11, 15))
    report(used, reform["N1"], titles(GD=(10, 20)))
    client.force_login(user("quantri", services.MANAGER_GROUP))
    address = reverse("wagtailsnippets_reports_indicatorsetversion:edit", args=[version.pk])

    def rename(code, fields):
        if code == "GD-TS":
            fields["name"] = "Số hộ gia đình thuộc diện đánh giá"
            fields["is_sample"] = False

    assert client.post(address, form_data(version, rename)).status_code == 302
    assert Indicator.objects.get(section__version=version, code="GD-TS").name == "Số hộ gia đình thuộc diện đánh giá"

    def redefine(code, fields):
        if code == "GD-TL":
            fields["denominator"] = "DH-TS"

    response = client.post(address, form_data(version, redefine))
    assert response.status_code == 200
    assert "không thể thay đổi mã, kiểu và công thức (GD-TL)" in response.content.decode()
    assert Indicator.objects.get(section__version=version, code="GD-TL").denominator == "GD-TS"


def test_a_new_version_never_changes_the_figures_of_periods_that_used_an_older_one(client, version, reform):
    old = period(version, 2025, [reform["city"]], commune=datetime.date(2025, 11, 15))
    report(old, reform["N1"], titles(GD=(10, 20)))
    client.force_login(user("quantri", services.MANAGER_GROUP))
    copied = client.post(reverse("reports_admin:copy_version", args=[version.pk]))
    newer = IndicatorSetVersion.objects.get(indicator_set=version.indicator_set, number=2)
    assert copied.url == reverse("wagtailsnippets_reports_indicatorsetversion:edit", args=[newer.pk])
    assert {i.code for i in services.indicators_of(newer)} == {i.code for i in services.indicators_of(version)}

    # The new version divides by another number: free to change, no period uses it yet.
    def revise(code, fields):
        if code == "GD-TL":
            fields["denominator"] = "CDHT-TS"

    assert (
        client.post(
            reverse("wagtailsnippets_reports_indicatorsetversion:edit", args=[newer.pk]), form_data(newer, revise)
        ).status_code
        == 302
    )
    assert Indicator.objects.get(section__version=newer, code="GD-TL").denominator == "CDHT-TS"
    indicators = services.indicators_of(old.version)
    rate = next(i for i in indicators if i.code == "GD-TL")
    figures = Lookup(AreaGraph(), {old.version_id: indicators}).get(old, reform["city"].pk)
    assert read(rate, figures).value == 50


def period_form(version, year, area, **extra):
    return nested_form_data(
        {
            "version": version.pk,
            "year": year,
            "areas": area.pk,
            "notes": "",
            "deadlines": inline_formset([{"level": "commune", "due": "2026-11-15", "ORDER": 1, "DELETE": ""}]),
            **extra,
        }
    )


def test_a_period_per_set_and_year_and_its_version_stays_once_reports_exist(client, version, reform):
    client.force_login(user("quantri", services.MANAGER_GROUP))
    add = reverse("wagtailsnippets_reports_period:add")
    assert client.post(add, period_form(version, 2026, reform["city"])).status_code == 302
    twice = client.post(add, period_form(version, 2026, reform["city"]))
    assert twice.status_code == 200
    assert "Thống kê danh hiệu học tập đã có kỳ báo cáo năm 2026." in twice.content.decode()
    used = version.periods.get(year=2026)
    report(used, reform["N1"], titles(GD=(1, 2)))
    newer = services.copy_version(version)
    edit = reverse("wagtailsnippets_reports_period:edit", args=[used.pk])
    data = period_form(newer, 2026, reform["city"])
    data["deadlines-0-id"] = used.deadlines.get().pk
    data["deadlines-INITIAL_FORMS"] = 1
    refused = client.post(edit, data)
    assert refused.status_code == 200
    assert "không thể đổi phiên bản và năm" in refused.content.decode()
    used.refresh_from_db()
    assert used.version == version
