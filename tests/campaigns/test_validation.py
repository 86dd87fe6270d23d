import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from campaigns.models import CampaignActivity, CampaignPage, CampaignTarget
from tests.factories.campaigns import campaign_kind

pytestmark = pytest.mark.django_db


def errors_of(instance):
    with pytest.raises(ValidationError) as caught, translation.override("vi"):
        instance.full_clean(exclude=["page", "path", "depth", "slug", "locale", "translation_key"])
    return caught.value.message_dict


def test_campaign_end_before_start_is_explained_in_vietnamese(campaign_index):
    page = CampaignPage(
        title="Tháng Khuyến học",
        kind=campaign_kind(),
        year=2023,
        start_date=datetime.date(2023, 10, 2),
        end_date=datetime.date(2023, 9, 2),
    )
    errors = errors_of(page)
    assert errors["end_date"] == ["Ngày kết thúc (02/09/2023) phải trùng hoặc sau ngày bắt đầu (02/10/2023)."]


def test_campaign_year_must_match_its_dates(campaign_index):
    page = CampaignPage(
        title="Tháng Khuyến học",
        kind=campaign_kind(),
        year=2032,
        start_date=datetime.date(2023, 9, 2),
        end_date=datetime.date(2023, 10, 2),
    )
    assert errors_of(page)["year"] == ["Năm phải là năm diễn ra chiến dịch (2023)."]


def test_campaign_spanning_new_year_accepts_either_year(campaign_index):
    page = CampaignPage(
        title="Đợt thi đua",
        slug="dot-thi-dua",
        kind=campaign_kind(),
        year=2024,
        start_date=datetime.date(2023, 12, 1),
        end_date=datetime.date(2024, 1, 31),
    )
    campaign_index.add_child(instance=page)  # full_clean runs on save and accepts it


def test_activity_dates_are_checked():
    activity = CampaignActivity(
        title="Hội thảo", start_date=datetime.date(2023, 10, 20), end_date=datetime.date(2023, 10, 1)
    )
    assert "end_date" in errors_of(activity)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"target_value": 120}, "target_value", "Tỉ lệ phần trăm không được vượt quá 100."),
        ({"target_value": 0}, "target_value", "Mức chỉ tiêu phải lớn hơn 0."),
        (
            {"achieved_value": 101, "as_of": datetime.date(2023, 10, 2)},
            "achieved_value",
            "Tỉ lệ phần trăm không được vượt quá 100.",
        ),
        ({"achieved_value": 20}, "as_of", "Hãy nhập ngày ghi nhận kết quả đạt được."),
        (
            {"achieved_value": -1, "as_of": datetime.date(2023, 10, 2)},
            "achieved_value",
            "Kết quả đạt được không được là số âm.",
        ),
    ],
)
def test_target_validation(fields, field, message):
    target = CampaignTarget(label="Gia đình học tập", unit="percent", **{"target_value": 60, **fields})
    assert errors_of(target)[field] == [message]


def test_number_targets_may_exceed_one_hundred():
    target = CampaignTarget(
        label="Ban khuyến học", unit="number", target_value=150, achieved_value=180, as_of=datetime.date(2023, 10, 2)
    )
    target.full_clean(exclude=["page"])


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "x")
    client.force_login(user)
    return client


def campaign_form(**overrides):
    data = {
        "title": "Tháng Khuyến học 2024",
        "slug": "thang-khuyen-hoc-2024",
        "kind": campaign_kind().pk,
        "year": "2024",
        "theme": "Học tập suốt đời",
        "start_date": "2024-10-02",
        "end_date": "2024-09-02",
        "purposes": rich_text("<p>Khơi dậy truyền thống hiếu học.</p>"),
        "requirements": rich_text(""),
        "activities": inline_formset(
            [{"title": "Hội thảo", "timing": "Tháng 10/2024", "start_date": "2024-10-20", "end_date": "2024-10-01"}]
        ),
        "targets": inline_formset([{"label": "Gia đình học tập", "target_value": "160", "unit": "percent"}]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_admin_shows_every_error_and_keeps_what_was_typed(admin_client, campaign_index):
    url = reverse("wagtailadmin_pages:add", args=("campaigns", "campaignpage", campaign_index.pk))
    response = admin_client.post(url, campaign_form())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ngày kết thúc (02/09/2024) phải trùng hoặc sau ngày bắt đầu (02/10/2024)." in html
    assert "Ngày kết thúc (01/10/2024) phải trùng hoặc sau ngày bắt đầu (20/10/2024)." in html
    assert "Tỉ lệ phần trăm không được vượt quá 100." in html
    assert 'value="Tháng Khuyến học 2024"' in html
    assert not CampaignPage.objects.filter(slug="thang-khuyen-hoc-2024").exists()


def test_admin_saves_a_valid_campaign_with_activities_and_targets(admin_client, campaign_index):
    url = reverse("wagtailadmin_pages:add", args=("campaigns", "campaignpage", campaign_index.pk))
    form = campaign_form(
        end_date="2024-11-02",
        activities=inline_formset([{"title": "Hội thảo", "timing": "Tháng 10/2024"}]),
        targets=inline_formset([{"label": "Gia đình học tập", "target_value": "60", "unit": "percent"}]),
    )
    response = admin_client.post(url, form)
    assert response.status_code == 302
    page = CampaignPage.objects.get(slug="thang-khuyen-hoc-2024")
    assert [a.title for a in page.activities.all()] == ["Hội thảo"]
    assert [t.label for t in page.targets.all()] == ["Gia đình học tập"]


def test_admin_edit_view_has_tabs(admin_client, campaign):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(campaign.pk,)))
    html = response.content.decode()
    assert response.status_code == 200
    for tab in ("Nội dung", "Nội dung hoạt động", "Chỉ tiêu", "Quảng bá"):
        assert tab in html
    assert "Câu chủ đề của chiến dịch, đúng như trong kế hoạch." in html
